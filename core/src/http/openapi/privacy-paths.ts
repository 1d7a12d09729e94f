import type { JsonSchema } from '../../entities/field-types/index.js';
import { MAX_CONSENT_PAGE } from '../../privacy/index.js';
import { dataOf, jsonBody, jsonResponse, problems, ref, type OpenApiObject } from './shared.js';

const TAGS = ['Privacy'];
const ADMIN_NOTE = 'Administrators only: other users get a 403. See docs/reference/gdpr.md.';

/** The tag of the privacy paths. */
export const PRIVACY_TAG: OpenApiObject = {
  name: 'Privacy',
  description: 'GDPR: consents, data-subject export and erasure, retention policies',
};

const NAME: JsonSchema = { type: 'string', pattern: '^[a-z][a-z0-9_]*$' };
const SUBJECT: JsonSchema = {
  type: 'object',
  properties: { entity: { type: 'string' }, id: { type: 'string' } },
  required: ['entity', 'id'],
};
const SETTABLE: Record<string, JsonSchema> = {
  subject: { ...SUBJECT, description: 'A record of an entity marked dataSubject' },
  purpose: { ...NAME, maxLength: 64 },
  channel: { ...NAME, maxLength: 32, description: '`email`, `phone`, `sms`, `post`, `any`, …' },
  status: { type: 'string', enum: ['granted', 'withdrawn'] },
  source: { type: 'string', minLength: 1, maxLength: 100 },
  proof: { type: 'object', description: 'Evidence, at most 16 kB as JSON' },
};
const POLICY_SETTABLE: Record<string, JsonSchema> = {
  days: { type: 'integer', minimum: 0, maximum: 36500, description: 'Records unchanged (updated_at) for longer are processed' },
  action: { type: 'string', enum: ['delete', 'anonymise'] },
};

/** Schemas of the privacy paths, for `components.schemas`. */
export const PRIVACY_SCHEMAS: Record<string, JsonSchema> = {
  ConsentInput: {
    type: 'object',
    properties: { ...SETTABLE, recordedAt: { type: 'string', format: 'date-time' } },
    required: ['subject', 'purpose', 'channel', 'status', 'source'],
    additionalProperties: false,
  },
  Consent: {
    type: 'object',
    properties: { id: { type: 'string' }, ...SETTABLE, recorded_at: { type: 'string', format: 'date-time' } },
    required: ['id', 'subject', 'purpose', 'channel', 'status', 'source', 'proof', 'recorded_at'],
  },
  SubjectExport: {
    type: 'object',
    properties: {
      exported_at: { type: 'string', format: 'date-time' },
      subject: SUBJECT,
      record: { type: 'object' },
      linked: {
        type: 'array',
        items: { type: 'object', properties: { entity: { type: 'string' }, via: { type: 'string' }, record: { type: 'object' } } },
      },
      consents: { type: 'array', items: ref('Consent') },
      timeline: { type: 'array', items: { type: 'object' } },
      audit: { type: 'array', items: { type: 'object' } },
      plugins: { type: 'object', additionalProperties: { type: 'object' } },
    },
    required: ['exported_at', 'subject', 'record', 'linked', 'consents', 'timeline', 'audit', 'plugins'],
  },
  Erasure: {
    type: 'object',
    properties: {
      mode: { type: 'string', enum: ['anonymise', 'delete'] },
      fields: { type: 'array', items: { type: 'string' } },
      auditEntriesRedacted: { type: 'integer' },
      suppressed: { type: 'integer' },
      plugins: { type: 'array', items: { type: 'string' } },
    },
    required: ['mode', 'fields', 'auditEntriesRedacted', 'suppressed', 'plugins'],
  },
  RetentionPolicy: {
    type: 'object',
    properties: { entity: { type: 'string' }, ...POLICY_SETTABLE, updated_at: { type: 'string', format: 'date-time' } },
    required: ['entity', 'days', 'action', 'updated_at'],
  },
};

const path = (name: string, description: string): OpenApiObject => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const query = (name: string, schema: JsonSchema): OpenApiObject => ({ name, in: 'query', schema });
const SUBJECT_PARAMETERS = [path('entity', 'A data-subject entity'), path('id', 'The person’s record id')];
const PAGE = { type: 'object', properties: { next: { type: ['string', 'null'] } }, required: ['next'] };

