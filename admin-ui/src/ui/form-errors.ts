import { ApiError, messageOf } from '../api/client.js';

/** Whether `path` is `prefix` or lies under it (`prefix.x`, `prefix[0]`). */
function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** The API's message for one input (`name`, `options.target`), if any. */
export function problemAt(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.forField(path) : undefined;
}

/** What was thrown, as an `Error` a form keeps in its state (an `ApiError` stays one). */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(messageOf(error));
}

/**
 * The messages of `error` that no input shows, for the box above a form: every problem whose
 * path is not under one of `placed`, or the error's own message when it has no problems.
 */
export function unplacedMessages(error: unknown, placed: readonly string[]): string[] {
  if (!error) return [];
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : 'The request failed.'];
  if (!error.errors.length) return [error.message];
  return error.errors
    .filter((problem) => !placed.some((prefix) => under(problem.path, prefix)))
    .map((problem) => (problem.path ? `${problem.path}: ${problem.message}` : problem.message));
}

/** Messages by list index for paths such as `options.choices[2].value` (`list` = `options.choices`). */
export function problemsByIndex(error: unknown, list: string): Map<number, string> {
  const map = new Map<number, string>();
  if (!(error instanceof ApiError)) return map;
  const prefix = `${list}[`;
  for (const problem of error.errors) {
    if (!problem.path.startsWith(prefix)) continue;
    const index = Number.parseInt(problem.path.slice(prefix.length), 10);
    if (Number.isNaN(index)) continue;
    const rest = problem.path.slice(prefix.length).replace(/^\d+\]\.?/, '');
    const message = rest && !rest.startsWith('options.choices') ? `${rest}: ${problem.message}` : problem.message;
    map.set(index, [map.get(index), message].filter(Boolean).join('; '));
  }
  return map;
}
