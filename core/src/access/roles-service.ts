import type { JsonObject, PluginPermissions } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/connect.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { actorRef } from '../events/actor-ref.js';
import type { Logger } from '../logger.js';
import type { AccessControl } from './access-control.js';
import { checkRoleInput } from './role-input.js';
import { ADMIN_ROLE, type RolePermissions } from './system-roles.js';

/** A role as the API shows it. */
export interface Role {
  name: string;
  label: string;
  description: string;
  permissions: RolePermissions;
  system: boolean;
  created_at: string;
  updated_at: string;
}

interface RoleRow extends Omit<Role, 'permissions' | 'system' | 'created_at' | 'updated_at'> {
  permissions: string;
  system: boolean | number;
  created_at: string | Date;
  updated_at: string | Date;
}

function roleOf(row: RoleRow): Role {
  const time = (value: string | Date) => new Date(value).toISOString();
  return {
    name: row.name,
    label: row.label,
    description: row.description,
    permissions: JSON.parse(row.permissions) as RolePermissions,
    system: Boolean(row.system),
    created_at: time(row.created_at),
    updated_at: time(row.updated_at),
  };
}

/**
 * Roles: list, read, create, change, delete, each change recorded as a `permission.role_*` audit
 * entry and dropping every cached grant. System roles keep their names and cannot be deleted;
 * the admin role cannot be changed at all.
 */
export class RolesService {
  constructor(
    private readonly db: Database,
    private readonly store: MetadataStore,
    private readonly access: AccessControl,
    private readonly audit: AuditLog | undefined,
    private readonly logger: Logger,
  ) {}

  async list(): Promise<Role[]> {
    return (await this.db.knex<RoleRow>('trellis_roles').orderBy('name')).map(roleOf);
  }

  async get(name: string): Promise<Role> {
    const row = await this.db.knex<RoleRow>('trellis_roles').where({ name }).first();
    if (!row) throw new NotFoundError(`Role ${name}`);
    return roleOf(row);
  }

  async create(body: unknown, actor: Actor): Promise<Role> {
    const input = checkRoleInput(body, 'create', this.store);
    const now = new Date().toISOString();
    const row = {
      name: input.name as string,
      label: input.label as string,
      description: input.description ?? '',
      permissions: JSON.stringify(input.permissions ?? {}),
      system: false,
      created_at: now,
      updated_at: now,
    };
    if (await this.db.knex('trellis_roles').where({ name: row.name }).first())
      throw new ConflictError('TRELLIS_ROLE_EXISTS', `A role named ${row.name} already exists`);
    await this.db.knex('trellis_roles').insert(row);
    await this.changed('permission.role_created', actor, { role: row.name, permissions: input.permissions ?? {} });
    return this.get(row.name);
  }

  async update(name: string, body: unknown, actor: Actor): Promise<Role> {
    const role = await this.get(name);
    if (role.name === ADMIN_ROLE) throw new ForbiddenError('The admin role has every right and cannot be changed');
    const input = checkRoleInput(body, 'patch', this.store);
    if (input.name !== undefined && input.name !== name) throw ValidationError.at('name', 'a role cannot be renamed');
    const changes = {
      ...(input.label !== undefined ? { label: input.label } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.permissions !== undefined ? { permissions: JSON.stringify(input.permissions) } : {}),
      updated_at: new Date().toISOString(),
    };
    await this.db.knex('trellis_roles').where({ name }).update(changes);
    await this.changed('permission.role_updated', actor, {
      role: name,
      before: role.permissions,
      after: input.permissions ?? role.permissions,
    });
    return this.get(name);
  }

  async delete(name: string, actor: Actor): Promise<void> {
    const role = await this.get(name);
    if (role.system) throw new ForbiddenError(`${name} is a system role and cannot be deleted`);
    await this.db.knex('trellis_roles').where({ name }).delete();
    await this.changed('permission.role_deleted', actor, { role: name });
  }

  /**
   * Gives roles a plugin's default rights on its entities (PluginDefinition.permissions). An
   * entity a role already names explicitly keeps what an administrator set; a role that does not
   * exist is skipped with a warning (roles are an administrator's to create).
   */
  async mergePluginPermissions(plugin: string, permissions: PluginPermissions, actor: Actor): Promise<void> {
    // One transaction: every role gets its defaults or none does, and no administrator's edit in between is lost.
    const merged = await this.db.knex.transaction(async (trx) => {
      const changes: Array<{ role: string; added: RolePermissions }> = [];
      for (const [name, entities] of Object.entries(permissions)) {
        const row = await trx<RoleRow>('trellis_roles').where({ name }).forUpdate().first();
        if (!row) {
          this.logger.warn('plugin permissions name an unknown role; skipped', { plugin, role: name });
          continue;
        }
        if (name === ADMIN_ROLE) continue;
        const current = JSON.parse(row.permissions) as RolePermissions;
        const added = Object.fromEntries(Object.entries(entities).filter(([entity]) => current[entity] === undefined));
        if (Object.keys(added).length === 0) continue;
        await trx('trellis_roles')
          .where({ name })
          .update({ permissions: JSON.stringify({ ...current, ...added }), updated_at: new Date().toISOString() });
        changes.push({ role: name, added });
      }
      return changes;
    });
    for (const { role, added } of merged) await this.changed('permission.plugin_defaults', actor, { role, plugin, added });
  }

  private async changed(action: string, actor: Actor, details: Record<string, unknown>): Promise<void> {
    this.access.invalidate();
    // Role names and permission maps are plain JSON.
    await this.audit?.record({ action, actor: actorRef(actor), details: details as JsonObject });
  }
}
