import { FIELD_TYPES } from '@trellis/sdk';
import { compileDefinitionValidators } from '../../entities/definitions.js';
import type { JsonSchema } from '../../entities/field-types/index.js';
import { createAjv } from '../../entities/validators.js';
import { ref } from './shared.js';

// The metadata API validates its bodies with these schemas; documenting the very same objects
// keeps the document from drifting away from what the server accepts.
const bodies = compileDefinitionValidators(createAjv());
const bodySchema = (validate: { schema: unknown }): JsonSchema => validate.schema as JsonSchema;

const fieldDefinition = bodySchema(bodies.field);
const fieldDefinitionProperties = fieldDefinition.properties as Record<string, JsonSchema>;

/** A field as core reports it: the definition with every default filled in. */
const FIELD_METADATA: JsonSchema = {
  type: 'object',
  properties: {
    ...fieldDefinitionProperties,
    type: { type: 'string', enum: FIELD_TYPES },
    system: { type: 'boolean', description: 'True for the system fields every record has (id, created_at, …)' },
    position: { type: 'integer', description: 'Display order within the entity' },
  },
  required: ['name', 'type', 'label', 'required', 'unique', 'indexed', 'default', 'options', 'system', 'position'],
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
  },
  required: ['name', 'label', 'pluralLabel', 'description', 'fields'],
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

/** Schemas of the metadata and auth APIs; the same in every document. */
export const META_SCHEMAS: Record<string, JsonSchema> = {
  EntityDefinition: bodySchema(bodies.entity),
  EntityChanges: bodySchema(bodies.entityPatch),
  FieldDefinition: fieldDefinition,
  FieldChanges: bodySchema(bodies.fieldPatch),
  EntityMetadata: ENTITY_METADATA,
  FieldMetadata: FIELD_METADATA,
  User: USER,
};
