import { LitElement, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { api } from '../../api/client.js';
import type { One } from '../../api/types.js';
import { dialogStyles, sharedStyles } from '../../ui/styles.js';
import '../people/check-list.js';
import type { CheckList } from '../people/check-list.js';
import { CORE_EVENTS, type Webhook } from './webhook-api.js';
import { formText } from '../people/people-api.js';
import { textField } from '../../ui/text-field.js';
import { asError, problemAt, unplacedMessages } from '../../ui/form-errors.js';

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

  static override styles = [sharedStyles, dialogStyles];

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
    return problemAt(this.error, field) ?? '';
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
      this.error = asError(error);
    } finally {
      this.busy = false;
    }
  }

  private form() {
    const unplaced = unplacedMessages(this.error, FIELDS);
    const pluginEvents = (this.hook?.events ?? []).filter((event) => !CORE_EVENTS.includes(event)).join(', ');
    return html`<form @submit=${(event: SubmitEvent) => void this.save(event)} novalidate>
      <h2 id="hook-title">${this.hook ? 'Edit webhook' : 'New webhook'}</h2>
      ${unplaced.length ? html`<p class="error-box" role="alert">${unplaced.join('; ')}</p>` : nothing}
      ${textField({
        name: 'url',
        label: 'Receiver URL',
        type: 'url',
        placeholder: 'https://hooks.example.com/trellis',
        value: this.hook?.url ?? '',
        problem: this.problem('url'),
      })}
      <tr-check-list
        label="Events"
        .choices=${CORE_EVENTS.map((event) => ({ value: event, label: event === '*' ? 'Every event (*)' : event }))}
        .error=${this.problem('events')}
      ></tr-check-list>
      ${textField({
        name: 'pluginEvents',
        label: 'Plugin events',
        placeholder: 'sales.deal_won, sales.*',
        value: pluginEvents,
        hint: 'Optional: events announced by plugins, separated by commas.',
      })}
      <tr-check-list
        label="Only records of these entities"
        empty="No entities yet."
        .choices=${this.entityNames}
        .error=${this.problem('entities')}
      ></tr-check-list>
      <span class="hint">None checked: record and relation events of every entity.</span>
      ${textField({ name: 'description', label: 'Description', value: this.hook?.description ?? '', problem: this.problem('description') })}
      <label class="check"><input type="checkbox" name="active" .checked=${this.hook?.active ?? true} /> Active</label>
      <div class="footer">
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
