import { LitElement, css, html, nothing } from 'lit';
import { api } from '../api/client.js';
import type { EntityView, Page, RecordRow } from '../api/types.js';
import { recordTitle } from '../fields/field-display.js';
import '../plugins/dashboard-widgets.js';
import { contributions } from '../plugins/plugin-ui.js';
import { store, StoreController } from '../state/app-store.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';

/** Shortcuts shown at most (each costs a count). */
const SHORTCUTS = 8;
/** Recent records shown. */
const RECENT = 8;

const countFormat = new Intl.NumberFormat();
const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface Recent {
  entity: EntityView;
  record: RecordRow;
}

function greeting(): string {
  const hour = new Date().getHours();
  return hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';
}

/**
 * Home: a greeting, shortcuts to the entities with their record counts, the records the user
 * owns that changed last, and the enabled plugins' dashboard widgets. A fresh installation
 * (no entities, no widgets) guides an administrator to create an entity or enable plugins.
 */
export class DashboardPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    counts: { state: true },
    recent: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: 1.75rem;
      }
      header p {
        margin: 0.25rem 0 0;
      }
      .shortcuts {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
        gap: 0.75rem;
      }
      .shortcut {
        display: grid;
        gap: 0.25rem;
        text-decoration: none;
        color: var(--tr-text);
        min-height: 5rem;
      }
      .shortcut:hover {
        border-color: var(--tr-accent);
      }
      .count {
        font-size: 1.5rem;
        font-weight: 650;
        min-height: 2rem;
      }
      .recent {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .recent li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        align-items: baseline;
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--tr-border);
      }
      .recent li:last-child {
        border-bottom: 0;
      }
      .recent a {
        font-weight: 550;
      }
      .welcome .toolbar {
        justify-content: center;
      }
    `,
  ];

  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare counts: Map<string, number | null>;
  declare recent: Recent[] | null;
  private loadedFor = '';

  constructor() {
    super();
    new StoreController(this);
    this.params = {};
    this.query = new URLSearchParams();
    this.counts = new Map();
    this.recent = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('Home');
  }

  private get shortcuts(): EntityView[] {
    return [...store.visibleEntities].sort((a, b) => a.pluralLabel.localeCompare(b.pluralLabel)).slice(0, SHORTCUTS);
  }

  /** Reads counts and recent records again when the entities shown change (a plugin enabled, an entity created). */
  override willUpdate(): void {
    const key = this.shortcuts.map((entity) => entity.name).join(',');
    if (key === this.loadedFor) return;
    this.loadedFor = key;
    void this.load(this.shortcuts);
  }

  private async load(entities: EntityView[]): Promise<void> {
    const counts = await Promise.all(
      entities.map(async (entity) => {
        try {
          return [entity.name, (await api.get<{ count: number }>(`/api/records/${entity.name}/count`)).count] as const;
        } catch {
          return [entity.name, null] as const;
        }
      }),
    );
    this.counts = new Map(counts);
    const me = store.user?.id;
    if (!me) return;
    // Records the user owns, newest change first: one small page per entity, on the (owner_id) index.
    const pages = await Promise.all(
      entities.map(async (entity) => {
        try {
          const page = await api.get<Page<RecordRow>>(`/api/records/${entity.name}`, {
            filter: JSON.stringify({ owner_id: me }),
            sort: '-updated_at',
            limit: 5,
          });
          return page.data.map((record) => ({ entity, record }));
        } catch {
          return [];
        }
      }),
    );
    this.recent = pages
      .flat()
      .sort((a, b) => String(b.record.updated_at).localeCompare(String(a.record.updated_at)))
      .slice(0, RECENT);
  }

  private welcome() {
    const admin = store.user?.isAdmin;
    return html`<section class="card welcome" style="text-align:center;padding:2rem">
      <h2>Welcome to Trellis</h2>
      <p class="muted">
        ${
          admin
            ? 'There is nothing here yet. Create a table for what you track (companies, projects, deals…), or enable a plugin that brings its own.'
            : 'There is nothing here yet. An administrator can add tables and plugins.'
        }
      </p>
      ${
        admin
          ? html`<div class="toolbar">
              <a class="button primary" href="/settings/entities">Create an entity</a>
              <a class="button" href="/settings/plugins">Browse plugins</a>
            </div>`
          : nothing
      }
    </section>`;
  }

  private shortcutsSection(entities: EntityView[]) {
    return html`<section aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Records</h2>
      <div class="shortcuts">
        ${entities.map((entity) => {
          const count = this.counts.get(entity.name);
          return html`<a class="card shortcut" href="/records/${entity.name}">
            <span class="count"
              >${count === undefined ? html`<span class="muted">…</span>` : count === null ? '—' : countFormat.format(count)}</span
            >
            <span>${entity.pluralLabel}</span>
          </a>`;
        })}
      </div>
    </section>`;
  }

  private recentSection() {
    if (!this.recent?.length) return nothing;
    return html`<section class="card" aria-labelledby="recent-title">
      <h2 id="recent-title">Your recently updated records</h2>
      <ul class="recent">
        ${this.recent.map(
          ({ entity, record }) =>
            html`<li>
              <a href="/records/${entity.name}/${record.id}">${recordTitle(entity, record)}</a>
              <span class="muted">${entity.label}</span>
              <span class="spacer"></span>
              <span class="muted">${typeof record.updated_at === 'string' ? whenFormat.format(new Date(record.updated_at)) : ''}</span>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  override render() {
    const user = store.user;
    const entities = this.shortcuts;
    const widgets = contributions(store.plugins, 'dashboardWidgets').length;
    return html`<header>
        <h1>${greeting()}${user ? `, ${user.name ?? user.email}` : ''}</h1>
        <p class="muted">${new Intl.DateTimeFormat(undefined, { dateStyle: 'full' }).format(new Date())}</p>
      </header>
      ${!entities.length && !widgets ? this.welcome() : nothing} ${entities.length ? this.shortcutsSection(entities) : nothing}
      ${this.recentSection()}
      <tr-dashboard-widgets></tr-dashboard-widgets>`;
  }
}

customElements.define('tr-dashboard-page', DashboardPage);
