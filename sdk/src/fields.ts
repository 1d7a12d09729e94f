import type { CustomFieldTypeName } from './field-types.js';

/**
 * The field types every Trellis installation understands, as a closed list.
 *
 * @example
 * ```ts
 * import { FIELD_TYPES } from '@trellis/sdk';
 * FIELD_TYPES.includes('currency'); // true
 * ```
 */
export const FIELD_TYPES = [
  'text',
  'long_text',
  'integer',
  'decimal',
  'currency',
  'percent',
  'boolean',
  'date',
  'datetime',
  'email',
  'phone',
  'url',
  'select',
  'multi_select',
  'json',
  'lookup',
] as const;

/**
 * One of {@link FIELD_TYPES}.
 *
 * @example
 * ```ts
 * const type: FieldType = 'phone';
 * ```
 */
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * A choice of a `select` or `multi_select` field.
 *
 * @example
 * ```ts
 * const option: SelectOption = { value: 'active', label: 'Active', color: '#2e7d32' };
 * ```
 */
export interface SelectOption {
  /** The stored value: lower snake case is customary, any non-empty string is allowed. */
  value: string;
  /** What the UI shows; defaults to the value. */
  label?: string;
  /** A CSS colour for badges. */
  color?: string;
}

/**
 * Type-specific settings of a field.
 *
 * @example
 * ```ts
 * const options: FieldOptions = { choices: ['new', 'active'] };
 * const lookup: FieldOptions = { target: 'company' };
 * ```
 */
export interface FieldOptions {
  /** `select` / `multi_select`: the allowed values. Plain strings are shorthand for `{ value }`. */
  choices?: ReadonlyArray<SelectOption | string>;
  /** `lookup`: the entity the field points to. */
  target?: string;
  /** `text`: the longest accepted value, in characters. */
  maxLength?: number;
  /** `integer`, `decimal`, `percent`, `currency` (the amount): the smallest accepted value. */
  min?: number;
  /** `integer`, `decimal`, `percent`, `currency` (the amount): the largest accepted value. */
  max?: number;
  /** `phone`: ISO 3166 country used to read numbers written without an international prefix. */
  defaultCountry?: string;
  /** `currency`: the ISO 4217 code used when a value gives none. */
  defaultCurrency?: string;
}

/**
 * How a field is declared: in `POST /api/meta/entities`, in `POST .../fields`, or by a plugin.
 *
 * @example
 * ```ts
 * const score: FieldDefinition = { name: 'score', type: 'integer', indexed: true, default: 0 };
 * ```
 */
export interface FieldDefinition {
  /** Lower snake case identifier; becomes the column name. */
  name: string;
  /** A built-in field type, or `<plugin>.<type>` for one an installed plugin contributes. */
  type: FieldType | CustomFieldTypeName;
  /** Human label; defaults to the name in sentence case. */
  label?: string;
  /** Whether a record must have a value. */
  required?: boolean;
  /** Whether two records may share a value (enforced by a unique index). */
  unique?: boolean;
  /** Whether filters and sorts on this field are index-backed. Lookups are always indexed. */
  indexed?: boolean;
  /** Value used when a record is created without one (and given to existing rows when the field is added). */
  default?: unknown;
  /** Type-specific settings. */
  options?: FieldOptions;
  /** Values are redacted (`"[redacted]"`) in the audit log: passwords, health data, bank details. */
  sensitive?: boolean;
  /** Holds personal data: included in data-subject exports and cleared by erasure. */
  personal?: boolean;
}

/**
 * A field as core reports it: the definition with every default filled in.
 *
 * @example
 * ```ts
 * const field: FieldMetadata = {
 *   name: 'email', type: 'email', label: 'Email', required: false, unique: true,
 *   indexed: true, default: null, options: {}, system: false, position: 3,
 * };
 * ```
 */
export interface FieldMetadata extends Required<Omit<FieldDefinition, 'default'>> {
  /** Value used when a record is created without one, or null. */
  default: unknown;
  /** True for the system fields every record has (id, created_at, …). */
  system: boolean;
  /** Display order within the entity. */
  position: number;
}
