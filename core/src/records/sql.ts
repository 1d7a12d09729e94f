import type { SqlFragment } from '../entities/field-types/index.js';

/** Joins fragments with AND (an empty list is TRUE). */
export function and(parts: SqlFragment[]): SqlFragment {
  if (parts.length === 0) return { sql: '1=1', bindings: [] };
  if (parts.length === 1) return parts[0]!;
  return { sql: parts.map((part) => `(${part.sql})`).join(' AND '), bindings: parts.flatMap((part) => part.bindings) };
}

/** Joins fragments with OR (an empty list is FALSE). */
export function or(parts: SqlFragment[]): SqlFragment {
  if (parts.length === 0) return { sql: '1=0', bindings: [] };
  if (parts.length === 1) return parts[0]!;
  return { sql: parts.map((part) => `(${part.sql})`).join(' OR '), bindings: parts.flatMap((part) => part.bindings) };
}

/** `?, ?, ?` for n values. */
export function placeholders(count: number): string {
  return new Array<string>(count).fill('?').join(', ');
}
