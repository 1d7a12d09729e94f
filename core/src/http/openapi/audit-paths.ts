import type { EntityMetadata } from '@trellis/sdk';
import { DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT } from '../../audit/audit-query.js';
import type { JsonSchema } from '../../entities/field-types/index.js';
import { recordSchemaName } from './names.js';
import { jsonResponse, problems, ref, type OpenApiObject } from './shared.js';

/** The tag of the admin-wide audit query. */
export const AUDIT_TAG = { name: 'audit', description: 'The append-only audit log (administrators)' };

const NULLABLE_TEXT: JsonSchema = { type: ['string', 'null'] };

/** Components of the audit routes. */
export const AUDIT_SCHEMAS: Record<string, JsonSchema> = {
  AuditEntry: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      occurredAt: { type: 'string', format: 'date-time' },
      action: {
        type: 'string',
        description: '`record.updated`, `relation.added`, `metadata.field_added`, `plugin.enabled`, `auth.login`…',
      },
      entity: NULLABLE_TEXT,
      recordId: NULLABLE_TEXT,
      actor: {
        type: 'object',
        properties: {
          userId: NULLABLE_TEXT,
          email: NULLABLE_TEXT,
          via: { enum: ['cookie', 'bearer', 'token', 'job', 'plugin', 'system'] },
          plugin: NULLABLE_TEXT,
        },
        required: ['userId', 'email', 'via', 'plugin'],
      },
      requestId: NULLABLE_TEXT,
      changes: {
        type: ['object', 'null'],
        description: 'Changed fields: `{before, after}`; sensitive values are "[redacted]"',
        additionalProperties: { type: 'object', properties: { before: {}, after: {} } },
      },
      details: { type: 'object' },
    },
    required: ['id', 'occurredAt', 'action', 'entity', 'recordId', 'actor', 'requestId', 'changes', 'details'],
  },
  AuditPage: {
    type: 'object',
    properties: {
      data: { type: 'array', items: ref('AuditEntry') },
      page: { type: 'object', properties: { next: NULLABLE_TEXT }, required: ['next'] },
    },
    required: ['data', 'page'],
  },
};

const query = (name: string, description: string, schema: JsonSchema = { type: 'string' }): OpenApiObject => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

const PAGING: OpenApiObject[] = [
  query(`limit`, `Entries per page, 1 to ${MAX_AUDIT_LIMIT}.`, {
    type: 'integer',
    minimum: 1,
    maximum: MAX_AUDIT_LIMIT,
    default: DEFAULT_AUDIT_LIMIT,
  }),
  query('cursor', 'The `page.next` of the previous page.'),
];

/** `/api/audit`: the administrators' query over the whole log. */
export function auditPaths(): Record<string, OpenApiObject> {
  return {
    '/api/audit': {
      get: {
        operationId: 'queryAuditLog',
        tags: [AUDIT_TAG.name],
        summary: 'Query the audit log, newest first (administrators only)',
        parameters: [
          query('action', 'An exact action, or a prefix ending in `*` (`metadata.*`).'),
          query('entity', 'The entity entries are about.'),
          query('recordId', 'The record entries are about.'),
          query('actor', 'A user id, or an e-mail when it contains `@`.'),
          query('source', 'How the change came in.', { enum: ['cookie', 'bearer', 'token', 'job', 'plugin', 'system'] }),
          query('from', 'Entries at or after this ISO 8601 date or timestamp.'),
          query('to', 'Entries before this ISO 8601 date or timestamp.'),
          ...PAGING,
        ],
        responses: { '200': jsonResponse('One page of entries', ref('AuditPage')), ...problems(400, 401, 403) },
      },
    },
  };
}

/** `/api/records/<name>/{id}/history` of one entity: the record's audit entries. */
export function historyPaths(entity: EntityMetadata): Record<string, OpenApiObject> {
  return {
    [`/api/records/${entity.name}/{id}/history`]: {
      parameters: [{ name: 'id', in: 'path', required: true, description: 'The record id', schema: { type: 'string' } }],
      get: {
        operationId: `list${recordSchemaName(entity.name)}History`,
        tags: [entity.name],
        summary: `The audit history of a ${entity.label} record, newest first`,
        description: 'Who changed what and when; 404 when the caller cannot read the record.',
        parameters: PAGING,
        responses: { '200': jsonResponse('One page of entries', ref('AuditPage')), ...problems(400, 401, 404) },
      },
    },
  };
}
