import { LitElement, css, html, nothing } from 'lit';
import type { SelectOption } from '../../api/types.js';
import { sharedStyles } from '../../ui/styles.js';
import { snakeCase } from './schema-text.js';

interface ChoiceRow {
  key: number;
  value: string;
  label: string;
  color: string;
  /** True while the value still follows the label (a new choice whose value nobody typed). */
  auto: boolean;
}

let nextKey = 1;

/**
 * Edits the choices of a select or multi-select field: one row per choice (label, stored value,
 * optional colour), add, remove and reorder. The value is suggested from the label until it is
 * typed. `errorAt(i)` messages (from the API's `options.choices[i]…` paths) show under their row.
 * Fires `change` whenever the list changes; read {@link ChoicesEditor.choices}.
 */
export class ChoicesEditor extends LitElement {
  static override properties = {
    errors: { attribute: false },
    rows: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: 0.5rem;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.375rem;
      }
      .row {
        display: grid;
        grid-template-columns: 1.5rem minmax(6rem, 1fr) minmax(6rem, 1fr) 6.5rem auto;
        gap: 0.375rem;
        align-items: center;
      }
      .swatch {
        width: 1.25rem;
        height: 1.25rem;
        border-radius: 50%;
        border: 1px solid var(--tr-border-strong);
      }
      .actions {
        display: flex;
        gap: 0.125rem;
      }
      .actions button {
        padding: 0.25rem 0.5rem;
        min-height: 2rem;
      }
      .row-error {
        grid-column: 2 / -1;
      }
      .head {
        font-size: 0.8125rem;
        color: var(--tr-muted);
      }
    `,
  ];

  /** Messages by choice index, from the API. */
  declare errors: Map<number, string>;
  declare rows: ChoiceRow[];
  private source: ReadonlyArray<SelectOption | string> | undefined;

  constructor() {
    super();
    this.errors = new Map();
    this.rows = [];
  }

  /** Starts from existing choices (their values are kept as they are). */
  set initial(choices: ReadonlyArray<SelectOption | string>) {
    // Lit sets this on every render: only a new list replaces what the user is typing.
    if (choices === this.source) return;
    this.source = choices;
    this.rows = choices.map((choice) => {
      const option = typeof choice === 'string' ? { value: choice } : choice;
      return { key: nextKey++, value: option.value, label: option.label ?? '', color: option.color ?? '', auto: false };
    });
  }

  /** The choices as the API takes them: `{value}` plus `label` and `color` when given. */
  get choices(): SelectOption[] {
    return this.rows
      .filter((row) => row.value.trim() || row.label.trim())
      .map((row) => {
        const option: SelectOption = { value: row.value.trim() || snakeCase(row.label, 200) || row.label.trim() };
        if (row.label.trim()) option.label = row.label.trim();
        if (row.color.trim()) option.color = row.color.trim();
        return option;
      });
  }

  private editRow(index: number, patch: Partial<ChoiceRow>): void {
    this.rows = this.rows.map((row, i) => {
      if (i !== index) return row;
      const next = { ...row, ...patch };
      if (patch.value !== undefined) next.auto = false;
      if (patch.label !== undefined && row.auto) next.value = snakeCase(patch.label, 200);
      return next;
    });
    this.changed();
  }

  private async add(after = this.rows.length - 1): Promise<void> {
    const rows = [...this.rows];
    rows.splice(after + 1, 0, { key: nextKey++, value: '', label: '', color: '', auto: true });
    this.rows = rows;
    this.changed();
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLInputElement>('input.choice-label')[after + 1]?.focus();
  }

  private removeRow(index: number): void {
    this.rows = this.rows.filter((_, i) => i !== index);
    this.changed();
  }

  private async move(index: number, by: -1 | 1): Promise<void> {
    const target = index + by;
    if (target < 0 || target >= this.rows.length) return;
    const rows = [...this.rows];
    [rows[index], rows[target]] = [rows[target]!, rows[index]!];
    this.rows = rows;
    this.changed();
    await this.updateComplete;
    // Keep the keyboard on the moved choice's button.
    this.renderRoot.querySelector<HTMLButtonElement>(`[data-move="${target}:${by}"]`)?.focus();
  }

  /** Enter in a label adds the next choice below, so a list can be typed in one go. */
  private onKey(event: KeyboardEvent, index: number): void {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void this.add(index);
  }

  private changed(): void {
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  override render() {
    const count = this.rows.length;
    return html`${
        count
          ? html`<div class="row head" aria-hidden="true"><span></span><span>Label</span><span>Stored value</span><span>Colour</span></div>`
          : html`<p class="hint">No choices yet.</p>`
      }
      <ol>
        ${this.rows.map((row, index) => {
          const n = index + 1;
          const error = this.errors.get(index);
          return html`<li class="row">
            <span class="swatch" style="background:${row.color || 'transparent'}" aria-hidden="true"></span>
            <input
              class="choice-label"
              aria-label="Choice ${n} label"
              .value=${row.label}
              placeholder="e.g. In progress"
              @input=${(e: Event) => this.editRow(index, { label: (e.target as HTMLInputElement).value })}
              @keydown=${(e: KeyboardEvent) => this.onKey(e, index)}
            />
            <input
              aria-label="Choice ${n} value"
              aria-invalid=${error ? 'true' : 'false'}
              .value=${row.value}
              placeholder="in_progress"
              @input=${(e: Event) => this.editRow(index, { value: (e.target as HTMLInputElement).value })}
              @keydown=${(e: KeyboardEvent) => this.onKey(e, index)}
            />
            <input
              aria-label="Choice ${n} colour"
              .value=${row.color}
              placeholder="#2e7d32"
              @input=${(e: Event) => this.editRow(index, { color: (e.target as HTMLInputElement).value })}
            />
            <span class="actions">
              <button
                type="button"
                class="ghost"
                data-move="${index}:-1"
                aria-label="Move choice ${n} up"
                ?disabled=${index === 0}
                @click=${() => void this.move(index, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                class="ghost"
                data-move="${index}:1"
                aria-label="Move choice ${n} down"
                ?disabled=${index === count - 1}
                @click=${() => void this.move(index, 1)}
              >
                ↓
              </button>
              <button type="button" class="ghost" aria-label="Remove choice ${n}" @click=${() => this.removeRow(index)}>✕</button>
            </span>
            ${error ? html`<p class="field-error row-error">${error}</p>` : nothing}
          </li>`;
        })}
      </ol>
      <div><button type="button" @click=${() => void this.add()}>+ Add choice</button></div>`;
  }
}

customElements.define('tr-choices-editor', ChoicesEditor);
