export type { FieldBody } from './field-draft.js';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../../api/client.js';
import type { EntityView, FieldMetadata, SelectOption } from '../../api/types.js';
import { dialogStyles, sharedStyles } from '../../ui/styles.js';
import { renderDefaultInput, takesDefault, type DefaultDraft } from './field-default.js';
import { problemAt, problemsByIndex, unplacedMessages } from '../../ui/form-errors.js';
import { bodyOf, draftFromField, emptyDraft, type FieldBody, type FieldDraft } from './field-draft.js';
import { ALWAYS_INDEXED_TYPES, UNINDEXABLE_TYPES, snakeCase, typeLabel, type FieldTypeInfo } from './schema-text.js';
import { textInput, typeOptions, type OptionsHost } from './field-type-options.js';
import type { ChoicesEditor } from './choices-editor.js';
import './type-picker.js';

/** Paths whose messages the form shows beside an input; anything else goes to the box on top. */
const PLACED = ['name', 'label', 'type', 'required', 'unique', 'indexed', 'default', 'personal', 'sensitive', 'options'];

/**
 * The add / edit form of one field, shared by entity fields and relation type attributes
 * (`forRelation` leaves out unique, indexed and the privacy flags). It builds the body and hands
 * it to `onSave`; when that throws an {@link ApiError}, each message shows beside its input
 * (`name`, `options.choices[1].value`, …) and the rest above the form.
 */
