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
 *   ],
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
  return Object.freeze(definition);
}
