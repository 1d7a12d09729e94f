import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { messageOf } from '../api/client.js';
import type { Plugin } from '../api/types.js';
import '../plugins/plugin-card.js';
import type { UninstallDialog } from '../plugins/uninstall-dialog.js';
import '../plugins/uninstall-dialog.js';
import { store, StoreController } from '../state/app-store.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';

/** Failed plugins first (they need attention), then enabled ones, then the rest, by name. */
const ORDER: Record<Plugin['state'], number> = { failed: 0, enabled: 1, disabled: 2, installed: 3, discovered: 4 };

/**
 * The plugin manager (administrators): every plugin found or installed, with its state,
 * requirements and the lifecycle steps it allows. After each step the plugins and entities
 * are read again, so the navigation, pages and panels of the plugin appear or vanish at once.
 */
export class PluginsPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    phase: { state: true },
    problem: { state: true },
    notice: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 64rem;
      }
      .list {
        display: grid;
        gap: 0.75rem;
      }
      .intro {
        margin: -0.5rem 0 1.25rem;
      }
      .notice {
        min-height: 1.5rem;
      }
    `,
  ];

  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare phase: 'loading' | 'ready' | 'error';
  declare problem: string | null;
  declare notice: string;

  constructor() {
    super();
    new StoreController(this);
    this.params = {};
    this.query = new URLSearchParams();
    this.phase = store.plugins.length ? 'ready' : 'loading';
    this.problem = null;
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('Plugins');
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      await store.refreshPlugins();
      this.phase = 'ready';
    } catch (error) {
      this.problem = messageOf(error);
      this.phase = 'error';
    }
  }

  /** After a step: plugins (navigation, pages, panels) and entities (a plugin's tables) as they are now. */
  private async refresh(): Promise<void> {
    try {
      await Promise.all([store.refreshPlugins(), store.refreshEntities()]);
    } catch (error) {
      this.problem = messageOf(error);
    }
  }

  private openUninstall(plugin: Plugin): void {
    void this.renderRoot.querySelector<UninstallDialog>('tr-uninstall-dialog')?.open(plugin);
  }

  private async uninstalled(name: string): Promise<void> {
    this.notice = `Uninstalled ${name}; its data was deleted.`;
    await this.refresh();
  }

  private body() {
    if (this.phase === 'loading') return states.loading('Loading plugins…', '12rem');
    if (this.phase === 'error' && !store.plugins.length)
      return states.error(this.problem ?? 'The plugins could not be read.', () => void this.load());
    if (!store.plugins.length)
      return states.empty(
        'No plugins were found. Put plugin packages in a folder named by TRELLIS_PLUGIN_DIRS (or install them with npm), then come back here to enable them.',
      );
    const plugins = [...store.plugins].sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.name.localeCompare(b.name));
    return html`<div class="list">
      ${repeat(
        plugins,
        (plugin) => plugin.name,
        (plugin) => html`<tr-plugin-card .plugin=${plugin} .all=${store.plugins}></tr-plugin-card>`,
      )}
    </div>`;
  }

  override render() {
    const enabled = store.enabledPlugins.length;
    return html`<div class="page-header">
        <h1>Plugins</h1>
        <span class="muted">${store.plugins.length} found, ${enabled} enabled</span>
      </div>
      <p class="intro muted">
        Enabling a plugin adds its entities, pages and panels at once, for everyone. Disabling it hides them and keeps its data;
        uninstalling deletes its data.
      </p>
      <p class="notice" role="status" aria-live="polite">${this.notice}</p>
      <div
        @changed=${() => void this.refresh()}
        @uninstall-requested=${(event: CustomEvent<Plugin>) => this.openUninstall(event.detail)}
        @uninstalled=${(event: CustomEvent<string>) => void this.uninstalled(event.detail)}
      >
        ${this.body()}
        <tr-uninstall-dialog></tr-uninstall-dialog>
      </div>`;
  }
}

customElements.define('tr-plugins-page', PluginsPage);
