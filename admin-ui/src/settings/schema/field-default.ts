import { html, nothing, type TemplateResult } from 'lit';
import type { SelectOption } from '../../api/types.js';

/** The default value as the form holds it: text for one input, a list for multi-selects. */
export type DefaultDraft = string | string[];

/** What the default input needs besides the draft. */
export interface DefaultContext {
  type: string;
  choices: SelectOption[];
  defaultCurrency: string;
  error?: string;
  onChange(draft: DefaultDraft): void;
}

/** Types that take no default at all. */
const NO_DEFAULT = new Set(['lookup']);

/** Whether the form offers a default for this type. */
export function takesDefault(type: string): boolean {
  return !NO_DEFAULT.has(type);
}

/** A scalar as text; anything else as JSON. */
function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A stored default as the form's draft. */
export function draftOf(type: string, value: unknown): DefaultDraft {
  if (value === null || value === undefined) return type === 'multi_select' ? [] : '';
  switch (type) {
    case 'multi_select':
      return Array.isArray(value) ? value.map(String) : [];
    case 'boolean':
      return value ? 'true' : 'false';
    case 'currency':
      return typeof value === 'object' && value && 'amount' in value ? String((value as { amount: number }).amount) : '';
    case 'phone':
      return typeof value === 'object' && value && 'number' in value ? String((value as { number: string }).number) : scalar(value);
    case 'datetime': {
      // datetime-local shows local time without an offset.
      const date = new Date(scalar(value));
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
    }
    case 'json':
      return JSON.stringify(value, null, 2);
    default:
      return scalar(value);
  }
}

/**
 * The draft as the JSON value the API takes; `null` for "no default". Throws an Error with a
 * message for the default's input when the draft cannot be read (invalid JSON).
 */
export function parseDraft(type: string, draft: DefaultDraft, defaultCurrency: string): unknown {
  if (Array.isArray(draft)) return draft.length ? draft : null;
  const text = draft.trim();
  if (!text) return null;
  switch (type) {
    case 'integer':
    case 'decimal':
    case 'percent':
      return Number.isNaN(Number(text)) ? text : Number(text);
    case 'currency':
      return { amount: Number.isNaN(Number(text)) ? text : Number(text), currency: defaultCurrency.trim().toUpperCase() || undefined };
    case 'boolean':
      return text === 'true';
    case 'datetime':
      return new Date(text).toISOString();
    case 'json':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new Error('is not valid JSON');
      }
    default:
      if (type.includes('.')) {
        // A plugin's type: numbers and objects as JSON, anything else as text.
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return text;
        }
      }
      return text;
  }
}

/** The input for a field's default value, shaped after its type. */
export function renderDefaultInput(draft: DefaultDraft, ctx: DefaultContext): TemplateResult {
  const invalid = ctx.error ? 'true' : 'false';
  const text = Array.isArray(draft) ? '' : draft;
  const onInput = (event: Event) => ctx.onChange((event.target as HTMLInputElement).value);
  let input: TemplateResult;
  switch (ctx.type) {
    case 'boolean':
      input = html`<select id="field-default" aria-invalid=${invalid} .value=${text} @change=${onInput}>
        <option value="">No default</option>
        <option value="true" ?selected=${text === 'true'}>Yes</option>
        <option value="false" ?selected=${text === 'false'}>No</option>
      </select>`;
      break;
    case 'select':
      input = html`<select id="field-default" aria-invalid=${invalid} @change=${onInput}>
        <option value="">No default</option>
        ${ctx.choices.map((choice) => html`<option value=${choice.value} ?selected=${text === choice.value}>${choice.label ?? choice.value}</option>`)}
      </select>`;
      break;
    case 'multi_select': {
      const chosen = Array.isArray(draft) ? draft : [];
      return html`<fieldset class="defaults">
        <legend>Default value</legend>
        ${ctx.choices.length ? nothing : html`<span class="hint">Add choices first.</span>`}
        ${ctx.choices.map(
          (choice) =>
            html`<label class="check"
              ><input
                type="checkbox"
                .checked=${chosen.includes(choice.value)}
                @change=${(event: Event) =>
                  ctx.onChange(
                    (event.target as HTMLInputElement).checked
                      ? [...chosen, choice.value]
                      : chosen.filter((value) => value !== choice.value),
                  )}
              />
              ${choice.label ?? choice.value}</label
            >`,
        )}
        ${ctx.error ? html`<p class="field-error">${ctx.error}</p>` : nothing}
      </fieldset>`;
    }
    case 'json':
      input = html`<textarea
        id="field-default"
        aria-invalid=${invalid}
        .value=${text}
        @input=${onInput}
        placeholder='{"key": "value"}'
      ></textarea>`;
      break;
    case 'long_text':
      input = html`<textarea id="field-default" aria-invalid=${invalid} .value=${text} @input=${onInput}></textarea>`;
      break;
    default: {
      const kinds: Record<string, string> = {
        integer: 'number',
        decimal: 'number',
        percent: 'number',
        currency: 'number',
        date: 'date',
        datetime: 'datetime-local',
        email: 'email',
        url: 'url',
        phone: 'tel',
      };
      input = html`<input
        id="field-default"
        type=${kinds[ctx.type] ?? 'text'}
        step=${ctx.type === 'integer' ? '1' : 'any'}
        aria-invalid=${invalid}
        .value=${text}
        @input=${onInput}
      />`;
    }
  }
  return html`<div class="field">
    <label for="field-default">Default value</label>
    ${input} ${ctx.type === 'currency' ? html`<span class="hint">In the default currency.</span>` : nothing}
    ${ctx.error ? html`<p class="field-error">${ctx.error}</p>` : html`<span class="hint">Used when a record is created without a value; leave empty for none.</span>`}
  </div>`;
}
