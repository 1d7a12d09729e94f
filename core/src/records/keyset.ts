import type { FieldMetadata } from '@trellis/sdk';
import type { Dialect } from '../db/connect.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import { fieldType, OperandError, type SqlFragment } from '../entities/field-types/index.js';
import { q } from '../entities/identifiers.js';
import { ValidationError } from '../errors.js';
import { and, or } from './sql.js';

/** One term of an ORDER BY. The last key is always `id`, so every row has one place. */
export interface SortKey {
  field: string;
  column: string;
  desc: boolean;
  /** The field itself: its type says what a cursor may hold for this key. */
  definition: FieldMetadata;
}

const MAX_SORT_KEYS = 4;

/** Parses `sort=-score,last_name`; the default is newest first (ids are time-ordered). */
export function parseSort(raw: string | undefined, entity: EntityRuntime): SortKey[] {
  const terms = (raw ?? '')
    .split(',')
    .map((term) => term.trim())
    .filter(Boolean);
  if (terms.length > MAX_SORT_KEYS) throw ValidationError.at('sort', `may name at most ${MAX_SORT_KEYS} fields`);
  const keys: SortKey[] = [];
  for (const term of terms) {
    const desc = term.startsWith('-');
    const name = desc || term.startsWith('+') ? term.slice(1) : term;
    const field: FieldMetadata | undefined = entity.fields.get(name);
    if (!field) throw ValidationError.at('sort', `"${name}" is not a field of ${entity.name}`);
    const column = fieldType(field.type).sortColumn(field);
    if (!column) throw ValidationError.at('sort', `${field.type} fields cannot be sorted`);
    if (keys.some((key) => key.field === name)) throw ValidationError.at('sort', `"${name}" is named twice`);
    keys.push({ field: name, column, desc, definition: field });
  }
  if (!keys.some((key) => key.field === 'id'))
    keys.push({ field: 'id', column: 'id', desc: keys.at(-1)?.desc ?? true, definition: entity.fields.get('id')! });
  return keys.slice(0, keys.findIndex((key) => key.field === 'id') + 1);
}

function signature(keys: SortKey[]): string {
  return keys.map((key) => `${key.desc ? '-' : ''}${key.field}`).join(',');
}

/** The cursor pointing just after a row: its sort values, tied to the sort it was made for. */
export function encodeCursor(row: Record<string, unknown>, keys: SortKey[]): string {
  return Buffer.from(JSON.stringify({ s: signature(keys), v: keys.map((key) => row[key.column] ?? null) })).toString('base64url');
}

/** Reads a cursor back; a 400 when it is damaged or was made for another sort. */
export function decodeCursor(cursor: string, keys: SortKey[]): unknown[] {
  let parsed: { s?: unknown; v?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; v?: unknown };
  } catch {
    throw ValidationError.at('cursor', 'is not a cursor this server issued');
  }
  if (typeof parsed !== 'object' || parsed === null) throw ValidationError.at('cursor', 'is not a cursor this server issued');
  if (parsed.s !== signature(keys)) throw ValidationError.at('cursor', 'was issued for another sort order; start again without it');
  const values = parsed.v;
  const scalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
  if (
    !Array.isArray(values) ||
    values.length !== keys.length ||
    !values.every(scalar) ||
    typeof values.at(-1) !== 'string' ||
    !values.every((value, index) => fitsKey(value, keys[index]!))
  ) {
    throw ValidationError.at('cursor', 'is not a cursor this server issued');
  }
  return values;
}

const NUMERIC_TYPES = new Set<string>(['integer', 'decimal', 'percent', 'currency']);

/**
 * Whether a cursor value can be compared with the key's column: a forged cursor must be a 400,
 * not a database error (PostgreSQL refuses to compare a bigint or a date with arbitrary text).
 */
function fitsKey(value: unknown, key: SortKey): boolean {
  if (value === null) return true;
  // A plugin's field type is stored and sorted like its base.
  const module = fieldType(key.definition.type);
  const type = module.base ?? key.definition.type;
  if (NUMERIC_TYPES.has(type)) return typeof value === 'number' && Number.isFinite(value);
  // SQLite keeps booleans as 0 and 1.
  if (type === 'boolean') return typeof value === 'boolean' || value === 0 || value === 1;
  if (typeof value !== 'string') return false;
  if (type !== 'date' && type !== 'datetime') return true;
  try {
    module.operand(value, key.definition);
    return true;
  } catch (error) {
    if (error instanceof OperandError) return false;
    throw error;
  }
}

/**
 * ORDER BY with NULLs first ascending and last descending on both engines (SQLite's own
 * order; PostgreSQL indexes are built NULLS FIRST to match).
 */
export function orderBy(keys: SortKey[], alias: string, dialect: Dialect): string {
  return keys
    .map((key) => {
      const nulls = dialect === 'postgres' && key.field !== 'id' ? (key.desc ? ' NULLS LAST' : ' NULLS FIRST') : '';
      return `${alias}.${q(key.column)} ${key.desc ? 'DESC' : 'ASC'}${nulls}`;
    })
    .join(', ');
}

/**
 * The conditions selecting the rows after a cursor, as consecutive segments to read in order.
 * With one sort field (the common case) each segment is a single index range: the row-value
 * comparison `(col, id) > (?, ?)` skips NULLs, which come as their own segment. With several
 * fields one segment holds the general lexicographic condition.
 */
export function afterCursor(keys: SortKey[], values: unknown[], alias: string): SqlFragment[] {
  const col = (key: SortKey) => `${alias}.${q(key.column)}`;
  if (keys.length === 1) {
    return [{ sql: `${col(keys[0]!)} ${keys[0]!.desc ? '<' : '>'} ?`, bindings: [values[0]] }];
  }
  if (keys.length === 2) {
    const [key, id] = keys as [SortKey, SortKey];
    const [value, lastId] = values;
    const idAfter = { sql: `${col(id)} ${id.desc ? '<' : '>'} ?`, bindings: [lastId] };
    const isNull = { sql: `${col(key)} IS NULL`, bindings: [] };
    if (key.desc === id.desc) {
      if (value === null) {
        return key.desc ? [and([isNull, idAfter])] : [and([isNull, idAfter]), { sql: `${col(key)} IS NOT NULL`, bindings: [] }];
      }
      const rowValue = { sql: `(${col(key)}, ${col(id)}) ${key.desc ? '<' : '>'} (?, ?)`, bindings: [value, lastId] };
      return key.desc ? [rowValue, isNull] : [rowValue];
    }
  }
  return [lexicographic(keys, values, col)];
}

function lexicographic(keys: SortKey[], values: unknown[], col: (key: SortKey) => string): SqlFragment {
  const branches: SqlFragment[] = [];
  keys.forEach((key, index) => {
    const equal = keys
      .slice(0, index)
      .map((prior, j) =>
        values[j] === null ? { sql: `${col(prior)} IS NULL`, bindings: [] } : { sql: `${col(prior)} = ?`, bindings: [values[j]] },
      );
    const value = values[index];
    let after: SqlFragment;
    if (value === null) after = key.desc ? { sql: '1=0', bindings: [] } : { sql: `${col(key)} IS NOT NULL`, bindings: [] };
    else if (key.desc) after = { sql: `(${col(key)} < ? OR ${col(key)} IS NULL)`, bindings: [value] };
    else after = { sql: `${col(key)} > ?`, bindings: [value] };
    branches.push(and([...equal, after]));
  });
  return or(branches);
}
