import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';

/**
 * The SDK reference is generated from sdk/src's TSDoc by `npm run docs:api` (TypeDoc with
 * typedoc-vitepress-theme, configured in /typedoc.json), which also writes this sidebar.
 * `docs:build` and `docs:dev` run it first; the pages are git-ignored.
 */
const SDK_SIDEBAR = fileURLToPath(new URL('../reference/sdk/typedoc-sidebar.json', import.meta.url));

function sdkSidebar(): DefaultTheme.SidebarItem[] {
  if (!existsSync(SDK_SIDEBAR)) {
    throw new Error('docs/reference/sdk/ is missing: run `npm run docs:api` (npm run docs:build and docs:dev do it for you)');
  }
  return JSON.parse(readFileSync(SDK_SIDEBAR, 'utf8')) as DefaultTheme.SidebarItem[];
}

const guides: DefaultTheme.SidebarItem = {
  text: 'Guides',
  items: [
    { text: 'Getting started', link: '/guides/getting-started' },
    { text: 'Admin UI', link: '/admin-ui' },
    { text: 'Writing a plugin', link: '/guides/writing-a-plugin' },
    { text: 'Testing a plugin', link: '/guides/testing-a-plugin' },
    { text: 'Contributing UI', link: '/guides/contributing-ui' },
    { text: 'Plugin UI slots', link: '/plugin-ui' },
  ],
};

const plugins: DefaultTheme.SidebarItem = {
  text: 'Plugins',
  items: [
    { text: 'Contacts', link: '/plugins/contacts' },
    { text: 'Sales', link: '/plugins/sales' },
  ],
};

const reference: DefaultTheme.SidebarItem = {
  text: 'Reference',
  items: [
    { text: 'HTTP API', link: '/reference/http-api' },
    { text: 'Filter grammar', link: '/reference/filter-grammar' },
    { text: 'Entities and field types', link: '/reference/entities' },
    { text: 'Relations', link: '/reference/relations' },
    { text: 'Command line', link: '/reference/cli' },
    { text: 'Timeline', link: '/reference/timeline' },
    { text: 'Records API (plugins)', link: '/reference/records-api' },
    { text: 'Security and permissions', link: '/reference/security' },
    { text: 'Audit log', link: '/reference/audit' },
    { text: 'GDPR and privacy', link: '/reference/gdpr' },
    { text: 'Webhooks', link: '/reference/webhooks' },
    { text: 'Jobs', link: '/reference/jobs' },
    { text: 'Plugin lifecycle', link: '/reference/plugin-lifecycle' },
    { text: 'Configuration', link: '/reference/configuration' },
    { text: 'Error codes', link: '/reference/error-codes' },
    { text: 'Architecture and boundaries', link: '/reference/architecture' },
    { text: 'SDK', link: '/reference/sdk/', collapsed: true, items: sdkSidebar() },
  ],
};

export default defineConfig({
  title: 'Trellis',
  description: 'The open-source CRM framework integrators extend: metadata-driven entities on real SQL tables, SQLite or PostgreSQL.',
  lang: 'en',
  cleanUrls: true,
  // Dead links fail the build (VitePress's default): do not set ignoreDeadLinks.
  themeConfig: {
    nav: [
      { text: 'Guides', link: '/guides/getting-started', activeMatch: '^/guides/' },
      { text: 'Reference', link: '/reference/http-api', activeMatch: '^/reference/' },
      { text: 'Benchmarks', link: '/benchmarks' },
    ],
    sidebar: [guides, plugins, reference],
    outline: { level: [2, 3] },
    search: { provider: 'local' },
    socialLinks: [{ icon: 'github', link: 'https://github.com/trellis-crm/trellis' }],
    footer: { message: 'Released under the MIT License.' },
  },
});
