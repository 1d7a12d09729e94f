import type { FieldMetadata, RecordRef } from '@trellis/sdk';
import type { SqlRunner } from '../db/sql-runner.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import { fieldType } from '../entities/field-types/index.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { viewOf, type ReadGrants } from '../records/record-access.js';
import { placeholders } from '../records/sql.js';

const ID_CHUNK = 500;
const DISPLAY_TYPES = new Set<string>(['text', 'email']);

/**
 * A related record as relation lists show it: its entity and id, the value of its display
 * field (the entity's first text or e-mail field) under that field's name, and `label`: that
 * value, or the id when the entity has no such field or the record leaves it empty.
 */
export interface RelatedRecord extends RecordRef {
  label: string;
  [field: string]: unknown;
}

/** The field that names an entity's records in relation lists, if it has one. */
export function displayField(entity: EntityRuntime): FieldMetadata | undefined {
  return entity.userFields.find((field) => DISPLAY_TYPES.has(field.type));
}

function related(ref: RecordRef, field: FieldMetadata | undefined, value: unknown): RelatedRecord {
  const label = typeof value === 'string' && value !== '' ? value : ref.id;
  // The display field comes first so a field named `entity` or `label` cannot hide the reference.
  return { ...(field ? { [field.name]: value ?? null } : {}), entity: ref.entity, id: ref.id, label };
}

/**
 * Reads the display fields of the given records: one query per entity (and per 500 ids). Keyed
 * by `entity/id`. Under a user's grants the display field is the first one they may see.
 */
export async function relatedRecords(
  sql: SqlRunner,
  store: MetadataStore,
  refs: readonly RecordRef[],
  grants: ReadGrants = null,
): Promise<Map<string, RelatedRecord>> {
  const idsByEntity = new Map<string, Set<string>>();
  for (const ref of refs) {
    const ids = idsByEntity.get(ref.entity) ?? new Set<string>();
    ids.add(ref.id);
    idsByEntity.set(ref.entity, ids);
  }
  const out = new Map<string, RelatedRecord>();
  for (const [name, idSet] of idsByEntity) {
    const found = store.find(name);
    // The display field is one the user may see.
    const entity = found && viewOf(found, grants);
    const field = entity && displayField(entity);
    const values = new Map<string, unknown>();
    if (entity && field) {
      const ids = [...idSet];
      for (let start = 0; start < ids.length; start += ID_CHUNK) {
        const chunk = ids.slice(start, start + ID_CHUNK);
        const rows = await sql.query(
          `SELECT "id", ${entity.columnsOf([field]).join(', ')} FROM ${entity.table} WHERE "id" IN (${placeholders(chunk.length)})`,
          chunk,
        );
        for (const row of rows) values.set(row.id as string, fieldType(field.type).read(row, field));
      }
    }
    for (const id of idSet) out.set(`${name}/${id}`, related({ entity: name, id }, field, values.get(id)));
  }
  return out;
}
