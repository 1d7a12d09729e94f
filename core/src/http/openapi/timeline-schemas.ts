import type { JsonSchema } from '../../entities/field-types/index.js';
import { TIMELINE_CONTENT_SCHEMA } from '../../timeline/timeline-input.js';

const ACTOR: JsonSchema = {
  type: 'object',
  description: 'Who posted the entry',
  properties: {
    userId: { type: ['string', 'null'] },
    email: { type: 'string' },
    isAdmin: { type: 'boolean' },
    via: { type: 'string', enum: ['bearer', 'cookie', 'system', 'job', 'plugin'] },
    plugin: { type: 'string' },
  },
  required: ['userId', 'isAdmin', 'via'],
};

const ENTRY: JsonSchema = {
  type: 'object',
  description: 'One entry of a record’s timeline: a call, an e-mail, a stage change, a note.',
  properties: {
    id: { type: 'string', format: 'uuid' },
    record: {
      type: 'object',
      properties: { entity: { type: 'string' }, id: { type: 'string' } },
      required: ['entity', 'id'],
    },
    kind: { type: 'string' },
    title: { type: 'string' },
    body: { type: ['string', 'null'] },
    data: { type: 'object' },
    occurred_at: { type: 'string', format: 'date-time' },
    created_at: { type: 'string', format: 'date-time' },
    plugin: { type: ['string', 'null'], description: 'The plugin that posted it; null for a user’s own entry' },
    actor: ACTOR,
  },
  required: ['id', 'record', 'kind', 'title', 'body', 'data', 'occurred_at', 'created_at', 'plugin', 'actor'],
};

/** The timeline's schemas, under `components.schemas`. */
export const TIMELINE_SCHEMAS: Record<string, JsonSchema> = {
  TimelineEntry: ENTRY,
  TimelineEntryInput: TIMELINE_CONTENT_SCHEMA,
};
