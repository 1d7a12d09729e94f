import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { FieldMetadata } from '../api/types.js';
import { emitChange } from '../ui/change-events.js';
import { booleanControl, multiSelectControl, selectControl, type ControlContext } from './choice-controls.js';
import { fieldInputStyles } from './field-input-styles.js';
import {
  CURRENCY_CODES,
  fromLocalDateTime,
  jsonText,
  moneyOf,
  moneyValue,
  numberFrom,
  phoneText,
  textFrom,
  toLocalDateTime,
  type Money,
} from './input-values.js';
import type { LookupPicker } from './lookup-picker.js';
import './lookup-picker.js';

/**
 * One labelled input for one field, by field type, with its validation message below it.
 * Values go in as the API returns them and come out as the API accepts them.
 *
 * @fires value-changed - `detail: { value }` (bubbles, composed) with the value in the API's request format.
 */
export class FieldInput extends LitElement {
  static override properties = {
    field: { attribute: false },
    value: { attribute: false },
    error: { attribute: false },
    disabled: { type: Boolean },
    compact: { type: Boolean },
    draft: { state: true },
    parseError: { state: true },
  };

  static override styles = fieldInputStyles;

  /** The field edited. */
  declare field: FieldMetadata;
  /** The value, as the API returns it. */
  declare value: unknown;
  /** The API's message for this field, shown below the input. */
  declare error: string | undefined;
  declare disabled: boolean;
  /** Keeps the label for assistive technology only (inline editing, where the label is already beside it). */
  declare compact: boolean;
  /** Text of a JSON or custom input being typed. */
  declare draft: string | null;
  declare parseError: string | null;

  private money: Money | null = null;
  /** The last value this input sent: when it comes back as `value`, what is being typed stays. */
  private emitted: unknown = undefined;

  constructor() {
    super();
    this.value = null;
    this.error = undefined;
    this.disabled = false;
    this.compact = false;
    this.draft = null;
    this.parseError = null;
  }

  /** False while a JSON input holds text that does not parse (its value is not sent). */
  get valid(): boolean {
    return this.parseError === null;
  }

