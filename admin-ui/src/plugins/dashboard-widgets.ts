import { LitElement, css, html, nothing } from 'lit';
import { store, StoreController } from '../state/app-store.js';
import { sharedStyles } from '../ui/styles.js';
import { contributions } from './plugin-ui.js';
import './plugin-element.js';

/**
 * Enabled plugins' dashboard widgets, each in a card headed by its label, in a grid where a
 * `small` widget takes one column, `medium` two and `large` the whole row. Renders nothing
 * when there are none; appears and disappears as plugins are enabled and disabled.
 */
export class DashboardWidgets extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
        gap: 1rem;
      }
      section.card {
        padding: 0;
        display: flex;
        flex-direction: column;
        min-height: 9rem;
        min-width: 0;
      }
      h3 {
        margin: 0;
        padding: 0.75rem 1rem 0;
        font-size: 0.9375rem;
        font-weight: 650;
      }
      .body {
        padding: 0.25rem 0.25rem 0.5rem;
        flex: 1;
      }
      .medium {
        grid-column: span 2;
      }
      .large {
        grid-column: 1 / -1;
      }
      @media (max-width: 1100px) {
        .medium {
          grid-column: 1 / -1;
        }
      }
    `,
  ];

  constructor() {
    super();
    new StoreController(this);
  }

  override render() {
    const widgets = contributions(store.plugins, 'dashboardWidgets');
    if (!widgets.length) return nothing;
    return html`<div class="grid">
      ${widgets.map((widget, index) => {
        const id = `widget-${index}`;
        return html`<section class="card ${widget.size ?? 'small'}" aria-labelledby=${id} data-plugin=${widget.plugin}>
          <h3 id=${id}>${widget.label}</h3>
          <div class="body"><tr-plugin-element .plugin=${widget.plugin} .tag=${widget.element}></tr-plugin-element></div>
        </section>`;
      })}
    </div>`;
  }
}

customElements.define('tr-dashboard-widgets', DashboardWidgets);
