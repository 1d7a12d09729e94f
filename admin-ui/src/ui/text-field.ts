import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** A labelled one-line input of a form, with its hint and the API's problem with it. */
export interface TextField {
  /** The input's `id` and `name` (what the form data and `ApiError.forField` call it). */
  name: string;
  label: string;
  type?: string;
  value?: string;
  placeholder?: string;
  autocomplete?: string;
  hint?: string;
  /** The message shown under the input; the input is then marked invalid. */
  problem?: string;
}

/** A `.field` block: label, input, hint and problem, tied together for screen readers. */
export function textField({ name, label, type = 'text', value = '', placeholder, autocomplete, hint, problem }: TextField): TemplateResult {
  const described = [hint ? `${name}-hint` : '', problem ? `${name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${name}>${label}</label>
    <input
      id=${name}
      name=${name}
      type=${type}
      .value=${value}
      placeholder=${ifDefined(placeholder)}
      autocomplete=${ifDefined(autocomplete)}
      aria-invalid=${problem ? 'true' : 'false'}
      aria-describedby=${described || nothing}
    />
    ${hint ? html`<span class="hint" id=${`${name}-hint`}>${hint}</span>` : nothing}
    ${problem ? html`<p class="field-error" id=${`${name}-error`}>${problem}</p>` : nothing}
  </div>`;
}