export class FieldForm extends LitElement {
  static override properties = {
    field: { attribute: false },
    forRelation: { type: Boolean },
    entities: { attribute: false },
    customTypes: { attribute: false },
    submitLabel: {},
    onSave: { attribute: false },
    draft: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      .options {
        display: grid;
        gap: 0.75rem;
        padding: 0.75rem;
        border-radius: var(--tr-radius);
        background: var(--tr-surface-sunken);
      }
      .options:empty {
        display: none;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.25rem;
      }
      legend {
        font-weight: 550;
        padding: 0;
        margin-bottom: 0.375rem;
      }
      label.check {
        font-weight: 400;
        display: inline-flex;
        gap: 0.375rem;
      }
      code {
        font-size: 0.875rem;
      }
    `,
  ];

  /** The field to edit; absent when adding one. */
  declare field: FieldMetadata | undefined;
  declare forRelation: boolean;
  /** Entities a lookup may point to. */
  declare entities: EntityView[];
  /** Field types plugins contribute. */
  declare customTypes: FieldTypeInfo[];
  declare submitLabel: string;
  declare onSave: (body: FieldBody) => Promise<void>;
  declare draft: FieldDraft;
  declare error: ApiError | Error | null;
  declare busy: boolean;

  constructor() {
    super();
    this.field = undefined;
    this.forRelation = false;
    this.entities = [];
    this.customTypes = [];
    this.submitLabel = 'Add field';
    this.onSave = () => Promise.resolve();
    this.draft = emptyDraft();
    this.error = null;
    this.busy = false;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('field')) {
      this.draft = this.field ? draftFromField(this.field) : emptyDraft();
      this.error = null;
    }
  }

  /** Empties the form for the next field. */
  reset(): void {
    this.draft = emptyDraft();
    this.error = null;
    const choices = this.renderRoot.querySelector<ChoicesEditor>('tr-choices-editor');
    if (choices) choices.initial = [];
  }

  private set(patch: Partial<FieldDraft>): void {
    const next = { ...this.draft, ...patch };
    if (patch.label !== undefined && !this.draft.nameEdited && !this.field) next.name = snakeCase(patch.label);
    if (patch.name !== undefined) next.nameEdited = true;
    if (patch.type !== undefined && patch.type !== this.draft.type) next.defaultDraft = patch.type === 'multi_select' ? [] : '';
    this.draft = next;
  }

  private problem(path: string): string | undefined {
    if (path === 'name' && this.error instanceof ApiError && this.error.code === 'TRELLIS_FIELD_EXISTS') return this.error.message;
    return problemAt(this.error, path);
  }

  /** Messages no input shows. */
  private unplaced(): string[] {
    if (this.error instanceof ApiError && this.error.code === 'TRELLIS_FIELD_EXISTS') return [];
    if (this.error && !(this.error instanceof ApiError) && this.error.message.startsWith('default:')) return [];
    return unplacedMessages(this.error, PLACED);
  }

  private choiceErrors(): Map<number, string> {
    return problemsByIndex(this.error, 'options.choices');
  }

  private body(): FieldBody {
    return bodyOf(this.draft, this.field, this.forRelation, this.choices());
  }

  private choices(): SelectOption[] {
    return this.renderRoot.querySelector<ChoicesEditor>('tr-choices-editor')?.choices ?? [];
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.error = null;
    let body: FieldBody;
    try {
      body = this.body();
    } catch (error) {
      this.error = error as Error;
      return;
    }
    this.busy = true;
    try {
      await this.onSave(body);
    } catch (error) {
      this.error = error instanceof Error ? error : new Error(String(error));
    } finally {
      this.busy = false;
    }
  }

  private cancel(): void {
    this.dispatchEvent(new Event('cancel', { bubbles: true, composed: true }));
  }

  private optionsHost(): OptionsHost {
    return {
      draft: this.draft,
      field: this.field,
      entities: this.entities,
      problem: (path) => this.problem(path),
      set: (patch) => this.set(patch),
      choiceErrors: () => this.choiceErrors(),
      changed: () => this.requestUpdate(),
    };
  }

  private renderFlags(): TemplateResult {
    const d = this.draft;
    const indexable = !UNINDEXABLE_TYPES.has(d.type);
    const check = (key: 'required' | 'unique' | 'indexed' | 'personal' | 'sensitive', label: string, disabled = false, title = '') =>
      html`<label class="check" title=${title}
        ><input
          type="checkbox"
          .checked=${d[key]}
          ?disabled=${disabled}
          @change=${(e: Event) => this.set({ [key]: (e.target as HTMLInputElement).checked })}
        />
        ${label}</label
      >`;
    const errors = ['required', 'unique', 'indexed', 'personal', 'sensitive'].map((path) => this.problem(path)).filter(Boolean);
    return html`<fieldset>
      <legend>Rules</legend>
      ${check('required', 'Required')}
      ${
        this.forRelation
          ? nothing
          : html` ${indexable ? check('unique', 'Unique') : nothing}
            ${indexable ? check('indexed', 'Indexed (fast filters and sorts)', ALWAYS_INDEXED_TYPES.has(d.type) || d.unique, ALWAYS_INDEXED_TYPES.has(d.type) ? 'Always indexed' : '') : nothing}
            ${check('personal', 'Personal data')} ${check('sensitive', 'Sensitive (hidden in the audit log)')}`
      }
      ${errors.map((message) => html`<p class="field-error" style="flex-basis:100%">${message}</p>`)}
    </fieldset>`;
  }

  override render() {
    const d = this.draft;
    const unplaced = this.unplaced();
    const defaultError =
      this.problem('default') ??
      (this.error && !(this.error instanceof ApiError) && this.error.message.startsWith('default:')
        ? this.error.message.slice(9)
        : undefined);
    return html`<form novalidate @submit=${(e: Event) => void this.submit(e)}>
      ${unplaced.length ? html`<div class="error-box" role="alert">${unplaced.map((message) => html`<div>${message}</div>`)}</div>` : nothing}
      <div class="pair">
        ${textInput(this.optionsHost(), 'field-label', 'Label', d.label, 'label', 'label', { placeholder: 'e.g. Start date' })}
        ${
          this.field
            ? html`<div class="field">
                <span style="font-weight:550">Name</span><code>${this.field.name}</code><span class="hint">Names cannot change.</span>
              </div>`
            : textInput(this.optionsHost(), 'field-name', 'Name', d.name, 'name', 'name', {
                max: 32,
                hint: 'Lower snake case; used in the API and filters.',
              })
        }
      </div>
      ${
        this.field
          ? html`<p class="muted" style="margin:0">Type: <strong>${typeLabel(d.type)}</strong> (a type cannot change)</p>`
          : html`<tr-type-picker
                .value=${d.type}
                .extra=${this.customTypes}
                @change=${(e: Event) => this.set({ type: (e.target as HTMLInputElement).value })}
              ></tr-type-picker>
              ${this.problem('type') ? html`<p class="field-error">${this.problem('type')}</p>` : nothing}`
      }
      ${typeOptions(this.optionsHost())} ${this.renderFlags()}
      ${
        takesDefault(d.type) && !d.unique
          ? renderDefaultInput(d.defaultDraft, {
              type: d.type,
              choices: d.type === 'select' || d.type === 'multi_select' ? this.choices() : [],
              defaultCurrency: d.defaultCurrency,
              error: defaultError,
              onChange: (draft: DefaultDraft) => this.set({ defaultDraft: draft }),
            })
          : nothing
      }
      <div class="footer">
        <button type="button" @click=${() => this.cancel()}>Cancel</button>
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Saving…' : this.submitLabel}</button>
      </div>
    </form>`;
  }
}

customElements.define('tr-field-form', FieldForm);

declare global {
  interface HTMLElementTagNameMap {
    'tr-field-form': FieldForm;
  }
}
