import { LitElement, css, html, nothing } from 'lit';
import { api } from '../../api/client.js';
import type { EntityView, One } from '../../api/types.js';
import { store } from '../../state/app-store.js';
import { dialogStyles, sharedStyles } from '../../ui/styles.js';
import { problemAt, unplacedMessages } from '../../ui/form-errors.js';

/**
 * The labels, description and data-subject flag of an entity (`PATCH
 * /api/meta/entities/:entity`). Fires `saved` with the entity after a change.
 */
export class EntityDetailsForm extends LitElement {
  static override properties = {
    entity: { attribute: false },
    error: { state: true },
    busy: { state: true },
    status: { state: true },
  };

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      /* A settings panel: Save sits at the start, its outcome beside it. */
      .footer {
        justify-content: flex-start;
        align-items: center;
        gap: 0.75rem;
      }
      label.check {
        font-weight: 400;
      }
    `,
  ];

  declare entity: EntityView;
  declare error: unknown;
  declare busy: boolean;
  declare status: string;

  constructor() {
    super();
    this.error = null;
    this.busy = false;
    this.status = '';
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    this.busy = true;
    this.error = null;
    this.status = '';
    try {
      const saved = await api.patch<One<EntityView>>(`/api/meta/entities/${this.entity.name}`, {
        label: value('label'),
        pluralLabel: value('pluralLabel'),
        description: value('description'),
        dataSubject: (form.elements.namedItem('dataSubject') as HTMLInputElement).checked,
      });
      this.status = 'Saved';
      await store.refreshEntities();
      this.dispatchEvent(new CustomEvent('saved', { detail: saved.data }));
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private input(name: 'label' | 'pluralLabel', label: string) {
    const error = problemAt(this.error, name);
    return html`<div class="field">
      <label for="entity-${name}">${label}</label>
      <input
        id="entity-${name}"
        name=${name}
        maxlength="200"
        required
        aria-invalid=${error ? 'true' : 'false'}
        .value=${this.entity[name]}
        @input=${() => (this.status = '')}
      />
      ${error ? html`<span class="field-error">${error}</span>` : nothing}
    </div>`;
  }

  override render() {
    const unplaced = unplacedMessages(this.error, ['label', 'pluralLabel', 'description', 'dataSubject']);
    const descriptionError = problemAt(this.error, 'description');
    return html`<form novalidate @submit=${(e: Event) => void this.submit(e)}>
      ${unplaced.length ? html`<div class="error-box" role="alert">${unplaced.map((m) => html`<div>${m}</div>`)}</div>` : nothing}
      <div class="pair">${this.input('label', 'Label')} ${this.input('pluralLabel', 'Plural label')}</div>
      <div class="field">
        <label for="entity-description">Description</label>
        <textarea
          id="entity-description"
          name="description"
          maxlength="2000"
          .value=${this.entity.description}
          @input=${() => (this.status = '')}
        ></textarea>
        ${descriptionError ? html`<span class="field-error">${descriptionError}</span>` : nothing}
      </div>
      <label class="check"
        ><input type="checkbox" name="dataSubject" .checked=${this.entity.dataSubject} /> Records are people (data subjects)</label
      >
      <div class="footer">
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Saving…' : 'Save details'}</button>
        <span role="status" class="muted">${this.status}</span>
      </div>
    </form>`;
  }
}

customElements.define('tr-entity-details-form', EntityDetailsForm);
