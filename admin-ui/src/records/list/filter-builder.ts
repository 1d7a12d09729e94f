import { LitElement, css, html } from 'lit';
import type { EntityView, RelationTypeMetadata } from '../../api/types.js';
import { sharedStyles } from '../../ui/styles.js';
import { fromFilter, toFilter, type FilterModel, type Rule } from './filter-model.js';
import { newFieldRule } from './filter-rule.js';
import './filter-rule.js';
import './relation-rule.js';

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return Symbol('invalid');
  }
}

/**
 * Builds the list's filter from conditions on fields and on relations, joined by "all" or
 * "any", and writes the API's filter grammar. A filter that is not in the builder's shape
 * (written by hand in the URL) is shown and edited as JSON instead, never dropped.
 *
 * @fires filter-changed - `detail.filter` is the filter as JSON text, '' for none.
 */
export class FilterBuilder extends LitElement {
  static override properties = {
    entity: { attribute: false },
    filter: {},
    types: { attribute: false },
    model: { state: true },
    raw: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .card {
        display: grid;
        gap: 0.75rem;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      li {
        display: flex;
        gap: 0.375rem;
        align-items: flex-start;
      }
      li > :first-child {
        flex: 1;
      }
      .match select {
        width: auto;
      }
      textarea {
        font-family: ui-monospace, monospace;
      }
    `,
  ];

  declare entity: EntityView;
  declare filter: string;
  declare types: RelationTypeMetadata[];
  declare model: FilterModel;
  /** The filter's text when the builder cannot show it. */
  declare raw: string | null;

  /** The last filter this builder sent (or was given), so its own changes do not reset it. */
  private emitted: string | undefined;

  constructor() {
    super();
    this.filter = '';
    this.types = [];
    this.model = { match: 'all', rules: [] };
    this.raw = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('filter') && this.filter !== this.emitted) {
      this.emitted = this.filter;
      const model = fromFilter(parse(this.filter));
      this.raw = model ? null : this.filter;
      this.model = model ?? { match: 'all', rules: [] };
    }
  }

  private send(filter: string): void {
    if (filter === this.emitted) return;
    this.emitted = filter;
    this.dispatchEvent(new CustomEvent('filter-changed', { detail: { filter }, bubbles: true, composed: true }));
  }

  private commit(model: FilterModel): void {
    this.model = model;
    const filter = toFilter(model);
    this.send(filter ? JSON.stringify(filter) : '');
  }

  private setRule(index: number, rule: Rule): void {
    this.commit({ ...this.model, rules: this.model.rules.map((old, i) => (i === index ? rule : old)) });
  }

  private async add(rule: Rule): Promise<void> {
    this.commit({ ...this.model, rules: [...this.model.rules, rule] });
    await this.updateComplete;
    // Focus the new condition's first control, so keyboard users continue where they are.
    const rows = this.renderRoot.querySelectorAll('li');
    const row = rows[rows.length - 1]?.firstElementChild as LitElement | null | undefined;
    await row?.updateComplete;
    row?.shadowRoot?.querySelector<HTMLElement>('select, input')?.focus();
  }

  private removeRule(index: number): void {
    this.commit({ ...this.model, rules: this.model.rules.filter((_, i) => i !== index) });
  }

  private rawEditor() {
    return html`<div class="field">
        <label for="raw">Filter (JSON)</label>
        <textarea
          id="raw"
          .value=${this.raw ?? ''}
          @input=${(event: Event) => (this.raw = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        <p class="hint">This filter was written by hand; edit it here, or start over with the builder.</p>
      </div>
      <div class="toolbar">
        <button type="button" class="primary" @click=${() => this.send((this.raw ?? '').trim())}>Apply</button>
        <button type="button" @click=${() => ((this.raw = null), this.commit({ match: 'all', rules: [] }))}>Start over</button>
      </div>`;
  }

  private rule(rule: Rule, index: number) {
    const label = `Condition ${index + 1}`;
    const changed = (event: CustomEvent<{ rule: Rule }>) => {
      event.stopPropagation();
      this.setRule(index, event.detail.rule);
    };
    return html`<li>
      ${
        rule.kind === 'field'
          ? html`<tr-filter-rule .entity=${this.entity} .rule=${rule} label=${label} @rule-changed=${changed}></tr-filter-rule>`
          : html`<tr-relation-rule .rule=${rule} .types=${this.types} label=${label} @rule-changed=${changed}></tr-relation-rule>`
      }
      <button type="button" class="ghost" aria-label="Remove condition ${index + 1}" @click=${() => this.removeRule(index)}>✕</button>
    </li>`;
  }

  override render() {
    if (this.raw !== null) return html`<div class="card">${this.rawEditor()}</div>`;
    const { match, rules } = this.model;
    return html`<div class="card" role="group" aria-label="Filter">
      ${
        rules.length
          ? html`<div class="match toolbar">
                <label for="match">Show records matching</label>
                <select
                  id="match"
                  @change=${(event: Event) => this.commit({ ...this.model, match: (event.target as HTMLSelectElement).value as 'all' | 'any' })}
                >
                  <option value="all" ?selected=${match === 'all'}>all conditions</option>
                  <option value="any" ?selected=${match === 'any'}>any condition</option>
                </select>
              </div>
              <ol>
                ${rules.map((rule, index) => this.rule(rule, index))}
              </ol>`
          : html`<p class="muted">No conditions: every record is shown.</p>`
      }
      <div class="toolbar">
        <button type="button" @click=${() => void this.add(newFieldRule(this.entity))}>+ Add condition</button>
        ${
          this.types.length
            ? html`<button type="button" @click=${() => void this.add({ kind: 'relation', type: this.types[0]!.key, exists: true })}>
                + Add relation condition
              </button>`
            : ''
        }
        ${rules.length ? html`<button type="button" class="ghost" @click=${() => this.commit({ match: 'all', rules: [] })}>Clear all</button>` : ''}
      </div>
    </div>`;
  }
}

customElements.define('tr-filter-builder', FilterBuilder);

declare global {
  interface HTMLElementTagNameMap {
    'tr-filter-builder': FilterBuilder;
  }
}
