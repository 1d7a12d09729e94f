import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from '../../auth/api-tokens.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../auth/passwords.js';
import type { JsonSchema } from '../../entities/field-types/index.js';
import { MAX_NAMES, MAX_USER_PAGE } from '../routes/users.js';
import { dataOf, jsonBody, jsonResponse, problems, ref, type OpenApiObject } from './shared.js';

const ADMIN_NOTE = 'Administrators only: other users get a 403.';
const SESSION_NOTE = 'Needs a signed-in session: a personal API token gets a 403 TRELLIS_SESSION_REQUIRED.';
const PUBLIC = { security: [] };
const PASSWORD: JsonSchema = { type: 'string', format: 'password', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH };
const DATE_TIME: JsonSchema = { type: 'string', format: 'date-time' };
const ID: OpenApiObject = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** The tag of the Users paths. */
export const USERS_TAG: OpenApiObject = { name: 'Users', description: 'User administration: accounts, their teams and roles' };

const SETTABLE: Record<string, JsonSchema> = {
  email: { type: 'string', format: 'email', description: 'Trimmed and lower-cased; unique' },
  name: { type: 'string', maxLength: 200 },
  password: PASSWORD,
  isAdmin: { type: 'boolean' },
  active: { type: 'boolean', description: 'An inactive user cannot sign in; their sessions and tokens are revoked' },
  teams: { type: 'array', items: { type: 'string' }, description: 'Team ids (replace the current list)' },
  roles: { type: 'array', items: { type: 'string' }, description: 'Role names (replace the current list)' },
};

/** Schemas of the users, password and token paths, for `components.schemas`. */
export const AUTH_SCHEMAS: Record<string, JsonSchema> = {
  UserAccount: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      email: SETTABLE.email as JsonSchema,
      name: { type: 'string' },
      isAdmin: { type: 'boolean' },
      active: { type: 'boolean' },
      teams: { type: 'array', items: { type: 'string' } },
      roles: { type: 'array', items: { type: 'string' } },
      createdAt: DATE_TIME,
      updatedAt: DATE_TIME,
    },
    required: ['id', 'email', 'name', 'isAdmin', 'active', 'teams', 'roles', 'createdAt', 'updatedAt'],
  },
  UserAccountInput: {
    type: 'object',
    description:
      'Without a password the user is mailed an invitation link (valid 7 days); that needs TRELLIS_SMTP_URL, else a 400 names `password`.',
    properties: SETTABLE,
    required: ['email', 'name'],
    additionalProperties: false,
  },
  UserAccountChanges: { type: 'object', properties: SETTABLE, additionalProperties: false },
  ApiToken: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      scope: { type: 'string', enum: ['read', 'write'], description: '`read` allows only GET, HEAD and OPTIONS' },
      createdAt: DATE_TIME,
      expiresAt: DATE_TIME,
      lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
    },
    required: ['id', 'name', 'scope', 'createdAt', 'expiresAt', 'lastUsedAt'],
  },
  ApiTokenCreated: {
    allOf: [ref('ApiToken'), { type: 'object', properties: { token: { type: 'string', pattern: '^trl_' } }, required: ['token'] }],
    description: 'The only answer that shows the token: send it as `Authorization: Bearer trl_…`',
  },
};

function operation(id: string, tags: string[], summary: string, extra: OpenApiObject): OpenApiObject {
  return { operationId: id, tags, summary, ...extra };
}

const auth = (id: string, summary: string, extra: OpenApiObject) => operation(id, ['Auth'], summary, extra);
const users = (id: string, summary: string, extra: OpenApiObject) =>
  operation(id, ['Users'], summary, { description: ADMIN_NOTE, ...extra });
const ONE_USER = jsonResponse('The user', dataOf(ref('UserAccount')));

