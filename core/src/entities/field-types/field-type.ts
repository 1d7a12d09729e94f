import type { FieldDefinition, FieldMetadata, FieldType, FilterOperator } from '@trellis/sdk';
import type { Dialect } from '../../db/connect.js';

/** A JSON Schema fragment as handed to ajv. */
export type JsonSchema = Record<string, unknown>;

/** A piece of SQL with its `?` bindings. */
export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}

/** One SQL column a field occupies, with its type on each engine. */
export interface ColumnSpec {
  name: string;
  sql: Record<Dialect, string>;
  /**
   * Read the column back as text on every engine. PostgreSQL hands jsonb over already parsed,
   * so a stored JSON string would be indistinguishable from the JSON text SQLite returns.
   */
  readAsText?: boolean;
}

/** A value a filter operand could not be turned into; the compiler adds the path. */
export class OperandError extends Error {}

/**
 * Everything core needs to know about one field type: how it is stored, validated,
 * filtered, sorted, (de)serialised and rendered. One module per type; plugins register more
 * through the SDK (see plugin-type.ts).
 */
export interface FieldTypeModule {
  readonly type: FieldDefinition['type'];
  /** For a plugin's type, the built-in type it is stored as (compare and sort values as that type). */
  readonly base?: FieldType;
  /** The UI component that renders and edits values of this type. */
  readonly renderer: string;
  /** Filter operators the type accepts (dotted paths and `isNull` are handled by the compiler). */
  readonly operators: readonly FilterOperator[];
  /** Whether `q` free-text search looks into this field. */
  readonly searchable: boolean;
  /** The columns the field occupies; the first one is the field's own name. */
  columns(field: FieldMetadata): ColumnSpec[];
  /** The column sorts, comparisons and the field's index use; null when the type cannot be sorted. */
  sortColumn(field: FieldMetadata): string | null;
  /** JSON Schema of a non-null input value. */
  schema(field: FieldMetadata): JsonSchema;
  /** A problem ajv cannot see (an unparsable phone number), or null. Runs on schema-valid values. */
  check?(value: unknown, field: FieldMetadata): string | null;
  /** Column values for a valid, non-null input value. */
  write(value: unknown, field: FieldMetadata, dialect: Dialect): Record<string, unknown>;
  /** The API value read back from a row. */
  read(row: Record<string, unknown>, field: FieldMetadata): unknown;
  /** Turns one filter operand into the value compared with the sort column; throws OperandError. */
  operand(value: unknown, field: FieldMetadata): unknown;
  /** Custom SQL for operators that are not plain comparisons (multi-select membership). */
  filter?(op: FilterOperator, value: unknown, column: string, field: FieldMetadata, dialect: Dialect): SqlFragment | null;
  /** Checks the type-specific options of a definition; returns problems as [path, message]. */
  checkOptions?(field: FieldMetadata): Array<[string, string]>;
}

/** Operators of types compared as ordered scalars. */
export const ORDERED_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'between', 'isNull'] as const;
/** Operators of text-like types. */
export const TEXT_OPS = [...ORDERED_OPS, 'contains', 'startsWith', 'endsWith'] as const;
/** Operators of types with only equality. */
export const EQUALITY_OPS = ['eq', 'ne', 'in', 'nin', 'isNull'] as const;

/** Reads a column as-is, turning undefined into null. */
export function column(row: Record<string, unknown>, name: string): unknown {
  return row[name] ?? null;
}
