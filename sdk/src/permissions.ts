/**
 * What a role may do to an entity's records, as a closed list.
 *
 * @example
 * ```ts
 * PERMISSION_ACTIONS.includes('export'); // true
 * ```
 */
export const PERMISSION_ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;

/**
 * One of {@link PERMISSION_ACTIONS}.
 *
 * @example
 * ```ts
 * const action: PermissionAction = 'update';
 * ```
 */
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

/**
 * Which records an action reaches: none, those the user owns (`owner_id`), those owned by
 * anyone in one of the user's teams, or all.
 *
 * @example
 * ```ts
 * PERMISSION_SCOPES.indexOf('team') > PERMISSION_SCOPES.indexOf('own'); // true: wider
 * ```
 */
export const PERMISSION_SCOPES = ['none', 'own', 'team', 'all'] as const;

/**
 * One of {@link PERMISSION_SCOPES}.
 *
 * @example
 * ```ts
 * const scope: PermissionScope = 'team';
 * ```
 */
export type PermissionScope = (typeof PERMISSION_SCOPES)[number];

/**
 * A role's rights on one entity: a scope per action, and fields the role may not read
 * (hidden everywhere: lists, expand, filters, exports) or not write.
 *
 * @example
 * ```ts
 * const dealsForReps: EntityPermissions = {
 *   read: 'team', create: 'all', update: 'own', delete: 'none', export: 'none',
 *   hiddenFields: ['margin'], readOnlyFields: ['amount_approved'],
 * };
 * ```
 */
export interface EntityPermissions extends Partial<Record<PermissionAction, PermissionScope>> {
  /** Fields the role can neither see nor filter, sort or expand by. */
  hiddenFields?: string[];
  /** Fields the role sees but may not set. */
  readOnlyFields?: string[];
}

/**
 * The default rights a plugin gives to roles on its entities when it is installed, by role
 * name then entity. Administrators can change them afterwards; the admin role has every right.
 *
 * @example
 * ```ts
 * const permissions: PluginPermissions = {
 *   sales_rep: { deal: { read: 'team', create: 'all', update: 'own', delete: 'own' } },
 *   read_only: { deal: { read: 'all' } },
 * };
 * ```
 */
export type PluginPermissions = Record<string, Record<string, EntityPermissions>>;

/**
 * What a plugin route requires before its handler runs: an action on an entity (any record in
 * scope), or `'admin'`. Unmet, the request gets a 403 problem.
 *
 * @example
 * ```ts
 * router.get('/board', { permission: { entity: 'deal', action: 'read' } }, handler);
 * ```
 */
export type RoutePermission = { entity: string; action: PermissionAction } | 'admin';

/**
 * Options of one plugin route.
 *
 * @example
 * ```ts
 * const options: RouteOptions = { permission: 'admin' };
 * ```
 */
export interface RouteOptions {
  /** Checked before the handlers run. */
  permission?: RoutePermission;
}
