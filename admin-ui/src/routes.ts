import type { Route } from './router.js';

/**
 * Every screen of the admin UI. Each module is loaded when its screen is first opened, so the
 * first page downloads only the shell.
 */
export const ROUTES: Route[] = [
  { pattern: '/login', tag: 'tr-login-page', load: () => import('./shell/login-page.js'), public: true },
  { pattern: '/reset-password', tag: 'tr-reset-password-page', load: () => import('./shell/reset-password-page.js'), public: true },
  { pattern: '/', tag: 'tr-dashboard-page', load: () => import('./home/dashboard-page.js') },
  { pattern: '/records/:entity', tag: 'tr-entity-list-page', load: () => import('./records/entity-list-page.js') },
  { pattern: '/records/:entity/new', tag: 'tr-record-create-page', load: () => import('./records/record-create-page.js') },
  { pattern: '/records/:entity/:id', tag: 'tr-record-page', load: () => import('./records/record-page.js') },
  { pattern: '/plugins/:plugin/*', tag: 'tr-plugin-page', load: () => import('./plugins/plugin-page.js') },
  { pattern: '/account/tokens', tag: 'tr-tokens-page', load: () => import('./account/tokens-page.js') },
  { pattern: '/settings/entities', tag: 'tr-entities-page', load: () => import('./settings/entities-page.js'), admin: true },
  {
    pattern: '/settings/entities/:entity',
    tag: 'tr-entity-editor-page',
    load: () => import('./settings/entity-editor-page.js'),
    admin: true,
  },
  {
    pattern: '/settings/relation-types',
    tag: 'tr-relation-types-page',
    load: () => import('./settings/relation-types-page.js'),
    admin: true,
  },
  { pattern: '/settings/users', tag: 'tr-users-page', load: () => import('./settings/users-page.js'), admin: true },
  { pattern: '/settings/teams', tag: 'tr-teams-page', load: () => import('./settings/teams-page.js'), admin: true },
  { pattern: '/settings/roles', tag: 'tr-roles-page', load: () => import('./settings/roles-page.js'), admin: true },
  { pattern: '/settings/roles/:role', tag: 'tr-role-editor-page', load: () => import('./settings/role-editor-page.js'), admin: true },
  { pattern: '/settings/webhooks', tag: 'tr-webhooks-page', load: () => import('./settings/webhooks-page.js'), admin: true },
  { pattern: '/settings/plugins', tag: 'tr-plugins-page', load: () => import('./settings/plugins-page.js'), admin: true },
  { pattern: '/settings/audit', tag: 'tr-audit-page', load: () => import('./settings/audit-page.js'), admin: true },
];
