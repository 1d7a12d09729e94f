import type { PluginPermissions } from '@trellis/sdk';
import { ACTIVITY, DEAL, LEAD, PIPELINE, STAGE } from './names.js';

/** Pipelines and stages are shared configuration: everyone selling reads them all, administrators change them. */
const shared = { read: 'all', create: 'none', update: 'none', delete: 'none', export: 'none' } as const;

/**
 * Default rights of core's roles on the sales entities, applied on install where a role says
 * nothing about them yet. A rep works on their own leads, deals and activities (and reads their
 * team's), so their board and forecast show their team's deals; a manager has the whole team's.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'sales', version: '1.0.0', permissions: salesPermissions });
 * ```
 */
export const salesPermissions: PluginPermissions = {
  manager: {
    [PIPELINE]: { read: 'all', create: 'all', update: 'all', delete: 'none', export: 'all' },
    [STAGE]: { read: 'all', create: 'all', update: 'all', delete: 'none', export: 'all' },
    [LEAD]: { read: 'team', create: 'all', update: 'team', delete: 'team', export: 'team' },
    [DEAL]: { read: 'team', create: 'all', update: 'team', delete: 'team', export: 'team' },
    [ACTIVITY]: { read: 'team', create: 'all', update: 'team', delete: 'team', export: 'team' },
  },
  sales_rep: {
    [PIPELINE]: shared,
    [STAGE]: shared,
    [LEAD]: { read: 'team', create: 'all', update: 'own', delete: 'own', export: 'none' },
    [DEAL]: { read: 'team', create: 'own', update: 'own', delete: 'own', export: 'none' },
    [ACTIVITY]: { read: 'team', create: 'own', update: 'own', delete: 'own', export: 'none' },
  },
  read_only: {
    [PIPELINE]: { read: 'all' },
    [STAGE]: { read: 'all' },
    [LEAD]: { read: 'all' },
    [DEAL]: { read: 'all' },
    [ACTIVITY]: { read: 'all' },
  },
};
