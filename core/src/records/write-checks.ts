import type { FieldProblem } from '@trellis/sdk';
import type { SqlRunner } from '../db/sql-runner.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { ConflictError, ValidationError } from '../errors.js';
import { fieldOfColumn, type SplitInput } from './codec.js';
import { placeholders } from './sql.js';

const ID_CHUNK = 500;

function where(many: boolean, index: number, name: string): string {
  return many ? `[${index}].${name}` : name;
}

/**
 * Every lookup value must name an existing record. Checked before writing, so the client
 * hears which record and field is wrong instead of a bare foreign-key failure.
 */
export async function assertLookupsExist(
  tx: SqlRunner,
  store: MetadataStore,
  entity: EntityRuntime,
  inputs: SplitInput[],
  many: boolean,
): Promise<void> {
  const problems: FieldProblem[] = [];
  for (const field of entity.userFields) {
    if (field.type !== 'lookup') continue;
    const ids = [...new Set(inputs.map((input) => input.fields[field.name]).filter((id): id is string => typeof id === 'string'))];
    if (ids.length === 0) continue;
    const target = store.get(field.options.target as string);
    const found = new Set<string>();
    for (let start = 0; start < ids.length; start += ID_CHUNK) {
      const chunk = ids.slice(start, start + ID_CHUNK);
      const rows = await tx.query(`SELECT "id" FROM ${target.table} WHERE "id" IN (${placeholders(chunk.length)})`, chunk);
      for (const row of rows) found.add(row.id as string);
    }
    inputs.forEach((input, index) => {
      const id = input.fields[field.name];
      if (typeof id === 'string' && !found.has(id))
        problems.push({ path: where(many, index, field.name), message: `no ${target.name} record has id ${id}` });
    });
  }
  if (problems.length) throw new ValidationError(problems);
}

/** Two records of one bulk body with the same unique value: named by index before the database is asked. */
export function assertNoDuplicatesInBatch(entity: EntityRuntime, inputs: SplitInput[], many: boolean): void {
  if (!many) return;
  const problems: FieldProblem[] = [];
  const ids = new Map<string, number>();
  inputs.forEach((input, index) => {
    const id = input.system.id;
    if (id === undefined) return;
    if (ids.has(id)) problems.push({ path: `[${index}].id`, message: `repeats the id of record [${ids.get(id)}]` });
    else ids.set(id, index);
  });
  for (const field of entity.userFields.filter((f) => f.unique)) {
    const seen = new Map<string, number>();
    inputs.forEach((input, index) => {
      const value = input.fields[field.name];
      if (value === null || value === undefined) return;
      const key = JSON.stringify(field.type === 'email' && typeof value === 'string' ? value.trim().toLowerCase() : value);
      const first = seen.get(key);
      if (first !== undefined) problems.push({ path: `[${index}].${field.name}`, message: `repeats the value of record [${first}]` });
      else seen.set(key, index);
    });
  }
  if (problems.length) throw new ConflictError('TRELLIS_DUPLICATE', 'Records of this request share a value that must be unique', problems);
}

interface DatabaseError {
  code?: string;
  constraint?: string;
  message?: string;
}

/** Turns unique and foreign-key violations into client errors naming the field. */
export function translateWriteError(error: unknown, entity: EntityRuntime): unknown {
  const dbError = error as DatabaseError;
  const message = dbError.message ?? '';
  let column: string | undefined;
  if (dbError.code === '23505') {
    column = dbError.constraint?.endsWith('_pkey') ? 'id' : dbError.constraint?.split('__')[1];
  } else if (dbError.code === 'SQLITE_CONSTRAINT_UNIQUE' || dbError.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    column = /UNIQUE constraint failed: [^.]+\.(\w+)/.exec(message)?.[1];
  }
  if (column !== undefined) {
    const path = fieldOfColumn(entity, column);
    return new ConflictError('TRELLIS_DUPLICATE', `Another ${entity.name} record already has this ${path}`, [
      { path, message: 'is already used by another record' },
    ]);
  }
  if (dbError.code === '23503' || dbError.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return ValidationError.at('body', 'a lookup points to a record that was deleted meanwhile; try again');
  }
  return error;
}
