import type { FieldMetadata, FieldProblem, TrellisRecord } from '@trellis/sdk';
import type { ValidateFunction } from 'ajv';
import type { Dialect } from '../db/connect.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import { fieldType, isRecordId } from '../entities/field-types/index.js';
import { ajvProblems } from '../entities/validators.js';

/** System fields a client may set: `id` when creating (imports keep their ids), `owner_id` always. */
const WRITABLE_SYSTEM = { create: new Set(['id', 'owner_id']), patch: new Set(['owner_id']) };

/** Turns a stored row into the API's record (only `fields` when given). */
export function decodeRow(
  entity: EntityRuntime,
  row: Record<string, unknown>,
  fields: readonly FieldMetadata[] = entity.meta.fields,
): TrellisRecord {
  const record: TrellisRecord = { id: row.id as string };
  for (const field of fields) {
    if (field.system) record[field.name] = row[field.name] ?? null;
    else record[field.name] = fieldType(field.type).read(row, field);
  }
  return record;
}

/** A body split into the entity's own fields and the system fields it sets. */
export interface SplitInput {
  fields: Record<string, unknown>;
  system: { id?: string; owner_id?: string | null };
}

/**
 * Checks one record of a create or patch body and splits it. Problems carry `prefix`
 * (`[3].` in a bulk body) so the client knows which record and field is wrong.
 */
export function checkInput(
  entity: EntityRuntime,
  input: unknown,
  mode: 'create' | 'patch',
  prefix = '',
): { value: SplitInput; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const value: SplitInput = { fields: {}, system: {} };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { value, problems: [{ path: prefix.replace(/\.$/, '') || 'body', message: 'must be a JSON object' }] };
  }
  for (const [key, item] of Object.entries(input as Record<string, unknown>)) {
    const field = entity.fields.get(key);
    if (!field?.system) {
      value.fields[key] = item;
    } else if (!WRITABLE_SYSTEM[mode].has(key)) {
      problems.push({ path: `${prefix}${key}`, message: 'is set by the server' });
    } else if (key === 'id' && !isRecordId(item)) {
      problems.push({ path: `${prefix}id`, message: 'must be a UUID' });
    } else if (key === 'owner_id' && item !== null && typeof item !== 'string') {
      problems.push({ path: `${prefix}owner_id`, message: 'must be a user id' });
    } else {
      value.system[key as 'id' | 'owner_id'] = item as string;
    }
  }
  if (mode === 'create') applyDefaults(entity, value.fields);
  const validate: ValidateFunction = entity.validators[mode];
  if (!validate(value.fields)) problems.push(...ajvProblems(validate.errors, prefix));
  else problems.push(...semanticProblems(entity, value.fields, prefix));
  return { value, problems };
}

function applyDefaults(entity: EntityRuntime, fields: Record<string, unknown>): void {
  for (const field of entity.userFields) {
    if (field.default !== null && fields[field.name] === undefined) fields[field.name] = field.default;
  }
}

function semanticProblems(entity: EntityRuntime, fields: Record<string, unknown>, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === null) continue;
    const field = entity.fields.get(name) as FieldMetadata;
    const problem = fieldType(field.type).check?.(value, field);
    if (problem) problems.push({ path: `${prefix}${name}`, message: problem });
  }
  return problems;
}

/** Column values for the given (already checked) field values. */
export function encodeFields(entity: EntityRuntime, fields: Record<string, unknown>, dialect: Dialect): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const field = entity.fields.get(name) as FieldMetadata;
    const module = fieldType(field.type);
    if (value === null) for (const column of module.columns(field)) row[column.name] = null;
    else Object.assign(row, module.write(value, field, dialect));
  }
  return row;
}

/** Every column of the entity set to null: the base of a full row for multi-row inserts. */
export function emptyRow(entity: EntityRuntime): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of entity.userFields) for (const column of fieldType(field.type).columns(field)) row[column.name] = null;
  return row;
}

/** The field a column belongs to (a unique index names the column, not the field). */
export function fieldOfColumn(entity: EntityRuntime, column: string): string {
  for (const field of entity.meta.fields) {
    if (
      field.system
        ? field.name === column
        : fieldType(field.type)
            .columns(field)
            .some((c) => c.name === column)
    )
      return field.name;
  }
  return column;
}
