import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../auth/auth-gate.js';
import type { JsonSchema } from '../../entities/field-types/index.js';

/** A piece of an OpenAPI document: plain JSON. */
export type OpenApiObject = Record<string, unknown>;

/** A `$ref` to a schema under `components.schemas`. */
export function ref(schema: string): JsonSchema {
  return { $ref: `#/components/schemas/${schema}` };
}

/** A JSON request body of the given schema. */
export function jsonBody(schema: JsonSchema, description?: string): OpenApiObject {
  return { required: true, ...(description ? { description } : {}), content: { 'application/json': { schema } } };
}

/** A JSON response of the given schema. */
export function jsonResponse(description: string, schema: JsonSchema): OpenApiObject {
  return { description, content: { 'application/json': { schema } } };
}

/** `{ data: … }`, the envelope of every single record or metadata object the API returns. */
export function dataOf(schema: JsonSchema): JsonSchema {
  return { type: 'object', properties: { data: schema }, required: ['data'] };
}

/** RFC 9457 problem details, as http/problem.ts writes them. */
const PROBLEM: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details, sent as application/problem+json for every failure.',
  properties: {
    type: { type: 'string', format: 'uri', description: 'Names the kind of problem, e.g. https://trellis.dev/problems/validation' },
    title: { type: 'string', description: 'Short summary of the kind of problem' },
    status: { type: 'integer', description: 'The HTTP status code' },
    detail: { type: 'string', description: 'What went wrong this time' },
    code: { type: 'string', description: 'Stable machine-readable code, e.g. TRELLIS_VALIDATION' },
    instance: { type: 'string', description: 'The request id (also sent as x-request-id), to find the request in the server log' },
    errors: {
      type: 'array',
      description: 'One entry per offending part of the request (validation errors)',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'A field name, `[3].email` in a bulk body, `filter.and[0].score.gt`, `limit`…' },
          message: { type: 'string' },
        },
        required: ['path', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
};

/** Schemas every document carries whatever the metadata. */
export const PROBLEM_SCHEMAS: Record<string, JsonSchema> = { Problem: PROBLEM };

/** The error statuses the API answers with, and the shared response component of each. */
const PROBLEM_RESPONSES = {
  400: ['BadRequest', 'Invalid request: `errors` lists every offending path'],
  401: ['Unauthorized', 'No valid credentials: sign in or send a bearer token'],
  403: [
    'Forbidden',
    `The caller may not do this (permissions, an administrators' route, a read-only API token), or a write authenticated by the session cookie did not echo the ${CSRF_COOKIE} cookie in the ${CSRF_HEADER} header`,
  ],
  404: ['NotFound', 'The entity, field, record or route does not exist'],
  409: ['Conflict', 'Clashes with the current state: a duplicate unique value, a name already taken, an entity still referenced'],
  413: ['PayloadTooLarge', 'The request body is larger than the server accepts'],
  415: ['UnsupportedMediaType', 'The body was not sent as application/json'],
  429: ['TooManyRequests', 'Too many attempts: wait the seconds of the Retry-After header'],
} as const;

/** An error status the document describes. */
export type ProblemStatus = keyof typeof PROBLEM_RESPONSES;

/** The problem responses, for `components.responses`. */
export function problemResponseComponents(): Record<string, OpenApiObject> {
  return Object.fromEntries(
    Object.values(PROBLEM_RESPONSES).map(([name, description]) => [
      name,
      { description, content: { 'application/problem+json': { schema: ref('Problem') } } },
    ]),
  );
}

/** References to the problem responses of the given statuses, to spread into an operation's responses. */
export function problems(...statuses: ProblemStatus[]): Record<string, OpenApiObject> {
  return Object.fromEntries(statuses.map((status) => [String(status), { $ref: `#/components/responses/${PROBLEM_RESPONSES[status][0]}` }]));
}

/** Bearer tokens for integrations; the session cookie for the admin UI. */
export const SECURITY_SCHEMES: Record<string, OpenApiObject> = {
  bearer: { type: 'http', scheme: 'bearer', description: 'The token returned by POST /api/auth/login' },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `The HttpOnly session cookie set by POST /api/auth/login. Writes must also send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header.`,
  },
};

/** Either credential is enough. */
export const SECURITY: OpenApiObject[] = [{ bearer: [] }, { session: [] }];
