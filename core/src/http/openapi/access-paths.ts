import { PERMISSION_ACTIONS, PERMISSION_SCOPES } from '@trellis/sdk';
import type { JsonSchema } from '../../entities/field-types/index.js';
import { dataOf, jsonBody, jsonResponse, problems, ref, type OpenApiObject } from './shared.js';

const TAGS = ['Access'];
const ADMIN_NOTE = 'Administrators only: other users get a 403. See docs/reference/security.md.';

/** The tag of the roles and teams paths. */
export const ACCESS_TAG: OpenApiObject = { name: 'Access', description: 'Roles (per-entity permission scopes) and teams' };

const SCOPE: JsonSchema = { type: 'string', enum: [...PERMISSION_SCOPES] };
const ENTITY_PERMISSIONS: JsonSchema = {
  type: 'object',
  properties: {
    ...Object.fromEntries(PERMISSION_ACTIONS.map((action) => [action, SCOPE])),
    hiddenFields: { type: 'array', items: { type: 'string' } },
    readOnlyFields: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: false,
};
const PERMISSIONS: JsonSchema = {
  type: 'object',
  additionalProperties: ref('EntityPermissions'),
  description: 'By entity name, or `*` for every entity the role does not name',
};
const ROLE_FIELDS: Record<string, JsonSchema> = { label: { type: 'string' }, description: { type: 'string' }, permissions: PERMISSIONS };

/** Schemas of the roles and teams paths, for `components.schemas`. */
export const ACCESS_SCHEMAS: Record<string, JsonSchema> = {
  EntityPermissions: ENTITY_PERMISSIONS,
  Role: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      ...ROLE_FIELDS,
      system: { type: 'boolean', description: 'Seeded roles keep their name' },
      created_at: { type: 'string', format: 'date-time' },
      updated_at: { type: 'string', format: 'date-time' },
    },
    required: ['name', 'label', 'description', 'permissions', 'system', 'created_at', 'updated_at'],
  },
  RoleDefinition: { type: 'object', properties: { name: { type: 'string' }, ...ROLE_FIELDS }, required: ['name', 'label'] },
  RoleChanges: { type: 'object', properties: ROLE_FIELDS, additionalProperties: false },
  Team: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      created_at: { type: 'string', format: 'date-time' },
      members: { type: 'array', items: { type: 'string' }, description: 'User ids' },
    },
    required: ['id', 'name', 'created_at', 'members'],
  },
  TeamDefinition: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
  TeamMembers: {
    type: 'object',
    properties: { userIds: { type: 'array', items: { type: 'string' } } },
    required: ['userIds'],
    additionalProperties: false,
  },
};

/** List, create, read, change and delete of one kind of access object (roles or teams). */
function collection(kind: 'Role' | 'Team', base: string, key: OpenApiObject): Record<string, OpenApiObject> {
  const op = (verb: string) => `${kind.toLowerCase()}s${verb}`;
  const one = dataOf(ref(kind));
  return {
    [base]: {
      get: {
        operationId: op('List'),
        tags: TAGS,
        summary: `List ${kind.toLowerCase()}s`,
        description: ADMIN_NOTE,
        responses: {
          '200': jsonResponse(`Every ${kind.toLowerCase()}`, dataOf({ type: 'array', items: ref(kind) })),
          ...problems(401, 403),
        },
      },
      post: {
        operationId: op('Create'),
        tags: TAGS,
        summary: `Create a ${kind.toLowerCase()}`,
        description: ADMIN_NOTE,
        requestBody: jsonBody(ref(`${kind}Definition`)),
        responses: { '201': jsonResponse('Created', one), ...problems(400, 401, 403, 409, 413, 415) },
      },
    },
    [`${base}/{${key.name as string}}`]: {
      parameters: [key],
      get: {
        operationId: op('Get'),
        tags: TAGS,
        summary: `Read a ${kind.toLowerCase()}`,
        description: ADMIN_NOTE,
        responses: { '200': jsonResponse(`The ${kind.toLowerCase()}`, one), ...problems(401, 403, 404) },
      },
      patch: {
        operationId: op('Update'),
        tags: TAGS,
        summary: `Change a ${kind.toLowerCase()}`,
        description: ADMIN_NOTE,
        requestBody: jsonBody(ref(kind === 'Role' ? 'RoleChanges' : 'TeamDefinition')),
        responses: { '200': jsonResponse('After the change', one), ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
      delete: {
        operationId: op('Delete'),
        tags: TAGS,
        summary: `Delete a ${kind.toLowerCase()}`,
        description: ADMIN_NOTE,
        responses: { '204': { description: 'Deleted' }, ...problems(401, 403, 404, 409) },
      },
    },
  };
}

/** `/api/roles` and `/api/teams`. */
export function accessPaths(): Record<string, OpenApiObject> {
  const teamId: OpenApiObject = { name: 'id', in: 'path', required: true, description: 'The team id', schema: { type: 'string' } };
  const roleName: OpenApiObject = { name: 'name', in: 'path', required: true, description: 'The role name', schema: { type: 'string' } };
  return {
    ...collection('Role', '/api/roles', roleName),
    ...collection('Team', '/api/teams', teamId),
    '/api/teams/{id}/members': {
      parameters: [teamId],
      put: {
        operationId: 'teamsSetMembers',
        tags: TAGS,
        summary: 'Replace the members of a team',
        description: ADMIN_NOTE,
        requestBody: jsonBody(ref('TeamMembers')),
        responses: { '200': jsonResponse('The team after the change', dataOf(ref('Team'))), ...problems(400, 401, 403, 404, 413, 415) },
      },
    },
  };
}
