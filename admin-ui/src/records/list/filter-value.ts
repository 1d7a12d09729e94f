import { LitElement, css, html, nothing } from 'lit';
import type { FieldMetadata } from '../../api/types.js';
import { choicesOf } from '../../fields/field-display.js';
import { store } from '../../state/app-store.js';
import { sharedStyles } from '../../ui/styles.js';
import { emitChange, onNestedChange } from '../../ui/change-events.js';
import { needsValue, type RuleOperator } from './filter-model.js';
import './record-picker.js';

const NUMERIC = new Set(['integer', 'decimal', 'percent', 'currency']);

/** `2026-01-31T09:00:00.000Z` → `2026-01-31T10:00` in the browser's time zone, for a datetime-local input. */
function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function fromLocalInput(text: string): string {
  const date = new Date(text);
  return text && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}

/** Whether the field's values are date-times (including the system timestamps). */
function isDateTime(field: FieldMetadata): boolean {
  return field.type === 'datetime' || field.name === 'created_at' || field.name === 'updated_at';
}

/**
 * The value input of one filter condition, suited to the field's type and the operator: a
 * list of choices, yes/no, a date, a number, a record picker, two inputs for `between`,
 * a multiple choice or a comma-separated list for `in`.
 *
 * @fires value-changed - `detail.value` is the value in the API's form.
 */
export class FilterValue extends LitElement {
  static override properties = {
    field: { attribute: false },
    op: { attribute: false },
    value: { attribute: false },
    label: {},
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        gap: 0.375rem;
        align-items: center;
        min-width: 10rem;
      }
      select[multiple] {
        min-height: 4.5rem;
      }
    `,
  ];

  declare field: FieldMetadata;
  declare op: RuleOperator;
  declare value: unknown;
  declare label: string;

  constructor() {
    super();
    this.label = 'Value';
  }

  private emit(value: unknown): void {
    this.value = value;
    emitChange(this, 'value-changed', { value });
  }

  /** A typed single value from an input's text ('' when it is empty or not a number). */
  private parse(text: string): unknown {
    if (text === '') return '';
    if (NUMERIC.has(this.field.type)) {
      const number = Number(text);
      return Number.isFinite(number) ? number : '';
    }
    if (isDateTime(this.field)) return fromLocalInput(text);
    return text;
  }

  private single(value: unknown, label: string, onChange: (value: unknown) => void) {
    const field = this.field;
    const changed = (event: Event) => onChange(this.parse((event.target as HTMLInputElement | HTMLSelectElement).value));
    if (field.type === 'boolean') {
      return html`<select aria-label=${label} @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value === 'true')}>
        <option value="true" ?selected=${value !== false}>Yes</option>
        <option value="false" ?selected=${value === false}>No</option>
      </select>`;
    }
    if (field.type === 'select' || field.type === 'multi_select') {
      return html`<select aria-label=${label} @change=${changed}>
        <option value="" ?selected=${!value}>Choose…</option>
        ${choicesOf(field).map((choice) => html`<option value=${choice.value} ?selected=${choice.value === value}>${choice.label ?? choice.value}</option>`)}
      </select>`;
    }
    if (field.type === 'lookup') {
      return html`<tr-record-picker
        .entity=${store.entity(field.options.target ?? '')}
        .value=${typeof value === 'string' ? value : null}
        label=${label}
        @value-changed=${onNestedChange<{ value: string | null }>(({ value }) => onChange(value ?? ''))}
      ></tr-record-picker>`;
    }
    const type = NUMERIC.has(field.type) ? 'number' : field.type === 'date' ? 'date' : isDateTime(field) ? 'datetime-local' : 'text';
    const shown =
      type === 'datetime-local' ? toLocalInput(value) : typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    return html`<input type=${type} step=${type === 'number' ? 'any' : nothing} aria-label=${label} .value=${shown} @change=${changed} />`;
  }

  private list() {
    const field = this.field;
    const values = Array.isArray(this.value) ? (this.value as unknown[]) : [];
    if (field.type === 'select' || field.type === 'multi_select') {
      return html`<select
        multiple
        aria-label=${this.label}
        @change=${(event: Event) => this.emit([...(event.target as HTMLSelectElement).selectedOptions].map((option) => option.value))}
      >
        ${choicesOf(field).map((choice) => html`<option value=${choice.value} ?selected=${values.includes(choice.value)}>${choice.label ?? choice.value}</option>`)}
      </select>`;
    }
    return html`<input
      type="text"
      aria-label="${this.label} (separated by commas)"
      placeholder="a, b, c"
      .value=${values.join(', ')}
      @change=${(event: Event) =>
        this.emit(
          (event.target as HTMLInputElement).value
            .split(',')
            .map((part) => this.parse(part.trim()))
            .filter((part) => part !== ''),
        )}
    />`;
  }

  override render() {
    if (!this.field || !needsValue(this.op)) return nothing;
    if (this.op === 'in' || this.op === 'nin') return this.list();
    if (this.op === 'between') {
      const [from, to] = Array.isArray(this.value) ? (this.value as unknown[]) : ['', ''];
      return html`${this.single(from, `${this.label} from`, (value) => this.emit([value, to ?? '']))}
        <span class="muted">and</span>
        ${this.single(to, `${this.label} to`, (value) => this.emit([from ?? '', value]))}`;
    }
    return this.single(this.value, this.label, (value) => this.emit(value));
  }
}

customElements.define('tr-filter-value', FilterValue);

declare global {
  interface HTMLElementTagNameMap {
    'tr-filter-value': FilterValue;
  }
}
