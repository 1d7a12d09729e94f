import type { FilterOperator } from './filters.js';
import type { JsonSchema } from './json.js';

/**
 * The built-in types a plugin's field type may be stored as.
 *
 * @example
 * ```ts
 * FIELD_TYPE_BASES.includes('integer'); // true
 * ```
 */
export const FIELD_TYPE_BASES = ['text', 'integer', 'decimal', 'boolean', 'json'] as const;

/**
 * One of {@link FIELD_TYPE_BASES}.
 *
 * @example
 * ```ts
 * const base: FieldTypeBase = 'text';
 * ```
 */
export type FieldTypeBase = (typeof FIELD_TYPE_BASES)[number];

/**
 * The name of a field type a plugin registers: `<plugin>.<type>`.
 *
 * @example
 * ```ts
 * const type: CustomFieldTypeName = 'custom-relations.rating';
 * ```
 */
export type CustomFieldTypeName = `${string}.${string}`;

/**
 * A field type contributed by a plugin: stored as one of the built-in bases (so filters,
 * sorts and indexes work as for the base), with its own input rules and UI renderer. The type
 * stays usable while the plugin is installed, even when disabled; fields of it survive.
 *
 * @example
 * ```ts
 * export const rating = defineFieldType({
 *   name: 'custom-relations.rating',
 *   label: 'Rating (1–5 stars)',
 *   base: 'integer',
 *   schema: { type: 'integer', minimum: 1, maximum: 5 },
 *   renderer: 'custom-relations-stars',
 * });
 * ```
 */
export interface FieldTypeDefinition {
  /** `<plugin>.<type>`, the plugin's name then a lower snake case name. */
  name: CustomFieldTypeName;
  /** Shown in the field editor. */
  label: string;
  /** How values are stored, filtered and sorted. */
  base: FieldTypeBase;
  /** JSON Schema of a non-null input value; must describe values the base accepts. */
  schema?: JsonSchema;
  /** A rule JSON Schema cannot express; returns the problem or null. */
  check?(value: unknown): string | null;
  /** Turns a valid input into the stored value (e.g. upper-case a code). */
  normalize?(value: unknown): unknown;
  /** Filter operators, a subset of the base's (default: all of them). */
  operators?: readonly FilterOperator[];
  /** Custom element that renders and edits values (default: the base's renderer). */
  renderer?: string;
}

const NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9_]*$/;

/**
 * Declares a field type; checks its name and base at once.
 *
 * @example
 * ```ts
 * export const hexColor = defineFieldType({
 *   name: 'branding.color',
 *   label: 'Colour',
 *   base: 'text',
 *   schema: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
 *   normalize: (value) => String(value).toLowerCase(),
 * });
 * ```
 */
export function defineFieldType<const T extends FieldTypeDefinition>(definition: T): T {
  if (!NAME.test(definition.name)) {
    throw new TypeError(`defineFieldType: "${definition.name}" must be "<plugin>.<type>" (e.g. "shop.sku")`);
  }
  if (!(FIELD_TYPE_BASES as readonly string[]).includes(definition.base)) {
    throw new TypeError(`defineFieldType: base "${definition.base}" is not one of ${FIELD_TYPE_BASES.join(', ')}`);
  }
  return Object.freeze(definition);
}
