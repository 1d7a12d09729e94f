import { FILTER_OPERATORS, type FieldMetadata, type FilterOperator } from '@trellis/sdk';
import type { Dialect } from '../db/connect.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import { fieldType, OperandError, type SqlFragment } from '../entities/field-types/index.js';
import { q } from '../entities/identifiers.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { ValidationError } from '../errors.js';
import { readableObject, scopeCondition, viewOf, type ReadGrants } from './record-access.js';
import { relationCondition, type RelationTypeLookup } from './relation-filter.js';
import { and, or, placeholders } from './sql.js';
import { isJsonObject } from '../json-object.js';

const MAX_DEPTH = 12;
const MAX_LIST = 1000;
const OPERATORS = new Set<string>(FILTER_OPERATORS);

/** The metadata a filter is checked against. */
export interface FilterContext {
  store: MetadataStore;
  relationTypes: RelationTypeLookup;
  dialect: Dialect;
  /** The user's rights: records behind lookups and relations are limited to those they may read. */
  grants?: ReadGrants;
}

/** Where a compilation is: the table alias in scope and a counter for sub-query aliases. */
interface Scope extends FilterContext {
  entity: EntityRuntime;
  alias: string;
  aliases: { next: number };
}

/**
 * Compiles the JSON filter grammar into one SQL condition with bindings. Every field and
 * operator is checked against metadata; identifiers come only from metadata and values only
 * travel as bindings. Dotted paths through lookups become `IN (SELECT id ...)` sub-queries,
 * which use the lookup column's index; `$relation` tests become EXISTS over the relations table.
 * Under a user's grants, a record behind a lookup or relation that the user may not read counts
 * as absent, and hidden fields as unknown.
 */
export function compileFilter(filter: unknown, entity: EntityRuntime, alias: string, context: FilterContext): SqlFragment {
  return node(filter, { ...context, entity, alias, aliases: { next: 1 } }, 'filter', 0);
}

function node(value: unknown, scope: Scope, path: string, depth: number): SqlFragment {
  if (depth > MAX_DEPTH) throw ValidationError.at(path, `filters may nest at most ${MAX_DEPTH} levels`);
  if (!isJsonObject(value)) throw ValidationError.at(path, 'must be an object');
  const parts: SqlFragment[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const here = `${path}.${key}`;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(inner)) throw ValidationError.at(here, 'must be an array of filters');
      const children = inner.map((child, index) => node(child, scope, `${here}[${index}]`, depth + 1));
      parts.push(key === 'and' ? and(children) : or(children));
    } else if (key === 'not') {
      const child = node(inner, scope, here, depth + 1);
      // COALESCE makes `not` the exact complement even where the inner test meets NULLs.
      parts.push({ sql: `NOT COALESCE((${child.sql}), FALSE)`, bindings: child.bindings });
    } else if (key === '$relation') {
      parts.push(relation(inner, scope, here, depth));
    } else if (key.startsWith('$')) {
      throw ValidationError.at(here, `unknown filter keyword "${key}"`);
    } else {
      parts.push(fieldPath(key.split('.'), inner, scope, here, depth));
    }
  }
  return and(parts);
}

function relation(value: unknown, scope: Scope, path: string, depth: number): SqlFragment {
  const relationAlias = `r${scope.aliases.next++}`;
  return relationCondition(
    value,
    scope.entity,
    scope.alias,
    relationAlias,
    scope.relationTypes,
    (name, where) => {
      const entity = scope.store.find(name);
      if (!entity) throw ValidationError.at(where, `entity "${name}" does not exist`);
      return viewOf(entity, scope.grants ?? null);
    },
    (filter, entity, where) => {
      const alias = `t${scope.aliases.next++}`;
      return { ...node(filter, { ...scope, entity, alias }, where, depth + 1), alias };
    },
    path,
    (r, entities) => readableObject(scope.grants ?? null, scope.store, r, entities, () => `t${scope.aliases.next++}`),
  );
}

function lookupField(scope: Scope, name: string, path: string): FieldMetadata {
  const field = scope.entity.fields.get(name);
  if (!field) throw ValidationError.at(path, `"${name}" is not a field of ${scope.entity.name}`);
  return field;
}

function fieldPath(segments: string[], condition: unknown, scope: Scope, path: string, depth: number): SqlFragment {
  const [head, ...rest] = segments as [string, ...string[]];
  const field = lookupField(scope, head, path);
  if (rest.length === 0) return fieldCondition(field, condition, scope, path);
  if (field.type !== 'lookup') throw ValidationError.at(path, `"${head}" is not a lookup, so "${rest.join('.')}" cannot follow it`);
  const grants = scope.grants ?? null;
  const target = viewOf(scope.store.get(field.options.target as string), grants);
  const alias = `t${scope.aliases.next++}`;
  const inner = fieldPath(rest, condition, { ...scope, entity: target, alias }, path, depth + 1);
  const readable = scopeCondition(grants, target.name, 'read', alias);
  const where = readable ? and([inner, readable]) : inner;
  const column = `${scope.alias}.${q(head)}`;
  const linked = `${column} IN (SELECT ${alias}."id" FROM ${target.table} AS ${alias} WHERE ${where.sql})`;
  // With no linked record every field behind the lookup reads as NULL, so a condition that
  // NULL satisfies (ne, nin, isNull) matches it too, as it would on the record's own fields.
  // A linked record the user may not read counts as no linked record.
  if (!matchesNull(condition)) return { sql: linked, bindings: where.bindings };
  if (!readable) return { sql: `(${column} IS NULL OR ${linked})`, bindings: where.bindings };
  const hiddenAlias = `t${scope.aliases.next++}`;
  const unreadable = scopeCondition(grants, target.name, 'read', hiddenAlias) as SqlFragment;
  const outside = `${column} NOT IN (SELECT ${hiddenAlias}."id" FROM ${target.table} AS ${hiddenAlias} WHERE ${unreadable.sql})`;
  return { sql: `(${column} IS NULL OR ${outside} OR ${linked})`, bindings: [...unreadable.bindings, ...where.bindings] };
}

