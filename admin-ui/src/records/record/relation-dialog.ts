import { LitElement, html, nothing } from 'lit';
import { ApiError, api, messageOf } from '../../api/client.js';
import type { EntityView, RelationTypeMetadata } from '../../api/types.js';
import type { FieldInput } from '../../fields/field-input.js';
import '../../fields/field-input.js';
import '../../fields/lookup-picker.js';
import { store } from '../../state/app-store.js';
import { dialogStyles, sharedStyles } from '../../ui/styles.js';

/** A relation as the record's relations list returns it. */
export interface RelationRow {
  id: string;
  object: { entity: string; id: string; label: string };
  attributes: Record<string, unknown>;
}

/**
 * The dialog that adds a relation from a record (type, then target record, then the type's
 * attributes) or, given a relation, changes its attributes. Messages of the API appear beside
 * the control they concern.
 *
 * @fires relations-changed - after a relation was added or changed.
 */
export class RelationDialog extends LitElement {
  static override properties = {
    types: { state: true },
    typeKey: { state: true },
    objectEntity: { state: true },
    objectId: { state: true },
    values: { state: true },
    editing: { state: true },
    errors: { state: true },
    formError: { state: true },
    saving: { state: true },
  };

  static override styles = [sharedStyles, dialogStyles];

  declare types: RelationTypeMetadata[];
  declare typeKey: string;
  declare objectEntity: string;
  declare objectId: string | null;
  declare values: Record<string, unknown>;
  declare editing: RelationRow | null;
  declare errors: Record<string, string>;
  declare formError: string | null;
  declare saving: boolean;

  private subject: { entity: string; id: string } = { entity: '', id: '' };

  constructor() {
    super();
    this.types = [];
    this.typeKey = '';
    this.objectEntity = '';
    this.objectId = null;
    this.values = {};
    this.editing = null;
    this.errors = {};
    this.formError = null;
    this.saving = false;
  }

  /** Opens the dialog to add a relation from `subject` with one of `types` (those allowed for its entity). */
  async openAdd(subject: { entity: string; id: string }, types: RelationTypeMetadata[]): Promise<void> {
    this.subject = subject;
    this.types = types;
    this.editing = null;
    this.reset(types[0]);
    await this.show();
  }

  /** Opens the dialog to change the attributes of `relation` (of `type`). */
  async openEdit(subject: { entity: string; id: string }, type: RelationTypeMetadata, relation: RelationRow): Promise<void> {
    this.subject = subject;
    this.types = [type];
    this.editing = relation;
    this.reset(type);
    this.values = { ...relation.attributes };
    await this.show();
  }

