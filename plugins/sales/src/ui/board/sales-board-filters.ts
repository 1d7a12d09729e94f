import { LitElement, css, html } from 'lit';
import { salesStyles } from '../shared/styles.js';
import type { Pipeline } from '../shared/types.js';

/** What the board shows: a pipeline, whose deals (`me` or everyone's) and a search text. */
export interface BoardFilters {
  pipeline: string;
  owner: 'me' | '';
  search: string;
}

/** How long typing pauses before the search is sent. */
const SEARCH_DELAY_MS = 300;

/**
 * The board's toolbar: the pipeline picker (when there are several), "Everyone's deals" /
 * "My deals", and a search box over deal titles and company names. Fires `sales-filters` with
 * the new {@link BoardFilters} on each change (the search after a pause in typing).
 */
export class SalesBoardFilters extends LitElement {
  static override properties = {
    pipelines: { attribute: false },
    filters: { attribute: false },
  };

  static override styles = [
    salesStyles,
    css`
      :host {
        display: block;
        margin-bottom: 0.75rem;
      }
      .field {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      input[type='search'] {
        width: 16rem;
        max-width: 100%;
      }
    `,
  ];

  declare pipelines: Pipeline[];
  declare filters: BoardFilters;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.pipelines = [];
    this.filters = { pipeline: '', owner: '', search: '' };
  }

  private change(patch: Partial<BoardFilters>): void {
    clearTimeout(this.timer);
    this.dispatchEvent(new CustomEvent('sales-filters', { detail: { ...this.filters, ...patch }, bubbles: true, composed: true }));
  }

  private onSearch(value: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.change({ search: value }), SEARCH_DELAY_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override render() {
    return html`<div class="toolbar" role="search" aria-label="Board filters">
      <div class="field">
        <label for="pipeline">Pipeline</label>
        <select
          id="pipeline"
          .value=${this.filters.pipeline}
          @change=${(event: Event) => this.change({ pipeline: (event.target as HTMLSelectElement).value })}
        >
          ${this.pipelines.map(
            (pipeline) => html`<option value=${pipeline.id} ?selected=${pipeline.id === this.filters.pipeline}>${pipeline.name}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="owner">Owner</label>
        <select
          id="owner"
          @change=${(event: Event) => this.change({ owner: (event.target as HTMLSelectElement).value === 'me' ? 'me' : '' })}
        >
          <option value="" ?selected=${this.filters.owner === ''}>Everyone's deals</option>
          <option value="me" ?selected=${this.filters.owner === 'me'}>My deals</option>
        </select>
      </div>
      <div class="field">
        <label for="search" class="visually-hidden">Search deals</label>
        <input
          id="search"
          type="search"
          placeholder="Search deals or companies"
          .value=${this.filters.search}
          @input=${(event: Event) => this.onSearch((event.target as HTMLInputElement).value)}
          @keydown=${(event: KeyboardEvent) => {
            if (event.key === 'Enter') this.change({ search: (event.target as HTMLInputElement).value });
          }}
        />
      </div>
    </div>`;
  }
}

if (!customElements.get('sales-board-filters')) customElements.define('sales-board-filters', SalesBoardFilters);

declare global {
  interface HTMLElementTagNameMap {
    'sales-board-filters': SalesBoardFilters;
  }
}
