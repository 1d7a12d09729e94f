import { PERMISSION_ACTIONS, PERMISSION_SCOPES, type PermissionAction, type PermissionScope, type TrellisRecord } from '@trellis/sdk';
import type { SqlFragment } from '../entities/field-types/index.js';
import { placeholders } from '../records/sql.js';
import { ANY_ENTITY, type RolePermissions } from './system-roles.js';

/** What one user may do to one entity's records, merged over their roles. */
export interface EntityGrant {
  scopes: Readonly<Record<PermissionAction, PermissionScope>>;
  /** Fields every role of the user hides: left out of every output and refused in queries. */
  hidden: ReadonlySet<string>;
  /** Fields every role of the user keeps from being written. */
  readOnly: ReadonlySet<string>;
}

/** A condition that no row meets (scope `none`). */
export const NO_ROWS: SqlFragment = { sql: '1=0', bindings: [] };

function wider(a: PermissionScope, b: PermissionScope): PermissionScope {
  return PERMISSION_SCOPES.indexOf(a) >= PERMISSION_SCOPES.indexOf(b) ? a : b;
}

/** Fields named by every list (an empty input hides nothing). */
function intersect(lists: Array<readonly string[]>): ReadonlySet<string> {
  if (lists.length === 0) return new Set();
  const [first, ...rest] = lists as [readonly string[], ...Array<readonly string[]>];
  return new Set(first.filter((name) => rest.every((list) => list.includes(name))));
}

/**
 * The rights of one restricted user: their roles' permissions merged per entity (the widest
 * scope of any role wins for each action; a field stays hidden or read-only only when every
 * role granting the entity says so), their id and the ids of everyone in their teams. Built
 * once per user and cached by AccessControl, so checks and SQL conditions need no query.
 */
export class Grants {
  private readonly byEntity = new Map<string, EntityGrant>();

  constructor(
    /** The user these rights belong to. */
    readonly userId: string,
    /** Users who share a team with this user (this user included). */
    readonly teammates: readonly string[],
    private readonly roles: readonly RolePermissions[],
  ) {}

  /** The merged rights on an entity. */
  entity(name: string): EntityGrant {
    let grant = this.byEntity.get(name);
    if (!grant) {
      grant = this.merge(name);
      this.byEntity.set(name, grant);
    }
    return grant;
  }

  /** The scope of an action on an entity. */
  scope(entity: string, action: PermissionAction): PermissionScope {
    return this.entity(entity).scopes[action];
  }

  /**
   * The SQL condition on `alias` (the entity's table) that limits rows to the action's scope:
   * null for `all`, {@link NO_ROWS} for `none`.
   */
  condition(entity: string, action: PermissionAction, alias: string): SqlFragment | null {
    const scope = this.scope(entity, action);
    if (scope === 'all') return null;
    if (scope === 'none') return NO_ROWS;
    const owners = scope === 'own' ? [this.userId] : this.teammates;
    return { sql: `${alias}."owner_id" IN (${placeholders(owners.length)})`, bindings: [...owners] };
  }

  /** Whether the action's scope reaches a record (by its `owner_id`); without a record, whether it reaches any. */
  allows(entity: string, action: PermissionAction, record?: Pick<TrellisRecord, 'owner_id'>): boolean {
    const scope = this.scope(entity, action);
    if (scope === 'all' || (scope !== 'none' && !record)) return true;
    if (scope === 'none' || !record) return false;
    const owner = record.owner_id;
    return scope === 'own' ? owner === this.userId : typeof owner === 'string' && this.teammates.includes(owner);
  }

  private merge(entity: string): EntityGrant {
    const entries = this.roles.map((role) => role[entity] ?? role[ANY_ENTITY]).filter((entry) => entry !== undefined);
    const scopes = Object.fromEntries(PERMISSION_ACTIONS.map((action) => [action, 'none'])) as Record<PermissionAction, PermissionScope>;
    for (const entry of entries) for (const action of PERMISSION_ACTIONS) scopes[action] = wider(scopes[action], entry[action] ?? 'none');
    return {
      scopes,
      hidden: intersect(entries.map((entry) => entry.hiddenFields ?? [])),
      readOnly: intersect(entries.map((entry) => entry.readOnlyFields ?? [])),
    };
  }
}
