import type { FieldMetadata, RelationCardinality, RelationTypeMetadata } from '@trellis/sdk';
import type { RelationAttributes } from './attributes.js';

/** One direction of a relation type: one row of `trellis_relation_types`. */
export interface RelationDirection {
  key: string;
  label: string;
  /** The opposite direction's key; the direction's own key when the type is its own symmetric. */
  symmetricKey: string;
  /** Entities whose records may be the subject; empty means any. */
  subjectEntities: string[];
  /** Entities whose records may be the object; empty means any. */
  objectEntities: string[];
  /** How many relations of this direction one subject may have. */
  cardinality: RelationCardinality;
  /** Attribute fields, the same in both directions. */
  fields: FieldMetadata[];
  system: boolean;
  /** The plugin that declared the type (a system type), or null. */
  plugin: string | null;
}

/** A row of `trellis_relation_types` as the database returns it. */
export interface RelationTypeRow {
  key: string;
  label: string;
  symmetric_key: string;
  subject_entities: string;
  object_entities: string;
  cardinality: string;
  fields_json: string;
  is_system: boolean | number;
  plugin: string | null;
}

/** Parses a stored row. */
export function directionFromRow(row: RelationTypeRow): RelationDirection {
  return {
    key: row.key,
    label: row.label,
    symmetricKey: row.symmetric_key,
    subjectEntities: JSON.parse(row.subject_entities) as string[],
    objectEntities: JSON.parse(row.object_entities) as string[],
    cardinality: row.cardinality === 'one' ? 'one' : 'many',
    fields: JSON.parse(row.fields_json) as FieldMetadata[],
    system: Boolean(row.is_system),
    plugin: row.plugin ?? null,
  };
}

/** The columns a direction is stored in (timestamps aside). */
export function directionToRow(direction: RelationDirection): Record<string, string | boolean | null> {
  return {
    key: direction.key,
    label: direction.label,
    symmetric_key: direction.symmetricKey,
    subject_entities: JSON.stringify(direction.subjectEntities),
    object_entities: JSON.stringify(direction.objectEntities),
    cardinality: direction.cardinality,
    fields_json: JSON.stringify(direction.fields),
    is_system: direction.system,
    plugin: direction.plugin,
  };
}

function allows(entities: readonly string[], entity: string): boolean {
  return entities.length === 0 || entities.includes(entity);
}

/** One direction ready for use: its metadata as the API reports it, its twin and attribute validators. */
export class RelationTypeRuntime {
  readonly meta: RelationTypeMetadata;

  constructor(
    readonly direction: RelationDirection,
    /** The opposite direction; the same object when the type is its own symmetric. */
    readonly twin: RelationDirection,
    readonly attributes: RelationAttributes,
  ) {
    this.meta = {
      key: direction.key,
      label: direction.label,
      symmetric: { key: twin.key, label: twin.label },
      subjectEntities: direction.subjectEntities,
      objectEntities: direction.objectEntities,
      cardinality: { subject: direction.cardinality, object: twin.cardinality },
      fields: direction.fields,
      system: direction.system,
    };
  }

  get key(): string {
    return this.direction.key;
  }

  /** True for a type that reads the same both ways (`colleague_of`). */
  get selfSymmetric(): boolean {
    return this.twin.key === this.direction.key;
  }

  /** Whether records of that entity may be the subject. */
  allowsSubject(entity: string): boolean {
    return allows(this.direction.subjectEntities, entity);
  }

  /** Whether records of that entity may be the object. */
  allowsObject(entity: string): boolean {
    return allows(this.direction.objectEntities, entity);
  }

  /** Whether the type names that entity: as subject, as object, or as the target of a lookup attribute. */
  uses(entity: string): boolean {
    return (
      this.direction.subjectEntities.includes(entity) ||
      this.direction.objectEntities.includes(entity) ||
      this.direction.fields.some((field) => field.type === 'lookup' && field.options.target === entity)
    );
  }
}
