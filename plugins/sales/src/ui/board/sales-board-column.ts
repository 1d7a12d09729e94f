import { LitElement, css, html } from 'lit';
import { money } from '../shared/format.js';
import { ownerLabel } from '../shared/names.js';
import { salesStyles } from '../shared/styles.js';
import type { Column, Stage } from '../shared/types.js';
import { DEAL_DRAG_TYPE } from './sales-deal-card.js';
import './sales-deal-card.js';

/**
 * One stage of the board: its name, deal count, amount and weighted amount in the header, its
 * deals as cards, and "Load more" while the stage holds more deals than are shown. The column
 * is a drop target for dragged cards; a drop fires `sales-move-request` like a card's select.
 */
export class SalesBoardColumn extends LitElement {
  static override properties = {
    column: { attribute: false },
    stages: { attribute: false },
    companies: { attribute: false },
    owners: { attribute: false },
    busy: { attribute: false },
    currency: {},
    loadingMore: { type: Boolean },
    over: { state: true },
  };

  static override styles = [
    salesStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        flex: 1 0 15rem;
        min-width: 15rem;
        max-width: 22rem;
        max-height: 100%;
        background: var(--tr-surface-sunken, #f0f2f5);
        border: 1px solid var(--tr-border, #e1e5eb);
        border-radius: var(--tr-radius-large, 10px);
      }
      section {
        display: flex;
        flex-direction: column;
        min-height: 0;
        flex: 1;
      }
      header {
        padding: 0.625rem 0.75rem 0.5rem;
        border-bottom: 1px solid var(--tr-border, #e1e5eb);
      }
      h2 {
        display: flex;
        justify-content: space-between;
        gap: 0.5rem;
        font-size: 0.9375rem;
      }
      .kind-won h2 {
        color: var(--tr-good, #1e7b34);
      }
      .kind-lost h2 {
        color: var(--tr-danger, #b3261e);
      }
      .totals {
        display: flex;
        flex-wrap: wrap;
        gap: 0.125rem 0.625rem;
        margin-top: 0.25rem;
        font-size: 0.8125rem;
        color: var(--tr-muted, #5b6474);
        font-variant-numeric: tabular-nums;
      }
      .totals strong {
        color: var(--tr-text, #1d2330);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0.5rem;
        display: grid;
        gap: 0.5rem;
        align-content: start;
        flex: 1;
        min-height: 6rem;
        overflow-y: auto;
        border-radius: 0 0 var(--tr-radius-large, 10px) var(--tr-radius-large, 10px);
      }
      ul.over {
        background: var(--tr-accent-soft, #e3f0e5);
        outline: 2px dashed var(--tr-accent, #2f6b3a);
        outline-offset: -4px;
      }
      .empty {
        padding: 1rem 0.5rem;
        text-align: center;
      }
      .more {
        width: 100%;
        justify-content: center;
      }
    `,
  ];

  declare column: Column;
  declare stages: Stage[];
  declare companies: Map<string, string>;
  declare owners: Map<string, string>;
  declare busy: Set<string>;
  declare currency: string;
  declare loadingMore: boolean;
  declare over: boolean;

  constructor() {
    super();
    this.stages = [];
    this.companies = new Map();
    this.owners = new Map();
    this.busy = new Set();
    this.currency = 'EUR';
    this.loadingMore = false;
    this.over = false;
  }

  private accepts(event: DragEvent): boolean {
    return event.dataTransfer?.types.includes(DEAL_DRAG_TYPE) ?? false;
  }

  private onDragOver(event: DragEvent): void {
    if (!this.accepts(event)) return;
    // Cancelling dragover is what makes the column a valid drop target.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.over = true;
  }

  private onDragLeave(event: DragEvent): void {
    const to = event.relatedTarget as Node | null;
    if (!to || !(event.currentTarget as Node).contains(to)) this.over = false;
  }

  private onDrop(event: DragEvent): void {
    this.over = false;
    const dealId = event.dataTransfer?.getData(DEAL_DRAG_TYPE);
    if (!dealId) return;
    event.preventDefault();
    if (this.column.deals.some((deal) => deal.id === dealId)) return;
    this.dispatchEvent(
      new CustomEvent('sales-move-request', { detail: { dealId, stageId: this.column.id }, bubbles: true, composed: true }),
    );
  }

  private loadMore(): void {
    this.dispatchEvent(new CustomEvent('sales-load-more', { detail: { stageId: this.column.id }, bubbles: true, composed: true }));
  }

  override render() {
    const column = this.column;
    const remaining = column.count - column.deals.length;
    const headingId = `stage-${column.id}`;
    return html`<section class="kind-${column.kind}" aria-labelledby=${headingId} data-stage=${column.name}>
      <header>
        <h2 id=${headingId}>
          <span>${column.name}</span>
          <span class="badge"><span data-count>${column.count}</span><span class="visually-hidden"> deals</span></span>
        </h2>
        <div class="totals">
          <span>Total <strong data-amount>${money(column.amount, this.currency)}</strong></span>
          ${
            column.kind === 'open'
              ? html`<span title="Amount × probability"
                  >Weighted <strong data-weighted>${money(column.weighted, this.currency)}</strong></span
                >`
              : ''
          }
        </div>
      </header>
      <ul
        class=${this.over ? 'over' : ''}
        aria-label="${column.name} deals"
        @dragover=${(event: DragEvent) => this.onDragOver(event)}
        @dragenter=${(event: DragEvent) => this.onDragOver(event)}
        @dragleave=${(event: DragEvent) => this.onDragLeave(event)}
        @drop=${(event: DragEvent) => this.onDrop(event)}
      >
        ${column.deals.map(
          (deal) =>
            html`<li>
              <sales-deal-card
                .deal=${deal}
                .stages=${this.stages}
                .company=${(deal.company && this.companies.get(deal.company)) || ''}
                .owner=${ownerLabel(this.owners, deal.owner_id)}
                ?busy=${this.busy.has(deal.id)}
              ></sales-deal-card>
            </li>`,
        )}
        ${column.deals.length === 0 ? html`<li class="empty muted">No deals in this stage</li>` : ''}
        ${
          column.next && remaining > 0
            ? html`<li>
                <button type="button" class="ghost more" ?disabled=${this.loadingMore} @click=${() => this.loadMore()}>
                  ${this.loadingMore ? 'Loading…' : `Load more (${remaining} more)`}
                </button>
              </li>`
            : ''
        }
      </ul>
    </section>`;
  }
}

if (!customElements.get('sales-board-column')) customElements.define('sales-board-column', SalesBoardColumn);

declare global {
  interface HTMLElementTagNameMap {
    'sales-board-column': SalesBoardColumn;
  }
}
