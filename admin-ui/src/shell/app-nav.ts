import { LitElement, css, html, nothing } from 'lit';
import { store, StoreController } from '../state/app-store.js';
import { contributions } from '../plugins/plugin-ui.js';
import { sharedStyles } from '../ui/styles.js';

interface NavItem {
  label: string;
  href: string;
}

/** Administrators' screens, in the order of the Settings section. */
const SETTINGS: NavItem[] = [
  { label: 'Entities & fields', href: '/settings/entities' },
  { label: 'Relation types', href: '/settings/relation-types' },
  { label: 'Users', href: '/settings/users' },
  { label: 'Teams', href: '/settings/teams' },
  { label: 'Roles & permissions', href: '/settings/roles' },
  { label: 'Webhooks', href: '/settings/webhooks' },
  { label: 'Plugins', href: '/settings/plugins' },
  { label: 'Audit log', href: '/settings/audit' },
];

/**
 * The main navigation: home, one entry per entity the user may see, the enabled plugins'
 * entries, and the administrators' settings. The entry of the current page is marked with
 * `aria-current`. Changes to entities or plugins show at once (the store re-renders it).
 */
export class AppNav extends LitElement {
  static override properties = { path: {} };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      nav {
        display: grid;
        gap: 1rem;
        padding: 0.75rem;
      }
      h2 {
        font-size: 0.75rem;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--tr-muted);
        margin: 0 0 0.25rem 0.5rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 1px;
      }
      a {
        display: block;
        padding: 0.375rem 0.5rem;
        border-radius: var(--tr-radius);
        color: var(--tr-text);
        text-decoration: none;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      a:hover {
        background: var(--tr-hover);
      }
      a[aria-current='page'] {
        background: var(--tr-accent-soft);
        color: var(--tr-accent-strong);
        font-weight: 600;
      }
    `,
  ];

  declare path: string;

  constructor() {
    super();
    new StoreController(this);
    this.path = '/';
  }

  private isCurrent(href: string): boolean {
    return href === '/' ? this.path === '/' : this.path === href || this.path.startsWith(`${href}/`);
  }

  private section(title: string, items: NavItem[]) {
    if (!items.length) return nothing;
    const id = `nav-${title.toLowerCase().replace(/\W+/g, '-')}`;
    return html`<section aria-labelledby=${id}>
      <h2 id=${id}>${title}</h2>
      <ul>
        ${items.map(
          (item) => html`<li><a href=${item.href} aria-current=${this.isCurrent(item.href) ? 'page' : 'false'}>${item.label}</a></li>`,
        )}
      </ul>
    </section>`;
  }

  override render() {
    const entities = [...store.visibleEntities]
      .sort((a, b) => a.pluralLabel.localeCompare(b.pluralLabel))
      .map((entity) => ({ label: entity.pluralLabel, href: `/records/${entity.name}` }));
    const apps = contributions(store.plugins, 'navigation').map((entry) => ({
      label: entry.label,
      href: `/plugins/${entry.plugin}${entry.path.startsWith('/') ? entry.path : `/${entry.path}`}`,
    }));
    return html`<nav aria-label="Main">
      ${this.section('Workspace', [{ label: 'Home', href: '/' }])} ${this.section('Records', entities)} ${this.section('Apps', apps)}
      ${store.user?.isAdmin ? this.section('Settings', SETTINGS) : nothing}
      ${this.section('Account', [{ label: 'API tokens', href: '/account/tokens' }])}
    </nav>`;
  }
}

customElements.define('tr-app-nav', AppNav);
