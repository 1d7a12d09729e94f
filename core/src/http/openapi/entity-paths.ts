import type { EntityMetadata, RelationTypeMetadata } from '@trellis/sdk';
import type { JsonSchema } from '../../entities/field-types/index.js';
import { recordSchemaName } from './names.js';
import { countParameters, listParameters, readParameters } from './record-parameters.js';
import { dataOf, jsonBody, jsonResponse, problems, ref, type OpenApiObject } from './shared.js';

const ID_PARAMETER: OpenApiObject = { name: 'id', in: 'path', required: true, description: 'The record id', schema: { type: 'string' } };

const PREFER_PARAMETER: OpenApiObject = {
  name: 'Prefer',
  in: 'header',
  required: false,
  description: '`return=minimal` (RFC 7240) answers with the new ids only, which spares large imports the echo of every record.',
  schema: { type: 'string', enum: ['return=minimal', 'return=representation'] },
};

const ID_ONLY: JsonSchema = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] };

function page(record: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: {
      data: { type: 'array', items: record },
      page: {
        type: 'object',
        properties: { next: { type: ['string', 'null'], description: 'The cursor of the following page; null on the last page' } },
        required: ['next'],
      },
    },
    required: ['data', 'page'],
  };
}

function createOperation(entity: EntityMetadata, name: string): OpenApiObject {
  const input = ref(`${name}Input`);
  return {
    operationId: `create${name}`,
    tags: [entity.name],
    summary: `Create one ${entity.label} record, or several at once`,
    description:
      'An array body creates every record in one transaction: all or nothing, up to the bulk limit (TRELLIS_BULK_LIMIT, 10,000 by default). ' +
      'Problems in a bulk body name the record by its index: `[3].email`.',
    parameters: [PREFER_PARAMETER],
    requestBody: jsonBody({ oneOf: [input, { type: 'array', items: input, minItems: 1 }] }),
    responses: {
      '201': jsonResponse(
        'Created: the records as stored, in the order sent (only their ids with Prefer: return=minimal)',
        dataOf({ anyOf: [ref(name), { type: 'array', items: ref(name) }, ID_ONLY, { type: 'array', items: ID_ONLY }] }),
      ),
      ...problems(400, 401, 403, 404, 409, 413, 415),
    },
  };
}

/**
 * The concrete records paths of one entity: `/api/records/<name>` (list, create),
 * `/api/records/<name>/count` and `/api/records/<name>/{id}` (read, patch, delete).
 * `types` are the relation types, which the `filter` parameter's `$relation` may name.
 */
export function entityPaths(entity: EntityMetadata, types: readonly RelationTypeMetadata[]): Record<string, OpenApiObject> {
  const name = recordSchemaName(entity.name);
  const tags = [entity.name];
  const base = `/api/records/${entity.name}`;
  const record = dataOf(ref(name));
  return {
    [base]: {
      get: {
        operationId: `list${name}`,
        tags,
        summary: `List ${entity.pluralLabel}`,
        description: 'One page in keyset order; follow `page.next` with `cursor` for the next. Never counts: ask /count for that.',
        parameters: listParameters(entity, types),
        responses: { '200': jsonResponse('One page of records', page(ref(name))), ...problems(400, 401, 404) },
      },
      post: createOperation(entity, name),
    },
    [`${base}/count`]: {
      get: {
        operationId: `count${name}`,
        tags,
        summary: `Count ${entity.pluralLabel}`,
        parameters: countParameters(entity, types),
        responses: {
          '200': jsonResponse('How many records match', {
            type: 'object',
            properties: { count: { type: 'integer', minimum: 0 } },
            required: ['count'],
          }),
          ...problems(400, 401, 404),
        },
      },
    },
    [`${base}/{id}`]: {
      parameters: [ID_PARAMETER],
      get: {
        operationId: `get${name}`,
        tags,
        summary: `Read one ${entity.label} record`,
        parameters: readParameters(entity),
        responses: { '200': jsonResponse('The record', record), ...problems(400, 401, 404) },
      },
      patch: {
        operationId: `update${name}`,
        tags,
        summary: `Change fields of a ${entity.label} record`,
        requestBody: jsonBody(ref(`${name}Patch`)),
        responses: { '200': jsonResponse('The record after the change', record), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
      delete: {
        operationId: `delete${name}`,
        tags,
        summary: `Delete a ${entity.label} record`,
        description: 'Lookups pointing to the record are cleared.',
        responses: { '204': { description: 'Deleted' }, ...problems(401, 403, 404) },
      },
    },
  };
}
