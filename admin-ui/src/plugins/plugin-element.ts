import { LitElement, css, html, type PropertyValues } from 'lit';
import { store } from '../state/app-store.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { loadPluginModules } from './plugin-ui.js';

/** How long an element may stay undefined after its plugin's module loaded before it is reported missing. */
const DEFINE_GRACE_MS = 3000;

/**
 * Shows one custom element of a plugin (a page, a panel, a widget, an action): waits for the
 * plugin's UI module, creates the element once it is defined, and hands it `props` (again
 * whenever they change). A module that fails to load, or that does not define the element,
 * becomes an error message in the slot instead of a blank space.
 */
export class PluginElement extends LitElement {
  static override properties = {
    plugin: {},
    tag: {},
    props: { attribute: false },
    compact: { type: Boolean },
    problem: { state: true },
    element: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      :host([compact]) {
        display: inline-block;
      }
      .error-box {
        font-size: 0.875rem;
      }
    `,
  ];

  declare plugin: string;
  declare tag: string;
  declare props: Record<string, unknown>;
  declare compact: boolean;
  declare problem: string | null;
  declare element: HTMLElement | null;

  constructor() {
    super();
    this.plugin = '';
    this.tag = '';
    this.props = {};
    this.compact = false;
    this.problem = null;
    this.element = null;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tag') || changed.has('plugin')) void this.load();
    if (this.element && (changed.has('props') || changed.has('element'))) Object.assign(this.element, this.props);
  }

  private async load(): Promise<void> {
    const tag = this.tag;
    this.element = null;
    this.problem = null;
    const failures = await loadPluginModules(store.plugins);
    if (tag !== this.tag) return;
    const failure = failures.get(this.plugin);
    if (failure) {
      this.problem = `The UI of plugin “${this.plugin}” could not be loaded: ${failure}`;
      return;
    }
    // A module may define its elements after an await of its own: give it a moment.
    const defined = await Promise.race([
      customElements.whenDefined(tag).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DEFINE_GRACE_MS)),
    ]);
    if (tag !== this.tag) return;
    if (!defined) {
      this.problem = `Plugin “${this.plugin}” does not define the element <${tag}>.`;
      return;
    }
    this.element = document.createElement(tag);
  }

  override render() {
    if (this.problem) return html`<div class="error-box" role="alert">${this.problem}</div>`;
    if (!this.element) return this.compact ? html`<span class="muted">…</span>` : states.loading('Loading…', '4rem');
    return this.element;
  }
}

customElements.define('tr-plugin-element', PluginElement);
