import { CORE_EVENT_TYPES } from '@trellis/sdk';
import type { JsonSchema } from '../../entities/field-types/index.js';
import { MAX_DELIVERY_PAGE } from '../../webhooks/delivery-log.js';
import { MIN_SECRET_LENGTH } from '../../webhooks/webhook-input.js';
import { dataOf, jsonBody, jsonResponse, problems, ref, type OpenApiObject } from './shared.js';

const TAGS = ['Webhooks'];
const ADMIN_NOTE = 'Administrators only: other users get a 403.';

/** The tag of the webhook paths. */
export const WEBHOOK_TAG: OpenApiObject = {
  name: 'Webhooks',
  description: 'Outbound webhooks: signed POSTs of domain events to your URLs, retried with back-off, and their delivery log',
};

const NULLABLE_STRING: JsonSchema = { type: ['string', 'null'] };
const NULLABLE_INTEGER: JsonSchema = { type: ['integer', 'null'] };

const SETTABLE: Record<string, JsonSchema> = {
  url: { type: 'string', format: 'uri', description: 'Absolute http:// or https:// URL, without credentials' },
  events: {
    type: 'array',
    minItems: 1,
    items: { type: 'string' },
    description: `Event types: ${CORE_EVENT_TYPES.join(', ')}, a plugin's \`<plugin>.<event>\`, \`<namespace>.*\`, or \`*\` for every event`,
  },
  entities: {
    type: ['array', 'null'],
    minItems: 1,
    items: { type: 'string' },
    description: 'Only record and relation events about these entities (plugin events are not filtered); null or absent for every entity',
  },
  active: { type: 'boolean', description: 'An inactive webhook receives nothing (its test route still sends)' },
  description: { type: 'string', maxLength: 500 },
};

const SECRET: JsonSchema = {
  type: 'string',
  minLength: MIN_SECRET_LENGTH,
  maxLength: 256,
  description: 'Key of the HMAC-SHA256 in X-Trellis-Signature',
};

const WEBHOOK: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    ...SETTABLE,
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    createdBy: { ...NULLABLE_STRING, description: 'The user who created it' },
  },
  required: ['id', 'url', 'events', 'entities', 'active', 'description', 'createdAt', 'updatedAt', 'createdBy'],
};

const OUTCOME: Record<string, JsonSchema> = {
  responseStatus: { ...NULLABLE_INTEGER, description: 'The receiver’s HTTP status; null when no answer came' },
  responseBody: { ...NULLABLE_STRING, description: 'The first 2 kB of the receiver’s answer' },
  error: { ...NULLABLE_STRING, description: 'Why the attempt failed' },
};

const ATTEMPT: JsonSchema = {
  type: 'object',
  properties: {
    attempt: { type: 'integer', minimum: 1 },
    status: { type: 'string', enum: ['succeeded', 'failed'] },
    ...OUTCOME,
    durationMs: { type: 'integer' },
    startedAt: { type: 'string', format: 'date-time' },
  },
  required: ['attempt', 'status', 'responseStatus', 'responseBody', 'error', 'durationMs', 'startedAt'],
};

const DELIVERY: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'Stable across retries; receivers see it as X-Trellis-Delivery' },
    webhookId: { type: 'string' },
    eventType: { type: 'string' },
    eventId: { type: 'string', description: 'The same in every webhook’s delivery of one event' },
    payload: { type: 'object', description: 'The body sent: `{id, type, occurredAt, data}`' },
    attempt: { type: 'integer', description: 'Attempts made so far' },
    status: { type: 'string', enum: ['pending', 'succeeded', 'failed'], description: '`pending` while attempts are left' },
    ...OUTCOME,
    durationMs: NULLABLE_INTEGER,
    createdAt: { type: 'string', format: 'date-time' },
    deliveredAt: { type: ['string', 'null'], format: 'date-time' },
    attempts: { type: 'array', items: ref('WebhookDeliveryAttempt') },
  },
  required: ['id', 'webhookId', 'eventType', 'eventId', 'payload', 'attempt', 'status', 'createdAt', 'deliveredAt', 'attempts'],
};

