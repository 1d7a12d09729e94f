import { LitElement, css, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { api } from '../../api/client.js';
import type { EntityView, FieldMetadata } from '../../api/types.js';
import '../../fields/field-input.js';
import { dialogStyles, sharedStyles } from '../../ui/styles.js';
import { runEach, type BulkFailure } from './bulk-run.js';

/**
 * "Update a field" for the selected records: pick a field the user may change, enter the
 * value with the field's own input, and every record is patched; the records that refused
 * (forbidden, invalid) are listed with the server's message.
 *
 * @fires bulk-done - `detail.failed` holds the ids that were not updated.
 */
export class BulkUpdateDialog extends LitElement {
  static override properties = {
    entity: { attribute: false },
    selected: { attribute: false },
    titleOf: { attribute: false },
    fieldName: { state: true },
    value: { state: true },
    running: { state: true },
    failures: { state: true },
  };

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      ul {
        max-height: 30vh;
        overflow-y: auto;
        padding-left: 1.25rem;
        margin: 0;
      }
    `,
  ];

  declare entity: EntityView;
  declare selected: Set<string>;
  declare titleOf: (id: string) => string;
  declare fieldName: string;
  declare value: unknown;
  declare running: string | null;
  declare failures: BulkFailure[] | null;

  constructor() {
    super();
    this.selected = new Set();
    this.titleOf = (id) => id;
    this.fieldName = '';
    this.value = null;
    this.running = null;
    this.failures = null;
  }

  /** Fields the user may write: the entity's own, minus those their role makes read-only. */
  private get fields(): FieldMetadata[] {
    const readOnly = new Set(this.entity.access.readOnlyFields);
    return this.entity.fields.filter((field) => !field.system && !readOnly.has(field.name));
  }

  private get field(): FieldMetadata | undefined {
    return this.fields.find((field) => field.name === this.fieldName);
  }

  /** Opens the dialog afresh. */
  open(): void {
    this.fieldName = this.fields[0]?.name ?? '';
    this.value = null;
    this.failures = null;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private async apply(event: Event): Promise<void> {
    event.preventDefault();
    const field = this.field;
    if (!field) return;
    const ids = [...this.selected];
    const body = { [field.name]: this.value === undefined ? null : this.value };
    this.running = `Updating 0 of ${ids.length}…`;
    this.failures = await runEach(
      ids,
      (id) => api.patch(`/api/records/${this.entity.name}/${id}`, body),
      (done) => (this.running = `Updating ${done} of ${ids.length}…`),
    );
    this.running = null;
    if (!this.failures.length) this.close();
    this.dispatchEvent(
      new CustomEvent('bulk-done', { detail: { failed: this.failures.map((failure) => failure.id) }, bubbles: true, composed: true }),
    );
  }

  private report() {
    if (!this.failures?.length) return nothing;
    const total = this.failures.length;
    return html`<div class="error-box" role="alert">
      ${total} record${total === 1 ? ' was' : 's were'} not updated:
      <ul>
        ${this.failures.map((failure) => html`<li><strong>${this.titleOf(failure.id)}</strong>: ${failure.message}</li>`)}
      </ul>
    </div>`;
  }

  override render() {
    const field = this.field;
    const count = this.selected.size;
    return html`<dialog aria-labelledby="update-title" @cancel=${(event: Event) => this.running && event.preventDefault()}>
      <form @submit=${(event: Event) => void this.apply(event)}>
        <h2 id="update-title">Update ${count} ${count === 1 ? this.entity.label.toLowerCase() : this.entity.pluralLabel.toLowerCase()}</h2>
        ${this.report()}
        <div class="field">
          <label for="bulk-field">Field to update</label>
          <select
            id="bulk-field"
            @change=${(event: Event) => {
              this.fieldName = (event.target as HTMLSelectElement).value;
              this.value = null;
            }}
          >
            ${this.fields.map((candidate) => html`<option value=${candidate.name} ?selected=${candidate === field}>${candidate.label}</option>`)}
          </select>
        </div>
        ${
          field
            ? keyed(
                field.name,
                html`<tr-field-input
                  .field=${field}
                  .value=${this.value}
                  @value-changed=${(event: CustomEvent<{ value: unknown }>) => (this.value = event.detail.value)}
                ></tr-field-input>`,
              )
            : html`<p class="muted">You may not change any field of these records.</p>`
        }
        <p class="hint">The value replaces the field's value in every selected record. Leave it empty to clear the field.</p>
        ${this.running ? html`<p role="status">${this.running}</p>` : nothing}
        <div class="toolbar">
          <span class="spacer"></span>
          <button type="button" ?disabled=${!!this.running} @click=${() => this.close()}>
            ${this.failures?.length ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" class="primary" ?disabled=${!!this.running || !field}>Update ${count}</button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('tr-bulk-update-dialog', BulkUpdateDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tr-bulk-update-dialog': BulkUpdateDialog;
  }
}
