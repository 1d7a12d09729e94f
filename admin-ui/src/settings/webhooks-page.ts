import { LitElement, css, html, nothing } from 'lit';
import { api, messageOf } from '../api/client.js';
import type { One } from '../api/types.js';
import { store, StoreController } from '../state/app-store.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import { pageHeader } from '../ui/list-page.js';
import { confirmAction } from '../ui/confirm-dialog.js';
import './security/secret-dialog.js';
import type { SecretDialog } from './security/secret-dialog.js';
import type { Delivery, Webhook } from './security/webhook-api.js';
import './security/webhook-deliveries.js';
import type { WebhookDeliveries } from './security/webhook-deliveries.js';
import './security/webhook-dialog.js';
import type { WebhookDialog } from './security/webhook-dialog.js';

/**
 * Settings → Webhooks: where Trellis sends its events. Each webhook shows its events, whether
 * it is active, and on demand its delivery log; "Send test ping" checks the receiver at once.
 */
export class WebhooksPage extends LitElement {
  static override properties = {
    hooks: { state: true },
    loadError: { state: true },
    notice: { state: true },
    openLog: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .list {
        display: grid;
        gap: 0.75rem;
      }
      .card {
        display: grid;
        gap: 0.5rem;
      }
      .url {
        font-family: ui-monospace, monospace;
        word-break: break-all;
        font-weight: 600;
      }
      .events {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
      }
    `,
  ];

  declare hooks: Webhook[] | null;
  declare loadError: string;
  declare notice: { text: string; bad: boolean } | null;
  declare openLog: Set<string>;

  constructor() {
    super();
    new StoreController(this);
    this.hooks = null;
    this.loadError = '';
    this.notice = null;
    this.openLog = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('Webhooks');
    void this.load();
  }

  private async load(): Promise<void> {
    this.loadError = '';
    try {
      this.hooks = (await api.get<One<Webhook[]>>('/api/webhooks')).data;
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  private get dialog(): WebhookDialog | null {
    return this.renderRoot.querySelector('tr-webhook-dialog');
  }

  private saved(hook: Webhook): void {
    const { secret, ...kept } = hook;
    const list = this.hooks ?? [];
    this.hooks = list.some((item) => item.id === hook.id) ? list.map((item) => (item.id === hook.id ? kept : item)) : [...list, kept];
    if (secret)
      this.renderRoot
        .querySelector<SecretDialog>('tr-secret-dialog')
        ?.show('Webhook signing secret', secret, 'Your receiver uses it to check the X-Trellis-Signature header of every delivery.');
  }

  private async ping(hook: Webhook): Promise<void> {
    this.notice = { text: `Sending a test ping to ${hook.url}…`, bad: false };
    try {
      const delivery = (await api.post<One<Delivery>>(`/api/webhooks/${hook.id}/test`)).data;
      const ok = delivery.status === 'succeeded';
      this.notice = {
        text: ok
          ? `The receiver accepted the ping (HTTP ${delivery.responseStatus ?? '?'}).`
          : `The ping failed: ${delivery.error ?? `HTTP ${delivery.responseStatus ?? '?'}`}.`,
        bad: !ok,
      };
      await this.renderRoot.querySelector<WebhookDeliveries>(`tr-webhook-deliveries[data-id="${hook.id}"]`)?.reload();
    } catch (error) {
      this.notice = { text: messageOf(error), bad: true };
    }
  }

  private async deleteHook(hook: Webhook): Promise<void> {
    const yes = await confirmAction({
      heading: 'Delete this webhook?',
      message: `${hook.url} receives nothing more, and its delivery log is deleted.`,
      actionLabel: 'Delete webhook',
      danger: true,
    });
    if (!yes) return;
    try {
      await api.delete(`/api/webhooks/${hook.id}`);
      this.hooks = (this.hooks ?? []).filter((item) => item.id !== hook.id);
    } catch (error) {
      this.notice = { text: messageOf(error), bad: true };
    }
  }

  private toggleLog(id: string): void {
    const open = new Set(this.openLog);
    if (open.has(id)) open.delete(id);
    else open.add(id);
    this.openLog = open;
  }

  private card(hook: Webhook) {
    const logOpen = this.openLog.has(hook.id);
    return html`<article class="card" aria-label=${`Webhook ${hook.url}`}>
      <div class="toolbar">
        <span class="url">${hook.url}</span>
        <span class=${hook.active ? 'badge good' : 'badge'}>${hook.active ? 'Active' : 'Inactive'}</span>
      </div>
      ${hook.description ? html`<span class="muted">${hook.description}</span>` : nothing}
      <div class="events">
        ${hook.events.map((event) => html`<span class="badge">${event}</span>`)}
        ${hook.entities?.length ? html`<span class="muted">on ${hook.entities.join(', ')}</span>` : nothing}
      </div>
      <div class="toolbar">
        <button type="button" @click=${() => void this.ping(hook)}>Send test ping</button>
        <button type="button" aria-expanded=${logOpen ? 'true' : 'false'} @click=${() => this.toggleLog(hook.id)}>
          ${logOpen ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <button type="button" class="ghost" @click=${() => this.dialog?.open(hook)}>Edit</button>
        <button type="button" class="ghost danger" @click=${() => void this.deleteHook(hook)}>Delete</button>
      </div>
      ${logOpen ? html`<tr-webhook-deliveries data-id=${hook.id} .webhookId=${hook.id}></tr-webhook-deliveries>` : nothing}
    </article>`;
  }

  private content() {
    if (this.loadError) return states.error(this.loadError, () => void this.load());
    if (!this.hooks) return states.loading('Loading webhooks…', '10rem');
    if (!this.hooks.length)
      return states.empty(
        'No webhooks yet. A webhook sends Trellis events (a record created, changed, deleted…) to a URL of yours.',
        html`<button type="button" class="primary" @click=${() => this.dialog?.open(null)}>Add a webhook</button>`,
      );
    return html`<div class="list">${this.hooks.map((hook) => this.card(hook))}</div>`;
  }

  override render() {
    const entities = store.entities.map((entity) => ({ value: entity.name, label: entity.pluralLabel }));
    return html`
      ${pageHeader({
        title: 'Webhooks',
        action: html`<button type="button" class="primary" ?disabled=${!this.hooks} @click=${() => this.dialog?.open(null)}>
          New webhook
        </button>`,
      })}
      <p role="status" class=${this.notice?.bad ? 'error-box' : 'muted'} ?hidden=${!this.notice}>${this.notice?.text ?? ''}</p>
      ${this.content()}
      <tr-webhook-dialog .entityNames=${entities} @saved=${(event: CustomEvent<Webhook>) => this.saved(event.detail)}></tr-webhook-dialog>
      <tr-secret-dialog></tr-secret-dialog>
    `;
  }
}

customElements.define('tr-webhooks-page', WebhooksPage);
