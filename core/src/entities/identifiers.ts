import { SYSTEM_FIELDS } from '@trellis/sdk';
import { ValidationError } from '../errors.js';

const IDENTIFIER = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** Longest entity name: index names (`ix_<entity>__<field>`) must fit PostgreSQL's 63 bytes. */
export const MAX_ENTITY_NAME = 24;
/** Longest field name, for the same reason. */
export const MAX_FIELD_NAME = 32;
/** Longest relation type key (stored as data, not as an SQL identifier). */
export const MAX_RELATION_TYPE_KEY = 40;

/**
 * Words that are reserved in SQLite or PostgreSQL, or that would confuse the API
 * (`count` is a route segment under /api/records/:entity).
 */
const RESERVED = new Set(
  `abort action add after all alter always analyze and any array as asc attach authorization autoincrement before
  begin between binary both by cascade case cast check collate collation column commit concurrently conflict constraint
  count create cross current current_catalog current_date current_role current_schema current_time current_timestamp
  current_user database default deferrable deferred delete desc detach distinct do drop each else end escape except
  exclude exclusive exists explain fail false fetch filter first following for foreign freeze from full generated glob
  grant group groups having if ignore ilike immediate in index indexed initially inner insert instead intersect into is
  isnull join key last lateral leading left like limit localtime localtimestamp match materialized natural new no not
  nothing notnull null nulls of offset old on only or order others outer over partition plan pragma preceding primary
  query raise range recursive references regexp reindex release rename replace restrict returning right rollback row
  rowid rows savepoint select session_user set similar some symmetric table temp temporary then ties to trailing
  transaction trigger true unbounded union unique update user using vacuum values variadic verbose view virtual when
  where window with without oid ctid xmin xmax cmin cmax tableoid`
    .split(/\s+/)
    .filter(Boolean),
);

/** Names a field may not take because core uses them on every record or in the API. */
const RESERVED_FIELDS = new Set<string>([...SYSTEM_FIELDS, 'and', 'or', 'not']);

function check(name: unknown, path: string, max: number): string {
  if (typeof name !== 'string' || name.length === 0) throw ValidationError.at(path, 'is required');
  if (name.length > max) throw ValidationError.at(path, `must be at most ${max} characters`);
  if (!IDENTIFIER.test(name)) {
    throw ValidationError.at(path, 'must be lower snake case: a letter, then letters, digits and single underscores');
  }
  if (RESERVED.has(name)) throw ValidationError.at(path, `"${name}" is a reserved word`);
  return name;
}

/** Validates an entity name (it becomes a table name). */
export function validateEntityName(name: unknown, path = 'name'): string {
  const valid = check(name, path, MAX_ENTITY_NAME);
  if (valid.startsWith('trellis') || valid.startsWith('knex') || valid.startsWith('pg_') || valid.startsWith('sqlite')) {
    throw ValidationError.at(path, `"${valid}" is reserved for system tables`);
  }
  return valid;
}

/** Validates a field name (it becomes a column name). */
export function validateFieldName(name: unknown, path = 'name'): string {
  const valid = check(name, path, MAX_FIELD_NAME);
  if (RESERVED_FIELDS.has(valid)) throw ValidationError.at(path, `"${valid}" is a system field name`);
  return valid;
}

/** Validates the key of a relation type direction (`employs`, `employed_by`). */
export function validateRelationTypeKey(key: unknown, path = 'key'): string {
  return check(key, path, MAX_RELATION_TYPE_KEY);
}

/** Double-quotes an identifier that has already been validated (both engines accept "..."). */
export function q(identifier: string): string {
  return `"${identifier}"`;
}
