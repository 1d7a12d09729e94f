import { CSRF_COOKIE, SESSION_COOKIE } from '../../auth/auth-gate.js';
import type { JsonSchema } from '../../entities/field-types/index.js';
import { dataOf, jsonBody, jsonResponse, problems, ref, type OpenApiObject } from './shared.js';

/** Marks an operation reachable without credentials. */
const PUBLIC = { security: [] };

function pathParameter(name: string, description: string): OpenApiObject {
  return { name, in: 'path', required: true, description, schema: { type: 'string' } };
}

function confirmParameter(what: string): OpenApiObject {
  return {
    name: 'confirm',
    in: 'query',
    required: true,
    description: `Dropping a ${what} deletes its data: repeat its name to confirm. Missing or different, the request is a 400.`,
    schema: { type: 'string' },
  };
}

const LOGIN_RESULT: JsonSchema = {
  type: 'object',
  properties: {
    token: { type: 'string', description: 'Send as `Authorization: Bearer <token>`' },
    expiresAt: { type: 'string', format: 'date-time' },
    user: ref('User'),
  },
  required: ['token', 'expiresAt', 'user'],
};

const STATUS: JsonSchema = { type: 'object', properties: { status: { type: 'string' } }, required: ['status'], additionalProperties: true };

const authPaths: Record<string, OpenApiObject> = {
  '/api/auth/login': {
    post: {
      operationId: 'authLogin',
      tags: ['Auth'],
      summary: 'Sign in',
      description: `Returns a bearer token, and sets the HttpOnly ${SESSION_COOKIE} cookie and the ${CSRF_COOKIE} cookie for the admin UI.`,
      ...PUBLIC,
      requestBody: jsonBody({
        type: 'object',
        properties: { email: { type: 'string', format: 'email' }, password: { type: 'string', format: 'password' } },
        required: ['email', 'password'],
      }),
      responses: { '200': jsonResponse('Signed in', LOGIN_RESULT), ...problems(400, 401, 413, 415, 429) },
    },
  },
  '/api/auth/logout': {
    post: {
      operationId: 'authLogout',
      tags: ['Auth'],
      summary: 'Sign out: revokes the token or session and clears the cookies',
      responses: { '204': { description: 'Signed out' }, ...problems(401, 403) },
    },
  },
  '/api/auth/me': {
    get: {
      operationId: 'authMe',
      tags: ['Auth'],
      summary: 'The signed-in user',
      responses: { '200': jsonResponse('The user', dataOf(ref('User'))), ...problems(401) },
    },
  },
};

const ENTITY = pathParameter('entity', 'The entity name');
const FIELD = pathParameter('field', 'The field name');
const INDEX = pathParameter('index', 'The composite index name, as `indexes[].name` of the entity reports it');
const META_WRITE_ERRORS = problems(400, 401, 403, 404, 409, 413, 415);

