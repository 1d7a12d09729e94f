import { LitElement, css, html, nothing } from 'lit';
import { api } from '../../api/client.js';
import type { EntityView, One } from '../../api/types.js';
import { navigate } from '../../router.js';
import { store } from '../../state/app-store.js';
import { dialogStyles, sharedStyles } from '../../ui/styles.js';
import { problemAt, unplacedMessages } from '../../ui/form-errors.js';
import { pluralise, snakeCase } from './schema-text.js';

interface EntityDraft {
  label: string;
  name: string;
  pluralLabel: string;
  description: string;
  dataSubject: boolean;
  nameEdited: boolean;
  pluralEdited: boolean;
}

const EMPTY: EntityDraft = {
  label: '',
  name: '',
  pluralLabel: '',
  description: '',
  dataSubject: false,
  nameEdited: false,
  pluralEdited: false,
};

/**
 * Creates an entity (`POST /api/meta/entities`): its label, with the name and plural suggested
 * from it until typed, a description and whether its records are people. On success the
 * navigation learns it at once and the entity's editor opens, where fields are added.
 */
export class NewEntityDialog extends LitElement {
  static override properties = {
    draft: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      label.check {
        font-weight: 400;
        align-items: baseline;
      }
    `,
  ];

  declare draft: EntityDraft;
  declare error: unknown;
  declare busy: boolean;

  constructor() {
    super();
    this.draft = EMPTY;
    this.error = null;
    this.busy = false;
  }

  /** Opens the dialog, empty. */
  async open(): Promise<void> {
    this.draft = EMPTY;
    this.error = null;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('#entity-label')?.focus();
  }

  private set(patch: Partial<EntityDraft>): void {
    const next = { ...this.draft, ...patch };
    if (patch.label !== undefined) {
      if (!this.draft.nameEdited) next.name = snakeCase(patch.label, 24);
      if (!this.draft.pluralEdited) next.pluralLabel = pluralise(patch.label.trim());
    }
    if (patch.name !== undefined) next.nameEdited = true;
    if (patch.pluralLabel !== undefined) next.pluralEdited = true;
    this.draft = next;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const d = this.draft;
    this.busy = true;
    this.error = null;
    try {
      const created = await api.post<One<EntityView>>('/api/meta/entities', {
        name: d.name.trim(),
        label: d.label.trim(),
        pluralLabel: d.pluralLabel.trim() || undefined,
        description: d.description.trim(),
        dataSubject: d.dataSubject,
        fields: [],
      });
      await store.refreshEntities();
      this.renderRoot.querySelector('dialog')?.close();
      navigate(`/settings/entities/${created.data.name}`);
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private text(id: string, label: string, key: 'label' | 'name' | 'pluralLabel', hint: string, max: number) {
    const path = key === 'name' ? 'name' : key;
    const error =
      problemAt(this.error, path) ??
      (key === 'name' && (this.error as { code?: string } | null)?.code === 'TRELLIS_ENTITY_EXISTS'
        ? (this.error as Error).message
        : undefined);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        maxlength=${max}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${id}-msg"
        .value=${this.draft[key]}
        @input=${(e: Event) => this.set({ [key]: (e.target as HTMLInputElement).value })}
      />
      <span id="${id}-msg" class=${error ? 'field-error' : 'hint'}>${error ?? hint}</span>
    </div>`;
  }

  override render() {
    const exists = (this.error as { code?: string } | null)?.code === 'TRELLIS_ENTITY_EXISTS';
    const unplaced = exists ? [] : unplacedMessages(this.error, ['name', 'label', 'pluralLabel', 'description', 'dataSubject']);
    const descriptionError = problemAt(this.error, 'description');
    return html`<dialog aria-labelledby="new-entity-title">
      <form novalidate @submit=${(e: Event) => void this.submit(e)}>
        <h2 id="new-entity-title">New entity</h2>
        ${unplaced.length ? html`<div class="error-box" role="alert">${unplaced.map((m) => html`<div>${m}</div>`)}</div>` : nothing}
        ${this.text('entity-label', 'Label', 'label', 'One record, e.g. “Project”.', 200)}
        <div class="pair">
          ${this.text('entity-plural', 'Plural label', 'pluralLabel', 'Shown in the navigation.', 200)}
          ${this.text('entity-name', 'Name', 'name', 'Lower snake case; used in the API. Cannot change later.', 24)}
        </div>
        <div class="field">
          <label for="entity-description">Description</label>
          <textarea
            id="entity-description"
            maxlength="2000"
            aria-invalid=${descriptionError ? 'true' : 'false'}
            .value=${this.draft.description}
            @input=${(e: Event) => this.set({ description: (e.target as HTMLTextAreaElement).value })}
          ></textarea>
          ${descriptionError ? html`<span class="field-error">${descriptionError}</span>` : nothing}
        </div>
        <label class="check">
          <input
            type="checkbox"
            .checked=${this.draft.dataSubject}
            @change=${(e: Event) => this.set({ dataSubject: (e.target as HTMLInputElement).checked })}
          />
          <span
            >Records are people (data subjects)<br /><span class="hint"
              >Enables consents, data export and erasure for its records.</span
            ></span
          >
        </label>
        <p class="hint" style="margin:0">You add fields in the next step.</p>
        <div class="footer">
          <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>Cancel</button>
          <button type="submit" class="primary" ?disabled=${this.busy || !this.draft.label.trim()}>
            ${this.busy ? 'Creating…' : 'Create entity'}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('tr-new-entity-dialog', NewEntityDialog);
