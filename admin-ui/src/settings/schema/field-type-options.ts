import { html, nothing, type TemplateResult } from 'lit';
import type { EntityView, FieldMetadata } from '../../api/types.js';
import type { FieldDraft } from './field-draft.js';
import { NUMERIC_TYPES } from './schema-text.js';
import './choices-editor.js';

const NO_CHOICES: readonly string[] = [];

/** What the type options need from the field form. */
export interface OptionsHost {
  draft: FieldDraft;
  field: FieldMetadata | undefined;
  entities: EntityView[];
  problem(path: string): string | undefined;
  set(patch: Partial<FieldDraft>): void;
  choiceErrors(): Map<number, string>;
  changed(): void;
}

export function textInput(
  host: OptionsHost,
  id: string,
  label: string,
  value: string,
  key: keyof FieldDraft,
  path: string,
  extra: Partial<{ type: string; hint: string; placeholder: string; max: number }> = {},
): TemplateResult {
  const error = host.problem(path);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      type=${extra.type ?? 'text'}
      step="any"
      maxlength=${extra.max ?? 200}
      placeholder=${extra.placeholder ?? ''}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby="${id}-msg"
      .value=${value}
      @input=${(e: Event) => host.set({ [key]: (e.target as HTMLInputElement).value })}
    />
    <span id="${id}-msg" class=${error ? 'field-error' : 'hint'}>${error ?? extra.hint ?? ''}</span>
  </div>`;
}

/** The settings of the draft's type: choices, lookup target, lengths, bounds, currency, country. */
export function typeOptions(host: OptionsHost): TemplateResult | typeof nothing {
  const d = host.draft;
  const parts: TemplateResult[] = [];
  if (d.type === 'select' || d.type === 'multi_select') {
    const error = host.problem('options.choices');
    parts.push(
      html`<div class="field">
        <span id="choices-title" style="font-weight:550">Choices</span>
        <tr-choices-editor
          aria-labelledby="choices-title"
          .initial=${host.field?.options.choices ?? NO_CHOICES}
          .errors=${host.choiceErrors()}
          @change=${() => host.changed()}
        ></tr-choices-editor>
        ${error && !host.choiceErrors().size ? html`<p class="field-error">${error}</p>` : nothing}
      </div>`,
    );
  }
  if (d.type === 'lookup') {
    const error = host.problem('options.target');
    parts.push(
      html`<div class="field">
        <label for="field-target">Points to</label>
        <select
          id="field-target"
          ?disabled=${Boolean(host.field)}
          aria-invalid=${error ? 'true' : 'false'}
          @change=${(e: Event) => host.set({ target: (e.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${!d.target}>Choose an entity…</option>
          ${host.entities.map((entity) => html`<option value=${entity.name} ?selected=${d.target === entity.name}>${entity.label}</option>`)}
        </select>
        <span class=${error ? 'field-error' : 'hint'}
          >${error ?? (host.field ? 'The target of a link cannot change.' : 'Each record links to one record of this entity.')}</span
        >
      </div>`,
    );
  }
  if (d.type === 'text')
    parts.push(
      textInput(host, 'field-max-length', 'Maximum length', d.maxLength, 'maxLength', 'options.maxLength', {
        type: 'number',
        hint: 'Characters; 1,000 when empty.',
      }),
    );
  if (NUMERIC_TYPES.has(d.type))
    parts.push(
      html`<div class="pair">
        ${textInput(host, 'field-min', 'Minimum', d.min, 'min', 'options.min', { type: 'number' })}
        ${textInput(host, 'field-max', 'Maximum', d.max, 'max', 'options.max', { type: 'number' })}
      </div>`,
    );
  if (d.type === 'currency')
    parts.push(
      textInput(host, 'field-currency', 'Default currency', d.defaultCurrency, 'defaultCurrency', 'options.defaultCurrency', {
        placeholder: 'EUR',
        max: 3,
        hint: 'ISO 4217 code used when a value gives none.',
      }),
    );
  if (d.type === 'phone')
    parts.push(
      textInput(host, 'field-country', 'Default country', d.defaultCountry, 'defaultCountry', 'options.defaultCountry', {
        placeholder: 'FR',
        max: 2,
        hint: 'Numbers written without +code are read as this country’s.',
      }),
    );
  return parts.length ? html`<div class="options">${parts}</div>` : nothing;
}
