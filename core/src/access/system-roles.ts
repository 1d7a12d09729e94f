import type { EntityPermissions } from '@trellis/sdk';

/** A role's rights by entity name; `"*"` is the default for entities the role does not name. */
export type RolePermissions = Record<string, EntityPermissions>;

/** The entry of {@link RolePermissions} that applies to every entity the role does not name. */
export const ANY_ENTITY = '*';

/** Name of the role with every right; users with `is_admin` have it whether or not it is assigned. */
export const ADMIN_ROLE = 'admin';

/** A role shipped with Trellis: its name cannot change and it cannot be deleted. */
export interface SystemRole {
  name: string;
  label: string;
  description: string;
  permissions: RolePermissions;
}

/** The roles seeded by the access migration. */
export const SYSTEM_ROLES: readonly SystemRole[] = [
  {
    name: ADMIN_ROLE,
    label: 'Administrator',
    description: 'Every right on every entity, metadata, plugins, users, roles and teams.',
    permissions: { [ANY_ENTITY]: { read: 'all', create: 'all', update: 'all', delete: 'all', export: 'all' } },
  },
  {
    name: 'manager',
    label: 'Manager',
    description: "Every action on the records of the manager's teams.",
    permissions: { [ANY_ENTITY]: { read: 'team', create: 'team', update: 'team', delete: 'team', export: 'team' } },
  },
  {
    name: 'sales_rep',
    label: 'Sales rep',
    description: "Reads the team's records, creates records, changes and deletes their own.",
    permissions: { [ANY_ENTITY]: { read: 'team', create: 'all', update: 'own', delete: 'own', export: 'none' } },
  },
  {
    name: 'read_only',
    label: 'Read only',
    description: 'Reads every record, changes nothing.',
    permissions: { [ANY_ENTITY]: { read: 'all' } },
  },
];