function operation(operationId: string, summary: string, responses: OpenApiObject, extra: OpenApiObject = {}): OpenApiObject {
  return { operationId, tags: TAGS, summary, ...extra, responses };
}

/** `/api/privacy`: consents, export, erasure and retention. */
export function privacyPaths(): Record<string, OpenApiObject> {
  const admin = { description: ADMIN_NOTE };
  return {
    '/api/privacy/consents': {
      post: operation(
        'privacyConsentRecord',
        'Record a consent given or withdrawn',
        {
          '201': jsonResponse('Recorded', dataOf(ref('Consent'))),
          ...problems(400, 401, 413, 415),
        },
        { requestBody: jsonBody(ref('ConsentInput')) },
      ),
      get: operation(
        'privacyConsentHistory',
        'The consent history, newest first',
        {
          '200': jsonResponse('One page', { type: 'object', properties: { data: { type: 'array', items: ref('Consent') }, page: PAGE } }),
          ...problems(400, 401),
        },
        {
          parameters: [
            query('entity', { type: 'string' }),
            query('id', { type: 'string' }),
            query('purpose', { type: 'string' }),
            query('status', { type: 'string', enum: ['granted', 'withdrawn'] }),
            query('limit', { type: 'integer', minimum: 1, maximum: MAX_CONSENT_PAGE, default: 50 }),
            query('cursor', { type: 'string' }),
          ],
        },
      ),
    },
    '/api/privacy/subjects/{entity}/{id}/consents': {
      parameters: SUBJECT_PARAMETERS,
      get: operation('privacySubjectConsents', 'A person’s current consent per purpose and channel', {
        '200': jsonResponse('The latest of each', dataOf({ type: 'array', items: ref('Consent') })),
        ...problems(400, 401, 404),
      }),
    },
    '/api/privacy/subjects/{entity}/{id}/export': {
      parameters: SUBJECT_PARAMETERS,
      get: operation(
        'privacySubjectExport',
        'Everything held about a person, as one JSON document',
        {
          '200': jsonResponse('The export', dataOf(ref('SubjectExport'))),
          ...problems(400, 401, 403, 404),
        },
        admin,
      ),
    },
    '/api/privacy/subjects/{entity}/{id}/erase': {
      parameters: SUBJECT_PARAMETERS,
      post: operation(
        'privacySubjectErase',
        'Anonymise or delete a person, in one transaction (409 without confirm)',
        {
          '200': jsonResponse('What was erased', dataOf(ref('Erasure'))),
          ...problems(400, 401, 403, 404, 409, 415),
        },
        {
          ...admin,
          requestBody: jsonBody({
            type: 'object',
            properties: {
              mode: { type: 'string', enum: ['anonymise', 'delete'] },
              confirm: { type: 'string', description: 'The record id' },
            },
            required: ['mode'],
          }),
        },
      ),
    },
    '/api/privacy/retention/run': {
      post: operation(
        'privacyRetentionRun',
        'Apply every retention policy now',
        {
          '200': jsonResponse('Records processed per policy', dataOf({ type: 'array', items: { type: 'object' } })),
          ...problems(401, 403),
        },
        admin,
      ),
    },
    '/api/privacy/retention/{entity}': {
      parameters: [path('entity', 'The entity')],
      get: operation(
        'privacyRetentionGet',
        'An entity’s retention policy',
        { '200': jsonResponse('The policy', dataOf(ref('RetentionPolicy'))), ...problems(401, 403, 404) },
        admin,
      ),
      put: operation(
        'privacyRetentionSet',
        'Set an entity’s retention policy',
        {
          '200': jsonResponse('The policy', dataOf(ref('RetentionPolicy'))),
          ...problems(400, 401, 403, 404, 415),
        },
        { ...admin, requestBody: jsonBody({ type: 'object', properties: POLICY_SETTABLE, required: ['days', 'action'] }) },
      ),
      delete: operation(
        'privacyRetentionRemove',
        'Remove an entity’s retention policy',
        { '204': { description: 'Removed' }, ...problems(401, 403, 404) },
        admin,
      ),
    },
  };
}
