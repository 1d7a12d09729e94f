import type { FieldDefinition, FieldMetadata } from './fields.js';

/**
 * The fields every record carries, maintained by core.
 *
 * @example
 * ```ts
 * SYSTEM_FIELDS.includes('owner_id'); // true
 * ```
 */
export const SYSTEM_FIELDS = ['id', 'created_at', 'updated_at', 'created_by', 'owner_id'] as const;

/**
 * One of {@link SYSTEM_FIELDS}.
 *
 * @example
 * ```ts
 * const field: SystemField = 'created_at';
 * ```
 */
export type SystemField = (typeof SYSTEM_FIELDS)[number];

/**
 * A composite index over several fields of an entity, in the order given: what a query filters
 * on by equality first, then what it groups or sorts by, then what it only reads (an index that
 * holds every column a query touches answers it without reading the table).
 * A currency field contributes its amount column, a phone field its E.164 column; json and
 * multi_select fields cannot be indexed. System fields (`owner_id`, `created_at`, …) may be named.
 *
 * @example
 * ```ts
 * // The forecast groups open deals by stage, month and owner and sums amount × probability.
 * const forecastIndex: EntityIndexDefinition = { fields: ['stage', 'expected_month', 'owner_id', 'amount', 'probability'] };
 * const oneOrderPerDay: EntityIndexDefinition = { fields: ['customer', 'order_date'], unique: true };
 * ```
 */
export interface EntityIndexDefinition {
  /** One to eight field names, distinct, in index order. */
  fields: string[];
  /** No two records may share the values of all these fields (records missing one of them are exempt). Default false. */
  unique?: boolean;
}

/**
 * A composite index as core reports it (`EntityMetadata.indexes`).
 *
 * @example
 * ```ts
 * function indexesOn(entity: EntityMetadata, field: string): EntityIndexMetadata[] {
 *   return entity.indexes.filter((index) => index.fields.includes(field));
 * }
 * ```
 */
export interface EntityIndexMetadata {
  /** The database index name core derived from the entity and the fields; it names the index in `DELETE /api/meta/entities/:entity/indexes/:index`. */
  name: string;
  /** The fields, in index order. */
  fields: string[];
  /** Whether the combination of values is unique. */
  unique: boolean;
  /** The plugin that declared it, or null when a user created it. */
  plugin: string | null;
}

/**
 * How an entity (a table of records) is declared: the body of `POST /api/meta/entities`,
 * or what a plugin passes to {@link defineEntity}.
 *
 * @example
 * ```ts
 * const contact: EntityDefinition = {
 *   name: 'contact',
 *   label: 'Contact',
 *   fields: [{ name: 'email', type: 'email', unique: true }],
 * };
 * ```
 */
export interface EntityDefinition {
  /** Lower snake case identifier; becomes the table name. */
  name: string;
  /** Singular label shown in the UI. */
  label: string;
  /** Plural label; defaults to the English plural of the label (Company → Companies). */
  pluralLabel?: string;
  /** Free text shown to administrators. */
  description?: string;
  /** The entity's own fields (system fields are added by core). */
  fields: FieldDefinition[];
  /** Records are people (contacts, leads): consents attach to them, and export and erasure start from them. */
  dataSubject?: boolean;
  /**
   * Composite indexes, created with the table (and, for a plugin, on upgrade when a new version
   * declares more). Single fields are indexed with `indexed: true` on the field instead.
   */
  indexes?: EntityIndexDefinition[];
}

/**
 * An entity as core reports it (`GET /api/meta/entities/:entity`).
 *
 * @example
 * ```ts
 * function fieldNames(entity: EntityMetadata): string[] {
 *   return entity.fields.map((field) => field.name);
 * }
 * ```
 */
export interface EntityMetadata {
  /** The entity's identifier. */
  name: string;
  /** Singular label. */
  label: string;
  /** Plural label. */
  pluralLabel: string;
  /** Free text shown to administrators. */
  description: string;
  /** Whether records are people (data subjects). */
  dataSubject: boolean;
  /** System fields first, then the entity's own fields in display order. */
  fields: FieldMetadata[];
  /** Composite indexes, in creation order. */
  indexes: EntityIndexMetadata[];
}

/**
 * Declares an entity; checks the shape at once so a plugin with a typo fails when it loads,
 * not when it is installed.
 *
 * @example
 * ```ts
 * export const ticket = defineEntity({
 *   name: 'ticket',
 *   label: 'Ticket',
 *   fields: [
 *     { name: 'subject', type: 'text', required: true },
 *     { name: 'priority', type: 'select', options: { choices: ['low', 'normal', 'high'] } },
 *     { name: 'status', type: 'select', options: { choices: ['open', 'closed'] } },
 *   ],
 *   // "My open tickets by priority": equality on status and owner, then grouped by priority.
 *   indexes: [{ fields: ['status', 'owner_id', 'priority'] }],
 * });
 * ```
 */
export function defineEntity<const T extends EntityDefinition>(definition: T): T {
  if (!/^[a-z][a-z0-9_]*$/.test(definition.name)) {
    throw new TypeError(`defineEntity: "${definition.name}" is not a lower snake case name`);
  }
  const seen = new Set<string>();
  for (const field of definition.fields) {
    if (seen.has(field.name)) {
      throw new TypeError(`defineEntity: field "${field.name}" of "${definition.name}" is declared twice`);
    }
    seen.add(field.name);
  }
  checkIndexes(definition, seen);
  return Object.freeze(definition);
}

/** Most fields one composite index may hold. */
const MAX_INDEX_FIELDS = 8;
/** Types whose values have no sortable column. */
const UNINDEXABLE = new Set<string>(['json', 'multi_select']);

function checkIndexes(definition: EntityDefinition, declared: Set<string>): void {
  const where = (i: number) => `defineEntity: indexes[${i}] of "${definition.name}"`;
  const system = new Set<string>(SYSTEM_FIELDS);
  const types = new Map(definition.fields.map((field) => [field.name, field.type as string]));
  const seen = new Set<string>();
  (definition.indexes ?? []).forEach((index, i) => {
    if (!Array.isArray(index.fields) || index.fields.length === 0 || index.fields.length > MAX_INDEX_FIELDS) {
      throw new TypeError(`${where(i)} must name 1 to ${MAX_INDEX_FIELDS} fields`);
    }
    index.fields.forEach((name, j) => {
      if (!declared.has(name) && !system.has(name)) throw new TypeError(`${where(i)}: fields[${j}] "${name}" is not a field of the entity`);
      if (UNINDEXABLE.has(types.get(name) ?? ''))
        throw new TypeError(`${where(i)}: fields[${j}] "${name}" is a ${types.get(name)} field, which cannot be indexed`);
    });
    if (new Set(index.fields).size !== index.fields.length) throw new TypeError(`${where(i)} names a field twice`);
    const key = index.fields.join(',');
    if (seen.has(key)) throw new TypeError(`${where(i)} repeats another index's fields`);
    seen.add(key);
  });
}
