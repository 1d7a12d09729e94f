import type { FieldMetadata } from '@trellis/sdk';
import type { Dialect } from '../db/connect.js';
import { fieldType } from './field-types/index.js';
import { q } from './identifiers.js';

/** Columns every entity table starts with. */
const SYSTEM_COLUMNS: Record<Dialect, string> = {
  sqlite: `"id" TEXT PRIMARY KEY NOT NULL, "created_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, "created_by" TEXT, "owner_id" TEXT`,
  postgres: `"id" text PRIMARY KEY, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "created_by" text, "owner_id" text`,
};

/** System columns with an index (with id, so keyset pages over them are range scans). */
const INDEXED_SYSTEM_COLUMNS = ['created_at', 'updated_at', 'owner_id'];

function indexName(prefix: 'ix' | 'ux', entity: string, field: string): string {
  return `${prefix}_${entity}__${field}`;
}

/**
 * Indexes carry `id` as their last column so keyset pagination (`ORDER BY col, id`) walks the
 * index. On PostgreSQL NULLs are put first, matching SQLite, so both engines page alike.
 */
function plainIndex(entity: string, name: string, col: string, dialect: Dialect): string {
  const key = dialect === 'postgres' ? `${q(col)} NULLS FIRST, "id"` : `${q(col)}, "id"`;
  return `CREATE INDEX ${q(indexName('ix', entity, name))} ON ${q(entity)} (${key})`;
}

/** Whether a field gets the ordinary (col, id) index. */
export function hasPlainIndex(field: FieldMetadata): boolean {
  // A unique index already serves lookups and sorts on its column; a second one only slows writes.
  return (field.indexed && !field.unique) || field.type === 'lookup' || field.type === 'phone';
}

/** The indexes a field needs. */
export function fieldIndexes(entity: string, field: FieldMetadata, dialect: Dialect): string[] {
  const col = fieldType(field.type).sortColumn(field);
  if (!col) return [];
  const out: string[] = [];
  if (hasPlainIndex(field)) out.push(plainIndex(entity, field.name, col, dialect));
  if (field.unique) out.push(`CREATE UNIQUE INDEX ${q(indexName('ux', entity, field.name))} ON ${q(entity)} (${q(col)})`);
  return out;
}

/** Drops the indexes {@link fieldIndexes} created. */
export function dropFieldIndexes(field: FieldMetadata, entity: string): string[] {
  const out: string[] = [];
  if (hasPlainIndex(field)) out.push(`DROP INDEX IF EXISTS ${q(indexName('ix', entity, field.name))}`);
  if (field.unique) out.push(`DROP INDEX IF EXISTS ${q(indexName('ux', entity, field.name))}`);
  return out;
}

function columnDefinitions(field: FieldMetadata, dialect: Dialect): string[] {
  return fieldType(field.type)
    .columns(field)
    .map((column) => `${q(column.name)} ${column.sql[dialect]}`);
}

/** CREATE TABLE and CREATE INDEX statements for a new entity. */
export function createEntitySql(entity: string, fields: FieldMetadata[], dialect: Dialect): string[] {
  const columns = [SYSTEM_COLUMNS[dialect], ...fields.flatMap((field) => columnDefinitions(field, dialect))];
  return [
    `CREATE TABLE ${q(entity)} (${columns.join(', ')})`,
    ...INDEXED_SYSTEM_COLUMNS.map((col) => plainIndex(entity, col, col, dialect)),
    ...fields.flatMap((field) => fieldIndexes(entity, field, dialect)),
  ];
}

/** ALTER TABLE statements that add a field's columns and indexes. */
export function addFieldSql(entity: string, field: FieldMetadata, dialect: Dialect): string[] {
  return [
    ...columnDefinitions(field, dialect).map((definition) => `ALTER TABLE ${q(entity)} ADD COLUMN ${definition}`),
    ...fieldIndexes(entity, field, dialect),
  ];
}

/** Statements that remove a field's indexes and columns. */
export function dropFieldSql(entity: string, field: FieldMetadata): string[] {
  return [
    ...dropFieldIndexes(field, entity),
    ...fieldType(field.type)
      .columns(field)
      .map((column) => `ALTER TABLE ${q(entity)} DROP COLUMN ${q(column.name)}`),
  ];
}
