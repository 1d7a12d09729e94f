import { LitElement, css, html, svg } from 'lit';
import { money, monthLabel } from '../shared/format.js';
import type { Forecast } from '../shared/types.js';

const BAR_AREA = 180;
const BAR_WIDTH = 56;
const GAP = 28;
const LEFT = 8;
const TOP = 20;

/**
 * The forecast's bar chart in inline SVG: per month of expected close, the open amount (pale
 * bar) and the weighted amount (solid bar) on one scale. The SVG is one image with a summary
 * for assistive technology; the month table beside it carries the numbers.
 */
export class SalesForecastChart extends LitElement {
  static override properties = {
    months: { attribute: false },
    currency: {},
  };

  static override styles = css`
    :host {
      display: block;
      overflow-x: auto;
    }
    svg {
      display: block;
    }
    .amount {
      fill: var(--tr-accent-soft, #e3f0e5);
      stroke: var(--tr-accent, #2f6b3a);
      stroke-width: 1;
    }
    .weighted {
      fill: var(--tr-accent, #2f6b3a);
    }
    text {
      font:
        0.75rem system-ui,
        sans-serif;
      fill: var(--tr-muted, #5b6474);
    }
    .value {
      fill: var(--tr-text, #1d2330);
      font-weight: 600;
    }
    .axis {
      stroke: var(--tr-border-strong, #c4cad4);
    }
    .legend {
      display: flex;
      gap: 1rem;
      font-size: 0.8125rem;
      color: var(--tr-muted, #5b6474);
      margin-top: 0.25rem;
    }
    .swatch {
      display: inline-block;
      width: 0.75rem;
      height: 0.75rem;
      margin-right: 0.25rem;
      vertical-align: -0.0625rem;
      border: 1px solid var(--tr-accent, #2f6b3a);
    }
  `;

  declare months: Forecast['byMonth'];
  declare currency: string;

  constructor() {
    super();
    this.months = [];
    this.currency = 'EUR';
  }

  private summary(): string {
    const parts = this.months.map(
      (row) => `${monthLabel(row.month)}: ${money(row.weighted, this.currency)} weighted of ${money(row.amount, this.currency)}`,
    );
    return `Weighted forecast by month. ${parts.join('; ')}.`;
  }

  override render() {
    const max = Math.max(1, ...this.months.map((row) => row.amount));
    const width = LEFT * 2 + this.months.length * (BAR_WIDTH + GAP);
    const height = TOP + BAR_AREA + 24;
    const base = TOP + BAR_AREA;
    const bars = this.months.map((row, index) => {
      const x = LEFT + index * (BAR_WIDTH + GAP) + GAP / 2;
      const amount = (row.amount / max) * BAR_AREA;
      const weighted = (row.weighted / max) * BAR_AREA;
      return svg`<g>
        <rect class="amount" x=${x} y=${base - amount} width=${BAR_WIDTH} height=${amount}></rect>
        <rect class="weighted" x=${x + 6} y=${base - weighted} width=${BAR_WIDTH - 12} height=${weighted}></rect>
        <text class="value" x=${x + BAR_WIDTH / 2} y=${base - amount - 6} text-anchor="middle">${compact(row.weighted)}</text>
        <text x=${x + BAR_WIDTH / 2} y=${base + 16} text-anchor="middle">${monthLabel(row.month).replace(/ \d{4}$/, '')}</text>
      </g>`;
    });
    return html`<svg role="img" aria-label=${this.summary()} viewBox="0 0 ${width} ${height}" width=${width} height=${height}>
        <line class="axis" x1="0" x2=${width} y1=${base} y2=${base}></line>
        ${bars}
      </svg>
      <div class="legend" aria-hidden="true">
        <span><span class="swatch" style="background: var(--tr-accent, #2f6b3a)"></span>Weighted</span>
        <span><span class="swatch" style="background: var(--tr-accent-soft, #e3f0e5)"></span>Open amount</span>
      </div>`;
  }
}

/** A short number for a bar's label: 12.5k, 1.2M. */
function compact(value: number): string {
  return new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

if (!customElements.get('sales-forecast-chart')) customElements.define('sales-forecast-chart', SalesForecastChart);

declare global {
  interface HTMLElementTagNameMap {
    'sales-forecast-chart': SalesForecastChart;
  }
}
