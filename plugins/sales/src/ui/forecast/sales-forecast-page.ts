import { LitElement, css, html } from 'lit';
import { callApi, messageOf, SALES, withQuery } from '../shared/api.js';
import { money, monthLabel } from '../shared/format.js';
import { ownerLabel, userNames } from '../shared/names.js';
import { states } from '../shared/states.js';
import { salesStyles } from '../shared/styles.js';
import type { Forecast, Totals } from '../shared/types.js';
import { periods } from './periods.js';
import './sales-forecast-chart.js';

/**
 * The forecast page (`/plugins/sales/forecast`): the open pipeline's weighted amount by month of
 * expected close (a bar chart with the same numbers as a table), by stage and by owner, for a
 * period and an owner the user picks.
 */
export class SalesForecastPage extends LitElement {
  static override properties = {
    path: { attribute: false },
    query: { attribute: false },
    period: { state: true },
    owner: { state: true },
    forecast: { state: true },
    owners: { state: true },
    problem: { state: true },
  };

  static override styles = [
    salesStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }
      .totals {
        display: flex;
        flex-wrap: wrap;
        gap: 1.5rem;
      }
      .totals strong {
        display: block;
        font-size: 1.375rem;
        font-variant-numeric: tabular-nums;
      }
      .tables {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
        gap: 1rem;
      }
      h2 {
        font-size: 1rem;
        margin-bottom: 0.5rem;
      }
      .card {
        overflow-x: auto;
      }
      th,
      td {
        padding: 0.5rem;
      }
      tbody th {
        background: none;
        color: var(--tr-text, #1d2330);
        font-size: inherit;
        font-weight: 550;
      }
      .field {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
    `,
  ];

  declare path: string;
  declare query: URLSearchParams;
  declare period: string;
  declare owner: string;
  declare forecast: Forecast | null;
  declare owners: Map<string, string>;
  declare problem: string;
  private seq = 0;

  constructor() {
    super();
    this.path = '/forecast';
    this.query = new URLSearchParams();
    this.period = 'all';
    this.owner = '';
    this.forecast = null;
    this.owners = new Map();
    this.problem = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const seq = ++this.seq;
    const period = periods().find((candidate) => candidate.key === this.period);
    this.problem = '';
    this.forecast = null;
    try {
      const { data } = await callApi<{ data: Forecast }>(
        'GET',
        withQuery(`${SALES}/forecast`, { from: period?.from, to: period?.to, owner: this.owner || undefined }),
      );
      if (seq === this.seq) this.forecast = data;
      void userNames(data.byOwner.map((row) => row.owner)).then((names) => (this.owners = names));
    } catch (error) {
      if (seq === this.seq) this.problem = messageOf(error);
    }
  }

  private row(label: unknown, totals: Totals) {
    return html`<tr>
      <th scope="row">${label}</th>
      <td class="number">${totals.count}</td>
      <td class="number">${money(totals.amount)}</td>
      <td class="number">${money(totals.weighted)}</td>
    </tr>`;
  }

  private table(caption: string, first: string, rows: unknown[]) {
    return html`<section class="card" aria-label=${caption}>
      <h2>${caption}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">${first}</th>
            <th scope="col" class="number">Deals</th>
            <th scope="col" class="number">Amount</th>
            <th scope="col" class="number">Weighted</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </section>`;
  }

  private report(forecast: Forecast) {
    if (forecast.total.count === 0) return states.empty('No open deals close in this period.');
    return html`<div class="card totals" aria-label="Totals">
        <div><span class="muted">Open deals</span><strong data-total-count>${forecast.total.count}</strong></div>
        <div><span class="muted">Open amount</span><strong>${money(forecast.total.amount)}</strong></div>
        <div><span class="muted">Weighted</span><strong data-total-weighted>${money(forecast.total.weighted)}</strong></div>
      </div>
      <section class="card" aria-label="Weighted amount by month">
        <h2>Weighted amount by month</h2>
        <sales-forecast-chart .months=${forecast.byMonth}></sales-forecast-chart>
      </section>
      <div class="tables">
        ${this.table(
          'By month',
          'Month',
          forecast.byMonth.map((row) => this.row(monthLabel(row.month), row)),
        )}
        ${this.table(
          'By stage',
          'Stage',
          forecast.byStage.map((row) => this.row(row.stage?.name ?? 'No stage', row)),
        )}
        ${this.table(
          'By owner',
          'Owner',
          forecast.byOwner.map((row) => this.row(ownerLabel(this.owners, row.owner), row)),
        )}
      </div>`;
  }

  override render() {
    const body = this.problem
      ? states.error(this.problem, () => void this.load())
      : this.forecast
        ? this.report(this.forecast)
        : states.loading('Loading the forecast…');
    return html`<div class="toolbar" role="search" aria-label="Forecast filters">
        <div class="field">
          <label for="period">Period</label>
          <select
            id="period"
            @change=${(event: Event) => {
              this.period = (event.target as HTMLSelectElement).value;
              void this.load();
            }}
          >
            ${periods().map((period) => html`<option value=${period.key} ?selected=${period.key === this.period}>${period.label}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="owner">Owner</label>
          <select
            id="owner"
            @change=${(event: Event) => {
              this.owner = (event.target as HTMLSelectElement).value;
              void this.load();
            }}
          >
            <option value="" ?selected=${this.owner === ''}>Everyone's deals</option>
            <option value="me" ?selected=${this.owner === 'me'}>My deals</option>
          </select>
        </div>
      </div>
      ${body}`;
  }
}

if (!customElements.get('sales-forecast-page')) customElements.define('sales-forecast-page', SalesForecastPage);

declare global {
  interface HTMLElementTagNameMap {
    'sales-forecast-page': SalesForecastPage;
  }
}