  override focus(): void {
    void this.updateComplete.then(() => {
      const target = this.renderRoot.querySelector<HTMLElement>('input, select, textarea');
      target?.focus();
    });
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('field') || (changed.has('value') && this.value !== this.emitted)) {
      this.money = null;
      this.draft = null;
      this.parseError = null;
    }
  }

  private emit(value: unknown): void {
    this.emitted = value;
    this.value = value;
    emitChange(this, 'value-changed', { value });
  }

  private get context(): ControlContext {
    return {
      field: this.field,
      value: this.value,
      id: this.inputId,
      invalid: this.invalid,
      describedBy: this.describedBy,
      disabled: this.disabled,
      emit: (value) => this.emit(value),
    };
  }

  private get inputId(): string {
    return `input-${this.field.name}`;
  }

  private get describedBy(): string | undefined {
    return this.error || this.parseError ? 'message' : undefined;
  }

  private get invalid(): 'true' | 'false' {
    return this.error || this.parseError ? 'true' : 'false';
  }

  override render() {
    if (!this.field) return nothing;
    const group = this.field.type === 'multi_select';
    const lone = this.field.type === 'boolean' && this.field.required;
    // The marker stays outside the label, so the control's name is the field's label alone.
    const name = html`<span class="label">${this.field.label}</span>`;
    const marker = this.field.required ? html`<span class="required" aria-hidden="true">*</span>` : nothing;
    const message = this.error ?? this.parseError;
    // Compact (in a table row): the label stays for screen readers only.
    const labelClass = this.compact ? 'label-wrap visually-hidden' : 'label-wrap';
    return html`<div class="field ${this.compact ? 'compact' : ''}">
      ${
        lone
          ? nothing
          : group
            ? html`<span class=${labelClass}><span id="label">${name}</span>${marker}</span>`
            : html`<span class=${labelClass}><label for=${this.inputId}>${name}</label>${marker}</span>`
      }
      ${lone ? html`<div class="row">${this.control(name)}${marker}</div>` : this.control(name)}
      ${message ? html`<p class="field-error" id="message">${message}</p>` : nothing}
    </div>`;
  }

  /** The input(s) for the field's type. */
  private control(label: TemplateResult): TemplateResult {
    const field = this.field;
    switch (field.type) {
      case 'text':
      case 'email':
      case 'url':
        return this.textInput(field.type === 'text' ? 'text' : field.type, typeof this.value === 'string' ? this.value : '');
      case 'phone':
        return this.textInput('tel', phoneText(this.value));
      case 'long_text':
        return html`<textarea
          id=${this.inputId}
          rows="4"
          .value=${live(typeof this.value === 'string' ? this.value : '')}
          ?disabled=${this.disabled}
          ?required=${field.required}
          aria-invalid=${this.invalid}
          aria-describedby=${ifDefined(this.describedBy)}
          @input=${(event: Event) => this.emit(textFrom((event.target as HTMLTextAreaElement).value))}
        ></textarea>`;
      case 'integer':
      case 'decimal':
        return this.numberInput(field.type === 'integer' ? '1' : 'any');
      case 'percent':
        return html`<div class="row">${this.numberInput('any')}<span class="suffix" aria-hidden="true">%</span></div>`;
      case 'currency':
        return this.currencyInput();
      case 'boolean':
        return booleanControl(this.context, label);
      case 'date':
        return this.textInput('date', typeof this.value === 'string' ? this.value.slice(0, 10) : '');
      case 'datetime':
        return html`<input
          id=${this.inputId}
          type="datetime-local"
          .value=${live(toLocalDateTime(this.value))}
          ?disabled=${this.disabled}
          ?required=${field.required}
          aria-invalid=${this.invalid}
          aria-describedby=${ifDefined(this.describedBy)}
          @input=${(event: Event) => this.emit(fromLocalDateTime((event.target as HTMLInputElement).value))}
        />`;
      case 'select':
        return selectControl(this.context);
      case 'multi_select':
        return multiSelectControl(this.context);
      case 'lookup':
        return html`<tr-lookup-picker
          .entity=${field.options.target ?? ''}
          .value=${this.value ?? null}
          .inputId=${this.inputId}
          .describedBy=${this.describedBy}
          .invalid=${this.invalid === 'true'}
          ?disabled=${this.disabled}
          @record-picked=${(event: CustomEvent<{ id: string | null }>) => this.emit(event.detail.id)}
        ></tr-lookup-picker>`;
      case 'json':
        return this.jsonInput(true);
      default:
        // A plugin's type: its values are text, numbers, booleans or JSON (its base); a string edits as text.
        return typeof this.value === 'string' || this.value === null || this.value === undefined
          ? this.textInput('text', typeof this.value === 'string' ? this.value : '')
          : this.jsonInput(false);
    }
  }

  private textInput(type: string, value: string): TemplateResult {
    return html`<input
      id=${this.inputId}
      type=${type}
      .value=${live(value)}
      ?disabled=${this.disabled}
      ?required=${this.field.required}
      maxlength=${ifDefined(this.field.options.maxLength)}
      aria-invalid=${this.invalid}
      aria-describedby=${ifDefined(this.describedBy)}
      @input=${(event: Event) => this.emit(textFrom((event.target as HTMLInputElement).value))}
    />`;
  }

  private numberInput(step: string): TemplateResult {
    const value = typeof this.value === 'number' || typeof this.value === 'string' ? String(this.value) : '';
    return html`<input
      id=${this.inputId}
      type="number"
      inputmode=${step === '1' ? 'numeric' : 'decimal'}
      step=${step}
      min=${ifDefined(this.field.options.min)}
      max=${ifDefined(this.field.options.max)}
      .value=${live(value)}
      ?disabled=${this.disabled}
      ?required=${this.field.required}
      aria-invalid=${this.invalid}
      aria-describedby=${ifDefined(this.describedBy)}
      @input=${(event: Event) => this.emit(numberFrom((event.target as HTMLInputElement).value))}
    />`;
  }

  private currencyInput(): TemplateResult {
    const money = (this.money ??= moneyOf(this.value, this.field.options.defaultCurrency ?? ''));
    const update = (change: Partial<Money>) => {
      this.money = { ...money, ...change };
      this.emit(moneyValue(this.money));
    };
    return html`<div class="row">
      <input
        id=${this.inputId}
        type="number"
        step="any"
        inputmode="decimal"
        .value=${live(money.amount === null ? '' : String(money.amount))}
        ?disabled=${this.disabled}
        ?required=${this.field.required}
        aria-invalid=${this.invalid}
        aria-describedby=${ifDefined(this.describedBy)}
        @input=${(event: Event) => update({ amount: numberFrom((event.target as HTMLInputElement).value) })}
      />
      <input
        class="code"
        type="text"
        list="currency-codes"
        maxlength="3"
        aria-label="${this.field.label} currency"
        placeholder="EUR"
        .value=${live(money.currency)}
        ?disabled=${this.disabled}
        @input=${(event: Event) => update({ currency: (event.target as HTMLInputElement).value })}
      />
      <datalist id="currency-codes">${CURRENCY_CODES.map((code) => html`<option value=${code}></option>`)}</datalist>
    </div>`;
  }

  private jsonInput(multiline: boolean): TemplateResult {
    const text = this.draft ?? jsonText(this.value);
    const onInput = (event: Event) => {
      const typed = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
      this.draft = typed;
      if (!typed.trim()) {
        this.parseError = null;
        this.emit(null);
        return;
      }
      try {
        const parsed: unknown = JSON.parse(typed);
        this.parseError = null;
        this.emit(parsed);
      } catch (error) {
        this.parseError = `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
      }
    };
    return multiline
      ? html`<textarea
          id=${this.inputId}
          class="code-text"
          rows="5"
          spellcheck="false"
          .value=${live(text)}
          ?disabled=${this.disabled}
          aria-invalid=${this.invalid}
          aria-describedby=${ifDefined(this.describedBy)}
          @input=${onInput}
        ></textarea>`
      : html`<input
          id=${this.inputId}
          type="text"
          class="code-text"
          .value=${live(text)}
          ?disabled=${this.disabled}
          aria-invalid=${this.invalid}
          aria-describedby=${ifDefined(this.describedBy)}
          @input=${onInput}
        />`;
  }
}

customElements.define('tr-field-input', FieldInput);

declare global {
  interface HTMLElementTagNameMap {
    'tr-field-input': FieldInput;
    'tr-lookup-picker': LookupPicker;
  }
}