const metaPaths: Record<string, OpenApiObject> = {
  '/api/meta/entities': {
    get: {
      operationId: 'metaListEntities',
      tags: ['Metadata'],
      summary: 'List the entities the caller may read, with the fields they may see and their rights',
      responses: {
        '200': jsonResponse('Every entity the caller may read', dataOf({ type: 'array', items: ref('EntityView') })),
        ...problems(401),
      },
    },
    post: {
      operationId: 'metaCreateEntity',
      tags: ['Metadata'],
      summary: 'Create an entity: its table, columns and indexes',
      requestBody: jsonBody(ref('EntityDefinition')),
      responses: { '201': jsonResponse('Created', dataOf(ref('EntityMetadata'))), ...problems(400, 401, 403, 409, 413, 415) },
    },
  },
  '/api/meta/entities/{entity}': {
    parameters: [ENTITY],
    get: {
      operationId: 'metaGetEntity',
      tags: ['Metadata'],
      summary: 'Read an entity as the caller sees it',
      description: 'An entity the caller may not read answers 404, like an unknown one.',
      responses: { '200': jsonResponse('The entity', dataOf(ref('EntityView'))), ...problems(401, 404) },
    },
    patch: {
      operationId: 'metaUpdateEntity',
      tags: ['Metadata'],
      summary: 'Change the labels or description of an entity',
      requestBody: jsonBody(ref('EntityChanges')),
      responses: { '200': jsonResponse('The entity after the change', dataOf(ref('EntityMetadata'))), ...META_WRITE_ERRORS },
    },
    delete: {
      operationId: 'metaDropEntity',
      tags: ['Metadata'],
      summary: 'Drop an entity and all its records',
      description: 'Refused with a 409 while lookups of other entities point to it.',
      parameters: [confirmParameter('entity')],
      responses: { '204': { description: 'Dropped' }, ...problems(400, 401, 403, 404, 409) },
    },
  },
  '/api/meta/entities/{entity}/fields': {
    parameters: [ENTITY],
    post: {
      operationId: 'metaAddField',
      tags: ['Metadata'],
      summary: 'Add a field: its column(s) and index; a default is written into existing records',
      requestBody: jsonBody(ref('FieldDefinition')),
      responses: { '201': jsonResponse('Added', dataOf(ref('FieldMetadata'))), ...META_WRITE_ERRORS },
    },
  },
  '/api/meta/entities/{entity}/fields/{field}': {
    parameters: [ENTITY, FIELD],
    patch: {
      operationId: 'metaUpdateField',
      tags: ['Metadata'],
      summary: 'Change a field’s label, flags, default or options (its name and type stay)',
      requestBody: jsonBody(ref('FieldChanges')),
      responses: { '200': jsonResponse('The field after the change', dataOf(ref('FieldMetadata'))), ...META_WRITE_ERRORS },
    },
    delete: {
      operationId: 'metaDropField',
      tags: ['Metadata'],
      summary: 'Drop a field and its data',
      description: 'Refused with a 409 while a composite index uses the field: drop the index first.',
      parameters: [confirmParameter('field')],
      responses: { '204': { description: 'Dropped' }, ...problems(400, 401, 403, 404, 409) },
    },
  },
  '/api/meta/entities/{entity}/indexes': {
    parameters: [ENTITY],
    post: {
      operationId: 'metaAddIndex',
      tags: ['Metadata'],
      summary: 'Add a composite index over several fields',
      description:
        'Problems name `fields[j]` (an unknown field, a json or multi_select field, a field named twice). ' +
        'A unique index over values records already share answers 409.',
      requestBody: jsonBody(ref('EntityIndexDefinition')),
      responses: { '201': jsonResponse('Added', dataOf(ref('EntityIndex'))), ...META_WRITE_ERRORS },
    },
  },
  '/api/meta/entities/{entity}/indexes/{index}': {
    parameters: [ENTITY, INDEX],
    delete: {
      operationId: 'metaDropIndex',
      tags: ['Metadata'],
      summary: 'Drop a composite index (records are kept)',
      description: 'An index a plugin declared answers 409: it goes when the plugin is uninstalled.',
      responses: { '204': { description: 'Dropped' }, ...problems(401, 403, 404, 409) },
    },
  },
};

const servicePaths: Record<string, OpenApiObject> = {
  '/api/openapi.json': {
    get: {
      operationId: 'openApiDocument',
      tags: ['Service'],
      summary: 'This document, generated from the current metadata',
      responses: { '200': jsonResponse('OpenAPI 3.1 document', { type: 'object' }), ...problems(401) },
    },
  },
  '/health': {
    get: {
      operationId: 'healthCheck',
      tags: ['Service'],
      summary: 'Liveness: the process answers',
      ...PUBLIC,
      responses: { '200': jsonResponse('Alive', STATUS) },
    },
  },
  '/ready': {
    get: {
      operationId: 'readinessCheck',
      tags: ['Service'],
      summary: 'Readiness: the database answers and its system tables are migrated',
      ...PUBLIC,
      responses: {
        '200': jsonResponse('Ready', STATUS),
        '503': jsonResponse('Not ready: migrating, or the database is unreachable', STATUS),
      },
    },
  },
};

/** The paths that do not depend on metadata: auth, the metadata API, this document, health and readiness. */
export function staticPaths(): Record<string, OpenApiObject> {
  return { ...authPaths, ...metaPaths, ...servicePaths };
}

/** Tags of the static paths, in the order a reader meets them. */
export const STATIC_TAGS: OpenApiObject[] = [
  { name: 'Auth', description: 'Signing in and out' },
  { name: 'Metadata', description: 'Entities and their fields (each entity is a table, each field a column), and relation types' },
  { name: 'Service', description: 'This document, liveness and readiness' },
];
