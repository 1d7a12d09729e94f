import { LitElement, css, html } from 'lit';
import type { EntityView, RecordRow } from '../../api/types.js';
import { sharedStyles } from '../../ui/styles.js';
import './history-panel.js';
import './relations-panel.js';
import './timeline-panel.js';

const TABS = [
  { key: 'relations', label: 'Relations' },
  { key: 'timeline', label: 'Timeline' },
  { key: 'history', label: 'History' },
] as const;

type TabKey = (typeof TABS)[number]['key'];

/**
 * The record's relations, timeline and history as tabs (ARIA tablist: arrows, Home and End
 * move between tabs). A panel is built when its tab is first opened and kept afterwards.
 */
export class RecordTabs extends LitElement {
  static override properties = {
    entity: { attribute: false },
    record: { attribute: false },
    active: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .card {
        padding: 0;
      }
      [role='tablist'] {
        display: flex;
        gap: 0.25rem;
        border-bottom: 1px solid var(--tr-border);
        padding: 0 0.75rem;
      }
      [role='tab'] {
        border: none;
        border-bottom: 2px solid transparent;
        border-radius: 0;
        background: transparent;
        color: var(--tr-muted);
        font-weight: 550;
        padding: 0.75rem 0.625rem 0.625rem;
      }
      [role='tab'][aria-selected='true'] {
        color: var(--tr-text);
        border-bottom-color: var(--tr-accent);
      }
      [role='tabpanel'] {
        padding: 1rem 1.25rem;
        min-height: 12rem;
      }
    `,
  ];

  declare entity: EntityView;
  declare record: RecordRow;
  declare active: TabKey;

  private opened = new Set<TabKey>(['relations']);

  constructor() {
    super();
    this.active = 'relations';
  }

  private select(key: TabKey, focus = false): void {
    this.active = key;
    this.opened.add(key);
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${key}`)?.focus());
  }

  private onKeydown(event: KeyboardEvent): void {
    const index = TABS.findIndex((tab) => tab.key === this.active);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.select(TABS[next]!.key, true);
  }

  private panel(key: TabKey) {
    if (!this.opened.has(key)) return '';
    if (key === 'relations') return html`<tr-record-relations .entity=${this.entity} .record=${this.record}></tr-record-relations>`;
    if (key === 'timeline') return html`<tr-record-timeline .entity=${this.entity} .recordId=${this.record.id}></tr-record-timeline>`;
    return html`<tr-record-history .entity=${this.entity} .record=${this.record}></tr-record-history>`;
  }

  override render() {
    return html`<div class="card">
      <div role="tablist" aria-label="Record activity" @keydown=${(event: KeyboardEvent) => this.onKeydown(event)}>
        ${TABS.map(
          (tab) =>
            html`<button
              type="button"
              role="tab"
              id="tab-${tab.key}"
              aria-selected=${this.active === tab.key ? 'true' : 'false'}
              aria-controls="panel-${tab.key}"
              tabindex=${this.active === tab.key ? '0' : '-1'}
              @click=${() => this.select(tab.key)}
            >
              ${tab.label}
            </button>`,
        )}
      </div>
      ${TABS.map(
        (tab) =>
          html`<div role="tabpanel" id="panel-${tab.key}" aria-labelledby="tab-${tab.key}" tabindex="0" ?hidden=${this.active !== tab.key}>
            ${this.panel(tab.key)}
          </div>`,
      )}
    </div>`;
  }
}

customElements.define('tr-record-tabs', RecordTabs);
