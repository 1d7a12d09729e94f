import { LitElement, css, html } from 'lit';
import { callApi, messageOf, SALES, withQuery } from '../shared/api.js';
import { dateTime } from '../shared/format.js';
import { states } from '../shared/states.js';
import { salesStyles } from '../shared/styles.js';
import type { Activity } from '../shared/types.js';
import { aboutLinks, type AboutLink } from './activity-about.js';

const KINDS: Record<Activity['kind'], string> = { call: 'Call', meeting: 'Meeting', task: 'Task', email: 'E-mail' };
const PAGE = 50;

/**
 * The activities page (`/plugins/sales/activities`): open activities due within a chosen
 * horizon, overdue ones first and marked, each with links to the records it is about and a
 * "Mark done" button.
 */
export class SalesActivitiesPage extends LitElement {
  static override properties = {
    path: { attribute: false },
    query: { attribute: false },
    days: { state: true },
    owner: { state: true },
    activities: { state: true },
    about: { state: true },
    next: { state: true },
    problem: { state: true },
    status: { state: true },
  };

  static override styles = [
    salesStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }
      .field {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .card {
        padding: 0;
        overflow-x: auto;
      }
      tr.overdue td:first-child {
        box-shadow: inset 4px 0 var(--tr-danger, #b3261e);
      }
      p[role='status'] {
        margin: 0;
        min-height: 1.25rem;
      }
      .about a + a::before {
        content: ', ';
      }
    `,
  ];

  declare path: string;
  declare query: URLSearchParams;
  declare days: number;
  declare owner: string;
  declare activities: Activity[] | null;
  declare about: Map<string, AboutLink[]>;
  declare next: string | null;
  declare problem: string;
  declare status: string;
  private seq = 0;

  constructor() {
    super();
    this.path = '/activities';
    this.query = new URLSearchParams();
    this.days = 7;
    this.owner = '';
    this.activities = null;
    this.about = new Map();
    this.next = null;
    this.problem = '';
    this.status = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(cursor?: string): Promise<void> {
    const seq = ++this.seq;
    this.problem = '';
    if (!cursor) this.activities = null;
    try {
      const body = await callApi<{ data: Activity[]; page: { next: string | null } }>(
        'GET',
        withQuery(`${SALES}/activities/due`, { days: this.days, owner: this.owner || undefined, limit: PAGE, cursor }),
      );
      if (seq !== this.seq) return;
      this.activities = [...(cursor ? (this.activities ?? []) : []), ...body.data];
      this.next = body.page.next;
      const links = await aboutLinks(body.data.map((activity) => activity.id));
      if (seq === this.seq) this.about = new Map([...this.about, ...links]);
    } catch (error) {
      if (seq === this.seq) this.problem = messageOf(error);
    }
  }

  private async markDone(activity: Activity): Promise<void> {
    try {
      await callApi('PATCH', `/api/records/sales_activity/${encodeURIComponent(activity.id)}`, { done: true });
      this.activities = (this.activities ?? []).filter((one) => one.id !== activity.id);
      this.status = `“${activity.subject}” is done.`;
    } catch (error) {
      this.status = `“${activity.subject}” could not be marked done: ${messageOf(error)}`;
    }
  }

  private row(activity: Activity) {
    const links = this.about.get(activity.id) ?? [];
    return html`<tr class=${activity.overdue ? 'overdue' : ''}>
      <td>
        <a href="/records/sales_activity/${encodeURIComponent(activity.id)}">${activity.subject}</a>
        <div class="muted">${KINDS[activity.kind] ?? activity.kind}</div>
      </td>
      <td>${dateTime(activity.due_at)} ${activity.overdue ? html`<span class="badge bad">Overdue</span>` : ''}</td>
      <td class="about">
        ${links.map((link) => html`<a href="/records/${link.entity}/${encodeURIComponent(link.id)}">${link.label}</a>`)}
      </td>
      <td>
        <button type="button" aria-label="Mark “${activity.subject}” done" @click=${() => void this.markDone(activity)}>Mark done</button>
      </td>
    </tr>`;
  }

  private list(activities: Activity[]) {
    if (activities.length === 0) return states.empty('Nothing due. Well done.');
    return html`<div class="card">
        <table>
          <thead>
            <tr>
              <th scope="col">Activity</th>
              <th scope="col">Due</th>
              <th scope="col">About</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            ${activities.map((activity) => this.row(activity))}
          </tbody>
        </table>
      </div>
      ${this.next ? html`<button type="button" @click=${() => void this.load(this.next ?? undefined)}>Load more</button>` : ''}`;
  }

  override render() {
    const select = (id: string, label: string, value: string, options: Array<[string, string]>, change: (value: string) => void) =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} @change=${(event: Event) => change((event.target as HTMLSelectElement).value)}>
          ${options.map(([key, text]) => html`<option value=${key} ?selected=${key === value}>${text}</option>`)}
        </select>
      </div>`;
    return html`<div class="toolbar" role="search" aria-label="Activity filters">
        ${select(
          'due',
          'Due',
          String(this.days),
          [
            ['0', 'Today and overdue'],
            ['7', 'Within 7 days'],
            ['30', 'Within 30 days'],
          ],
          (value) => {
            this.days = Number(value);
            void this.load();
          },
        )}
        ${select(
          'owner',
          'Owner',
          this.owner,
          [
            ['', "Everyone's"],
            ['me', 'Mine'],
          ],
          (value) => {
            this.owner = value;
            void this.load();
          },
        )}
      </div>
      <p class="muted" role="status" aria-live="polite">${this.status}</p>
      ${
        this.problem
          ? states.error(this.problem, () => void this.load())
          : this.activities
            ? this.list(this.activities)
            : states.loading('Loading activities…')
      }`;
  }
}

if (!customElements.get('sales-activities-page')) customElements.define('sales-activities-page', SalesActivitiesPage);

declare global {
  interface HTMLElementTagNameMap {
    'sales-activities-page': SalesActivitiesPage;
  }
}
