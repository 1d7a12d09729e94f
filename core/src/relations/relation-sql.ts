import type { Knex } from 'knex';
import type { Row } from '../db/sql-runner.js';
import { placeholders } from '../records/sql.js';

/** A row of `trellis_relations`: one relation seen from its subject. Its twin sees it from the object. */
export interface RelationRow {
  id: string;
  type: string;
  subject_entity: string;
  subject_id: string;
  object_entity: string;
  object_id: string;
  symmetric_id: string;
  /** JSON object text. */
  attributes: string;
  created_at: string;
  created_by: string | null;
}

const COLUMN_NAMES = [
  'id',
  'type',
  'subject_entity',
  'subject_id',
  'object_entity',
  'object_id',
  'symmetric_id',
  'attributes',
  'created_at',
  'created_by',
] as const;

/** Quoted, comma-separated columns of a full relation row. */
export const RELATION_COLUMNS = COLUMN_NAMES.map((name) => `"${name}"`).join(', ');

/** Inserts a relation and its twin in one statement. */
export const INSERT_PAIR = `INSERT INTO trellis_relations (${RELATION_COLUMNS}) VALUES (${placeholders(COLUMN_NAMES.length)}), (${placeholders(COLUMN_NAMES.length)})`;

/** The bindings of {@link INSERT_PAIR}. */
export function pairBindings(row: RelationRow, twin: RelationRow): unknown[] {
  return [...COLUMN_NAMES.map((name) => row[name]), ...COLUMN_NAMES.map((name) => twin[name])];
}

/** The same relation seen from its object: the row stored beside `row`. */
export function twinOf(row: RelationRow, twinType: string): RelationRow {
  return {
    ...row,
    id: row.symmetric_id,
    symmetric_id: row.id,
    type: twinType,
    subject_entity: row.object_entity,
    subject_id: row.object_id,
    object_entity: row.subject_entity,
    object_id: row.subject_id,
  };
}

/** A database row typed as a relation row (the columns are read as stored). */
export function asRelationRow(row: Row): RelationRow {
  return row as unknown as RelationRow;
}

/**
 * Deletes every relation of the records of an entity table (both stored directions), inside
 * the transaction that drops the table. Each side is found through its own index.
 */
export async function deleteRelationsOfTable(trx: Knex.Transaction, table: string): Promise<void> {
  await trx.raw(`DELETE FROM trellis_relations WHERE "subject_id" IN (SELECT "id" FROM ${table})`);
  await trx.raw(`DELETE FROM trellis_relations WHERE "object_id" IN (SELECT "id" FROM ${table})`);
}

/** A unique or primary key violation on either engine (two writers racing for the same key). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
