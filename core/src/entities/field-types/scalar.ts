import type { FieldMetadata, FieldType, FilterOperator } from '@trellis/sdk';
import type { Dialect } from '../../db/connect.js';
import { column, OperandError, type FieldTypeModule, type JsonSchema } from './field-type.js';

interface ScalarSpec {
  type: FieldType;
  renderer: string;
  operators: readonly FilterOperator[];
  searchable?: boolean;
  sql: Record<Dialect, string>;
  schema: (field: FieldMetadata) => JsonSchema;
  check?: (value: unknown, field: FieldMetadata) => string | null;
  /** Normalises a valid input value before it is stored (and a filter operand before it is compared). */
  normalise?: (value: unknown) => unknown;
  /** Converts a stored value back (SQLite keeps booleans as 0/1). */
  fromColumn?: (value: unknown) => unknown;
  /** Checks an operand's JS type; returns an error message or null. */
  operandError: (value: unknown, field: FieldMetadata) => string | null;
  checkOptions?: (field: FieldMetadata) => Array<[string, string]>;
}

/** Builds the module of a type stored in one column under the field's own name. */
export function scalarType(spec: ScalarSpec): FieldTypeModule {
  const normalise = spec.normalise ?? ((value: unknown) => value);
  const fromColumn = spec.fromColumn ?? ((value: unknown) => value);
  return {
    type: spec.type,
    renderer: spec.renderer,
    operators: spec.operators,
    searchable: spec.searchable ?? false,
    columns: (field) => [{ name: field.name, sql: spec.sql }],
    sortColumn: (field) => field.name,
    schema: spec.schema,
    ...(spec.check ? { check: spec.check } : {}),
    ...(spec.checkOptions ? { checkOptions: spec.checkOptions } : {}),
    write: (value, field) => ({ [field.name]: normalise(value) }),
    read: (row, field) => {
      const value = column(row, field.name);
      return value === null ? null : fromColumn(value);
    },
    operand(value, field) {
      const problem = spec.operandError(value, field) ?? (spec.check ? spec.check(value, field) : null);
      if (problem) throw new OperandError(problem);
      return normalise(value);
    },
  };
}

/** Operand check for string-valued types. */
export function expectString(value: unknown): string | null {
  return typeof value === 'string' ? null : 'must be a string';
}

/** Operand check for number-valued types. */
export function expectNumber(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
}
