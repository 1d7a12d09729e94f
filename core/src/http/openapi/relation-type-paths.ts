import { dataOf, jsonBody, jsonResponse, problems, ref, type OpenApiObject } from './shared.js';

const TAGS = ['Metadata'];
const KEY: OpenApiObject = {
  name: 'key',
  in: 'path',
  required: true,
  description: 'The key of either direction',
  schema: { type: 'string' },
};
const ONE = dataOf(ref('RelationTypeMetadata'));
const SYSTEM_NOTE = 'Types declared by plugins (`system`) answer 403.';

/** `/api/meta/relation-types`: relation types, each direction under its own key. */
export function relationTypePaths(): Record<string, OpenApiObject> {
  return {
    '/api/meta/relation-types': {
      get: {
        operationId: 'metaListRelationTypes',
        tags: TAGS,
        summary: 'List relation types, one entry per direction',
        responses: {
          '200': jsonResponse('Every direction of every type, in key order', dataOf({ type: 'array', items: ref('RelationTypeMetadata') })),
          ...problems(401),
        },
      },
      post: {
        operationId: 'metaCreateRelationType',
        tags: TAGS,
        summary: 'Create a relation type: both its directions, or one for a type that is its own symmetric',
        requestBody: jsonBody(ref('RelationTypeDefinition')),
        responses: { '201': jsonResponse('Created: the direction named by `key`', ONE), ...problems(400, 401, 403, 409, 413, 415) },
      },
    },
    '/api/meta/relation-types/{key}': {
      parameters: [KEY],
      get: {
        operationId: 'metaGetRelationType',
        tags: TAGS,
        summary: 'Read one direction of a relation type',
        responses: { '200': jsonResponse('The direction', ONE), ...problems(401, 404) },
      },
      patch: {
        operationId: 'metaUpdateRelationType',
        tags: TAGS,
        summary: 'Change labels, allowed entities or cardinality, or add attribute fields',
        description: `Keys cannot change; existing relations must fit the new entities and cardinality (else 409). ${SYSTEM_NOTE}`,
        requestBody: jsonBody(ref('RelationTypeChanges')),
        responses: { '200': jsonResponse('The direction after the change', ONE), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
      delete: {
        operationId: 'metaDeleteRelationType',
        tags: TAGS,
        summary: 'Delete a relation type, both directions, and its relations',
        description: SYSTEM_NOTE,
        parameters: [
          {
            name: 'confirm',
            in: 'query',
            required: false,
            description:
              'Required while relations of the type exist, which the delete removes: repeat the key. Missing or different, the request is a 400.',
            schema: { type: 'string' },
          },
        ],
        responses: { '204': { description: 'Deleted' }, ...problems(400, 401, 403, 404) },
      },
    },
  };
}
