import { LitElement, css, html } from 'lit';
import { callApi, messageOf, SALES } from './shared/api.js';
import { money } from './shared/format.js';
import { states } from './shared/states.js';
import { salesStyles } from './shared/styles.js';
import type { Forecast } from './shared/types.js';

/**
 * A dashboard widget: the open pipeline the user may see (deals, amount, weighted amount),
 * with links to the board and the forecast.
 */
export class SalesPipelineWidget extends LitElement {
  static override properties = {
    totals: { state: true },
    problem: { state: true },
  };

  static override styles = [
    salesStyles,
    css`
      :host {
        display: block;
        padding: 0.25rem 1rem 1rem;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: 1rem;
        margin: 0 0 0.75rem;
      }
      dt {
        color: var(--tr-muted, #5b6474);
        font-size: 0.8125rem;
      }
      dd {
        margin: 0;
        font-size: 1.125rem;
        font-weight: 650;
        font-variant-numeric: tabular-nums;
      }
      .state {
        min-height: 5rem;
      }
    `,
  ];

  declare totals: Forecast['total'] | null;
  declare problem: string;

  constructor() {
    super();
    this.totals = null;
    this.problem = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.problem = '';
    try {
      this.totals = (await callApi<{ data: Forecast }>('GET', `${SALES}/forecast`)).data.total;
    } catch (error) {
      this.problem = messageOf(error);
    }
  }

  override render() {
    if (this.problem) return states.error(this.problem, () => void this.load());
    if (!this.totals) return states.loading();
    return html`<dl>
        <div>
          <dt>Open deals</dt>
          <dd>${this.totals.count}</dd>
        </div>
        <div>
          <dt>Amount</dt>
          <dd>${money(this.totals.amount)}</dd>
        </div>
        <div>
          <dt>Weighted</dt>
          <dd>${money(this.totals.weighted)}</dd>
        </div>
      </dl>
      <div class="toolbar"><a href="/plugins/sales/board">Open the pipeline</a><a href="/plugins/sales/forecast">Forecast</a></div>`;
  }
}

if (!customElements.get('sales-pipeline-widget')) customElements.define('sales-pipeline-widget', SalesPipelineWidget);

declare global {
  interface HTMLElementTagNameMap {
    'sales-pipeline-widget': SalesPipelineWidget;
  }
}
