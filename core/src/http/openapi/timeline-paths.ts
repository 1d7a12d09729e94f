import type { EntityMetadata } from '@trellis/sdk';
import type { JsonSchema } from '../../entities/field-types/index.js';
import { DEFAULT_TIMELINE_LIMIT, MAX_TIMELINE_LIMIT } from '../../timeline/timeline-input.js';
import { recordSchemaName } from './names.js';
import { dataOf, jsonBody, jsonResponse, problems, ref, type OpenApiObject } from './shared.js';

const ID_PARAMETER: OpenApiObject = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The id of the record whose timeline this is',
  schema: { type: 'string' },
};

const LIST_PARAMETERS: OpenApiObject[] = [
  {
    name: 'limit',
    in: 'query',
    required: false,
    description: `Entries per page, 1 to ${MAX_TIMELINE_LIMIT}.`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_TIMELINE_LIMIT, default: DEFAULT_TIMELINE_LIMIT },
  },
  { name: 'cursor', in: 'query', required: false, description: 'The `page.next` of the previous page.', schema: { type: 'string' } },
];

const PAGE: JsonSchema = {
  type: 'object',
  properties: {
    data: { type: 'array', items: ref('TimelineEntry') },
    page: {
      type: 'object',
      properties: { next: { type: ['string', 'null'], description: 'The cursor of the following page; null on the last page' } },
      required: ['next'],
    },
  },
  required: ['data', 'page'],
};

/** `/api/records/<name>/{id}/timeline` of one entity: list (newest first) and post an entry. */
export function timelinePaths(entity: EntityMetadata): Record<string, OpenApiObject> {
  const name = recordSchemaName(entity.name);
  const tags = [entity.name];
  return {
    [`/api/records/${entity.name}/{id}/timeline`]: {
      parameters: [ID_PARAMETER],
      get: {
        operationId: `list${name}Timeline`,
        tags,
        summary: `List the timeline of a ${entity.label} record, newest first`,
        description: 'Entries in the order they happened, the latest first; keyset pages.',
        parameters: LIST_PARAMETERS,
        responses: { '200': jsonResponse('One page of entries', PAGE), ...problems(400, 401, 404) },
      },
      post: {
        operationId: `post${name}TimelineEntry`,
        tags,
        summary: `Add an entry (a note, a call log) to the timeline of a ${entity.label} record`,
        description: 'Posted as the signed-in user; `plugin` is null. Plugins post through the SDK’s TimelineApi.',
        requestBody: jsonBody(ref('TimelineEntryInput')),
        responses: {
          '201': jsonResponse('The entry as stored', dataOf(ref('TimelineEntry'))),
          ...problems(400, 401, 403, 404, 413, 415),
        },
      },
    },
  };
}
