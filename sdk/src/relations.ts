import type { FieldDefinition, FieldMetadata } from './fields.js';

/**
 * How many relations of one type a record may take part in on one side: `one` (at most one)
 * or `many`.
 *
 * @example
 * ```ts
 * const employer: RelationCardinality = 'one'; // a contact is employed by at most one company
 * ```
 */
export type RelationCardinality = 'one' | 'many';

/**
 * How a relation type is declared: the body of `POST /api/meta/relation-types`, or what a
 * plugin passes to {@link defineRelationType}. A type is a pair of directions: `employs`
 * (company → contact) and its symmetric `employed_by` (contact → company); every relation is
 * stored in both directions. A type that reads the same both ways (`colleague_of`) is its own
 * symmetric: `symmetric: 'self'`.
 *
 * @example
 * ```ts
 * const employs: RelationTypeDefinition = {
 *   key: 'employs',
 *   label: 'employs',
 *   symmetric: { key: 'employed_by', label: 'is employed by' },
 *   subjectEntities: ['company'],
 *   objectEntities: ['contact'],
 *   cardinality: { subject: 'many', object: 'one' },
 *   fields: [{ name: 'role', type: 'text' }],
 * };
 * ```
 */
export interface RelationTypeDefinition {
  /** Lower snake case identifier of this direction, at most 40 characters. */
  key: string;
  /** The predicate, read "subject <label> object": `employs`. */
  label: string;
  /** The opposite direction (`{ key: 'employed_by', label: 'is employed by' }`), or `'self'`. */
  symmetric: 'self' | { key: string; label: string };
  /** Entities whose records may be the subject; empty or absent means any. */
  subjectEntities?: string[];
  /** Entities whose records may be the object; empty or absent means any. */
  objectEntities?: string[];
  /**
   * `subject`: how many relations of this type one subject may have; `object`: how many one
   * object may be the target of. Both default to `many`.
   */
  cardinality?: { subject?: RelationCardinality; object?: RelationCardinality };
  /** Attributes every relation of this type may carry (`role`, `since`). Not unique, not indexed. */
  fields?: FieldDefinition[];
}

/**
 * One direction of a relation type as core reports it (`GET /api/meta/relation-types/:key`).
 * Both directions share their attribute fields.
 *
 * @example
 * ```ts
 * function describe(type: RelationTypeMetadata): string {
 *   return `${type.subjectEntities.join('|') || 'any'} ${type.label} ${type.objectEntities.join('|') || 'any'}`;
 * }
 * ```
 */
export interface RelationTypeMetadata {
  /** This direction's key. */
  key: string;
  /** This direction's predicate. */
  label: string;
  /** The opposite direction; the same key and label for a type that is its own symmetric. */
  symmetric: { key: string; label: string };
  /** Entities whose records may be the subject; empty means any. */
  subjectEntities: string[];
  /** Entities whose records may be the object; empty means any. */
  objectEntities: string[];
  /** Limits on each side, seen from this direction. */
  cardinality: { subject: RelationCardinality; object: RelationCardinality };
  /** The attribute fields, with every default filled in. */
  fields: FieldMetadata[];
  /** True for types declared by a plugin: users can neither change nor delete them. */
  system: boolean;
}

/**
 * A record named by its entity and id.
 *
 * @example
 * ```ts
 * const acme: RecordRef = { entity: 'company', id: '0190a4c2-…' };
 * ```
 */
export interface RecordRef {
  /** The entity (table) of the record. */
  entity: string;
  /** The record's id. */
  id: string;
}

/**
 * One relation seen from its subject: "subject `type` object".
 *
 * @example
 * ```ts
 * function isEmployment(relation: Relation): boolean {
 *   return relation.type === 'employs' && relation.subject.entity === 'company';
 * }
 * ```
 */
export interface Relation {
  /** Id of the stored direction whose subject is `subject` (the opposite direction has its own id). */
  id: string;
  /** Key of the relation type, in this direction. */
  type: string;
  /** The record the relation is seen from. */
  subject: RecordRef;
  /** The record it points to. */
  object: RecordRef;
  /** Values of the type's attribute fields; null where unset. */
  attributes: Record<string, unknown>;
  /** When the relation was added. */
  created_at: string;
  /** The user who added it, if known. */
  created_by: string | null;
}

/**
 * What core announces after a relation was added or removed, once the change has committed.
 * One event per relation (not per stored direction), seen from the record it was added or
 * removed through.
 *
 * @example
 * ```ts
 * function onRelation(event: RelationEvent): void {
 *   if (event.type === 'relation.added') console.log(`${event.relation.subject.id} ${event.relation.type} ${event.relation.object.id}`);
 * }
 * ```
 */
export interface RelationEvent {
  /** What happened. */
  type: 'relation.added' | 'relation.removed';
  /** The relation, as it was when added or just before it was removed. */
  relation: Relation;
}

const KEY = /^[a-z][a-z0-9_]*$/;

/**
 * Declares a relation type; checks its keys and shape at once so a plugin with a typo fails
 * when it loads, not when it is installed. Core checks the rest (entities exist, field
 * options) when the type is created.
 *
 * @example
 * ```ts
 * export const assignedTo = defineRelationType({
 *   key: 'assigned_to',
 *   label: 'is assigned to',
 *   symmetric: { key: 'handles', label: 'handles' },
 *   subjectEntities: ['ticket'],
 *   objectEntities: ['contact'],
 *   cardinality: { subject: 'one', object: 'many' },
 * });
 * ```
 */
export function defineRelationType<const T extends RelationTypeDefinition>(definition: T): T {
  if (!KEY.test(definition.key)) {
    throw new TypeError(`defineRelationType: "${definition.key}" is not a lower snake case key`);
  }
  const { symmetric } = definition;
  if (symmetric !== 'self') {
    if (typeof symmetric !== 'object' || symmetric === null || !KEY.test(symmetric.key) || !symmetric.label) {
      throw new TypeError(`defineRelationType: the symmetric of "${definition.key}" must be 'self' or { key, label }`);
    }
    if (symmetric.key === definition.key) {
      throw new TypeError(`defineRelationType: "${definition.key}" names itself as symmetric; write symmetric: 'self'`);
    }
  }
  const seen = new Set<string>();
  for (const field of definition.fields ?? []) {
    if (seen.has(field.name)) {
      throw new TypeError(`defineRelationType: field "${field.name}" of "${definition.key}" is declared twice`);
    }
    seen.add(field.name);
  }
  return Object.freeze(definition);
}