/** Schemas of the webhook paths, for `components.schemas`. */
export const WEBHOOK_SCHEMAS: Record<string, JsonSchema> = {
  Webhook: WEBHOOK,
  WebhookCreated: {
    allOf: [ref('Webhook'), { type: 'object', properties: { secret: SECRET }, required: ['secret'] }],
    description: 'The only answer that shows the secret',
  },
  WebhookDefinition: {
    type: 'object',
    properties: { ...SETTABLE, secret: { ...SECRET, description: `${SECRET.description as string}; generated when left out` } },
    required: ['url', 'events'],
    additionalProperties: false,
  },
  WebhookChanges: { type: 'object', properties: { ...SETTABLE, secret: SECRET }, additionalProperties: false },
  WebhookDelivery: DELIVERY,
  WebhookDeliveryAttempt: ATTEMPT,
};

const ID: OpenApiObject = { name: 'id', in: 'path', required: true, description: 'The webhook id', schema: { type: 'string' } };
const ONE = dataOf(ref('Webhook'));

/** `/api/webhooks`: webhooks, their delivery log and their test route. */
export function webhookPaths(): Record<string, OpenApiObject> {
  return {
    '/api/webhooks': {
      get: {
        operationId: 'webhooksList',
        tags: TAGS,
        summary: 'List webhooks, oldest first (secrets are never shown)',
        description: ADMIN_NOTE,
        responses: { '200': jsonResponse('Every webhook', dataOf({ type: 'array', items: ref('Webhook') })), ...problems(401, 403) },
      },
      post: {
        operationId: 'webhooksCreate',
        tags: TAGS,
        summary: 'Create a webhook; the answer shows its secret, once',
        description: ADMIN_NOTE,
        requestBody: jsonBody(ref('WebhookDefinition')),
        responses: { '201': jsonResponse('Created', dataOf(ref('WebhookCreated'))), ...problems(400, 401, 403, 413, 415) },
      },
    },
    '/api/webhooks/{id}': {
      parameters: [ID],
      get: {
        operationId: 'webhooksGet',
        tags: TAGS,
        summary: 'Read a webhook',
        description: ADMIN_NOTE,
        responses: { '200': jsonResponse('The webhook', ONE), ...problems(401, 403, 404) },
      },
      patch: {
        operationId: 'webhooksUpdate',
        tags: TAGS,
        summary: 'Change a webhook: URL, events, entities, secret, active, description',
        description: ADMIN_NOTE,
        requestBody: jsonBody(ref('WebhookChanges')),
        responses: { '200': jsonResponse('The webhook after the change', ONE), ...problems(400, 401, 403, 404, 413, 415) },
      },
      delete: {
        operationId: 'webhooksDelete',
        tags: TAGS,
        summary: 'Delete a webhook and its delivery log; deliveries still queued are dropped',
        description: ADMIN_NOTE,
        responses: { '204': { description: 'Deleted' }, ...problems(401, 403, 404) },
      },
    },
    '/api/webhooks/{id}/deliveries': {
      parameters: [ID],
      get: {
        operationId: 'webhooksDeliveries',
        tags: TAGS,
        summary: 'The delivery log, newest first, each delivery with its attempts',
        description: ADMIN_NOTE,
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_DELIVERY_PAGE, default: 50 } },
          { name: 'cursor', in: 'query', description: 'The `page.next` of the previous page', schema: { type: 'string' } },
        ],
        responses: {
          '200': jsonResponse('One page', {
            type: 'object',
            properties: {
              data: { type: 'array', items: ref('WebhookDelivery') },
              page: { type: 'object', properties: { next: NULLABLE_STRING }, required: ['next'] },
            },
            required: ['data', 'page'],
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    '/api/webhooks/{id}/test': {
      parameters: [ID],
      post: {
        operationId: 'webhooksTest',
        tags: TAGS,
        summary: 'Send a `webhook.ping` now, once, and answer with its delivery',
        description: `Sent whether the webhook is active or not, without retries. ${ADMIN_NOTE}`,
        responses: { '200': jsonResponse('The delivery, settled', dataOf(ref('WebhookDelivery'))), ...problems(401, 403, 404) },
      },
    },
  };
}
