import { LitElement, css, html } from 'lit';
import { ApiProblem, callApi, messageOf, withQuery } from './shared/api.js';
import { dealAmount, percent, shortDate } from './shared/format.js';
import { states } from './shared/states.js';
import { salesStyles } from './shared/styles.js';
import type { Deal, Stage } from './shared/types.js';

/** A deal with its stage expanded. */
type PanelDeal = Omit<Deal, 'stage'> & { stage: Pick<Stage, 'id' | 'name' | 'kind'> | null };

const LIMIT = 50;

/**
 * A record panel on companies and contacts: the deals whose `company` (or `contact`) lookup
 * names the record, with stage, amount, probability and expected close, and a "New deal" link
 * that opens the deal form with the lookup filled in. Read as the signed-in user, so a rep sees
 * the deals they may read.
 */
export class SalesDealPanel extends LitElement {
  static override properties = {
    entity: { attribute: false },
    recordId: { attribute: false },
    record: { attribute: false },
    deals: { state: true },
    more: { state: true },
    problem: { state: true },
  };

  static override styles = [
    salesStyles,
    css`
      :host {
        display: block;
      }
      .head {
        margin-bottom: 0.5rem;
      }
      table {
        font-size: 0.875rem;
      }
      th,
      td {
        padding: 0.375rem 0.5rem;
      }
      td a {
        font-weight: 550;
      }
      .state {
        min-height: 4rem;
        padding: 0.75rem;
      }
    `,
  ];

  declare entity: string;
  declare recordId: string;
  declare record: Record<string, unknown> | null;
  declare deals: PanelDeal[] | null;
  declare more: boolean;
  declare problem: string;
  private loaded = '';

  constructor() {
    super();
    this.entity = '';
    this.recordId = '';
    this.record = null;
    this.deals = null;
    this.more = false;
    this.problem = '';
  }

  private get lookup(): 'company' | 'contact' {
    return this.entity === 'contact' ? 'contact' : 'company';
  }

  override willUpdate(): void {
    const key = `${this.entity}:${this.recordId}`;
    if (this.recordId && key !== this.loaded) {
      this.loaded = key;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    this.problem = '';
    this.deals = null;
    try {
      const body = await callApi<{ data: PanelDeal[]; page: { next: string | null } }>(
        'GET',
        withQuery('/api/records/sales_deal', {
          filter: JSON.stringify({ [this.lookup]: { eq: this.recordId } }),
          fields: 'title,amount,probability,expected_close,stage',
          expand: 'stage',
          limit: LIMIT,
        }),
      );
      this.deals = body.data;
      this.more = body.page.next !== null;
    } catch (error) {
      this.problem = error instanceof ApiProblem && error.status === 403 ? 'You may not see deals.' : messageOf(error);
    }
  }

  private stageBadge(stage: PanelDeal['stage']) {
    if (!stage) return '';
    const tone = stage.kind === 'won' ? 'good' : stage.kind === 'lost' ? 'bad' : '';
    return html`<span class="badge ${tone}">${stage.name}</span>`;
  }

  private table(deals: PanelDeal[]) {
    return html`<table>
      <thead>
        <tr>
          <th scope="col">Deal</th>
          <th scope="col">Stage</th>
          <th scope="col" class="number">Amount</th>
          <th scope="col" class="number">Probability</th>
        </tr>
      </thead>
      <tbody>
        ${deals.map(
          (deal) =>
            html`<tr>
              <td>
                <a href="/records/sales_deal/${encodeURIComponent(deal.id)}">${deal.title}</a>
                ${deal.expected_close ? html`<div class="muted">Closes ${shortDate(deal.expected_close)}</div>` : ''}
              </td>
              <td>${this.stageBadge(deal.stage)}</td>
              <td class="number">${dealAmount(deal.amount)}</td>
              <td class="number">${percent(deal.probability)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render() {
    const newDeal = `/records/sales_deal/new?${this.lookup}=${encodeURIComponent(this.recordId)}`;
    let body;
    if (this.problem) body = states.error(this.problem, () => void this.load());
    else if (!this.deals) body = states.loading('Loading deals…');
    else if (this.deals.length === 0) body = states.empty(`No deals with this ${this.lookup} yet.`);
    else body = this.table(this.deals);
    return html`<div class="toolbar head">
        <span class="muted">${this.deals && this.deals.length > 0 ? `${this.deals.length}${this.more ? '+' : ''} deals` : ''}</span>
        <span class="spacer"></span>
        <a class="button" href=${newDeal}>New deal</a>
      </div>
      ${body} ${this.more ? html`<p class="muted">Showing the ${LIMIT} newest deals.</p>` : ''}`;
  }
}

if (!customElements.get('sales-deal-panel')) customElements.define('sales-deal-panel', SalesDealPanel);

declare global {
  interface HTMLElementTagNameMap {
    'sales-deal-panel': SalesDealPanel;
  }
}
