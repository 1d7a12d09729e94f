import { LitElement, css, html, nothing } from 'lit';
import { days, dealAmount, shortDate } from '../shared/format.js';
import { salesStyles } from '../shared/styles.js';
import type { Deal, Stage } from '../shared/types.js';

/** The data transfer type a dragged card carries (the deal's id). */
export const DEAL_DRAG_TYPE = 'application/x-sales-deal';

/** Asks the board to move a deal: `{ dealId, stageId }`. */
export type MoveRequest = CustomEvent<{ dealId: string; stageId: string }>;

/**
 * One deal on the board: title (a link to the deal), company, amount, owner, expected close and
 * days in stage; rotting deals are marked in words as well as colour. The card is draggable
 * (HTML5 drag and drop) and offers a "Move to…" select, the keyboard's way of doing the same;
 * both fire `sales-move-request`.
 */
export class SalesDealCard extends LitElement {
  static override properties = {
    deal: { attribute: false },
    stages: { attribute: false },
    company: {},
    owner: {},
    busy: { type: Boolean, reflect: true },
  };

  static override styles = [
    salesStyles,
    css`
      :host {
        display: block;
      }
      article {
        /* Holds the visually hidden label: positioned elsewhere, it would overflow the page from a scrolled column. */
        position: relative;
        display: grid;
        gap: 0.375rem;
        padding: 0.625rem 0.75rem;
        background: var(--tr-surface, #fff);
        border: 1px solid var(--tr-border, #e1e5eb);
        border-left: 4px solid transparent;
        border-radius: var(--tr-radius, 6px);
        box-shadow: 0 1px 2px rgb(16 24 40 / 6%);
        cursor: grab;
      }
      article.rotting {
        border-left-color: var(--sales-warn);
        background: var(--sales-warn-soft);
      }
      :host([busy]) article {
        opacity: 0.6;
      }
      article.dragging {
        opacity: 0.4;
      }
      .title {
        font-weight: 600;
        text-decoration: none;
        color: var(--tr-text, #1d2330);
        overflow-wrap: anywhere;
      }
      .title:hover {
        text-decoration: underline;
      }
      .line {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.25rem 0.5rem;
        font-size: 0.8125rem;
        color: var(--tr-muted, #5b6474);
      }
      .amount {
        font-weight: 600;
        color: var(--tr-text, #1d2330);
        font-variant-numeric: tabular-nums;
      }
      select {
        font-size: 0.8125rem;
        min-height: 1.875rem;
        padding: 0.125rem 0.375rem;
        width: 100%;
      }
    `,
  ];

  declare deal: Deal;
  declare stages: Stage[];
  declare company: string;
  declare owner: string;
  declare busy: boolean;

  constructor() {
    super();
    this.stages = [];
    this.company = '';
    this.owner = '';
    this.busy = false;
  }

  private request(stageId: string): void {
    if (!stageId || stageId === this.deal.stage) return;
    this.dispatchEvent(new CustomEvent('sales-move-request', { detail: { dealId: this.deal.id, stageId }, bubbles: true, composed: true }));
  }

  private onDragStart(event: DragEvent): void {
    if (!event.dataTransfer) return;
    event.dataTransfer.setData(DEAL_DRAG_TYPE, this.deal.id);
    event.dataTransfer.setData('text/plain', this.deal.title);
    event.dataTransfer.effectAllowed = 'move';
    (event.currentTarget as HTMLElement).classList.add('dragging');
  }

  private onDragEnd(event: DragEvent): void {
    (event.currentTarget as HTMLElement).classList.remove('dragging');
  }

  override render() {
    const deal = this.deal;
    const inStage = typeof deal.days_in_stage === 'number' ? days(deal.days_in_stage) : '';
    const selectId = `move-${deal.id}`;
    return html`<article
      class=${deal.rotting ? 'rotting' : ''}
      draggable=${this.busy ? 'false' : 'true'}
      aria-label=${deal.title}
      @dragstart=${(event: DragEvent) => this.onDragStart(event)}
      @dragend=${(event: DragEvent) => this.onDragEnd(event)}
    >
      <a class="title" href="/records/sales_deal/${encodeURIComponent(deal.id)}" draggable="false">${deal.title}</a>
      <div class="line">
        <span>${this.company || html`<span class="muted">No company</span>`}</span>
        <span class="amount">${dealAmount(deal.amount)}</span>
      </div>
      <div class="line">
        <span title="Owner">${this.owner}</span>
        ${deal.expected_close ? html`<span title="Expected close">Closes ${shortDate(deal.expected_close)}</span>` : nothing}
      </div>
      <div class="line">
        ${
          deal.rotting
            ? html`<span class="badge warn" data-rotting>Rotting · ${inStage} in stage</span>`
            : html`<span>${inStage ? `${inStage} in stage` : ''}</span>`
        }
      </div>
      <label class="visually-hidden" for=${selectId}>Move ${deal.title} to</label>
      <select id=${selectId} ?disabled=${this.busy} @change=${(event: Event) => this.request((event.target as HTMLSelectElement).value)}>
        <option value="" selected>Move to…</option>
        ${this.stages.filter((stage) => stage.id !== deal.stage).map((stage) => html`<option value=${stage.id}>${stage.name}</option>`)}
      </select>
    </article>`;
  }

  override updated(): void {
    // The select is a command, not a value: after each choice it reads "Move to…" again.
    const select = this.renderRoot.querySelector('select');
    if (select) select.value = '';
  }
}

if (!customElements.get('sales-deal-card')) customElements.define('sales-deal-card', SalesDealCard);

declare global {
  interface HTMLElementTagNameMap {
    'sales-deal-card': SalesDealCard;
  }
}
