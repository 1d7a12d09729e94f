import type { ParsedUrlQuery } from 'node:querystring';
import { ValidationError } from '../errors.js';

/** A query-string parameter given at most once (`?limit=1&limit=2` is a 400 naming it). */
export function single(query: ParsedUrlQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw ValidationError.at(name, 'may be given only once');
  return value;
}
