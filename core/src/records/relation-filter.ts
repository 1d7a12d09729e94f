import { isRecordId, type SqlFragment } from '../entities/field-types/index.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import { ValidationError } from '../errors.js';
import { and } from './sql.js';
import { isJsonObject } from '../json-object.js';

/** What the filter needs to know of a relation type (one direction of it). */
export interface RelationTypeShape {
  key: string;
  /** Entities allowed as subject; empty means any. */
  subjectEntities: readonly string[];
  /** Entities allowed as object; empty means any. */
  objectEntities: readonly string[];
}

/** Finds relation types by key (implemented by the relation engine's store). */
export interface RelationTypeLookup {
  findRelationType(key: string): RelationTypeShape | undefined;
}

/** Compiles a nested filter on another entity, in a fresh alias (provided by the field compiler). */
export type NestedFilter = (filter: unknown, entity: EntityRuntime, path: string) => { sql: string; bindings: unknown[]; alias: string };

const KEYS = new Set(['type', 'to', 'where', 'entity', 'exists', 'count']);
const COUNT_OPS: Record<string, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const MAX_COUNT = 1_000_000;

/**
 * `{"$relation": {...}}`: whether the record has relations of a type — to one record (`to`),
 * to records matching a filter (`where`, on `entity` when the type allows several), none at all
 * (`exists: false`), or how many (`count: {gte: 3}`). Compiled to EXISTS or a correlated COUNT
 * over trellis_relations, which the (subject_id, type, object_id) index answers. `readable` limits
 * the related records to those the user may read (given the entities they may belong to).
 */
export function relationCondition(
  value: unknown,
  subject: EntityRuntime,
  subjectAlias: string,
  relationAlias: string,
  lookup: RelationTypeLookup,
  resolveEntity: (name: string, path: string) => EntityRuntime,
  nested: NestedFilter,
  path: string,
  readable: (relationAlias: string, objectEntities: readonly string[]) => SqlFragment | null = () => null,
): SqlFragment {
  if (!isJsonObject(value)) throw ValidationError.at(path, 'must be an object such as {"type": "employed_by"}');
  for (const key of Object.keys(value)) {
    if (!KEYS.has(key)) throw ValidationError.at(`${path}.${key}`, `is not a relation test; use type, to, where, entity, exists or count`);
  }
  const type = relationType(value.type, subject, lookup, `${path}.type`);
  const r = relationAlias;
  const parts: SqlFragment[] = [{ sql: `${r}."subject_id" = ${subjectAlias}."id" AND ${r}."type" = ?`, bindings: [type.key] }];
  const objectEntity = objectEntityOf(value, type, `${path}.entity`);
  let join = '';
  if (objectEntity !== undefined && value.entity !== undefined) parts.push({ sql: `${r}."object_entity" = ?`, bindings: [objectEntity] });
  if (value.to !== undefined) parts.push(target(value.to, type, r, `${path}.to`));
  if (value.where !== undefined) {
    if (objectEntity === undefined) {
      throw ValidationError.at(`${path}.entity`, `is required with "where": ${type.key} links to several entities; name the one to filter`);
    }
    const target = resolveEntity(objectEntity, `${path}.entity`);
    const inner = nested(value.where, target, `${path}.where`);
    // A join, not `object_id IN (SELECT …)`: with IN, SQLite probes the relations index once per
    // matching target for every candidate record (seconds at a million rows); joined, it follows
    // the record's few relations through the edge index and checks each target by primary key.
    join = ` JOIN ${target.table} AS ${inner.alias} ON ${inner.alias}."id" = ${r}."object_id"`;
    parts.push({ sql: inner.sql, bindings: inner.bindings });
  }
  const visible = readable(r, objectEntity !== undefined ? [objectEntity] : type.objectEntities);
  if (visible) parts.push(visible);
  const where = and(parts);
  const from = `FROM "trellis_relations" AS ${r}${join} WHERE ${where.sql}`;
  if (value.count !== undefined) {
    if (value.exists !== undefined) throw ValidationError.at(`${path}.count`, 'cannot be combined with exists');
    return countCondition(value.count, from, where.bindings, `${path}.count`);
  }
  if (value.exists !== undefined && typeof value.exists !== 'boolean') throw ValidationError.at(`${path}.exists`, 'must be true or false');
  return { sql: `${value.exists === false ? 'NOT ' : ''}EXISTS (SELECT 1 ${from})`, bindings: where.bindings };
}

function relationType(key: unknown, subject: EntityRuntime, lookup: RelationTypeLookup, path: string): RelationTypeShape {
  if (typeof key !== 'string' || key === '') throw ValidationError.at(path, 'is required: the key of a relation type');
  const type = lookup.findRelationType(key);
  if (!type) throw ValidationError.at(path, `relation type "${key}" does not exist`);
  if (type.subjectEntities.length > 0 && !type.subjectEntities.includes(subject.name)) {
    throw ValidationError.at(path, `${subject.name} records cannot have ${key} relations; allowed: ${type.subjectEntities.join(', ')}`);
  }
  return type;
}

/** The entity a nested filter runs on: named, or the type's only object entity. */
function objectEntityOf(value: Record<string, unknown>, type: RelationTypeShape, path: string): string | undefined {
  if (value.entity === undefined) return type.objectEntities.length === 1 ? type.objectEntities[0] : undefined;
  if (typeof value.entity !== 'string') throw ValidationError.at(path, 'must be an entity name');
  if (type.objectEntities.length > 0 && !type.objectEntities.includes(value.entity)) {
    throw ValidationError.at(path, `${type.key} does not link to ${value.entity}; allowed: ${type.objectEntities.join(', ')}`);
  }
  return value.entity;
}

function target(to: unknown, type: RelationTypeShape, r: string, path: string): SqlFragment {
  if (!isJsonObject(to)) throw ValidationError.at(path, 'must be {"entity": "...", "id": "..."}');
  if (!isRecordId(to.id)) throw ValidationError.at(`${path}.id`, 'must be a record id');
  if (to.entity !== undefined && typeof to.entity !== 'string') throw ValidationError.at(`${path}.entity`, 'must be an entity name');
  if (typeof to.entity === 'string' && type.objectEntities.length > 0 && !type.objectEntities.includes(to.entity)) {
    throw ValidationError.at(`${path}.entity`, `${type.key} does not link to ${to.entity}`);
  }
  return to.entity === undefined
    ? { sql: `${r}."object_id" = ?`, bindings: [to.id] }
    : { sql: `${r}."object_id" = ? AND ${r}."object_entity" = ?`, bindings: [to.id, to.entity] };
}

function countCondition(count: unknown, from: string, bindings: unknown[], path: string): SqlFragment {
  if (!isJsonObject(count) || Object.keys(count).length === 0) throw ValidationError.at(path, 'must be an object such as {"gte": 3}');
  const parts: SqlFragment[] = [];
  for (const [op, value] of Object.entries(count)) {
    const sign = COUNT_OPS[op];
    if (!sign) throw ValidationError.at(`${path}.${op}`, `unknown operator; use one of ${Object.keys(COUNT_OPS).join(', ')}`);
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_COUNT) {
      throw ValidationError.at(`${path}.${op}`, 'must be a whole number, 0 or more');
    }
    parts.push({ sql: `(SELECT COUNT(*) ${from}) ${sign} ?`, bindings: [...bindings, value] });
  }
  return and(parts);
}
