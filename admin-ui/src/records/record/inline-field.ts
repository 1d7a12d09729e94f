import { LitElement, css, html, nothing } from 'lit';
import { ApiError, api, messageOf } from '../../api/client.js';
import type { EntityView, FieldMetadata, One, RecordRow } from '../../api/types.js';
import { renderValue } from '../../fields/field-display.js';
import type { FieldInput } from '../../fields/field-input.js';
import '../../fields/field-input.js';
import { store } from '../../state/app-store.js';
import { sharedStyles } from '../../ui/styles.js';

/** Types shown as links: their value cannot also be the edit button. */
const LINKED = new Set(['lookup', 'url', 'email', 'phone']);

/**
 * One field of a record's page: its label and value and, when the user may change it, an edit
 * button that turns the value into an input. Enter or Save sends a PATCH of that one field,
 * Escape cancels; a refused value keeps the input open with the API's message below it.
 *
 * @fires record-updated - `detail: { record }` (bubbles, composed) with the record the PATCH returned.
 */
export class InlineField extends LitElement {
  static override properties = {
    entity: { attribute: false },
    record: { attribute: false },
    field: { attribute: false },
    editable: { type: Boolean },
    editing: { state: true },
    draft: { state: true },
    error: { state: true },
    saving: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(7rem, 11rem) minmax(0, 1fr);
        gap: 0.75rem;
        align-items: start;
        padding: 0.375rem 0;
      }
      .label {
        color: var(--tr-muted);
        font-size: 0.875rem;
        padding-top: 0.5rem;
        overflow-wrap: anywhere;
      }
      .value {
        min-height: 2.25rem;
        display: flex;
        align-items: center;
        gap: 0.25rem;
        overflow-wrap: anywhere;
        min-width: 0;
      }
      .value > span {
        padding: 0.375rem 0;
      }
      button.edit {
        justify-content: flex-start;
        white-space: normal;
        text-align: left;
        width: 100%;
        border-color: transparent;
        background: transparent;
        padding: 0.375rem 0.5rem;
        margin-left: -0.5rem;
        overflow-wrap: anywhere;
      }
      button.edit:hover {
        border-color: var(--tr-border);
        background: var(--tr-hover);
      }
      button.pencil {
        padding: 0.25rem 0.5rem;
        min-height: 1.75rem;
        border-color: transparent;
        background: transparent;
        color: var(--tr-muted);
      }
      .placeholder {
        color: var(--tr-muted);
      }
      .editor {
        display: grid;
        gap: 0.5rem;
      }
      .editor .toolbar {
        justify-content: flex-start;
      }
      .multiline,
      button.edit.multiline {
        white-space: pre-wrap;
      }
      @media (max-width: 560px) {
        :host {
          grid-template-columns: minmax(0, 1fr);
          gap: 0.125rem;
        }
      }
    `,
  ];

  declare entity: EntityView;
  declare record: RecordRow;
  declare field: FieldMetadata;
  declare editable: boolean;
  declare editing: boolean;
  declare draft: unknown;
  declare error: string | undefined;
  declare saving: boolean;

  constructor() {
    super();
    this.editable = false;
    this.editing = false;
    this.draft = null;
    this.error = undefined;
    this.saving = false;
  }

  private async edit(): Promise<void> {
    this.draft = this.record[this.field.name] ?? null;
    this.error = undefined;
    this.editing = true;
    await this.updateComplete;
    this.renderRoot.querySelector<FieldInput>('tr-field-input')?.focus();
  }

  private async stop(): Promise<void> {
    this.editing = false;
    this.error = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button.edit, button.pencil')?.focus();
  }

  private async save(): Promise<void> {
    const input = this.renderRoot.querySelector<FieldInput>('tr-field-input');
    if (this.saving || (input && !input.valid)) return;
    this.saving = true;
    try {
      const path = `/api/records/${this.entity.name}/${encodeURIComponent(this.record.id)}`;
      const record = (await api.patch<One<RecordRow>>(path, { [this.field.name]: this.draft })).data;
      this.dispatchEvent(new CustomEvent('record-updated', { detail: { record }, bubbles: true, composed: true }));
      await this.stop();
    } catch (error) {
      this.error = error instanceof ApiError ? (error.forField(this.field.name) ?? error.message) : messageOf(error);
      input?.focus();
    } finally {
      this.saving = false;
    }
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void this.stop();
      return;
    }
    const origin = event.composedPath()[0];
    const multiline = origin instanceof HTMLTextAreaElement;
    if (event.key === 'Enter' && !event.defaultPrevented && (!multiline || event.ctrlKey || event.metaKey)) {
      if (origin instanceof HTMLButtonElement) return;
      event.preventDefault();
      void this.save();
    }
  }

  private display() {
    const value = this.record[this.field.name];
    // System fields naming a user: the signed-in user reads "You" rather than an id.
    if (this.field.system && (this.field.name === 'owner_id' || this.field.name === 'created_by') && value === store.user?.id) return 'You';
    const shown = renderValue(this.field, value, store.entities);
    return shown === nothing ? null : shown;
  }

  override render() {
    const label = this.field.label;
    const shown = this.display();
    const multiline = this.field.type === 'long_text';
    if (this.editing) {
      return html`<div class="label" aria-hidden="true">${label}</div>
        <div class="editor" @keydown=${(event: KeyboardEvent) => this.onKeydown(event)}>
          <tr-field-input
            compact
            .field=${this.field}
            .value=${this.draft}
            .error=${this.error}
            ?disabled=${this.saving}
            @value-changed=${(event: CustomEvent<{ value: unknown }>) => (this.draft = event.detail.value)}
          ></tr-field-input>
          <div class="toolbar">
            <button type="button" class="primary" ?disabled=${this.saving} @click=${() => void this.save()}>
              ${this.saving ? 'Saving…' : 'Save'}
            </button>
            <button type="button" class="ghost" @click=${() => void this.stop()}>Cancel</button>
          </div>
        </div>`;
    }
    const content = shown ?? html`<span class="placeholder">${this.editable ? 'Add…' : '—'}</span>`;
    let value;
    if (!this.editable) value = html`<span class=${multiline ? 'multiline' : ''}>${content}</span>`;
    else if (LINKED.has(this.field.type) && shown)
      value = html`<span>${content}</span>
        <button type="button" class="pencil" aria-label="Edit ${label}" title="Edit" @click=${() => void this.edit()}>✎</button>`;
    else
      value = html`<button
        type="button"
        class="edit ${multiline ? 'multiline' : ''}"
        aria-label="Edit ${label}"
        @click=${() => void this.edit()}
      >
        ${content}
      </button>`;
    return html`<div class="label" id="label">${label}</div>
      <div class="value" aria-labelledby="label">${value}</div>`;
  }
}

customElements.define('tr-record-inline-field', InlineField);
