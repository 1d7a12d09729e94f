import { PERMISSION_ACTIONS, PERMISSION_SCOPES, type EntityPermissions, type FieldProblem } from '@trellis/sdk';
import type { MetadataStore } from '../entities/metadata-store.js';
import { ValidationError } from '../errors.js';
import { ANY_ENTITY, type RolePermissions } from './system-roles.js';
import { isJsonObject } from '../json-object.js';

/** A role's name: lower snake case, as in `sales_rep`. */
export const ROLE_NAME = /^[a-z][a-z0-9_]{1,39}$/;

const ACTIONS = new Set<string>(PERMISSION_ACTIONS);
const SCOPES = new Set<string>(PERMISSION_SCOPES);
const FIELD_LISTS = ['hiddenFields', 'readOnlyFields'] as const;

/** The editable parts of a role, checked. */
export interface RoleInput {
  name?: string;
  label?: string;
  description?: string;
  permissions?: RolePermissions;
}

function text(body: Record<string, unknown>, key: string, max: number, problems: FieldProblem[]): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max)
    problems.push({ path: key, message: `must be a string of at most ${max} characters` });
  return value as string;
}

/**
 * Checks a role body (`create` needs name and label) against metadata: every entity named must
 * exist (or be `"*"`), every action and scope must be known, every hidden or read-only field
 * must be a field of its entity. Problems name their path (`permissions.deal.hiddenFields[0]`).
 */
export function checkRoleInput(body: unknown, mode: 'create' | 'patch', store: MetadataStore): RoleInput {
  if (!isJsonObject(body)) throw ValidationError.at('body', 'must be a JSON object');
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(body))
    if (!['name', 'label', 'description', 'permissions'].includes(key))
      problems.push({ path: key, message: 'is not a property of a role' });
  const input: RoleInput = {};
  const name = text(body, 'name', 40, problems);
  if (name !== undefined) {
    if (!ROLE_NAME.test(name)) problems.push({ path: 'name', message: 'must be lower snake case, 2 to 40 characters (e.g. sales_rep)' });
    input.name = name;
  } else if (mode === 'create') problems.push({ path: 'name', message: 'is required' });
  const label = text(body, 'label', 100, problems);
  if (label !== undefined) {
    if (label.trim() === '') problems.push({ path: 'label', message: 'must not be empty' });
    input.label = label;
  } else if (mode === 'create') problems.push({ path: 'label', message: 'is required' });
  const description = text(body, 'description', 1000, problems);
  if (description !== undefined) input.description = description;
  if (body.permissions !== undefined) input.permissions = checkPermissions(body.permissions, store, problems);
  if (problems.length) throw new ValidationError(problems);
  return input;
}

/** Checks a permissions map; problems are pushed with their paths. */
export function checkPermissions(value: unknown, store: MetadataStore, problems: FieldProblem[], path = 'permissions'): RolePermissions {
  if (!isJsonObject(value)) {
    problems.push({ path, message: 'must be an object of entity name (or "*") to permissions' });
    return {};
  }
  for (const [entityName, entry] of Object.entries(value)) {
    const here = `${path}.${entityName}`;
    const entity = entityName === ANY_ENTITY ? undefined : store.find(entityName);
    if (entityName !== ANY_ENTITY && !entity) problems.push({ path: here, message: `entity "${entityName}" does not exist` });
    if (!isJsonObject(entry)) {
      problems.push({ path: here, message: 'must be an object of action to scope' });
      continue;
    }
    for (const [key, item] of Object.entries(entry)) {
      if (ACTIONS.has(key)) {
        if (typeof item !== 'string' || !SCOPES.has(item))
          problems.push({ path: `${here}.${key}`, message: `must be one of ${PERMISSION_SCOPES.join(', ')}` });
      } else if ((FIELD_LISTS as readonly string[]).includes(key)) {
        if (!Array.isArray(item)) {
          problems.push({ path: `${here}.${key}`, message: 'must be an array of field names' });
          continue;
        }
        item.forEach((field: unknown, index) => {
          const where = `${here}.${key}[${index}]`;
          if (!entity) problems.push({ path: where, message: 'fields can only be named for one entity, not "*"' });
          else if (typeof field !== 'string' || !entity.fields.has(field))
            problems.push({ path: where, message: `is not a field of ${entityName}` });
          else if (field === 'id') problems.push({ path: where, message: 'the id cannot be hidden or read-only' });
        });
      } else {
        problems.push({
          path: `${here}.${key}`,
          message: `is not an action (${PERMISSION_ACTIONS.join(', ')}), hiddenFields or readOnlyFields`,
        });
      }
    }
  }
  return value as Record<string, EntityPermissions>;
}
