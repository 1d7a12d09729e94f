import { LitElement, css, html, nothing } from 'lit';
import { api } from '../../api/client.js';
import type { EntityView, FieldMetadata, One } from '../../api/types.js';
import { store } from '../../state/app-store.js';
import { sharedStyles } from '../../ui/styles.js';
import type { FieldBody } from './field-form.js';
import './field-form.js';
import type { FieldTypeInfo } from './schema-text.js';

/**
 * The dialog that adds a field to an entity or changes one (`POST` / `PATCH
 * /api/meta/entities/:entity/fields`). Fires `saved` with the field once the API accepted it.
 */
export class FieldDialog extends LitElement {
  static override properties = {
    entity: { attribute: false },
    field: { state: true },
    opened: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      dialog {
        max-width: min(52rem, 94vw);
      }
      header {
        display: flex;
        align-items: center;
        margin-bottom: 0.75rem;
      }
      header h2 {
        margin: 0;
        flex: 1;
      }
    `,
  ];

  declare entity: EntityView;
  declare field: FieldMetadata | undefined;
  declare opened: boolean;

  constructor() {
    super();
    this.field = undefined;
    this.opened = false;
  }

  /** Opens the dialog to add a field, or to edit `field`. */
  async open(field?: FieldMetadata): Promise<void> {
    this.field = field;
    this.opened = true;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    const form = this.renderRoot.querySelector('tr-field-form');
    await form?.updateComplete;
    form?.renderRoot.querySelector<HTMLInputElement>('#field-label')?.focus();
  }

  private close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private async save(body: FieldBody): Promise<void> {
    const base = `/api/meta/entities/${this.entity.name}/fields`;
    const saved = this.field
      ? await api.patch<One<FieldMetadata>>(`${base}/${this.field.name}`, body)
      : await api.post<One<FieldMetadata>>(base, body);
    this.close();
    this.dispatchEvent(new CustomEvent('saved', { detail: saved.data }));
  }

  /** Types plugins contributed, as far as existing fields show them. */
  private customTypes(): FieldTypeInfo[] {
    const seen = new Set<string>();
    for (const entity of store.entities) for (const field of entity.fields) if (field.type.includes('.')) seen.add(field.type);
    return [...seen].map((type) => ({ type, label: type, description: `A field type of plugin ${type.split('.')[0]}.` }));
  }

  override render() {
    const title = this.field ? `Edit field “${this.field.label}”` : `Add a field to ${this.entity?.pluralLabel ?? ''}`;
    return html`<dialog aria-labelledby="field-dialog-title" @close=${() => (this.opened = false)}>
      <header><h2 id="field-dialog-title">${title}</h2></header>
      ${
        this.opened
          ? html`<tr-field-form
              .field=${this.field}
              .entities=${store.entities}
              .customTypes=${this.customTypes()}
              submitLabel=${this.field ? 'Save field' : 'Add field'}
              .onSave=${(body: FieldBody) => this.save(body)}
              @cancel=${() => this.close()}
            ></tr-field-form>`
          : nothing
      }
    </dialog>`;
  }
}

customElements.define('tr-field-dialog', FieldDialog);