/** `/api/auth/password*`, `/api/auth/tokens*` and `/api/users*`. */
export function authSecurityPaths(): Record<string, OpenApiObject> {
  return {
    '/api/auth/password': {
      post: auth('authChangePassword', 'Change one’s own password; every other session ends', {
        description: SESSION_NOTE,
        requestBody: jsonBody({
          type: 'object',
          properties: { currentPassword: { type: 'string', format: 'password' }, newPassword: PASSWORD },
          required: ['currentPassword', 'newPassword'],
        }),
        responses: { '204': { description: 'Changed' }, ...problems(400, 401, 403, 415) },
      }),
    },
    '/api/auth/password-reset': {
      post: auth('authRequestPasswordReset', 'Mail a password reset link (valid one hour) to an active account', {
        description:
          '202 whether or not an account has the e-mail; at most 3 mails per account per hour (more requests answer 202 and send nothing), and 429 past 10 requests per client IP per hour.',
        ...PUBLIC,
        requestBody: jsonBody({ type: 'object', properties: { email: { type: 'string', format: 'email' } }, required: ['email'] }),
        responses: { '202': { description: 'Accepted' }, ...problems(400, 415, 429) },
      }),
    },
    '/api/auth/password-reset/confirm': {
      post: auth('authConfirmPasswordReset', 'Set a new password with the mailed token; the user’s sessions end', {
        ...PUBLIC,
        requestBody: jsonBody({
          type: 'object',
          properties: { token: { type: 'string' }, password: PASSWORD },
          required: ['token', 'password'],
        }),
        responses: { '204': { description: 'Password set' }, ...problems(400, 415) },
      }),
    },
    '/api/auth/tokens': {
      get: auth('authListTokens', 'One’s own personal API tokens (revoked ones left out; never the secret)', {
        description: SESSION_NOTE,
        responses: { '200': jsonResponse('The tokens', dataOf({ type: 'array', items: ref('ApiToken') })), ...problems(401, 403) },
      }),
      post: auth('authCreateToken', 'Create a personal API token; the answer shows it, once', {
        description: SESSION_NOTE,
        requestBody: jsonBody({
          type: 'object',
          properties: {
            name: { type: 'string', maxLength: 200 },
            scope: { type: 'string', enum: ['read', 'write'] },
            expiresInDays: { type: 'integer', minimum: 1, maximum: MAX_TOKEN_DAYS, default: DEFAULT_TOKEN_DAYS },
          },
          required: ['name', 'scope'],
        }),
        responses: { '201': jsonResponse('Created', dataOf(ref('ApiTokenCreated'))), ...problems(400, 401, 403, 415) },
      }),
    },
    '/api/auth/tokens/{id}': {
      parameters: [ID],
      delete: auth('authRevokeToken', 'Revoke one of one’s own tokens', {
        description: SESSION_NOTE,
        responses: { '204': { description: 'Revoked' }, ...problems(401, 403, 404) },
      }),
    },
    '/api/users': {
      get: users('usersList', 'List users in creation order, a page at a time', {
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_USER_PAGE, default: 50 } },
          { name: 'cursor', in: 'query', description: 'The `page.next` of the previous page', schema: { type: 'string' } },
          { name: 'active', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
          { name: 'q', in: 'query', description: 'A piece of the e-mail or name, in any case', schema: { type: 'string' } },
        ],
        responses: {
          '200': jsonResponse('One page', {
            type: 'object',
            properties: {
              data: { type: 'array', items: ref('UserAccount') },
              page: { type: 'object', properties: { next: { type: ['string', 'null'] } }, required: ['next'] },
            },
            required: ['data', 'page'],
          }),
          ...problems(400, 401, 403),
        },
      }),
      post: users('usersCreate', 'Create a user', {
        requestBody: jsonBody(ref('UserAccountInput')),
        responses: { '201': jsonResponse('Created', dataOf(ref('UserAccount'))), ...problems(400, 401, 403, 409, 415) },
      }),
    },
    '/api/users/names': {
      get: users('usersNames', 'The names of some users: what every signed-in user may know of colleagues', {
        description: 'Any signed-in user. Unknown ids are left out; a user without a name shows as their e-mail.',
        parameters: [
          {
            name: 'ids',
            in: 'query',
            required: true,
            description: `User ids separated by commas, at most ${MAX_NAMES}`,
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': jsonResponse(
            'The names',
            dataOf({
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id', 'name'] },
            }),
          ),
          ...problems(400, 401),
        },
      }),
    },
    '/api/users/{id}': {
      parameters: [ID],
      get: users('usersGet', 'Read a user', { responses: { '200': ONE_USER, ...problems(401, 403, 404) } }),
      patch: users('usersUpdate', 'Change a user; deactivating or demoting the last active administrator is a 409', {
        requestBody: jsonBody(ref('UserAccountChanges')),
        responses: { '200': ONE_USER, ...problems(400, 401, 403, 404, 409, 415) },
      }),
      delete: users('usersDeactivate', 'Deactivate a user (users are never deleted): sessions end, tokens are revoked', {
        responses: { '200': ONE_USER, ...problems(401, 403, 404, 409) },
      }),
    },
  };
}
