import type { PermissionAction, PermissionScope, TrellisRecord } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/connect.js';
import type { SqlFragment } from '../entities/field-types/index.js';
import { Grants } from './grants.js';
import { ADMIN_ROLE, type RolePermissions } from './system-roles.js';

/** How long a user's grants are trusted before they are read again (changes made by other processes). */
export const GRANTS_TTL_MS = 5_000;

/** Actors that act for Trellis itself rather than a user: never restricted by roles. */
const UNRESTRICTED_VIA = new Set<Actor['via']>(['plugin', 'job', 'system']);

interface Cached {
  grants: Grants | null;
  expires: number;
}

/**
 * Answers what a user may do: their roles and teams, read once and cached in memory per user,
 * dropped when this process changes roles, teams or assignments ({@link AccessControl.invalidate})
 * and after {@link GRANTS_TTL_MS} otherwise. Admins, and actors that are not users (plugins, jobs,
 * core), are unrestricted: their grants are null, found without a query.
 */
export class AccessControl {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = GRANTS_TTL_MS,
  ) {}

  /** The actor's rights, or null when nothing restricts it. */
  async grants(actor: Actor): Promise<Grants | null> {
    if (actor.isAdmin || UNRESTRICTED_VIA.has(actor.via) || actor.userId === null) return null;
    const cached = this.cache.get(actor.userId);
    if (cached && cached.expires > Date.now()) return cached.grants;
    const grants = await this.load(actor.userId);
    this.cache.set(actor.userId, { grants, expires: Date.now() + this.ttlMs });
    return grants;
  }

  /** Forgets cached grants: one user's, or everyone's (a role or team changed). */
  invalidate(userId?: string): void {
    if (userId === undefined) this.cache.clear();
    else this.cache.delete(userId);
  }

  /** Which records of an entity the action reaches for the actor. */
  async scope(actor: Actor, entity: string, action: PermissionAction): Promise<PermissionScope> {
    return (await this.grants(actor))?.scope(entity, action) ?? 'all';
  }

  /** The SQL condition limiting `alias`'s rows to the action's scope; null when every row is in it. */
  async condition(actor: Actor, entity: string, action: PermissionAction, alias: string): Promise<SqlFragment | null> {
    return (await this.grants(actor))?.condition(entity, action, alias) ?? null;
  }

  /** Whether the actor may do the action on the record, or (without one) on some record of the entity. */
  async can(actor: Actor, action: PermissionAction, entity: string, record?: Pick<TrellisRecord, 'owner_id'>): Promise<boolean> {
    return (await this.grants(actor))?.allows(entity, action, record) ?? true;
  }

  private async load(userId: string): Promise<Grants | null> {
    const roles = await this.db
      .knex('trellis_user_roles as ur')
      .join('trellis_roles as r', 'r.name', 'ur.role')
      .where('ur.user_id', userId)
      .select<Array<{ name: string; permissions: string }>>('r.name', 'r.permissions');
    if (roles.some((role) => role.name === ADMIN_ROLE)) return null;
    const teammates = await this.db
      .knex('trellis_user_teams')
      .distinct('user_id')
      .whereIn('team_id', this.db.knex('trellis_user_teams').select('team_id').where('user_id', userId))
      .pluck<string[]>('user_id');
    const members = new Set([userId, ...teammates]);
    return new Grants(
      userId,
      [...members],
      roles.map((role) => JSON.parse(role.permissions) as RolePermissions),
    );
  }
}
