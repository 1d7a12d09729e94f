import { LitElement, css, html, nothing } from 'lit';
import { api, messageOf } from '../api/client.js';
import type { Plugin } from '../api/types.js';
import { sharedStyles } from '../ui/styles.js';

/** A lifecycle step the manager offers, with its words. */
export type PluginAction = 'install' | 'enable' | 'disable' | 'upgrade' | 'demo' | 'uninstall';

const LABELS: Record<PluginAction, { label: string; doing: string; done: string }> = {
  install: { label: 'Install', doing: 'Installing…', done: 'Installed' },
  enable: { label: 'Enable', doing: 'Enabling…', done: 'Enabled' },
  disable: { label: 'Disable', doing: 'Disabling…', done: 'Disabled' },
  upgrade: { label: 'Upgrade', doing: 'Upgrading…', done: 'Upgraded' },
  demo: { label: 'Add demo data', doing: 'Adding demo data…', done: 'Added the demo data of' },
  uninstall: { label: 'Uninstall…', doing: 'Uninstalling…', done: 'Uninstalled' },
};

/** The steps that make sense in each state (core refuses the others anyway). */
export function actionsFor(plugin: Plugin): PluginAction[] {
  const installed = plugin.installedVersion !== null;
  const upgrade: PluginAction[] = installed && plugin.installedVersion !== plugin.version && plugin.source !== 'missing' ? ['upgrade'] : [];
  switch (plugin.state) {
    case 'discovered':
      return ['install', 'enable'];
    case 'installed':
      return ['enable', ...upgrade, 'uninstall'];
    case 'enabled':
      return ['disable', ...upgrade, ...(plugin.hasDemo ? (['demo'] as const) : []), 'uninstall'];
    case 'disabled':
      return ['enable', ...upgrade, 'uninstall'];
    case 'failed':
      return installed ? ['enable', 'uninstall'] : plugin.source === 'missing' ? [] : ['enable'];
  }
}

const BADGES: Record<Plugin['state'], string> = {
  discovered: 'badge',
  installed: 'badge',
  enabled: 'badge good',
  disabled: 'badge',
  failed: 'badge bad',
};

/**
 * One plugin in the plugin manager: what it is, its state, what it requires (and whether that
 * is there), and the steps its state allows. A step shows its progress on its button and its
 * refusal (a dependency missing, another plugin requiring this one) in place; uninstalling asks
 * the page for the confirmation dialog (`uninstall-requested`). Fires `changed` after a step.
 */
