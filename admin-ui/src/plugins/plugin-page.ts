import { LitElement, css, html } from 'lit';
import { store, StoreController } from '../state/app-store.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import { normalisePath, pageAt } from './plugin-ui.js';
import './plugin-element.js';

/**
 * A plugin's page, at `/plugins/<plugin><path>`: the enabled plugin's `pages` entry for the
 * path, titled with the page's title, its element given `path` and `query`. A plugin that is
 * unknown or not enabled, or has no page there, gets a message saying so (and, for
 * administrators, the way to the plugin manager). Disabling the plugin while the page is open
 * replaces it with that message at once.
 */
export class PluginPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .message {
        max-width: 40rem;
      }
      .message p {
        margin: 0.5rem 0 1rem;
      }
    `,
  ];

  declare params: Record<string, string>;
  declare query: URLSearchParams;

  constructor() {
    super();
    new StoreController(this);
    this.params = {};
    this.query = new URLSearchParams();
  }

  private get path(): string {
    return normalisePath(this.params.rest ?? '');
  }

  private message(title: string, text: string) {
    setTitle(title);
    const manager = store.user?.isAdmin
      ? html`<a class="button primary" href="/settings/plugins">Open the plugin manager</a>`
      : html`<p class="muted">Ask an administrator to enable it.</p>`;
    return html`<div class="page-header"><h1>${title}</h1></div>
      <div class="card message" role="status">
        <p>${text}</p>
        ${manager}
      </div>`;
  }

  override render() {
    const name = this.params.plugin ?? '';
    const plugin = store.plugins.find((candidate) => candidate.name === name);
    if (!plugin) return this.message('Unknown plugin', `There is no plugin named “${name}”.`);
    if (plugin.state !== 'enabled') {
      const why = plugin.state === 'failed' ? `It failed: ${plugin.error ?? 'no reason given'}.` : `It is ${plugin.state}.`;
      return this.message(`${name} is not enabled`, `The plugin “${name}” is not enabled, so its pages are not available. ${why}`);
    }
    const page = pageAt(plugin, this.path);
    if (!page) return states.empty(`The plugin “${name}” has no page at ${this.path}.`, html`<a class="button" href="/">Go home</a>`);
    setTitle(page.title);
    return html`<div class="page-header"><h1>${page.title}</h1></div>
      <tr-plugin-element .plugin=${plugin.name} .tag=${page.element} .props=${{ path: this.path, query: this.query }}></tr-plugin-element>`;
  }
}

customElements.define('tr-plugin-page', PluginPage);
