import { LitElement, css, html, nothing } from 'lit';
import type { RecordRow } from '../api/types.js';
import { store, StoreController } from '../state/app-store.js';
import { sharedStyles } from '../ui/styles.js';
import { contributions, forEntity } from './plugin-ui.js';
import './plugin-element.js';

/**
 * What enabled plugins add to a record's page: their record actions (in a toolbar) and their
 * record panels (each in a section headed by its label), for the record's entity. Each
 * element gets `entity`, `recordId` and `record`. Enabling or disabling a plugin adds or
 * removes its actions and panels at once.
 *
 * `show` picks a part, so that the record page can put actions in its header and panels
 * with its content: `actions`, `panels`, or `all` (the default).
 */
export class RecordExtensions extends LitElement {
  static override properties = {
    entity: {},
    recordId: {},
    record: { attribute: false },
    show: {},
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
        min-width: 0;
      }
      :host([hidden]) {
        display: none;
      }
      section.card {
        padding: 0;
        overflow: hidden;
      }
      section.card h2 {
        font-size: 0.9375rem;
        margin: 0;
        padding: 0.625rem 1rem;
        border-bottom: 1px solid var(--tr-border);
        background: var(--tr-surface-sunken);
      }
      .panel-body {
        padding: 0.75rem 1rem;
      }
    `,
  ];

  declare entity: string;
  declare recordId: string;
  declare record: RecordRow | null;
  declare show: 'all' | 'actions' | 'panels';

  constructor() {
    super();
    new StoreController(this);
    this.entity = '';
    this.recordId = '';
    this.record = null;
    this.show = 'all';
  }

  private get props(): Record<string, unknown> {
    return { entity: this.entity, recordId: this.recordId, record: this.record };
  }

  private actions() {
    const actions = forEntity(contributions(store.plugins, 'recordActions'), this.entity);
    if (!actions.length) return nothing;
    return html`<div class="toolbar" role="group" aria-label="Plugin actions">
      ${actions.map(
        (action) =>
          html`<tr-plugin-element
            compact
            title=${action.label}
            aria-label=${action.label}
            .plugin=${action.plugin}
            .tag=${action.element}
            .props=${this.props}
          ></tr-plugin-element>`,
      )}
    </div>`;
  }

  private panels() {
    const panels = forEntity(contributions(store.plugins, 'recordPanels'), this.entity);
    return panels.map((panel, index) => {
      const id = `plugin-panel-${index}`;
      return html`<section class="card" aria-labelledby=${id} data-plugin=${panel.plugin}>
        <h2 id=${id}>${panel.label}</h2>
        <div class="panel-body">
          <tr-plugin-element .plugin=${panel.plugin} .tag=${panel.element} .props=${this.props}></tr-plugin-element>
        </div>
      </section>`;
    });
  }

  override render() {
    if (!this.entity || !this.recordId) return nothing;
    return html`${this.show === 'panels' ? nothing : this.actions()} ${this.show === 'actions' ? nothing : this.panels()}`;
  }
}

customElements.define('tr-record-extensions', RecordExtensions);
