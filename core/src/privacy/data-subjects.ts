import type { FieldMetadata, RecordRef } from '@trellis/sdk';
import type { Row, SqlRunner } from '../db/sql-runner.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { NotFoundError, ValidationError } from '../errors.js';

/** The entity's fields that hold personal data (`personal: true`). */
export function personalFields(entity: EntityRuntime): FieldMetadata[] {
  return entity.userFields.filter((field) => field.personal);
}

/** Whether records of the entity are about people or hold personal data: such records belong in an export. */
export function holdsPersonalData(entity: EntityRuntime): boolean {
  return entity.meta.dataSubject || personalFields(entity).length > 0;
}

/** A data subject's record, read inside the caller's statement runner. */
export interface SubjectRecord {
  entity: EntityRuntime;
  row: Row;
}

/**
 * Reads a person's record for a data-subject request: a 404 when the entity or the record does
 * not exist, a 400 naming `entity` when the entity is not marked as a data subject.
 */
export async function findSubject(sql: SqlRunner, store: MetadataStore, ref: RecordRef, lock = ''): Promise<SubjectRecord> {
  const entity = store.find(ref.entity);
  if (!entity) throw new NotFoundError(`Entity ${ref.entity}`);
  if (!entity.meta.dataSubject) throw ValidationError.at('entity', `${ref.entity} is not a data-subject entity (set dataSubject on it)`);
  const [row] = await sql.query(`SELECT ${entity.selectList} FROM ${entity.table} WHERE "id" = ?${lock}`, [ref.id]);
  if (!row) throw new NotFoundError(`Record ${ref.entity}/${ref.id}`);
  return { entity, row };
}

/** Like {@link findSubject}, for a subject named in a request body: every problem is a 400 at `path`. */
export async function findSubjectAt(sql: SqlRunner, store: MetadataStore, ref: RecordRef, path: string): Promise<SubjectRecord> {
  try {
    return await findSubject(sql, store, ref);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ValidationError) throw ValidationError.at(path, error.message);
    throw error;
  }
}
