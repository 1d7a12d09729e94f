import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { FieldMetadata } from '../api/types.js';
import { choicesOf } from './field-display.js';
import { textFrom } from './input-values.js';

/** What a control of `tr-field-input` needs from it. */
export interface ControlContext {
  field: FieldMetadata;
  value: unknown;
  id: string;
  invalid: 'true' | 'false';
  describedBy: string | undefined;
  disabled: boolean;
  emit: (value: unknown) => void;
}

/** A checkbox for a required boolean, else a Yes / No / — select (so "no value" stays possible). */
export function booleanControl(c: ControlContext, label: TemplateResult): TemplateResult {
  if (c.field.required) {
    return html`<label class="check" for=${c.id}>
      <input
        id=${c.id}
        type="checkbox"
        .checked=${live(c.value === true)}
        ?disabled=${c.disabled}
        aria-invalid=${c.invalid}
        aria-describedby=${ifDefined(c.describedBy)}
        @change=${(event: Event) => c.emit((event.target as HTMLInputElement).checked)}
      />
      ${label}
    </label>`;
  }
  const current = c.value === true ? 'true' : c.value === false ? 'false' : '';
  return html`<select
    id=${c.id}
    .value=${live(current)}
    ?disabled=${c.disabled}
    aria-invalid=${c.invalid}
    aria-describedby=${ifDefined(c.describedBy)}
    @change=${(event: Event) => {
      const text = (event.target as HTMLSelectElement).value;
      c.emit(text === '' ? null : text === 'true');
    }}
  >
    <option value="" ?selected=${current === ''}>—</option>
    <option value="true" ?selected=${current === 'true'}>Yes</option>
    <option value="false" ?selected=${current === 'false'}>No</option>
  </select>`;
}

/** A select of the field's choices (their labels), with an empty option when the field is not required. */
export function selectControl(c: ControlContext): TemplateResult {
  const current = typeof c.value === 'string' ? c.value : '';
  const choices = choicesOf(c.field);
  const known = choices.some((choice) => choice.value === current);
  return html`<select
    id=${c.id}
    ?disabled=${c.disabled}
    ?required=${c.field.required}
    aria-invalid=${c.invalid}
    aria-describedby=${ifDefined(c.describedBy)}
    @change=${(event: Event) => c.emit(textFrom((event.target as HTMLSelectElement).value))}
  >
    ${!c.field.required || !current ? html`<option value="" ?selected=${!current}>${c.field.required ? 'Choose…' : '—'}</option>` : nothing}
    ${current && !known ? html`<option value=${current} selected>${current}</option>` : nothing}
    ${choices.map((choice) => html`<option value=${choice.value} ?selected=${choice.value === current}>${choice.label ?? choice.value}</option>`)}
  </select>`;
}

/** One checkbox per choice, in a group named by the field's label (`#label`). */
export function multiSelectControl(c: ControlContext): TemplateResult {
  const current = Array.isArray(c.value) ? (c.value as string[]) : [];
  const toggle = (value: string, on: boolean) =>
    c.emit(on ? [...current.filter((item) => item !== value), value] : current.filter((item) => item !== value));
  return html`<div
    class="choices"
    role="group"
    aria-labelledby="label"
    aria-invalid=${c.invalid}
    aria-describedby=${ifDefined(c.describedBy)}
  >
    ${choicesOf(c.field).map(
      (choice, index) =>
        html`<label class="check">
          <input
            type="checkbox"
            id=${index === 0 ? c.id : `${c.id}-${index}`}
            .checked=${live(current.includes(choice.value))}
            ?disabled=${c.disabled}
            @change=${(event: Event) => toggle(choice.value, (event.target as HTMLInputElement).checked)}
          />
          ${choice.label ?? choice.value}
        </label>`,
    )}
  </div>`;
}

/** A JSON textarea (or, for a plugin's type holding a non-text value, its JSON in one line). */
