import { LitElement, css, html, nothing } from 'lit';
import { api } from '../api/client.js';
import type { Page } from '../api/types.js';
import { replaceQuery } from '../router.js';
import { store, StoreController } from '../state/app-store.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import { pageHeader } from '../ui/list-page.js';
import { textField } from '../ui/text-field.js';
import './security/audit-entry.js';
import type { AuditEntry } from './security/audit-entry.js';
import { formText } from './people/people-api.js';
import { asError, problemAt } from '../ui/form-errors.js';

const FILTERS = ['action', 'entity', 'recordId', 'actor', 'from', 'to'] as const;
type FilterName = (typeof FILTERS)[number];

/**
 * Settings → Audit log: every recorded change, newest first, filtered by action, entity,
 * record, actor and dates (kept in the URL, so a filtered view can be shared), paged with
 * "Load more"; each entry opens to its changes.
 */
export class AuditPage extends LitElement {
  static override properties = {
    query: { attribute: false },
    entries: { state: true },
    next: { state: true },
    error: { state: true },
    loadingMore: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
        gap: 0.75rem;
        align-items: end;
        margin-bottom: 1rem;
      }
      .log {
        padding: 0;
      }
    `,
  ];

  declare query: URLSearchParams;
  declare entries: AuditEntry[] | null;
  declare next: string | null;
  declare error: Error | null;
  declare loadingMore: boolean;
  private loadedFor: string | null = null;

  constructor() {
    super();
    new StoreController(this);
    this.query = new URLSearchParams();
    this.entries = null;
    this.next = null;
    this.error = null;
    this.loadingMore = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('Audit log');
  }

  override willUpdate(): void {
    const key = this.query.toString();
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load(undefined);
    }
  }

  /** The API's filters from the URL; dates become the start of the day (to: the day after, so it is included). */
  private filters(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of FILTERS) {
      const value = this.query.get(name)?.trim();
      if (!value) continue;
      if (name === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        const day = new Date(`${value}T00:00:00`);
        day.setDate(day.getDate() + 1);
        out.to = day.toISOString();
      } else if (name === 'from' && /^\d{4}-\d{2}-\d{2}$/.test(value)) out.from = new Date(`${value}T00:00:00`).toISOString();
      else out[name] = value;
    }
    return out;
  }

  private async load(cursor: string | undefined): Promise<void> {
    if (cursor) this.loadingMore = true;
    else this.entries = null;
    this.error = null;
    try {
      const page = await api.get<Page<AuditEntry>>('/api/audit', { ...this.filters(), limit: 50, cursor });
      this.entries = [...(cursor ? (this.entries ?? []) : []), ...page.data];
      this.next = page.page.next;
    } catch (error) {
      this.error = asError(error);
      if (!cursor) this.entries = [];
    } finally {
      this.loadingMore = false;
    }
  }

  private apply(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const query = new URLSearchParams();
    for (const name of FILTERS) {
      const value = formText(data, name).trim();
      if (value) query.set(name, value);
    }
    replaceQuery(query);
  }

  private problem(name: FilterName): string {
    return problemAt(this.error, name) ?? '';
  }

  private input(name: FilterName, label: string, type = 'text', placeholder?: string) {
    return textField({ name, label, type, placeholder, value: this.query.get(name) ?? '', problem: this.problem(name) });
  }

  private log() {
    const placed = FILTERS.some((name) => this.problem(name));
    if (this.error && !placed && !this.entries?.length) return states.error(this.error.message, () => void this.load(undefined));
    if (!this.entries) return states.loading('Loading the audit log…', '20rem');
    if (!this.entries.length) return states.empty(this.query.toString() ? 'No entry matches these filters.' : 'The audit log is empty.');
    return html`<div class="card log" role="list" aria-label="Audit entries">
        ${this.entries.map((entry) => html`<tr-audit-entry role="listitem" .entry=${entry}></tr-audit-entry>`)}
      </div>
      ${this.error && this.entries.length ? states.error(this.error.message) : nothing}
      ${
        this.next
          ? html`<p>
              <button type="button" ?disabled=${this.loadingMore} @click=${() => void this.load(this.next ?? undefined)}>
                ${this.loadingMore ? 'Loading…' : 'Load more'}
              </button>
            </p>`
          : nothing
      }`;
  }

  override render() {
    const entity = this.query.get('entity') ?? '';
    return html`
      ${pageHeader({ title: 'Audit log' })}
      <form @submit=${(event: SubmitEvent) => this.apply(event)} aria-label="Filters" novalidate>
        ${this.input('action', 'Action', 'text', 'record.updated or metadata.*')}
        <div class="field">
          <label for="entity">Entity</label>
          <select id="entity" name="entity">
            <option value="">Any entity</option>
            ${store.entities.map((item) => html`<option value=${item.name} ?selected=${item.name === entity}>${item.label}</option>`)}
          </select>
        </div>
        ${this.input('recordId', 'Record id')} ${this.input('actor', 'Actor', 'text', 'e-mail or user id')}
        ${this.input('from', 'From', 'date')} ${this.input('to', 'To', 'date')}
        <div class="toolbar">
          <button type="submit" class="primary">Apply</button>
          <button type="button" ?disabled=${!this.query.toString()} @click=${() => replaceQuery(new URLSearchParams())}>Clear</button>
        </div>
      </form>
      ${this.log()}
    `;
  }
}

customElements.define('tr-audit-page', AuditPage);
