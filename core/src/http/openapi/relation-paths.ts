import type { EntityMetadata, RelationTypeMetadata } from '@trellis/sdk';
import type { JsonSchema } from '../../entities/field-types/index.js';
import { DEFAULT_RELATIONS_PER_TYPE, MAX_RELATIONS_PER_TYPE } from '../../relations/relations-service.js';
import { recordSchemaName } from './names.js';
import { attributesSchemaName, requiredAttributes, typeList, typesOfSubject } from './relation-types.js';
import { dataOf, jsonBody, jsonResponse, problems, ref, type OpenApiObject } from './shared.js';

const ID_PARAMETER: OpenApiObject = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The id of the record the relations are seen from (their subject)',
  schema: { type: 'string' },
};
const RELATION_ID_PARAMETER: OpenApiObject = {
  name: 'relationId',
  in: 'path',
  required: true,
  description: 'The relation id, as lists and writes return it',
  schema: { type: 'string' },
};

const OBJECT: JsonSchema = {
  type: 'object',
  description: 'The record to relate to',
  properties: { entity: { type: 'string' }, id: { type: 'string', format: 'uuid' } },
  required: ['entity', 'id'],
  additionalProperties: false,
};

function typesText(entity: EntityMetadata, types: readonly RelationTypeMetadata[]): string {
  return types.length
    ? `Relation types whose subject may be a ${entity.name} record:\n${typeList(types)}`
    : `No relation type lets ${entity.name} records be the subject yet.`;
}

/** The type key schema: the applicable keys while there are some. */
function typeKey(entity: EntityMetadata, types: readonly RelationTypeMetadata[]): JsonSchema {
  const keys = types.map((type) => type.key);
  return { type: 'string', ...(keys.length ? { enum: keys } : {}), description: typesText(entity, types) };
}

/**
 * The body of an add. Each applicable type gets a branch tying its key to its attributes
 * schema, so a client learns the attributes a type takes from the type it names.
 */
function addBody(entity: EntityMetadata, types: readonly RelationTypeMetadata[]): JsonSchema {
  const branches = types.map((type) => {
    const required = requiredAttributes(type);
    const attributes = ref(attributesSchemaName(type.key));
    return {
      title: type.key,
      properties: { type: { const: type.key }, attributes: required.length ? { ...attributes, required } : attributes },
      ...(required.length ? { required: ['attributes'] } : {}),
    };
  });
  return {
    type: 'object',
    description: `Relates this ${entity.label} record (the subject) to another record (the object).`,
    properties: {
      type: typeKey(entity, types),
      object: OBJECT,
      attributes: { type: 'object', description: 'Values of the type’s attribute fields; defaults fill those left out' },
    },
    required: ['type', 'object'],
    additionalProperties: false,
    ...(branches.length ? { oneOf: branches } : {}),
  };
}

function patchBody(types: readonly RelationTypeMetadata[]): JsonSchema {
  const description = 'Attribute values to change; the others keep theirs. Which attributes exist depends on the relation’s type.';
  const attributes = types.length
    ? { description, anyOf: types.map((type) => ref(attributesSchemaName(type.key))) }
    : { type: 'object', description };
  return { type: 'object', properties: { attributes }, required: ['attributes'], additionalProperties: false };
}

function listParameters(entity: EntityMetadata, types: readonly RelationTypeMetadata[]): OpenApiObject[] {
  return [
    {
      name: 'type',
      in: 'query',
      required: false,
      description: `Only this relation type; its group is then listed even when empty. Without it, every type with relations is listed.`,
      schema: typeKey(entity, types),
    },
    {
      name: 'limit',
      in: 'query',
      required: false,
      description: `Relations per type, 1 to ${MAX_RELATIONS_PER_TYPE}.`,
      schema: { type: 'integer', minimum: 1, maximum: MAX_RELATIONS_PER_TYPE, default: DEFAULT_RELATIONS_PER_TYPE },
    },
    {
      name: 'cursor',
      in: 'query',
      required: false,
      description: 'The `page.next` of a group, to read that type’s next page; requires `type`.',
      schema: { type: 'string' },
    },
  ];
}

/**
 * The relations paths of one entity: `/api/records/<name>/{id}/relations` (list, add) and
 * `/api/records/<name>/{id}/relations/{relationId}` (change attributes, remove).
 */
export function relationPaths(entity: EntityMetadata, allTypes: readonly RelationTypeMetadata[]): Record<string, OpenApiObject> {
  const name = recordSchemaName(entity.name);
  const tags = [entity.name];
  const types = typesOfSubject(entity.name, allTypes);
  const base = `/api/records/${entity.name}/{id}/relations`;
  const relation = dataOf(ref('RelationDetail'));
  return {
    [base]: {
      parameters: [ID_PARAMETER],
      get: {
        operationId: `list${name}Relations`,
        tags,
        summary: `List the relations of a ${entity.label} record, grouped by type`,
        description: `One group per relation type, each one page in relation id order. ${typesText(entity, types)}`,
        parameters: listParameters(entity, types),
        responses: {
          '200': jsonResponse('One page per relation type', dataOf({ type: 'array', items: ref('RelationGroup') })),
          ...problems(400, 401, 404),
        },
      },
      post: {
        operationId: `add${name}Relation`,
        tags,
        summary: `Relate a ${entity.label} record to another record`,
        description:
          'Both directions are stored: the object lists the relation under the symmetric type. ' +
          'A duplicate, or a side whose cardinality is `one` that already has its relation, is a 409.',
        requestBody: jsonBody(addBody(entity, types)),
        responses: {
          '201': jsonResponse('Added: the relation seen from this record', relation),
          ...problems(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    [`${base}/{relationId}`]: {
      parameters: [ID_PARAMETER, RELATION_ID_PARAMETER],
      patch: {
        operationId: `update${name}Relation`,
        tags,
        summary: `Change attributes of a relation of a ${entity.label} record`,
        description: 'Both directions change together.',
        requestBody: jsonBody(patchBody(types)),
        responses: { '200': jsonResponse('The relation after the change', relation), ...problems(400, 401, 403, 404, 413, 415) },
      },
      delete: {
        operationId: `remove${name}Relation`,
        tags,
        summary: `Remove a relation of a ${entity.label} record`,
        description: 'Both directions go; the related record stays.',
        responses: { '204': { description: 'Removed' }, ...problems(401, 403, 404) },
      },
    },
  };
}
