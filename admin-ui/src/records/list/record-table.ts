import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { EntityView, FieldMetadata, RecordRow } from '../../api/types.js';
import { recordTitle, renderValue, titleField } from '../../fields/field-display.js';
import { store } from '../../state/app-store.js';
import { sharedStyles } from '../../ui/styles.js';
import { nextSort, sortable } from './list-state.js';

const SKELETON_ROWS = 10;

/**
 * The records of a list as a table: sortable column headers (`aria-sort`), a checkbox per row
 * for bulk actions, the title cell linking to the record, and at the end a sentinel that asks
 * for the next page when it scrolls into view, plus a "Load more" button for keyboard users.
 * While the first page loads, skeleton rows keep the table's space.
 *
 * @fires sort-changed - `detail.sort` is the API sort asked for ('' for the default order).
 * @fires selection-changed - `detail.selected` is the new set of selected ids.
 * @fires load-more - the end of the loaded rows is in view, or "Load more" was pressed.
 */
export class RecordTable extends LitElement {
  static override properties = {
    entity: { attribute: false },
    columns: { attribute: false },
    rows: { attribute: false },
    sort: {},
    selected: { attribute: false },
    selectable: { type: Boolean },
    loading: { type: Boolean },
    loadingMore: { type: Boolean },
    hasMore: { type: Boolean },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .scroller {
        overflow-x: auto;
        background: var(--tr-surface);
        border: 1px solid var(--tr-border);
        border-radius: var(--tr-radius-large);
      }
      table {
        min-width: max-content;
      }
      td {
        max-width: 22rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        height: 2.75rem;
      }
      th {
        white-space: nowrap;
      }
      th button {
        all: unset;
        cursor: pointer;
        display: inline-flex;
        gap: 0.25rem;
        align-items: center;
      }
      th button:focus-visible {
        outline: 3px solid var(--tr-focus);
        outline-offset: 2px;
      }
      .check {
        width: 2.5rem;
      }
      .title a {
        font-weight: 600;
        color: var(--tr-text);
        text-decoration: none;
      }
      .title a:hover {
        text-decoration: underline;
        color: var(--tr-link);
      }
      tr.selected {
        background: var(--tr-accent-soft);
      }
      .bar {
        display: block;
        height: 0.75rem;
        border-radius: 4px;
        background: linear-gradient(90deg, var(--tr-surface-sunken), var(--tr-hover), var(--tr-surface-sunken));
        background-size: 200% 100%;
        animation: shimmer 1.2s infinite linear;
      }
      @keyframes shimmer {
        to {
          background-position: -200% 0;
        }
      }
      .more {
        display: flex;
        justify-content: center;
        padding: 0.75rem;
        min-height: 3.5rem;
      }
    `,
  ];

  declare entity: EntityView;
  declare columns: FieldMetadata[];
  declare rows: RecordRow[];
  declare sort: string;
  declare selected: Set<string>;
  declare selectable: boolean;
  declare loading: boolean;
  declare loadingMore: boolean;
  declare hasMore: boolean;

  private observer?: IntersectionObserver;

  constructor() {
    super();
    this.columns = [];
    this.rows = [];
    this.sort = '';
    this.selected = new Set();
    this.selectable = false;
    this.loading = false;
    this.loadingMore = false;
    this.hasMore = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
  }

  override updated(): void {
    const sentinel = this.renderRoot.querySelector('.sentinel');
    if (!this.observer) {
      this.observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.askMore();
      });
    }
    this.observer.disconnect();
    if (sentinel) this.observer.observe(sentinel);
    // The observer reports changes only: when a page leaves the end still in view, ask again.
    if (sentinel && sentinel.getBoundingClientRect().top < window.innerHeight) this.askMore();
  }

  private askMore(): void {
    if (this.hasMore && !this.loading && !this.loadingMore) this.dispatchEvent(new CustomEvent('load-more'));
  }

  private select(ids: string[], on: boolean): void {
    const selected = new Set(this.selected);
    for (const id of ids) {
      if (on) selected.add(id);
      else selected.delete(id);
    }
    this.dispatchEvent(new CustomEvent('selection-changed', { detail: { selected } }));
  }

  private header(field: FieldMetadata) {
    if (!sortable(field)) return html`<th scope="col">${field.label}</th>`;
    const direction = this.sort === field.name ? 'ascending' : this.sort === `-${field.name}` ? 'descending' : 'none';
    const arrow = direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '';
    return html`<th scope="col" aria-sort=${direction}>
      <button
        type="button"
        @click=${() => this.dispatchEvent(new CustomEvent('sort-changed', { detail: { sort: nextSort(this.sort, field.name) } }))}
      >
        ${field.label}<span aria-hidden="true">${arrow}</span>
      </button>
    </th>`;
  }

  private cell(row: RecordRow, field: FieldMetadata, linked: boolean) {
    if (!linked) return html`<td>${renderValue(field, row[field.name], store.entities)}</td>`;
    const text = recordTitle(this.entity, row);
    return html`<td class="title"><a href="/records/${this.entity.name}/${row.id}">${text}</a></td>`;
  }

  private body() {
    if (this.loading) {
      return Array.from(
        { length: SKELETON_ROWS },
        () =>
          html`<tr aria-hidden="true">
            ${this.selectable ? html`<td class="check"></td>` : nothing} ${this.columns.map(() => html`<td><span class="bar"></span></td>`)}
          </tr>`,
      );
    }
    const title = titleField(this.entity)?.name;
    const linkColumn = this.columns.some((field) => field.name === title) ? title : this.columns[0]?.name;
    return repeat(
      this.rows,
      (row) => row.id,
      (row) => {
        const checked = this.selected.has(row.id);
        return html`<tr class=${checked ? 'selected' : ''}>
          ${
            this.selectable
              ? html`<td class="check">
                  <input
                    type="checkbox"
                    aria-label="Select ${recordTitle(this.entity, row)}"
                    .checked=${checked}
                    @change=${(event: Event) => this.select([row.id], (event.target as HTMLInputElement).checked)}
                  />
                </td>`
              : nothing
          }
          ${this.columns.map((field) => this.cell(row, field, field.name === linkColumn))}
        </tr>`;
      },
    );
  }

  override render() {
    const ids = this.rows.map((row) => row.id);
    const all = ids.length > 0 && ids.every((id) => this.selected.has(id));
    const some = !all && ids.some((id) => this.selected.has(id));
    return html`<div class="scroller" role="region" aria-label="${this.entity.pluralLabel} table" tabindex="0">
        <table aria-busy=${this.loading ? 'true' : 'false'}>
          <thead>
            <tr>
              ${
                this.selectable
                  ? html`<th class="check" scope="col">
                      <input
                        type="checkbox"
                        aria-label="Select all loaded rows"
                        .checked=${all}
                        .indeterminate=${some}
                        ?disabled=${!ids.length}
                        @change=${(event: Event) => this.select(ids, (event.target as HTMLInputElement).checked)}
                      />
                    </th>`
                  : nothing
              }
              ${this.columns.map((field) => this.header(field))}
            </tr>
          </thead>
          <tbody>
            ${this.body()}
          </tbody>
        </table>
      </div>
      <div class="more">
        ${
          this.hasMore && !this.loading
            ? html`<span class="sentinel"></span>
                <button type="button" ?disabled=${this.loadingMore} @click=${() => this.askMore()}>
                  ${this.loadingMore ? 'Loading…' : 'Load more'}
                </button>`
            : nothing
        }
      </div>`;
  }
}

customElements.define('tr-record-table', RecordTable);

declare global {
  interface HTMLElementTagNameMap {
    'tr-record-table': RecordTable;
  }
}
