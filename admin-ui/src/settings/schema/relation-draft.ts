import type { RelationTypeMetadata } from '../../api/types.js';
import type { FieldBody } from './field-draft.js';

/** The relation type form's inputs. */
export interface RelationDraft {
  self: boolean;
  label: string;
  key: string;
  keyEdited: boolean;
  reverseLabel: string;
  reverseKey: string;
  reverseKeyEdited: boolean;
  subjects: string[];
  objects: string[];
  cardSubject: 'one' | 'many';
  cardObject: 'one' | 'many';
}

/** The form's starting point: empty, or the type to change. */
export function relationDraft(type: RelationTypeMetadata | null): RelationDraft {
  if (!type)
    return {
      self: false,
      label: '',
      key: '',
      keyEdited: false,
      reverseLabel: '',
      reverseKey: '',
      reverseKeyEdited: false,
      subjects: [],
      objects: [],
      cardSubject: 'many',
      cardObject: 'many',
    };
  return {
    self: type.symmetric.key === type.key,
    label: type.label,
    key: type.key,
    keyEdited: true,
    reverseLabel: type.symmetric.label,
    reverseKey: type.symmetric.key,
    reverseKeyEdited: true,
    subjects: [...type.subjectEntities],
    objects: [...type.objectEntities],
    cardSubject: type.cardinality.subject,
    cardObject: type.cardinality.object,
  };
}

/**
 * The API body: a whole definition for a new type; for `existing`, what PATCH accepts (labels,
 * entities, cardinality, and the attributes to add). A type that reads the same both ways
 * has one entity list and one cardinality, sent for both sides.
 */
export function relationBody(d: RelationDraft, existing: RelationTypeMetadata | null, newFields: FieldBody[]): Record<string, unknown> {
  const objects = d.self ? d.subjects : d.objects;
  const cardinality = { subject: d.cardSubject, object: d.self ? d.cardSubject : d.cardObject };
  if (existing) {
    const body: Record<string, unknown> = {
      label: d.label.trim(),
      subjectEntities: d.subjects,
      objectEntities: objects,
      cardinality,
    };
    if (!d.self) body.symmetric = { label: d.reverseLabel.trim() };
    if (newFields.length) body.fields = newFields;
    return body;
  }
  return {
    key: d.key.trim(),
    label: d.label.trim(),
    symmetric: d.self ? 'self' : { key: d.reverseKey.trim(), label: d.reverseLabel.trim() },
    subjectEntities: d.subjects,
    ...(d.self ? {} : { objectEntities: objects }),
    cardinality,
    fields: newFields,
  };
}
