import type { JsonSchema } from '../../entities/field-types/index.js';
import { ref } from './shared.js';

const RECORD_REF: JsonSchema = {
  type: 'object',
  properties: { entity: { type: 'string', description: 'The entity of the record' }, id: { type: 'string' } },
  required: ['entity', 'id'],
};

/** The other end of a relation as lists show it (relations/related-records.ts). */
const RELATED_RECORD: JsonSchema = {
  type: 'object',
  description:
    'The related record: its entity and id, the value of its display field (the entity’s first text or e-mail field) under that field’s name, ' +
    'and `label`, that value or the id when there is none.',
  properties: { ...(RECORD_REF.properties as Record<string, JsonSchema>), label: { type: 'string' } },
  required: ['entity', 'id', 'label'],
  additionalProperties: true,
};

const TYPE_REF: JsonSchema = {
  type: 'object',
  description: 'The relation type, in the direction seen from the subject',
  properties: { key: { type: 'string' }, label: { type: 'string' } },
  required: ['key', 'label'],
};

// Attributes come back read, not as written (a phone with its E.164 form, every field present);
// the per-type *RelationAttributes schemas describe what a body may send.
const ATTRIBUTES: JsonSchema = {
  type: 'object',
  description: 'Every attribute field of the relation type, null where unset',
  additionalProperties: true,
};

const LISTED_RELATION_PROPERTIES: Record<string, JsonSchema> = {
  id: { type: 'string', format: 'uuid', description: 'The relation id, for PATCH and DELETE …/relations/{relationId}' },
  object: ref('RelatedRecord'),
  attributes: ATTRIBUTES,
  created_at: { type: 'string', format: 'date-time' },
  created_by: { type: ['string', 'null'], description: 'Id of the user who added the relation' },
};
const LISTED_REQUIRED = ['id', 'object', 'attributes', 'created_at', 'created_by'];

const LISTED_RELATION: JsonSchema = {
  type: 'object',
  description: 'A relation listed for its subject',
  properties: LISTED_RELATION_PROPERTIES,
  required: LISTED_REQUIRED,
};

const RELATION_GROUP: JsonSchema = {
  type: 'object',
  description: 'One relation type’s page of a record’s relations, in relation id order',
  properties: {
    type: ref('RelationTypeRef'),
    relations: { type: 'array', items: ref('ListedRelation') },
    page: {
      type: 'object',
      properties: {
        next: {
          type: ['string', 'null'],
          description: 'The cursor of this type’s next page (`?type=<key>&cursor=`); null on the last page',
        },
      },
      required: ['next'],
    },
  },
  required: ['type', 'relations', 'page'],
};

const RELATION_DETAIL: JsonSchema = {
  type: 'object',
  description: 'A relation as a write returns it, seen from its subject',
  properties: { ...LISTED_RELATION_PROPERTIES, type: ref('RelationTypeRef'), subject: ref('RecordRef') },
  required: [...LISTED_REQUIRED, 'type', 'subject'],
};

/** Schemas of the records relations API that do not depend on metadata. */
export const RELATION_SCHEMAS: Record<string, JsonSchema> = {
  RecordRef: RECORD_REF,
  RelatedRecord: RELATED_RECORD,
  RelationTypeRef: TYPE_REF,
  ListedRelation: LISTED_RELATION,
  RelationGroup: RELATION_GROUP,
  RelationDetail: RELATION_DETAIL,
};
