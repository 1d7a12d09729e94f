import type { FieldProblem, PermissionAction, TrellisRecord } from '@trellis/sdk';
import type { Grants } from '../access/grants.js';
import { NO_ROWS } from '../access/grants.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import type { SqlFragment } from '../entities/field-types/index.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import type { SqlRunner } from '../db/sql-runner.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { and } from './sql.js';

/** The rights a records call runs under: null when nothing restricts the actor (admins, plugins, jobs, core). */
export type ReadGrants = Grants | null;

const views = new WeakMap<EntityRuntime, Map<string, EntityRuntime>>();

/**
 * The entity as the user may see it: without the fields their roles hide, so every use of a
 * field (fields, sort, filter, q, expand, output) treats a hidden field as one that does not
 * exist. Built once per entity and set of hidden fields.
 */
export function viewOf(entity: EntityRuntime, grants: ReadGrants): EntityRuntime {
  const hidden = grants?.entity(entity.name).hidden;
  if (!hidden?.size) return entity;
  const key = [...hidden].sort().join(',');
  let byKey = views.get(entity);
  if (!byKey) views.set(entity, (byKey = new Map<string, EntityRuntime>()));
  let view = byKey.get(key);
  if (!view) {
    const meta = { ...entity.meta, fields: entity.meta.fields.filter((field) => !hidden.has(field.name)) };
    view = Object.assign(Object.create(Object.getPrototypeOf(entity) as object) as EntityRuntime, entity, {
      meta,
      fields: new Map(meta.fields.map((field) => [field.name, field])),
      userFields: meta.fields.filter((field) => !field.system),
      selectList: entity.columnsOf(meta.fields).join(', '),
    });
    byKey.set(key, view);
  }
  return view;
}

/** The condition limiting `alias`'s rows to those the action reaches; null when it reaches all. */
export function scopeCondition(grants: ReadGrants, entity: string, action: PermissionAction, alias: string): SqlFragment | null {
  return grants ? grants.condition(entity, action, alias) : null;
}

/** `base AND condition` when there is a condition. */
export function restrict(base: SqlFragment, condition: SqlFragment | null): SqlFragment {
  return condition ? and([base, condition]) : base;
}

/** A list or count of an entity the user cannot read at all is refused, naming the entity. */
export function assertListable(grants: ReadGrants, entity: string): void {
  if (grants && grants.scope(entity, 'read') === 'none') throw new ForbiddenError(`You may not read ${entity} records`);
}

/**
 * Limits the related end of a relation (`alias."object_entity"`, `alias."object_id"`) to records
 * the user may read, over the entities it may belong to. Null when nothing is limited.
 */
export function readableObject(
  grants: ReadGrants,
  store: MetadataStore,
  alias: string,
  entities: readonly string[],
  nextAlias: () => string,
): SqlFragment | null {
  if (!grants) return null;
  const candidates = entities.length ? entities : store.list().map((entity) => entity.name);
  const parts: SqlFragment[] = [];
  for (const name of candidates) {
    const target = store.find(name);
    const inner = nextAlias();
    const condition = target ? grants.condition(name, 'read', inner) : NO_ROWS;
    if (condition === null) continue;
    const other: SqlFragment = { sql: `${alias}."object_entity" <> ?`, bindings: [name] };
    if (condition === NO_ROWS || !target) parts.push(other);
    else
      parts.push({
        sql: `(${other.sql} OR ${alias}."object_id" IN (SELECT ${inner}."id" FROM ${target.table} AS ${inner} WHERE ${condition.sql}))`,
        bindings: [name, ...condition.bindings],
      });
  }
  return parts.length ? and(parts) : null;
}

/**
 * Refuses what a write body may not carry for this user: hidden fields are reported as unknown
 * (400, as for a field that does not exist), read-only ones as forbidden (403, naming each path).
 */
export function assertWritable(entity: EntityRuntime, grants: ReadGrants, inputs: unknown[], many: boolean): void {
  if (!grants) return;
  const { hidden, readOnly } = grants.entity(entity.name);
  if (!hidden.size && !readOnly.size) return;
  const unknown: FieldProblem[] = [];
  const refused: FieldProblem[] = [];
  inputs.forEach((input, index) => {
    if (typeof input !== 'object' || input === null) return;
    const prefix = many ? `[${index}].` : '';
    for (const key of Object.keys(input)) {
      if (hidden.has(key)) unknown.push({ path: `${prefix}${key}`, message: `is not a field of ${entity.name}` });
      else if (readOnly.has(key)) refused.push({ path: `${prefix}${key}`, message: 'is read-only for you' });
    }
  });
  if (unknown.length) throw new ValidationError(unknown);
  if (refused.length) {
    throw new ForbiddenError(`You may not set ${refused.map((p) => p.path).join(', ')}`, undefined, refused);
  }
}

/** The record without the fields the user may not see (results of writes). */
export function visibleRecord(entity: EntityRuntime, grants: ReadGrants, record: TrellisRecord): TrellisRecord {
  const hidden = grants?.entity(entity.name).hidden;
  if (!hidden?.size) return record;
  return Object.fromEntries(Object.entries(record).filter(([name]) => !hidden.has(name))) as TrellisRecord;
}

/**
 * 404 unless the user may read the record, 403 unless the action's scope also reaches it: one
 * query on the record's owner. What writes, relations and timeline routes check first.
 */
export async function guardRecord(
  sql: SqlRunner,
  grants: Grants,
  entity: EntityRuntime,
  id: string,
  action: PermissionAction,
  notFound: () => Error = () => new NotFoundError(`Record ${entity.name}/${id}`),
): Promise<void> {
  const where = restrict({ sql: `g."id" = ?`, bindings: [id] }, grants.condition(entity.name, 'read', 'g'));
  const [row] = await sql.query(`SELECT g."owner_id" FROM ${entity.table} AS g WHERE ${where.sql}`, where.bindings);
  if (!row) throw notFound();
  if (action !== 'read' && !grants.allows(entity.name, action, { owner_id: row.owner_id as string | null }))
    throw new ForbiddenError(`You may not ${action} this ${entity.name} record`);
}
