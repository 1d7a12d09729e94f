import { LitElement, html, nothing } from 'lit';
import { api, ApiError } from '../../api/client.js';
import type { One, RelationTypeMetadata } from '../../api/types.js';
import { store } from '../../state/app-store.js';
import { dialogStyles, sharedStyles } from '../../ui/styles.js';
import type { FieldBody } from './field-form.js';
import './field-form.js';
import { problemAt, problemsByIndex, unplacedMessages } from '../../ui/form-errors.js';
import { relationDraft, relationBody, type RelationDraft } from './relation-draft.js';
import { relationStyles } from './relation-styles.js';
import { snakeCase, typeLabel } from './schema-text.js';

const PLACED = ['key', 'label', 'symmetric', 'subjectEntities', 'objectEntities', 'cardinality', 'fields'];

/**
 * Creates or changes a relation type (`POST` / `PATCH /api/meta/relation-types`): the label and
 * key of each direction (or one for a link that reads the same both ways), the entities on each
 * side, how many relations a record may have on each side, and attribute fields (which can be
 * added, not removed). Fires `saved` once the API accepted it.
 */
export class RelationTypeDialog extends LitElement {
  static override properties = {
    existing: { state: true },
    draft: { state: true },
    newFields: { state: true },
    adding: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  static override styles = [sharedStyles, dialogStyles, relationStyles];

  declare existing: RelationTypeMetadata | null;
  declare draft: RelationDraft;
  declare newFields: FieldBody[];
  declare adding: boolean;
  declare error: unknown;
  declare busy: boolean;

  constructor() {
    super();
    this.existing = null;
    this.draft = relationDraft(null);
    this.newFields = [];
    this.adding = false;
    this.error = null;
    this.busy = false;
  }

  /** Opens the dialog for a new type, or to change `type`. */
  async open(type: RelationTypeMetadata | null = null): Promise<void> {
    this.existing = type;
    this.draft = relationDraft(type);
    this.newFields = [];
    this.adding = false;
    this.error = null;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('#rt-label')?.focus();
  }

  private set(patch: Partial<RelationDraft>): void {
    const next = { ...this.draft, ...patch };
    if (!this.existing) {
      if (patch.label !== undefined && !this.draft.keyEdited) next.key = snakeCase(patch.label, 40);
      if (patch.reverseLabel !== undefined && !this.draft.reverseKeyEdited) next.reverseKey = snakeCase(patch.reverseLabel, 40);
      if (patch.key !== undefined) next.keyEdited = true;
      if (patch.reverseKey !== undefined) next.reverseKeyEdited = true;
    }
    this.draft = next;
  }

  private toggle(side: 'subjects' | 'objects', entity: string, on: boolean): void {
    const list = this.draft[side].filter((name) => name !== entity);
    this.set({ [side]: on ? [...list, entity] : list });
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.busy = true;
    this.error = null;
    try {
      const body = relationBody(this.draft, this.existing, this.newFields);
      if (this.existing) await api.patch<One<RelationTypeMetadata>>(`/api/meta/relation-types/${this.existing.key}`, body);
      else await api.post<One<RelationTypeMetadata>>('/api/meta/relation-types', body);
      this.renderRoot.querySelector('dialog')?.close();
      this.dispatchEvent(new Event('saved'));
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private problem(path: string): string | undefined {
    if (path === 'key' && this.error instanceof ApiError && this.error.code === 'TRELLIS_RELATION_TYPE_EXISTS') return this.error.message;
    return problemAt(this.error, path);
  }

  private text(id: string, label: string, key: keyof RelationDraft, path: string, hint: string, disabled = false) {
    const error = this.problem(path);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        maxlength=${key.toLowerCase().includes('key') ? 40 : 200}
        ?disabled=${disabled}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${id}-msg"
        .value=${String(this.draft[key])}
        @input=${(e: Event) => this.set({ [key]: (e.target as HTMLInputElement).value })}
      />
      <span id="${id}-msg" class=${error ? 'field-error' : 'hint'}>${error ?? hint}</span>
    </div>`;
  }

  private entityChoices(side: 'subjects' | 'objects', legend: string, path: string) {
    const error = this.problem(path);
    return html`<fieldset class="entities">
      <legend>${legend}</legend>
      <div class="checks">
        ${store.entities.map(
          (entity) =>
            html`<label class="check"
              ><input
                type="checkbox"
                .checked=${this.draft[side].includes(entity.name)}
                @change=${(e: Event) => this.toggle(side, entity.name, (e.target as HTMLInputElement).checked)}
              />
              ${entity.label}</label
            >`,
        )}
      </div>
      <span class=${error ? 'field-error' : 'hint'}>${error ?? 'None checked: records of any entity.'}</span>
    </fieldset>`;
  }

  private cardinality(side: 'cardSubject' | 'cardObject', label: string, path: string) {
    const error = this.problem(path);
    const id = `rt-${side}`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} @change=${(e: Event) => this.set({ [side]: (e.target as HTMLSelectElement).value as 'one' | 'many' })}>
        <option value="many" ?selected=${this.draft[side] === 'many'}>Many relations</option>
        <option value="one" ?selected=${this.draft[side] === 'one'}>At most one</option>
      </select>
      ${error ? html`<span class="field-error">${error}</span>` : nothing}
    </div>`;
  }

  private renderAttributes() {
    const errors = problemsByIndex(this.error, 'fields');
    const existing = this.existing?.fields ?? [];
    return html`<section class="attributes" aria-labelledby="rt-attributes">
      <h3 id="rt-attributes">Attributes</h3>
      <p class="hint">
        Values each relation carries, such as a role or a start date.${this.existing ? ' Attributes can be added, not removed.' : ''}
      </p>
      <ul>
        ${existing.map(
          (field) =>
            html`<li>
              <span>${field.label} <code>${field.name}</code></span
              ><span class="badge">${typeLabel(field.type)}</span>
            </li>`,
        )}
        ${this.newFields.map(
          (field, index) =>
            html`<li>
              <span>${String(field.label ?? field.name)} <code>${String(field.name)}</code></span>
              <span class="badge">${typeLabel(String(field.type))}</span>
              <button
                type="button"
                class="ghost"
                aria-label="Remove attribute ${String(field.name)}"
                @click=${() => (this.newFields = this.newFields.filter((_, i) => i !== index))}
              >
                Remove
              </button>
              ${errors.get(index) ? html`<p class="field-error" style="flex-basis:100%">${errors.get(index)}</p>` : nothing}
            </li>`,
        )}
      </ul>
      ${
        this.adding
          ? html`<div class="attribute-form">
              <tr-field-form
                forRelation
                submitLabel="Add attribute"
                .entities=${store.entities}
                .onSave=${(body: FieldBody) => {
                  this.newFields = [...this.newFields, body];
                  this.adding = false;
                  return Promise.resolve();
                }}
                @cancel=${() => (this.adding = false)}
              ></tr-field-form>
            </div>`
          : html`<button type="button" @click=${() => (this.adding = true)}>+ Add attribute</button>`
      }
    </section>`;
  }

  override render() {
    const d = this.draft;
    const editing = Boolean(this.existing);
    const unplaced =
      this.error instanceof ApiError && this.error.code === 'TRELLIS_RELATION_TYPE_EXISTS' ? [] : unplacedMessages(this.error, PLACED);
    return html`<dialog aria-labelledby="rt-title" @close=${() => (this.adding = false)}>
      <form novalidate @submit=${(e: Event) => void this.submit(e)}>
        <h2 id="rt-title">${editing ? 'Edit relation type' : 'New relation type'}</h2>
        ${unplaced.length ? html`<div class="error-box" role="alert">${unplaced.map((m) => html`<div>${m}</div>`)}</div>` : nothing}
        <label class="check">
          <input
            type="checkbox"
            .checked=${d.self}
            ?disabled=${editing}
            @change=${(e: Event) => this.set({ self: (e.target as HTMLInputElement).checked })}
          />
          Reads the same both ways (e.g. “is married to”)
        </label>
        <div class="pair">
          ${this.text('rt-label', d.self ? 'Label' : 'Label, subject to object', 'label', 'label', 'e.g. “works on”')}
          ${this.text('rt-key', 'Key', 'key', 'key', editing ? 'Keys cannot change.' : 'Lower snake case; used in the API.', editing)}
        </div>
        ${
          d.self
            ? nothing
            : html`<div class="pair">
                ${this.text('rt-reverse-label', 'Label, object to subject', 'reverseLabel', 'symmetric.label', 'e.g. “has contributor”')}
                ${this.text('rt-reverse-key', 'Reverse key', 'reverseKey', 'symmetric.key', editing ? 'Keys cannot change.' : 'The key of the other direction.', editing)}
              </div>`
        }
        <div class="pair">
          ${this.entityChoices('subjects', d.self ? 'Entities' : 'Subject entities', 'subjectEntities')}
          ${d.self ? nothing : this.entityChoices('objects', 'Object entities', 'objectEntities')}
        </div>
        <div class="pair">
          ${this.cardinality('cardSubject', d.self ? 'Each record may have' : 'Each subject record may have', 'cardinality.subject')}
          ${d.self ? nothing : this.cardinality('cardObject', 'Each object record may have', 'cardinality.object')}
        </div>
        ${this.renderAttributes()}
        <div class="footer">
          <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>Cancel</button>
          <button type="submit" class="primary" ?disabled=${this.busy || this.adding}>
            ${this.busy ? 'Saving…' : editing ? 'Save relation type' : 'Create relation type'}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('tr-relation-type-dialog', RelationTypeDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tr-relation-type-dialog': RelationTypeDialog;
  }
}
