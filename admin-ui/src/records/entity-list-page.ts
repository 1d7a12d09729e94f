import { LitElement, css, html, nothing } from 'lit';
import { api, messageOf } from '../api/client.js';
import type { EntityView, FieldMetadata, FieldView, One, RelationTypeMetadata } from '../api/types.js';
import { replaceQuery } from '../router.js';
import { store, StoreController } from '../state/app-store.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import './list/bulk-bar.js';
import './list/column-chooser.js';
import './list/filter-builder.js';
import { fromFilter } from './list/filter-model.js';
import { ListLoader } from './list/list-loader.js';
import { emptyList, listFailure } from './list/list-messages.js';
import { loadColumns, readQuery, resetColumns, saveColumns, writeQuery, type ListQuery } from './list/list-state.js';
import './list/record-table.js';

const SEARCH_DELAY_MS = 300;

/**
 * The list of an entity's records (`/records/:entity`): the user's columns, sort by column,
 * a filter builder and quick search kept in the URL, keyset pages loaded as the table
 * scrolls, and bulk delete or update of the selected rows.
 */
export class EntityListPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    columns: { state: true },
    selected: { state: true },
    relationTypes: { state: true },
    filterOpen: { state: true },
    searchText: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .count {
        color: var(--tr-muted);
        min-width: 6rem;
      }
      .controls {
        margin-bottom: 0.75rem;
      }
      .search {
        flex: 1 1 16rem;
        max-width: 24rem;
      }
      .stack {
        display: grid;
        gap: 0.75rem;
        margin-bottom: 0.75rem;
      }
    `,
  ];

  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare columns: string[];
  declare selected: Set<string>;
  declare relationTypes: RelationTypeMetadata[];
  declare filterOpen: boolean;
  declare searchText: string;

  private readonly list = new ListLoader(this);
  private loadedKey = '';
  private columnsFor = '';
  private typesFor = '';
  private shownQ = '';
  private searchTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    new StoreController(this);
    this.params = {};
    this.query = new URLSearchParams();
    this.columns = [];
    this.selected = new Set();
    this.relationTypes = [];
    this.filterOpen = false;
    this.searchText = '';
  }

  private get entity(): EntityView | undefined {
    return store.entity(this.params.entity ?? '');
  }

  private get state(): ListQuery {
    return readQuery(this.query);
  }

  private get shownFields(): FieldMetadata[] {
    const byName = new Map(this.entity?.fields.map((field) => [field.name, field]));
    return this.columns.map((name) => byName.get(name)).filter((field): field is FieldView => !!field);
  }

  override willUpdate(): void {
    const entity = this.entity;
    if (!entity) return;
    setTitle(entity.pluralLabel);
    const userId = store.user?.id ?? 'anonymous';
    if (this.columnsFor !== `${userId}:${entity.name}`) {
      this.columnsFor = `${userId}:${entity.name}`;
      this.columns = loadColumns(userId, entity);
    }
    if (this.typesFor !== entity.name) {
      this.typesFor = entity.name;
      void this.loadRelationTypes(entity.name);
    }
    const state = this.state;
    if (state.q !== this.shownQ) this.searchText = this.shownQ = state.q;
    // Lookups shown as columns come expanded, so they show their record's title.
    const expand = this.shownFields.filter((field) => field.type === 'lookup').map((field) => field.name);
    const rowsKey = JSON.stringify([entity.name, state]);
    const key = `${rowsKey}|${expand.join(',')}`;
    if (key === this.loadedKey) return;
    // Other rows (not just other columns): the old selection no longer means anything.
    if (!this.loadedKey.startsWith(`${rowsKey}|`)) this.selected = new Set();
    if (state.filter && !this.loadedKey) this.filterOpen = true;
    this.loadedKey = key;
    void this.list.load({ entity: entity.name, ...state, expand: expand.join(',') });
  }

  /** Relation types whose subject may be this entity: those a `$relation` filter can test. */
  private async loadRelationTypes(entity: string): Promise<void> {
    try {
      const types = (await api.get<One<RelationTypeMetadata[]>>('/api/meta/relation-types')).data;
      this.relationTypes = types.filter((type) => !type.subjectEntities.length || type.subjectEntities.includes(entity));
    } catch {
      this.relationTypes = [];
    }
  }

  private setQuery(change: Partial<ListQuery>): void {
    replaceQuery(writeQuery({ ...this.state, ...change }));
  }

  private onSearch(text: string): void {
    this.searchText = text;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.shownQ = text.trim();
      this.setQuery({ q: text.trim() });
    }, SEARCH_DELAY_MS);
  }

  private clearFilters(): void {
    clearTimeout(this.searchTimer);
    this.setQuery({ filter: '', q: '' });
  }

  private setColumns(columns: string[] | null): void {
    const entity = this.entity!;
    const userId = store.user?.id ?? 'anonymous';
    if (columns) saveColumns(userId, entity.name, columns);
    else resetColumns(userId, entity.name);
    this.columns = columns ?? loadColumns(userId, entity);
  }

  private afterBulk(failed: string[]): void {
    this.selected = new Set(failed);
    void this.list.reload();
  }

  private conditionCount(): number {
    const filter = this.state.filter;
    if (!filter) return 0;
    try {
      return fromFilter(JSON.parse(filter))?.rules.length ?? 1;
    } catch {
      return 1;
    }
  }

  private header(entity: EntityView) {
    const count = this.list.count;
    const noun = count === 1 ? entity.label.toLowerCase() : entity.pluralLabel.toLowerCase();
    return html`<header class="page-header">
      <h1>${entity.pluralLabel}</h1>
      <span class="count" aria-live="polite">${count === null ? '' : `${count.toLocaleString()} ${noun}`}</span>
      <span class="spacer"></span>
      ${entity.access.create !== 'none' ? html`<a class="button primary" href="/records/${entity.name}/new">New ${entity.label.toLowerCase()}</a>` : nothing}
    </header>`;
  }

  private controls(entity: EntityView) {
    const conditions = this.conditionCount();
    return html`<div class="toolbar controls">
      <input
        class="search"
        type="search"
        aria-label="Search ${entity.pluralLabel.toLowerCase()}"
        placeholder="Search ${entity.pluralLabel.toLowerCase()}…"
        .value=${this.searchText}
        @input=${(event: Event) => this.onSearch((event.target as HTMLInputElement).value)}
      />
      <button
        type="button"
        aria-expanded=${this.filterOpen ? 'true' : 'false'}
        aria-controls="filter"
        @click=${() => (this.filterOpen = !this.filterOpen)}
      >
        Filter${conditions ? ` (${conditions})` : ''}
      </button>
      ${conditions || this.state.q ? html`<button type="button" class="ghost" @click=${() => this.clearFilters()}>Clear filters</button>` : nothing}
      <span class="spacer"></span>
      <tr-column-chooser
        .entity=${entity}
        .columns=${this.columns}
        @columns-changed=${(event: CustomEvent<{ columns: string[] }>) => this.setColumns(event.detail.columns)}
        @columns-reset=${() => this.setColumns(null)}
      ></tr-column-chooser>
    </div>`;
  }

  private content(entity: EntityView) {
    const list = this.list;
    if (list.phase === 'error')
      return listFailure(
        entity,
        list.error,
        () => this.clearFilters(),
        () => void list.reload(),
      );
    if (list.phase === 'ready' && !list.rows.length)
      return emptyList(entity, !!(this.state.filter || this.state.q), () => this.clearFilters());
    return html`<tr-record-table
        .entity=${entity}
        .columns=${this.shownFields}
        .rows=${list.rows}
        .sort=${this.state.sort}
        .selected=${this.selected}
        ?selectable=${entity.access.delete !== 'none' || entity.access.update !== 'none'}
        ?loading=${list.phase !== 'ready'}
        ?loadingMore=${list.loadingMore}
        ?hasMore=${!!list.next && !list.moreError}
        @sort-changed=${(event: CustomEvent<{ sort: string }>) => this.setQuery({ sort: event.detail.sort })}
        @selection-changed=${(event: CustomEvent<{ selected: Set<string> }>) => (this.selected = event.detail.selected)}
        @load-more=${() => void list.more()}
      ></tr-record-table>
      ${list.moreError ? states.error(`The next records could not be loaded: ${messageOf(list.moreError)}`, () => void list.more()) : nothing}`;
  }

  override render() {
    const entity = this.entity;
    if (!entity) {
      setTitle('Not found');
      return html`<div class="card" role="alert">You do not have access to this list or it does not exist.</div>`;
    }
    return html`
      ${this.header(entity)} ${this.controls(entity)}
      <div class="stack">
        ${
          this.filterOpen
            ? html`<tr-filter-builder
                id="filter"
                .entity=${entity}
                .filter=${this.state.filter}
                .types=${this.relationTypes}
                @filter-changed=${(event: CustomEvent<{ filter: string }>) => this.setQuery({ filter: event.detail.filter })}
              ></tr-filter-builder>`
            : nothing
        }
        ${
          this.selected.size
            ? html`<tr-bulk-bar
                .entity=${entity}
                .selected=${this.selected}
                .rows=${this.list.rows}
                @selection-changed=${(event: CustomEvent<{ selected: Set<string> }>) => (this.selected = event.detail.selected)}
                @bulk-done=${(event: CustomEvent<{ failed: string[] }>) => this.afterBulk(event.detail.failed)}
              ></tr-bulk-bar>`
            : nothing
        }
      </div>
      ${this.content(entity)}
    `;
  }
}

customElements.define('tr-entity-list-page', EntityListPage);

declare global {
  interface HTMLElementTagNameMap {
    'tr-entity-list-page': EntityListPage;
  }
}
