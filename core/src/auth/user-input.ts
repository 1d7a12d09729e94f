import type { FieldProblem } from '@trellis/sdk';
import { ValidationError } from '../errors.js';
import { passwordProblem } from './passwords.js';

/** What a create or a change of a user may set. */
export interface UserInput {
  email: string;
  name: string;
  password: string;
  isAdmin: boolean;
  active: boolean;
  /** Team ids. */
  teams: string[];
  /** Role names. */
  roles: string[];
}

const KEYS = new Set<string>(['email', 'name', 'password', 'isAdmin', 'active', 'teams', 'roles']);
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;.]+(?:\.[^\s@<>()",;.]+)+$/;

/** E-mails are compared trimmed and in lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkString(path: string, value: unknown, problems: FieldProblem[]): void {
  if (typeof value !== 'string' || !value.trim() || value.length > 200)
    problems.push({ path, message: 'must be a non-blank string of at most 200 characters' });
}

const CHECKS: Record<keyof UserInput, (value: unknown, problems: FieldProblem[]) => void> = {
  email(value, problems) {
    if (typeof value !== 'string' || value.length > 320 || !EMAIL.test(normaliseEmail(value)))
      problems.push({ path: 'email', message: 'must be an e-mail address' });
  },
  name: (value, problems) => checkString('name', value, problems),
  password(value, problems) {
    const problem = passwordProblem(value);
    if (problem) problems.push({ path: 'password', message: problem });
  },
  isAdmin(value, problems) {
    if (typeof value !== 'boolean') problems.push({ path: 'isAdmin', message: 'must be true or false' });
  },
  active(value, problems) {
    if (typeof value !== 'boolean') problems.push({ path: 'active', message: 'must be true or false' });
  },
  teams: (value, problems) => checkList('teams', value, problems),
  roles: (value, problems) => checkList('roles', value, problems),
};

function checkList(path: string, value: unknown, problems: FieldProblem[]): void {
  if (!Array.isArray(value)) return void problems.push({ path, message: 'must be an array of strings' });
  value.forEach((item, index) => {
    if (typeof item !== 'string' || !item) problems.push({ path: `${path}[${index}]`, message: 'must be a non-empty string' });
  });
}

/**
 * Reads the body of `POST /api/users` (`required` names what must be there) or
 * `PATCH /api/users/:id` (nothing required). Unknown keys and bad values are a
 * ValidationError naming each; the e-mail comes back normalised and lists without duplicates.
 */
export function readUserInput(body: unknown, required: ReadonlyArray<keyof UserInput>): Partial<UserInput> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw ValidationError.at('body', 'must be a JSON object');
  const input = body as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(input)) if (!KEYS.has(key)) problems.push({ path: key, message: 'is not a user field' });
  for (const key of required) if (input[key] === undefined) problems.push({ path: key, message: 'is required' });
  for (const [key, check] of Object.entries(CHECKS)) if (input[key] !== undefined) check(input[key], problems);
  if (problems.length) throw new ValidationError(problems);
  const result = { ...input } as Partial<UserInput>;
  if (result.email !== undefined) result.email = normaliseEmail(result.email);
  if (result.name !== undefined) result.name = result.name.trim();
  if (result.teams) result.teams = [...new Set(result.teams)];
  if (result.roles) result.roles = [...new Set(result.roles)];
  return result;
}
