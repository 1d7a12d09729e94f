import { FIELD_TYPES } from '@trellis/sdk';
import { compileDefinitionValidators } from '../../entities/definitions.js';
import type { JsonSchema } from '../../entities/field-types/index.js';
import { createAjv } from '../../entities/validators.js';
import { compileRelationTypeValidators } from '../../relations/relation-type-definitions.js';
import { RELATION_SCHEMAS } from './relation-schemas.js';
import { ref } from './shared.js';

// The metadata API validates its bodies with these schemas; documenting the very same objects
// keeps the document from drifting away from what the server accepts.
const bodies = compileDefinitionValidators(createAjv());
const relationTypeBodies = compileRelationTypeValidators(createAjv());
const bodySchema = (validate: { schema: unknown }): JsonSchema => validate.schema as JsonSchema;

const fieldDefinition = bodySchema(bodies.field);
const fieldDefinitionProperties = fieldDefinition.properties as Record<string, JsonSchema>;

/** A field as core reports it: the definition with every default filled in. */
const FIELD_METADATA: JsonSchema = {
  type: 'object',
  properties: {
    ...fieldDefinitionProperties,
    type: { type: 'string', description: `One of ${FIELD_TYPES.join(', ')}, or a plugin's \`<plugin>.<type>\`` },
    system: { type: 'boolean', description: 'True for the system fields every record has (id, created_at, …)' },
    position: { type: 'integer', description: 'Display order within the entity' },
  },
  required: ['name', 'type', 'label', 'required', 'unique', 'indexed', 'default', 'options', 'system', 'position'],
};

/** A composite index as core reports it. */
const ENTITY_INDEX: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'Derived from the entity and the fields; names the index in DELETE …/indexes/{index}' },
    fields: { type: 'array', items: { type: 'string' }, description: 'Field names in index order' },
    unique: { type: 'boolean' },
    plugin: { type: ['string', 'null'], description: 'The plugin that declared it (it cannot be dropped through the API), or null' },
  },
  required: ['name', 'fields', 'unique', 'plugin'],
};

const ENTITY_METADATA: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'Lower snake case identifier; the table name and the `:entity` of /api/records' },
    label: { type: 'string' },
    pluralLabel: { type: 'string' },
    description: { type: 'string' },
    fields: {
      type: 'array',
      items: ref('FieldMetadata'),
      description: 'System fields first, then the entity’s own fields in display order',
    },
    indexes: {
      type: 'array',
      items: ref('EntityIndex'),
      description: 'Composite indexes, in creation order (single-field indexes are the fields’ `indexed` and `unique` flags)',
    },
    plugin: {
      type: ['string', 'null'],
      description: 'The plugin that owns the entity (it cannot be dropped through the API), or null for an entity a user created',
    },
  },
  required: ['name', 'label', 'pluralLabel', 'description', 'fields', 'indexes'],
};

const SCOPE: JsonSchema = { type: 'string', enum: ['none', 'own', 'team', 'all'] };

/** An entity as metadata reads show it to the caller: their fields only, and what they may do. */
const ENTITY_VIEW: JsonSchema = {
  type: 'object',
  description:
    'The caller’s view of an entity: fields hidden from them are left out, and `access` says what they may do with its records. ' +
    'Entities the caller may not read are not listed (and answer 404).',
  properties: {
    ...(ENTITY_METADATA.properties as Record<string, JsonSchema>),
    fields: {
      type: 'array',
      items: {
        allOf: [
          ref('FieldMetadata'),
          {
            type: 'object',
            properties: {
              plugin: { type: ['string', 'null'], description: 'The plugin that declared the field; null for fields users added' },
            },
            required: ['plugin'],
          },
        ],
      },
    },
    access: {
      type: 'object',
      description:
        'The caller’s scope for each action (their roles merged; `all` for administrators), and the fields they may read but not write',
      properties: {
        read: SCOPE,
        create: SCOPE,
        update: SCOPE,
        delete: SCOPE,
        export: SCOPE,
        readOnlyFields: { type: 'array', items: { type: 'string' } },
      },
      required: ['read', 'create', 'update', 'delete', 'export', 'readOnlyFields'],
    },
  },
  required: [...(ENTITY_METADATA.required as string[]), 'access'],
};

const CARDINALITY: JsonSchema = { type: 'string', enum: ['one', 'many'] };
const ENTITY_NAMES: JsonSchema = { type: 'array', items: { type: 'string' }, description: 'Empty means any entity' };

/** One direction of a relation type as core reports it. */
const RELATION_TYPE_METADATA: JsonSchema = {
  type: 'object',
  properties: {
    key: { type: 'string', description: 'This direction’s key: the `type` of relations and of `$relation` filters' },
    label: { type: 'string', description: 'The predicate, read "subject <label> object"' },
    symmetric: {
      type: 'object',
      description: 'The opposite direction; the same key and label for a type that is its own symmetric',
      properties: { key: { type: 'string' }, label: { type: 'string' } },
      required: ['key', 'label'],
    },
    subjectEntities: ENTITY_NAMES,
    objectEntities: ENTITY_NAMES,
    cardinality: {
      type: 'object',
      description: 'How many relations of this direction one subject may have, and one object may be the target of',
      properties: { subject: CARDINALITY, object: CARDINALITY },
      required: ['subject', 'object'],
    },
    fields: { type: 'array', items: ref('FieldMetadata'), description: 'Attribute fields, shared by both directions' },
    system: { type: 'boolean', description: 'Declared by a plugin: the API can neither change nor delete it' },
  },
  required: ['key', 'label', 'symmetric', 'subjectEntities', 'objectEntities', 'cardinality', 'fields', 'system'],
};

const USER: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string', format: 'email' },
    name: { type: 'string' },
    isAdmin: { type: 'boolean' },
  },
  required: ['id', 'email', 'name', 'isAdmin'],
};

/** Schemas of the metadata, auth and relations APIs; the same in every document. */
export const META_SCHEMAS: Record<string, JsonSchema> = {
  EntityDefinition: bodySchema(bodies.entity),
  EntityChanges: bodySchema(bodies.entityPatch),
  FieldDefinition: fieldDefinition,
  FieldChanges: bodySchema(bodies.fieldPatch),
  EntityMetadata: ENTITY_METADATA,
  EntityView: ENTITY_VIEW,
  FieldMetadata: FIELD_METADATA,
  EntityIndexDefinition: bodySchema(bodies.index),
  EntityIndex: ENTITY_INDEX,
  RelationTypeDefinition: bodySchema(relationTypeBodies.definition),
  RelationTypeChanges: bodySchema(relationTypeBodies.patch),
  RelationTypeMetadata: RELATION_TYPE_METADATA,
  User: USER,
  ...RELATION_SCHEMAS,
};
