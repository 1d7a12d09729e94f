import type { RelationTypeMetadata } from '@trellis/sdk';
import type { JsonSchema } from '../../entities/field-types/index.js';
import { fieldSchema } from '../../entities/validators.js';
import { pascal } from './names.js';
import { ref, type OpenApiObject } from './shared.js';

/** `employed_by` → `EmployedByRelationAttributes`: the component of a relation type's attributes. */
export function attributesSchemaName(key: string): string {
  return `${pascal(key)}RelationAttributes`;
}

/** The relation types whose subject may be a record of the entity, in key order. */
export function typesOfSubject(entity: string, types: readonly RelationTypeMetadata[]): RelationTypeMetadata[] {
  return types.filter((type) => type.subjectEntities.length === 0 || type.subjectEntities.includes(entity));
}

/** Names of the entities a type links to, for people. */
export function objectsOf(type: RelationTypeMetadata): string {
  return type.objectEntities.length ? type.objectEntities.join(', ') : 'any entity';
}

/** One bullet per type: its key, label and the entities it links to. */
export function typeList(types: readonly RelationTypeMetadata[]): string {
  return types.map((type) => `- \`${type.key}\` (${type.label}): to ${objectsOf(type)}`).join('\n');
}

/** The attribute fields a relation of that type may be written with, as a patch sends them. */
function attributesSchema(type: RelationTypeMetadata): JsonSchema {
  const properties = Object.fromEntries(
    type.fields.map((field) => [
      field.name,
      { ...fieldSchema(field), title: field.label, ...(field.default !== null ? { default: field.default } : {}) },
    ]),
  );
  return {
    type: 'object',
    title: `Attributes of ${type.key}`,
    description:
      `Attribute values of a \`${type.key}\` relation. A patch sends only those it changes; ` +
      'adding a relation must give the required ones without a default.',
    properties,
    additionalProperties: false,
  };
}

/** The fields that adding a relation of that type must give (required, no default). */
export function requiredAttributes(type: RelationTypeMetadata): string[] {
  return type.fields.filter((field) => field.required && field.default === null).map((field) => field.name);
}

/** The attributes schema of every relation type direction, keyed by component name. */
export function relationAttributeSchemas(types: readonly RelationTypeMetadata[]): Record<string, JsonSchema> {
  return Object.fromEntries(types.map((type) => [attributesSchemaName(type.key), attributesSchema(type)]));
}

/**
 * `x-trellis-relation-types`: the relation types defined when the document was generated, as
 * `GET /api/meta/relation-types` reports them, each with a pointer to its attributes schema.
 */
export function relationTypesExtension(types: readonly RelationTypeMetadata[]): OpenApiObject[] {
  return types.map((type) => ({ ...type, attributesSchema: ref(attributesSchemaName(type.key)).$ref }));
}
