import { LitElement, css, html } from 'lit';
import { api, ApiError, messageOf } from '../api/client.js';
import type { Plugin } from '../api/types.js';
import { store } from '../state/app-store.js';
import { dialogStyles, sharedStyles } from '../ui/styles.js';

/**
 * Confirms uninstalling a plugin: says what is dropped (the server's own list, asked for by an
 * unconfirmed request, plus the plugin's entities as the metadata shows them) and enables the
 * button only once the plugin's name is typed. Fires `uninstalled` when done.
 */
export class UninstallDialog extends LitElement {
  static override properties = {
    plugin: { attribute: false },
    typed: { state: true },
    drops: { state: true },
    busy: { state: true },
    problem: { state: true },
  };

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      .warning {
        border-left: 4px solid var(--tr-danger);
        background: var(--tr-danger-soft);
        padding: 0.625rem 0.875rem;
        border-radius: var(--tr-radius);
        margin: 0.75rem 0;
      }
      .warning ul {
        margin: 0.375rem 0 0;
        padding-left: 1.25rem;
      }
    `,
  ];

  declare plugin: Plugin | null;
  declare typed: string;
  declare drops: string | null;
  declare busy: boolean;
  declare problem: string | null;

  constructor() {
    super();
    this.plugin = null;
    this.typed = '';
    this.drops = null;
    this.busy = false;
    this.problem = null;
  }

  /** Opens the dialog for `plugin`. */
  async open(plugin: Plugin): Promise<void> {
    this.plugin = plugin;
    this.typed = '';
    this.drops = null;
    this.problem = null;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    void this.readDrops(plugin.name);
  }

  /** The server refuses an unconfirmed uninstall, naming what it would drop: the most exact list there is. */
  private async readDrops(name: string): Promise<void> {
    try {
      await api.post(`/api/plugins/${encodeURIComponent(name)}/uninstall`, {});
    } catch (error) {
      if (error instanceof ApiError && error.code === 'TRELLIS_CONFIRMATION_REQUIRED') {
        this.drops = /drops (.*); send/.exec(error.message)?.[1] ?? null;
      } else if (error instanceof ApiError) {
        this.problem = error.message;
      }
    }
  }

  private close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private async confirm(event: Event): Promise<void> {
    event.preventDefault();
    const plugin = this.plugin;
    if (!plugin || this.typed.trim() !== plugin.name) return;
    this.busy = true;
    this.problem = null;
    try {
      await api.post(`/api/plugins/${encodeURIComponent(plugin.name)}/uninstall`, { confirm: plugin.name });
      this.close();
      this.dispatchEvent(new CustomEvent('uninstalled', { detail: plugin.name, bubbles: true, composed: true }));
    } catch (error) {
      this.problem = messageOf(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const plugin = this.plugin;
    const entities = plugin ? store.entities.filter((entity) => entity.plugin === plugin.name) : [];
    return html`<dialog aria-labelledby="uninstall-title" @close=${() => (this.busy = false)}>
      ${
        plugin
          ? html`<form @submit=${(event: Event) => void this.confirm(event)}>
              <h2 id="uninstall-title">Uninstall ${plugin.name}?</h2>
              <div class="warning" role="note">
                <strong>This deletes data and cannot be undone.</strong>
                <ul>
                  <li>
                    All records of its entities${entities.length ? html`: ${entities.map((entity) => entity.pluralLabel).join(', ')}` : ''}.
                  </li>
                  <li>The fields and relation types it added, with their values, and its settings.</li>
                  ${this.drops ? html`<li>In detail, the server will drop ${this.drops}.</li>` : ''}
                </ul>
                <p>To keep the data, disable the plugin instead.</p>
              </div>
              ${this.problem ? html`<div class="error-box" role="alert">${this.problem}</div>` : ''}
              <div class="field">
                <label for="confirm-name">Type <strong>${plugin.name}</strong> to confirm</label>
                <input
                  id="confirm-name"
                  autocomplete="off"
                  spellcheck="false"
                  .value=${this.typed}
                  @input=${(event: Event) => (this.typed = (event.target as HTMLInputElement).value)}
                />
              </div>
              <div class="footer">
                <button type="button" @click=${() => this.close()}>Cancel</button>
                <button
                  type="submit"
                  class="danger primary"
                  ?disabled=${this.busy || this.typed.trim() !== plugin.name}
                  aria-busy=${this.busy}
                >
                  ${this.busy ? 'Uninstalling…' : 'Uninstall and delete data'}
                </button>
              </div>
            </form>`
          : ''
      }
    </dialog>`;
  }
}

customElements.define('tr-uninstall-dialog', UninstallDialog);