  private async show(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private reset(type: RelationTypeMetadata | undefined): void {
    this.typeKey = type?.key ?? '';
    this.objectEntity = this.objectEntities(type)[0]?.name ?? '';
    this.objectId = null;
    this.values = {};
    this.errors = {};
    this.formError = null;
  }

  private get type(): RelationTypeMetadata | undefined {
    return this.types.find((type) => type.key === this.typeKey);
  }

  /** The entities a type accepts as object: its list, or every visible entity when the list is empty. */
  private objectEntities(type: RelationTypeMetadata | undefined): EntityView[] {
    if (!type) return [];
    return store.visibleEntities.filter((entity) => !type.objectEntities.length || type.objectEntities.includes(entity.name));
  }

  private close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const type = this.type;
    if (!type || this.saving) return;
    if ([...this.renderRoot.querySelectorAll<FieldInput>('tr-field-input')].some((input) => !input.valid)) return;
    if (!this.editing && !this.objectId) {
      this.errors = { object: 'Choose the record to link.' };
      return;
    }
    this.saving = true;
    this.errors = {};
    this.formError = null;
    const base = `/api/records/${this.subject.entity}/${encodeURIComponent(this.subject.id)}/relations`;
    try {
      if (this.editing) await api.patch(`${base}/${this.editing.id}`, { attributes: this.values });
      else await api.post(base, { type: type.key, object: { entity: this.objectEntity, id: this.objectId }, attributes: this.values });
      this.close();
      this.dispatchEvent(new CustomEvent('relations-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.showError(error, type);
    } finally {
      this.saving = false;
    }
  }

  private showError(error: unknown, type: RelationTypeMetadata): void {
    if (!(error instanceof ApiError)) {
      this.formError = messageOf(error);
      return;
    }
    const errors: Record<string, string> = {};
    for (const key of ['type', 'object']) {
      const message = error.forField(key);
      if (message) errors[key] = message;
    }
    for (const field of type.fields) {
      const message = error.forField(`attributes.${field.name}`);
      if (message) errors[`attributes.${field.name}`] = message;
    }
    this.errors = errors;
    if (!Object.keys(errors).length) this.formError = error.message;
  }

  private message(key: string) {
    const text = this.errors[key];
    return text ? html`<p class="field-error" id="${key}-error">${text}</p>` : nothing;
  }

  private choosers(type: RelationTypeMetadata | undefined) {
    const subjectLabel = store.entity(this.subject.entity)?.label ?? this.subject.entity;
    const objects = this.objectEntities(type);
    return html`<div class="field">
        <label for="type">Relation</label>
        <select
          id="type"
          aria-describedby=${this.errors.type ? 'type-error' : ''}
          @change=${(event: Event) => this.reset(this.types.find((item) => item.key === (event.target as HTMLSelectElement).value))}
        >
          ${this.types.map(
            (item) => html`<option value=${item.key} ?selected=${item.key === this.typeKey}>${subjectLabel} ${item.label} …</option>`,
          )}
        </select>
        ${this.message('type')}
      </div>
      ${
        objects.length > 1
          ? html`<div class="field">
              <label for="object-entity">Kind of record</label>
              <select
                id="object-entity"
                @change=${(event: Event) => {
                  this.objectEntity = (event.target as HTMLSelectElement).value;
                  this.objectId = null;
                }}
              >
                ${objects.map((entity) => html`<option value=${entity.name} ?selected=${entity.name === this.objectEntity}>${entity.label}</option>`)}
              </select>
            </div>`
          : nothing
      }
      <div class="field">
        <label for="object">Record</label>
        <tr-lookup-picker
          .entity=${this.objectEntity}
          .value=${this.objectId}
          .inputId=${'object'}
          .invalid=${Boolean(this.errors.object)}
          .describedBy=${this.errors.object ? 'object-error' : undefined}
          @record-picked=${(event: CustomEvent<{ id: string | null }>) => (this.objectId = event.detail.id)}
        ></tr-lookup-picker>
        ${this.message('object')}
      </div>`;
  }

  override render() {
    const type = this.type;
    return html`<dialog aria-labelledby="heading">
      <form novalidate @submit=${(event: Event) => void this.submit(event)}>
        <h2 id="heading">${this.editing ? `Edit relation with ${this.editing.object.label}` : 'Add relation'}</h2>
        ${this.formError ? html`<div class="error-box" role="alert">${this.formError}</div>` : nothing}
        ${this.editing ? nothing : this.choosers(type)}
        ${(type?.fields ?? []).map(
          (field) =>
            html`<tr-field-input
              .field=${field}
              .value=${this.values[field.name] ?? null}
              .error=${this.errors[`attributes.${field.name}`]}
              @value-changed=${(event: CustomEvent<{ value: unknown }>) =>
                (this.values = { ...this.values, [field.name]: event.detail.value })}
            ></tr-field-input>`,
        )}
        <div class="footer">
          <button type="button" @click=${() => this.close()}>Cancel</button>
          <button type="submit" class="primary" ?disabled=${this.saving || !type}>
            ${this.saving ? 'Saving…' : this.editing ? 'Save' : 'Add relation'}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('tr-record-relation-dialog', RelationDialog);