export class PluginCard extends LitElement {
  static override properties = {
    plugin: { attribute: false },
    all: { attribute: false },
    running: { state: true },
    problem: { state: true },
    notice: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      article {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0.5rem 1.5rem;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.5rem;
      }
      h2 {
        margin: 0;
      }
      p {
        margin: 0.25rem 0;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.25rem 0.75rem;
        margin: 0.5rem 0 0;
        font-size: 0.875rem;
      }
      dt {
        color: var(--tr-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-content: start;
        justify-content: flex-end;
      }
      .wide {
        grid-column: 1 / -1;
      }
      .missing {
        color: var(--tr-danger);
      }
      .ok {
        color: var(--tr-good);
      }
      @media (max-width: 700px) {
        article {
          grid-template-columns: minmax(0, 1fr);
        }
        .actions {
          justify-content: flex-start;
        }
      }
    `,
  ];

  declare plugin: Plugin;
  declare all: Plugin[];
  declare running: PluginAction | null;
  declare problem: string | null;
  declare notice: string | null;

  constructor() {
    super();
    this.all = [];
    this.running = null;
    this.problem = null;
    this.notice = null;
  }

  private async run(action: PluginAction): Promise<void> {
    if (action === 'uninstall') {
      this.dispatchEvent(new CustomEvent('uninstall-requested', { detail: this.plugin, bubbles: true, composed: true }));
      return;
    }
    this.running = action;
    this.problem = null;
    this.notice = null;
    try {
      this.notice = action === 'demo' ? await this.seedDemo() : await this.step(action);
    } catch (error) {
      this.problem = messageOf(error);
    } finally {
      this.running = null;
      // Even a refused or failed step may have changed the state (a plugin that throws is failed).
      this.dispatchEvent(new CustomEvent('changed', { bubbles: true, composed: true }));
    }
  }

  private async step(action: PluginAction): Promise<string> {
    const { data } = await api.post<{ data: Plugin }>(`/api/plugins/${encodeURIComponent(this.plugin.name)}/${action}`);
    return `${LABELS[action].done} ${data.name} ${data.installedVersion ?? data.version}.`;
  }

  /** Seeds the plugin's demo data (and that of what it requires); says what was added, or that it was there already. */
  private async seedDemo(): Promise<string> {
    const { data } = await api.post<{ data: { seeded: string[]; failed: Array<{ plugin: string; error: string }> } }>(
      `/api/plugins/${encodeURIComponent(this.plugin.name)}/demo`,
    );
    if (data.failed.length)
      throw new Error(data.failed.map((failure) => `The demo data of ${failure.plugin} failed: ${failure.error}`).join(' '));
    return data.seeded.length ? `${LABELS.demo.done} ${data.seeded.join(', ')}.` : `The demo data of ${this.plugin.name} is already there.`;
  }

  private requirements() {
    const core = this.plugin.requires.core;
    const plugins = Object.entries(this.plugin.requires.plugins ?? {});
    if (!core && !plugins.length) return html`<dd>Nothing</dd>`;
    return html`<dd>
      ${core ? html`<span>Trellis ${core}</span>` : nothing}
      ${plugins.map(([name, range]) => {
        const found = this.all.find((candidate) => candidate.name === name);
        const status = !found ? 'not found' : found.state === 'enabled' ? 'enabled' : found.state;
        const good = found?.state === 'enabled';
        return html`${core || plugins[0]?.[0] !== name ? ', ' : ''}<span
            >${name} ${range} <span class=${good ? 'ok' : 'missing'}>(${status})</span></span
          >`;
      })}
    </dd>`;
  }

  override render() {
    const plugin = this.plugin;
    const pending = plugin.installedVersion !== null && plugin.installedVersion !== plugin.version;
    const busy = this.running !== null;
    const titleId = `plugin-${plugin.name}`;
    return html`<article class="card" aria-labelledby=${titleId}>
      <div>
        <header>
          <h2 id=${titleId}>${plugin.name}</h2>
          <span class="muted">${plugin.version}</span>
          <span class=${BADGES[plugin.state]} data-state=${plugin.state}>${plugin.state}</span>
        </header>
        <p>${plugin.description || html`<span class="muted">No description.</span>`}</p>
        <dl>
          ${
            pending
              ? html`<dt>Installed</dt>
                  <dd>${plugin.installedVersion} (version ${plugin.version} found: upgrade to run its changes)</dd>`
              : nothing
          }
          <dt>Requires</dt>
          ${this.requirements()}
          <dt>Source</dt>
          <dd>${plugin.source}</dd>
        </dl>
      </div>
      <div class="actions" role="group" aria-label="Actions for ${plugin.name}">
        ${actionsFor(plugin).map(
          (action) =>
            html`<button
              type="button"
              class=${action === 'uninstall' ? 'danger' : action === 'enable' || action === 'upgrade' ? 'primary' : ''}
              ?disabled=${busy}
              aria-busy=${this.running === action}
              aria-label="${LABELS[action].label.replace('…', '')} ${plugin.name}"
              @click=${() => void this.run(action)}
            >
              ${this.running === action ? LABELS[action].doing : LABELS[action].label}
            </button>`,
        )}
      </div>
      ${
        plugin.error
          ? html`<div class="error-box wide" role="alert">
              <strong>${plugin.state === 'failed' ? 'Failed' : 'Problem'}:</strong> ${plugin.error}
            </div>`
          : nothing
      }
      ${
        this.problem && !(plugin.error && this.problem.includes(plugin.error))
          ? html`<div class="error-box wide" role="alert">${this.problem}</div>`
          : nothing
      }
      <p class="wide muted" role="status" aria-live="polite">${this.notice ?? ''}</p>
    </article>`;
  }
}

customElements.define('tr-plugin-card', PluginCard);
