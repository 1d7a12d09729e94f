import type { FieldProblem } from '@trellis/sdk';
import { ValidationError } from '../errors.js';
import { eventPatternProblem } from './event-selection.js';

/** What a client may set on a webhook. */
export interface WebhookInput {
  url: string;
  events: string[];
  entities: string[] | null;
  secret: string;
  active: boolean;
  description: string;
}

/** Shortest accepted secret: 16 characters, so signatures cannot be forged by guessing it. */
export const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 256;
const MAX_URL_LENGTH = 2048;
const MAX_EVENTS = 50;
const MAX_ENTITIES = 100;
const MAX_DESCRIPTION_LENGTH = 500;

type EntityExists = (name: string) => Promise<boolean>;

function urlOf(value: unknown, problems: FieldProblem[]): string | undefined {
  const problem = (message: string) => void problems.push({ path: 'url', message });
  if (typeof value !== 'string' || !value.trim()) return problem('must be an absolute http:// or https:// URL');
  if (value.length > MAX_URL_LENGTH) return problem(`must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return problem('must be an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return problem(`must use http or https, not ${url.protocol.slice(0, -1)}`);
  if (url.username || url.password) return problem('must not carry credentials; receivers check the signature instead');
  return url.toString();
}

function eventsOf(value: unknown, problems: FieldProblem[]): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_EVENTS) {
    problems.push({ path: 'events', message: `must be an array of 1 to ${MAX_EVENTS} event types` });
    return undefined;
  }
  const before = problems.length;
  value.forEach((pattern: unknown, index) => {
    const problem = typeof pattern === 'string' ? eventPatternProblem(pattern) : 'must be a string';
    if (problem) problems.push({ path: `events[${index}]`, message: problem });
  });
  return problems.length === before ? [...new Set(value as string[])] : undefined;
}

async function entitiesOf(value: unknown, problems: FieldProblem[], entityExists: EntityExists): Promise<string[] | null | undefined> {
  if (value === null) return null;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ENTITIES) {
    problems.push({ path: 'entities', message: `must be an array of 1 to ${MAX_ENTITIES} entity names, or null for every entity` });
    return undefined;
  }
  const before = problems.length;
  for (const [index, name] of value.entries()) {
    if (typeof name !== 'string' || !(await entityExists(name))) problems.push({ path: `entities[${index}]`, message: 'is not an entity' });
  }
  return problems.length === before ? [...new Set(value as string[])] : undefined;
}

function secretOf(value: unknown, problems: FieldProblem[]): string | undefined {
  if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH && value.length <= MAX_SECRET_LENGTH) return value;
  problems.push({
    path: 'secret',
    message: `must be a string of ${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} characters; leave it out to have one generated`,
  });
  return undefined;
}

function activeOf(value: unknown, problems: FieldProblem[]): boolean | undefined {
  if (typeof value === 'boolean') return value;
  problems.push({ path: 'active', message: 'must be true or false' });
  return undefined;
}

function descriptionOf(value: unknown, problems: FieldProblem[]): string | undefined {
  if (typeof value === 'string' && value.length <= MAX_DESCRIPTION_LENGTH) return value;
  problems.push({ path: 'description', message: `must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters` });
  return undefined;
}

/** One checker per property: returns the clean value, or undefined after noting the problem. */
const CHECKS: Record<keyof WebhookInput, (value: unknown, problems: FieldProblem[], entityExists: EntityExists) => unknown> = {
  url: urlOf,
  events: eventsOf,
  entities: entitiesOf,
  secret: secretOf,
  active: activeOf,
  description: descriptionOf,
};

/**
 * Reads a webhook create or update body, collecting every problem into one 400. A create must
 * name `url` and `events`; an update may send any subset. The secret is left out when not sent
 * (a create then generates one).
 */
export async function readWebhookInput(
  body: unknown,
  mode: 'create' | 'update',
  entityExists: EntityExists,
): Promise<Partial<WebhookInput>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw ValidationError.at('body', 'must be a JSON object');
  const raw = body as Record<string, unknown>;
  const problems: FieldProblem[] = Object.keys(raw)
    .filter((key) => !Object.hasOwn(CHECKS, key))
    .map((key) => ({ path: key, message: 'is not a webhook property' }));
  if (mode === 'create') {
    for (const key of ['url', 'events'] as const) if (raw[key] === undefined) problems.push({ path: key, message: 'is required' });
  }
  const input: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(CHECKS)) {
    if (raw[key] !== undefined) input[key] = await check(raw[key], problems, entityExists);
  }
  if (problems.length) throw new ValidationError(problems);
  return input;
}
