import type { TrellisRecord } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { Dialect } from '../db/connect.js';
import type { Row, SqlRunner } from '../db/sql-runner.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import { q } from '../entities/identifiers.js';
import { emptyRow, encodeFields, type SplitInput } from './codec.js';
import { newRecordId } from './record-ids.js';
import { placeholders } from './sql.js';

/** Bindings per INSERT statement, under SQLite's limit of 32,766 and PostgreSQL's 65,535. */
const MAX_BINDINGS = 30_000;
/** Rows per INSERT on SQLite: a multi-row VALUES is a compound SELECT, limited to 500 terms. */
const SQLITE_MAX_ROWS = 500;

/** What else goes when a record is deleted (its relations, its timeline), in the same transaction. */
export interface RecordDeleteCascade {
  /** Runs inside the delete's transaction; returns what to do once it has committed (announce events). */
  deleteWith(tx: SqlRunner, entity: string, id: string): Promise<() => void>;
}

/** One cascade made of several, run in the order given. */
export function cascadeAll(...cascades: RecordDeleteCascade[]): RecordDeleteCascade {
  return {
    async deleteWith(tx, entity, id) {
      const afterCommit: Array<() => void> = [];
      for (const cascade of cascades) afterCommit.push(await cascade.deleteWith(tx, entity, id));
      return () => afterCommit.forEach((work) => work());
    },
  };
}

/** The rows to insert for checked inputs: system fields filled in, unset columns null. */
export function newRows(entity: EntityRuntime, inputs: SplitInput[], actor: Actor, dialect: Dialect): Row[] {
  const now = new Date().toISOString();
  const base = emptyRow(entity);
  return inputs.map(({ fields, system }) => ({
    ...base,
    ...encodeFields(entity, fields, dialect),
    id: system.id ?? newRecordId(),
    created_at: now,
    updated_at: now,
    created_by: actor.userId,
    owner_id: system.owner_id === undefined ? actor.userId : system.owner_id,
  }));
}

/** Inserts rows in as few statements as the engine's limits allow. */
export async function insertRows(tx: SqlRunner, entity: EntityRuntime, rows: Row[], dialect: Dialect): Promise<void> {
  const columns = Object.keys(rows[0] as Row);
  const byBindings = Math.max(1, Math.floor(MAX_BINDINGS / columns.length));
  const perStatement = dialect === 'sqlite' ? Math.min(byBindings, SQLITE_MAX_ROWS) : byBindings;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    await tx.query(
      insertSql(entity, columns, chunk.length),
      chunk.flatMap((row) => columns.map((column) => row[column])),
    );
  }
}

/** `INSERT INTO t (cols) VALUES (?, …), …` for `count` rows: one text per chunk size, so it is prepared once. */
function insertSql(entity: EntityRuntime, columns: string[], count: number): string {
  const tuple = `(${placeholders(columns.length)})`;
  return `INSERT INTO ${entity.table} (${columns.map(q).join(', ')}) VALUES ${new Array<string>(count).fill(tuple).join(', ')}`;
}

/** `UPDATE … RETURNING` of a checked patch; undefined when the patch sets nothing. */
export function updateStatement(
  entity: EntityRuntime,
  id: string,
  value: SplitInput,
  dialect: Dialect,
): { sql: string; bindings: unknown[] } | undefined {
  const changes: Row = { ...encodeFields(entity, value.fields, dialect), ...value.system };
  const columns = Object.keys(changes);
  if (columns.length === 0) return undefined;
  return {
    sql: `UPDATE ${entity.table} SET ${[...columns, 'updated_at'].map((column) => `${q(column)} = ?`).join(', ')} WHERE "id" = ? RETURNING ${entity.selectList}`,
    bindings: [...columns.map((column) => changes[column]), new Date().toISOString(), id],
  };
}

/** Whether a checked input names lookup targets that must be checked first. */
export function touchesLookups(entity: EntityRuntime, value: SplitInput): boolean {
  return entity.userFields.some((field) => field.type === 'lookup' && typeof value.fields[field.name] === 'string');
}

/**
 * The fields whose value differs between two versions of a record: every field of the entity
 * and `owner_id`; the other system fields (`updated_at` always moves) are left out.
 */
export function changedFields(entity: EntityRuntime, before: TrellisRecord, after: TrellisRecord): string[] {
  return entity.meta.fields
    .filter((field) => !field.system || field.name === 'owner_id')
    .map((field) => field.name)
    .filter((name) => !sameValue(before[name], after[name]));
}

/** Decoded values are scalars or small JSON structures built the same way on both sides. */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
