import { createHash } from 'node:crypto';
import type { EntityIndexDefinition, EntityIndexMetadata, FieldMetadata, FieldProblem } from '@trellis/sdk';
import type { Knex } from 'knex';
import { IndexRow } from '../db/models.js';
import { ConflictError, ValidationError } from '../errors.js';
import { fieldType } from './field-types/index.js';
import { q } from './identifiers.js';

/** Most fields one composite index may hold (wider keys cost every write more than they save). */
export const MAX_INDEX_FIELDS = 8;
/** Most composite indexes one entity may have. */
export const MAX_INDEXES = 20;
/** PostgreSQL truncates identifiers past 63 bytes: longer names are shortened with a hash. */
const MAX_NAME = 63;

/** JSON Schema of a composite index definition (in an entity definition, or `POST …/indexes`). */
export const INDEX_DEFINITION = {
  type: 'object',
  properties: {
    fields: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_INDEX_FIELDS,
      items: { type: 'string' },
      description: 'Field names in index order: equality filters first, then what is grouped or sorted by, then what is only read',
    },
    unique: { type: 'boolean', description: 'No two records may share all these values. Default false' },
  },
  required: ['fields'],
  additionalProperties: false,
};

/**
 * The index's name: derived from the entity and the field list, so the same declaration always
 * names the same index (a plugin upgrade finds what exists by it). `cx_` keeps it apart from the
 * single-field `ix_`/`ux_` indexes.
 */
export function compositeIndexName(entity: string, fields: readonly string[]): string {
  const plain = `cx_${entity}__${fields.join('__')}`;
  if (plain.length <= MAX_NAME) return plain;
  const hash = createHash('sha256').update(fields.join(',')).digest('hex').slice(0, 16);
  return `cx_${entity}__${hash}`;
}

/** The column a field contributes to an index (a currency its amount, a phone its E.164 form), or null. */
function indexColumn(field: FieldMetadata): string | null {
  return field.system ? field.name : fieldType(field.type).sortColumn(field);
}

/**
 * Checks index definitions against the entity's fields (system fields included) and the
 * indexes it already has, and names them. Problems name `<path>[i].fields[j]`.
 */
export function normaliseIndexes(
  entity: string,
  definitions: readonly EntityIndexDefinition[],
  fields: ReadonlyMap<string, FieldMetadata>,
  existing: readonly EntityIndexMetadata[],
  plugin: string | null,
  path: (i: number) => string,
): EntityIndexMetadata[] {
  const problems: FieldProblem[] = [];
  const names = new Set(existing.map((index) => index.name));
  if (existing.length + definitions.length > MAX_INDEXES)
    throw ValidationError.at('indexes', `an entity may have at most ${MAX_INDEXES} composite indexes`);
  const out = definitions.map((definition, i) => {
    definition.fields.forEach((name, j) => {
      const where = `${path(i)}fields[${j}]`;
      const field = fields.get(name);
      if (!field) problems.push({ path: where, message: `"${name}" is not a field of ${entity}` });
      else if (indexColumn(field) === null) problems.push({ path: where, message: `${field.type} fields cannot be indexed` });
      else if (definition.fields.indexOf(name) !== j) problems.push({ path: where, message: `"${name}" is named twice` });
    });
    const name = compositeIndexName(entity, definition.fields);
    if (names.has(name)) problems.push({ path: `${path(i)}fields`, message: 'an index on these fields already exists' });
    names.add(name);
    return { name, fields: [...definition.fields], unique: definition.unique ?? false, plugin };
  });
  if (problems.length) throw new ValidationError(problems);
  return out;
}

/** CREATE INDEX of a composite index; columns come from metadata only. */
export function createIndexSql(entity: string, index: EntityIndexMetadata, fields: ReadonlyMap<string, FieldMetadata>): string {
  const columns = index.fields.map((name) => q(indexColumn(fields.get(name)!)!));
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${q(entity)} (${columns.join(', ')})`;
}

/** DROP INDEX of a composite index. */
export function dropIndexSql(index: EntityIndexMetadata): string {
  return `DROP INDEX IF EXISTS ${q(index.name)}`;
}

/** The indexes that use a field. */
export function indexesUsing(indexes: readonly EntityIndexMetadata[], field: string): EntityIndexMetadata[] {
  return indexes.filter((index) => index.fields.includes(field));
}

/** Refuses (409) to drop a field a composite index uses: the index would go silently, and the queries it served slow down. */
export function assertNotIndexed(entity: string, indexes: readonly EntityIndexMetadata[], field: string): void {
  const using = indexesUsing(indexes, field).map((index) => index.name);
  if (using.length === 0) return;
  throw new ConflictError(
    'TRELLIS_FIELD_INDEXED',
    `Field "${entity}.${field}" is part of the composite indexes ${using.join(', ')}; drop those indexes first`,
  );
}

/** Records indexes in the metadata table and creates them, inside the change's transaction. */
export async function createIndexes(
  trx: Knex.Transaction,
  entity: string,
  indexes: readonly EntityIndexMetadata[],
  fields: ReadonlyMap<string, FieldMetadata>,
): Promise<void> {
  if (indexes.length === 0) return;
  const now = new Date().toISOString();
  // After the last one, dropped ones included: metadata lists indexes in creation order.
  const last = await trx(IndexRow.tableName).where({ entity }).max<{ max: number | null }>('position as max').first();
  const firstPosition = Number(last?.max ?? -1) + 1;
  await trx(IndexRow.tableName).insert(
    indexes.map((index, i) => ({
      entity,
      name: index.name,
      fields_json: JSON.stringify(index.fields),
      is_unique: index.unique,
      plugin: index.plugin,
      position: firstPosition + i,
      created_at: now,
    })),
  );
  for (const index of indexes) await trx.raw(createIndexSql(entity, index, fields));
}

/** Drops indexes and their metadata rows, inside the change's transaction. */
export async function dropIndexes(trx: Knex.Transaction, entity: string, indexes: readonly EntityIndexMetadata[]): Promise<void> {
  for (const index of indexes) {
    await trx.raw(dropIndexSql(index));
    await IndexRow.query(trx).where({ entity, name: index.name }).delete();
  }
}

/** An index as the metadata table stores it, read back. */
export function indexFromRow(row: IndexRow): EntityIndexMetadata {
  return { name: row.name, fields: JSON.parse(row.fields_json) as string[], unique: Boolean(row.is_unique), plugin: row.plugin ?? null };
}
