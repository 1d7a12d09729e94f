import { LitElement, css, html, nothing } from 'lit';
import { api } from '../../api/client.js';
import type { EntityView, RecordRow } from '../../api/types.js';
import { recordTitle } from '../../fields/field-display.js';
import { sharedStyles } from '../../ui/styles.js';
import { runEach, type BulkFailure } from './bulk-run.js';
import './bulk-update-dialog.js';
import type { BulkUpdateDialog } from './bulk-update-dialog.js';

/**
 * The bar shown while rows are selected: how many, "Update a field", "Delete" (each only when
 * the user's access allows it) and "Clear selection". Deleting asks for confirmation, deletes
 * each record and reports those that could not be deleted.
 *
 * @fires bulk-done - records were changed or deleted; `detail.failed` holds the ids that were not.
 * @fires selection-changed - `detail.selected` is empty (the selection was cleared).
 */
export class BulkBar extends LitElement {
  static override properties = {
    entity: { attribute: false },
    selected: { attribute: false },
    rows: { attribute: false },
    running: { state: true },
    failures: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        padding: 0.5rem 0.75rem;
        border-radius: var(--tr-radius-large);
        background: var(--tr-accent-soft);
        border: 1px solid var(--tr-accent);
      }
      ul {
        max-height: 40vh;
        overflow-y: auto;
        padding-left: 1.25rem;
      }
    `,
  ];

  declare entity: EntityView;
  declare selected: Set<string>;
  declare rows: RecordRow[];
  /** "Deleting 3 of 10…" while the deletions run. */
  declare running: string | null;
  declare failures: BulkFailure[] | null;

  constructor() {
    super();
    this.selected = new Set();
    this.rows = [];
    this.running = null;
    this.failures = null;
  }

  private get deleteDialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog.delete');
  }

  /** A record's name for messages, from the loaded rows. */
  private titleOf(id: string): string {
    const row = this.rows.find((candidate) => candidate.id === id);
    return row ? recordTitle(this.entity, row) : id;
  }

  private async deleteAll(): Promise<void> {
    const ids = [...this.selected];
    this.running = `Deleting 0 of ${ids.length}…`;
    const failures = await runEach(
      ids,
      (id) => api.delete(`/api/records/${this.entity.name}/${id}`),
      (done) => (this.running = `Deleting ${done} of ${ids.length}…`),
    );
    this.running = null;
    this.failures = failures;
    if (!failures.length) this.deleteDialog?.close();
    this.dispatchEvent(
      new CustomEvent('bulk-done', { detail: { failed: failures.map((failure) => failure.id) }, bubbles: true, composed: true }),
    );
  }

  private openDelete(): void {
    this.failures = null;
    this.deleteDialog?.showModal();
  }

  private deleteContent() {
    const count = this.selected.size;
    const noun = count === 1 ? this.entity.label.toLowerCase() : this.entity.pluralLabel.toLowerCase();
    if (this.failures?.length) {
      return html`<h2 id="delete-title">Some records were not deleted</h2>
        <div class="error-box" role="alert">
          ${this.failures.length} of the selected ${this.entity.pluralLabel.toLowerCase()} could not be deleted.
        </div>
        <ul>
          ${this.failures.map((failure) => html`<li><strong>${this.titleOf(failure.id)}</strong>: ${failure.message}</li>`)}
        </ul>
        <div class="toolbar">
          <span class="spacer"></span><button type="button" class="primary" @click=${() => this.deleteDialog?.close()}>Close</button>
        </div>`;
    }
    return html`<h2 id="delete-title">Delete ${count} ${noun}?</h2>
      <p>This cannot be undone. Their relations and timelines are deleted with them.</p>
      ${this.running ? html`<p role="status">${this.running}</p>` : nothing}
      <div class="toolbar">
        <span class="spacer"></span>
        <button type="button" ?disabled=${!!this.running} @click=${() => this.deleteDialog?.close()}>Cancel</button>
        <button type="button" class="danger primary" ?disabled=${!!this.running} @click=${() => void this.deleteAll()}>Delete</button>
      </div>`;
  }

  override render() {
    const access = this.entity.access;
    const count = this.selected.size;
    return html`<div class="bar" role="region" aria-label="Bulk actions">
        <strong>${count} selected</strong>
        <span class="spacer"></span>
        ${
          access.update !== 'none'
            ? html`<button type="button" @click=${() => this.renderRoot.querySelector<BulkUpdateDialog>('tr-bulk-update-dialog')?.open()}>
                Update a field
              </button>`
            : nothing
        }
        ${access.delete !== 'none' ? html`<button type="button" class="danger" @click=${() => this.openDelete()}>Delete</button>` : nothing}
        <button
          type="button"
          class="ghost"
          @click=${() => this.dispatchEvent(new CustomEvent('selection-changed', { detail: { selected: new Set<string>() }, bubbles: true, composed: true }))}
        >
          Clear selection
        </button>
      </div>
      <dialog class="delete" aria-labelledby="delete-title" @cancel=${(event: Event) => this.running && event.preventDefault()}>
        ${this.deleteContent()}
      </dialog>
      ${
        access.update !== 'none'
          ? html`<tr-bulk-update-dialog
              .entity=${this.entity}
              .selected=${this.selected}
              .titleOf=${(id: string) => this.titleOf(id)}
            ></tr-bulk-update-dialog>`
          : nothing
      }`;
  }
}

customElements.define('tr-bulk-bar', BulkBar);

declare global {
  interface HTMLElementTagNameMap {
    'tr-bulk-bar': BulkBar;
  }
}
