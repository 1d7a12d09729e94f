import { LitElement, css, html, nothing } from 'lit';
import { api, messageOf } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { states } from '../../ui/states.js';
import { sharedStyles } from '../../ui/styles.js';
import { when } from '../people/people-api.js';
import type { Delivery } from './webhook-api.js';

const BADGE: Record<Delivery['status'], string> = { succeeded: 'badge good', failed: 'badge bad', pending: 'badge' };

/** A webhook's delivery log, newest first, each delivery expandable to its attempts; "Load more" pages on. */
export class WebhookDeliveries extends LitElement {
  static override properties = {
    webhookId: {},
    deliveries: { state: true },
    next: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.25rem;
      }
      summary {
        cursor: pointer;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        padding: 0.25rem 0;
      }
      .attempts {
        margin: 0.25rem 0 0.5rem 1.25rem;
        font-size: 0.875rem;
      }
      code {
        font-size: 0.8125rem;
      }
    `,
  ];

  declare webhookId: string;
  declare deliveries: Delivery[] | null;
  declare next: string | null;
  declare error: string;

  constructor() {
    super();
    this.webhookId = '';
    this.deliveries = null;
    this.next = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  /** Loads the first page again (after a test ping). */
  async reload(): Promise<void> {
    this.deliveries = null;
    await this.load(undefined);
  }

  private async load(cursor: string | undefined): Promise<void> {
    this.error = '';
    try {
      const page = await api.get<Page<Delivery>>(`/api/webhooks/${this.webhookId}/deliveries`, { limit: 20, cursor });
      this.deliveries = [...(cursor ? (this.deliveries ?? []) : []), ...page.data];
      this.next = page.page.next;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private item(delivery: Delivery) {
    return html`<li>
      <details>
        <summary>
          <span class=${BADGE[delivery.status]}>${delivery.status}</span>
          <code>${delivery.eventType}</code>
          <span class="muted">${when(delivery.createdAt)}</span>
          <span class="muted">${delivery.attempt === 1 ? '1 attempt' : `${delivery.attempt} attempts`}</span>
          ${delivery.responseStatus !== null ? html`<span class="muted">HTTP ${delivery.responseStatus}</span>` : nothing}
          ${delivery.error ? html`<span class="muted">${delivery.error}</span>` : nothing}
        </summary>
        <ol class="attempts">
          ${delivery.attempts.map(
            (attempt) =>
              html`<li>
                ${when(attempt.startedAt)}:
                ${attempt.status}${attempt.responseStatus !== null ? `, HTTP ${attempt.responseStatus}` : ''}${
                  attempt.error ? `, ${attempt.error}` : ''
                }${attempt.durationMs !== null ? ` (${attempt.durationMs} ms)` : ''}
              </li>`,
          )}
        </ol>
      </details>
    </li>`;
  }

  override render() {
    if (this.error && !this.deliveries) return states.error(this.error, () => void this.reload());
    if (!this.deliveries) return states.loading('Loading deliveries…', '3rem');
    if (!this.deliveries.length) return html`<p class="muted">No deliveries yet.</p>`;
    return html`<ul aria-label="Deliveries">
        ${this.deliveries.map((delivery) => this.item(delivery))}
      </ul>
      ${this.error ? states.error(this.error) : nothing}
      ${this.next ? html`<button type="button" class="ghost" @click=${() => void this.load(this.next ?? undefined)}>Load more</button>` : nothing}`;
  }
}

customElements.define('tr-webhook-deliveries', WebhookDeliveries);