/** Whether a (valid) field condition holds for a NULL value. */
function matchesNull(condition: unknown): boolean {
  if (!isJsonObject(condition)) return condition === null;
  return Object.entries(condition).every(([op, value]) =>
    op === 'ne' ? value !== null : op === 'nin' || (op === 'isNull' && value === true) || (op === 'eq' && value === null),
  );
}

function fieldCondition(field: FieldMetadata, condition: unknown, scope: Scope, path: string): SqlFragment {
  if (!isJsonObject(condition)) return operator(field, 'eq', condition, scope, `${path}.eq`);
  const entries = Object.entries(condition);
  if (entries.length === 0) throw ValidationError.at(path, 'needs at least one operator');
  return and(entries.map(([op, value]) => operator(field, op, value, scope, `${path}.${op}`)));
}

function operand(field: FieldMetadata, value: unknown, path: string): unknown {
  try {
    return fieldType(field.type).operand(value, field);
  } catch (error) {
    if (error instanceof OperandError) throw ValidationError.at(path, error.message);
    throw error;
  }
}

function list(field: FieldMetadata, value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw ValidationError.at(path, 'must be an array');
  if (value.length > MAX_LIST) throw ValidationError.at(path, `may hold at most ${MAX_LIST} values`);
  return value.map((item, index) => operand(field, item, `${path}[${index}]`));
}

function likePattern(value: string, op: FilterOperator): string {
  const escaped = value.replace(/[\\%_]/g, (char) => `\\${char}`);
  return op === 'contains' ? `%${escaped}%` : op === 'startsWith' ? `${escaped}%` : `%${escaped}`;
}

function operator(field: FieldMetadata, op: string, value: unknown, scope: Scope, path: string): SqlFragment {
  const module = fieldType(field.type);
  if (!OPERATORS.has(op)) throw ValidationError.at(path, `unknown operator "${op}"; use one of ${FILTER_OPERATORS.join(', ')}`);
  const known = op as FilterOperator;
  if (!module.operators.includes(known)) {
    throw ValidationError.at(path, `operator "${op}" does not apply to ${field.type} fields; use one of ${module.operators.join(', ')}`);
  }
  const name = module.sortColumn(field) ?? field.name;
  const col = `${scope.alias}.${q(name)}`;
  if (known === 'isNull') {
    if (typeof value !== 'boolean') throw ValidationError.at(path, 'must be true or false');
    return { sql: `${col} IS ${value ? '' : 'NOT '}NULL`, bindings: [] };
  }
  if ((known === 'eq' || known === 'ne') && value === null) {
    return { sql: `${col} IS ${known === 'eq' ? '' : 'NOT '}NULL`, bindings: [] };
  }
  if (module.filter) {
    const converted = known === 'in' || known === 'nin' ? list(field, value, path) : operand(field, value, path);
    const custom = module.filter(known, converted, col, field, scope.dialect);
    if (custom) return custom;
  }
  const convert = (item: unknown, where: string) => operand(field, item, where);
  switch (known) {
    case 'eq':
      return { sql: `${col} = ?`, bindings: [convert(value, path)] };
    case 'ne':
      return { sql: `(${col} <> ? OR ${col} IS NULL)`, bindings: [convert(value, path)] };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const sign = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[known];
      return { sql: `${col} ${sign} ?`, bindings: [convert(value, path)] };
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) throw ValidationError.at(path, 'must be an array of two values [from, to]');
      return { sql: `${col} BETWEEN ? AND ?`, bindings: [convert(value[0], `${path}[0]`), convert(value[1], `${path}[1]`)] };
    }
    case 'in':
    case 'nin': {
      if (!Array.isArray(value)) throw ValidationError.at(path, 'must be an array');
      if (value.length > MAX_LIST) throw ValidationError.at(path, `may hold at most ${MAX_LIST} values`);
      const values = value.map((item, index) => convert(item, `${path}[${index}]`));
      if (values.length === 0) return { sql: known === 'in' ? '1=0' : '1=1', bindings: [] };
      const sql =
        known === 'in'
          ? `${col} IN (${placeholders(values.length)})`
          : `(${col} NOT IN (${placeholders(values.length)}) OR ${col} IS NULL)`;
      return { sql, bindings: values };
    }
    case 'contains':
    case 'startsWith':
    case 'endsWith': {
      const text = convert(value, path);
      if (typeof text !== 'string') throw ValidationError.at(path, 'must be a string');
      const like = scope.dialect === 'postgres' ? 'ILIKE' : 'LIKE';
      return { sql: `${col} ${like} ? ESCAPE '\\'`, bindings: [likePattern(text, known)] };
    }
  }
}
