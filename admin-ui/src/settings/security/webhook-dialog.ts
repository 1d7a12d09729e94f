import { LitElement, css, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ApiError, api, messageOf } from '../../api/client.js';
import type { One } from '../../api/types.js';
import { sharedStyles } from '../../ui/styles.js';
import '../people/check-list.js';
import type { CheckList } from '../people/check-list.js';
import { CORE_EVENTS, type Webhook } from './webhook-api.js';
import { formText } from '../people/people-api.js';

const FIELDS = ['url', 'events', 'entities', 'active', 'description'];

/**
 * Creates or edits a webhook: URL, events (core's, and plugin events typed in), the entities
 * it is limited to, whether it is active, a description.
 *
 * @fires saved - with `detail` the webhook as the API answered (with `secret` on creation).
 */
export class WebhookDialog extends LitElement {
  static override properties = {
    entityNames: { attribute: false },
    hook: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        gap: 0.875rem;
      }
      .check {
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
    `,
  ];

  declare entityNames: Array<{ value: string; label: string }>;
  declare hook: Webhook | null;
  declare error: Error | null;
  declare busy: boolean;
  private opened = 0;

  constructor() {
    super();
    this.entityNames = [];
    this.hook = null;
    this.error = null;
    this.busy = false;
  }

  open(hook: Webhook | null): void {
    this.hook = hook;
    this.error = null;
    this.opened += 1;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const [events, entities] = this.renderRoot.querySelectorAll<CheckList>('tr-check-list');
      if (events) events.value = (hook?.events ?? ['record.*']).filter((event) => CORE_EVENTS.includes(event));
      if (entities) entities.value = [...(hook?.entities ?? [])];
      this.renderRoot.querySelector('dialog')?.showModal();
    });
  }

  private problem(field: string): string {
    return this.error instanceof ApiError ? (this.error.forField(field) ?? '') : '';
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const [eventsList, entitiesList] = this.renderRoot.querySelectorAll<CheckList>('tr-check-list');
    const extra = formText(data, 'pluginEvents')
      .split(/[\s,]+/)
      .filter(Boolean);
    const entities = entitiesList?.value ?? [];
    const body = {
      url: formText(data, 'url').trim(),
      events: [...(eventsList?.value ?? []), ...extra],
      entities: entities.length ? entities : null,
      active: data.get('active') === 'on',
      description: formText(data, 'description'),
    };
    this.busy = true;
    this.error = null;
    try {
      const saved = this.hook
        ? await api.patch<One<Webhook>>(`/api/webhooks/${this.hook.id}`, body)
        : await api.post<One<Webhook>>('/api/webhooks', body);
      this.renderRoot.querySelector('dialog')?.close();
      this.dispatchEvent(new CustomEvent('saved', { detail: saved.data }));
    } catch (error) {
      this.error = error instanceof Error ? error : new Error(messageOf(error));
    } finally {
      this.busy = false;
    }
  }

  private form() {
    const unplaced =
      this.error instanceof ApiError && this.error.errors.length
        ? this.error.errors.filter((problem) => !FIELDS.includes(problem.path.split(/[.[]/)[0] ?? '')).map((problem) => problem.message)
        : this.error
          ? [this.error.message]
          : [];
    const pluginEvents = (this.hook?.events ?? []).filter((event) => !CORE_EVENTS.includes(event)).join(', ');
    return html`<form @submit=${(event: SubmitEvent) => void this.save(event)} novalidate>
      <h2 id="hook-title">${this.hook ? 'Edit webhook' : 'New webhook'}</h2>
      ${unplaced.length ? html`<p class="error-box" role="alert">${unplaced.join('; ')}</p>` : nothing}
      <div class="field">
        <label for="url">Receiver URL</label>
        <input id="url" name="url" type="url" placeholder="https://hooks.example.com/trellis" .value=${this.hook?.url ?? ''} />
        ${this.problem('url') ? html`<p class="field-error">${this.problem('url')}</p>` : nothing}
      </div>
      <tr-check-list
        label="Events"
        .choices=${CORE_EVENTS.map((event) => ({ value: event, label: event === '*' ? 'Every event (*)' : event }))}
        .error=${this.problem('events')}
      ></tr-check-list>
      <div class="field">
        <label for="pluginEvents">Plugin events</label>
        <input
          id="pluginEvents"
          name="pluginEvents"
          placeholder="sales.deal_won, sales.*"
          .value=${pluginEvents}
          aria-describedby="plugin-hint"
        />
        <span class="hint" id="plugin-hint">Optional: events announced by plugins, separated by commas.</span>
      </div>
      <tr-check-list
        label="Only records of these entities"
        empty="No entities yet."
        .choices=${this.entityNames}
        .error=${this.problem('entities')}
      ></tr-check-list>
      <span class="hint">None checked: record and relation events of every entity.</span>
      <div class="field">
        <label for="description">Description</label>
        <input id="description" name="description" .value=${this.hook?.description ?? ''} />
        ${this.problem('description') ? html`<p class="field-error">${this.problem('description')}</p>` : nothing}
      </div>
      <label class="check"><input type="checkbox" name="active" .checked=${this.hook?.active ?? true} /> Active</label>
      <div class="toolbar">
        <span class="spacer"></span>
        <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>Cancel</button>
        <button type="submit" class="primary" ?disabled=${this.busy}>
          ${this.busy ? 'Saving…' : this.hook ? 'Save webhook' : 'Create webhook'}
        </button>
      </div>
    </form>`;
  }

  override render() {
    return html`<dialog aria-labelledby="hook-title">${keyed(this.opened, this.form())}</dialog>`;
  }
}

customElements.define('tr-webhook-dialog', WebhookDialog);
