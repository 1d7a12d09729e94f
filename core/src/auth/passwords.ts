import argon2 from 'argon2';
import { ValidationError } from '../errors.js';

/** Shortest password Trellis accepts. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password Trellis accepts (hashing a megabyte on every login attempt would be a denial of service). */
export const MAX_PASSWORD_LENGTH = 1024;

/** Hashes a password with argon2id (the library's default parameters, OWASP-compliant). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Checks a password against a stored hash; false for a malformed hash rather than an error. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** What is wrong with a new password under the policy (a string of 12 to 1024 characters), or null. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return 'must be a string';
  if ([...password].length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  return null;
}

/** Returns the password when the policy accepts it; a ValidationError names `path` otherwise. */
export function assertPasswordPolicy(password: unknown, path = 'password'): string {
  const problem = passwordProblem(password);
  if (problem) throw ValidationError.at(path, problem);
  return password as string;
}
