import type { PluginPermissions } from '@trellis/sdk';

/**
 * Default rights of core's system roles on companies and contacts, applied on install where a
 * role says nothing about them yet (administrators change them from the roles page).
 * Companies are shared accounts: a sales rep sees and updates every one, and creates them, but
 * deletes only their own. Contacts are personal data: a rep works on their team's contacts and
 * deletes only their own; exports (bulk personal data) are left to managers and administrators.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'contacts', version: '1.0.0', permissions: contactsPermissions });
 * ```
 */
export const contactsPermissions: PluginPermissions = {
  manager: {
    company: { read: 'all', create: 'all', update: 'all', delete: 'team', export: 'all' },
    contact: { read: 'all', create: 'all', update: 'team', delete: 'team', export: 'team' },
  },
  sales_rep: {
    company: { read: 'all', create: 'all', update: 'all', delete: 'own', export: 'none' },
    contact: { read: 'team', create: 'all', update: 'team', delete: 'own', export: 'none' },
  },
  read_only: {
    company: { read: 'all' },
    contact: { read: 'all' },
  },
};
