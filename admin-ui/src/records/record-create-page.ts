import { LitElement, css, html, nothing } from 'lit';
import { ApiError, api, messageOf } from '../api/client.js';
import type { EntityView, FieldMetadata, One, RecordRow } from '../api/types.js';
import type { FieldInput } from '../fields/field-input.js';
import '../fields/field-input.js';
import { navigate } from '../router.js';
import { StoreController, store } from '../state/app-store.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import { formFields, isWide, valueFromQuery } from './record/field-groups.js';

/**
 * `/records/:entity/new`: a form with one input per field the user may write, prefilled from
 * the query string (`?company=<id>`), that creates the record and opens it. The API's
 * validation messages appear beside their fields; the others above the form.
 */
export class RecordCreatePage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    values: { state: true },
    fieldErrors: { state: true },
    formError: { state: true },
    saving: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 60rem;
      }
      .crumbs {
        margin-bottom: 0.25rem;
      }
      form.card {
        display: grid;
        gap: 1.25rem;
        padding: 1.5rem;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 1rem 1.5rem;
      }
      .wide {
        grid-column: 1 / -1;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        justify-content: flex-end;
        border-top: 1px solid var(--tr-border);
        padding-top: 1rem;
      }
      @media (max-width: 760px) {
        .grid {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare values: Record<string, unknown>;
  declare fieldErrors: Record<string, string>;
  declare formError: string | null;
  declare saving: boolean;

  /** Fields the user changed: sent even when emptied, while untouched empty ones are left to their defaults. */
  private touched = new Set<string>();
  private preparedFor = '';

  constructor() {
    super();
    new StoreController(this);
    this.params = {};
    this.query = new URLSearchParams();
    this.values = {};
    this.fieldErrors = {};
    this.formError = null;
    this.saving = false;
  }

  private get entity(): EntityView | undefined {
    return store.entity(this.params.entity ?? '');
  }

  protected override willUpdate(): void {
    const entity = this.entity;
    const key = `${this.params.entity ?? ''}?${this.query.toString()}`;
    if (!entity || key === this.preparedFor) return;
    this.preparedFor = key;
    setTitle(`New ${entity.label.toLowerCase()}`);
    const values: Record<string, unknown> = {};
    for (const field of formFields(entity)) {
      const given = this.query.get(field.name);
      if (given !== null) values[field.name] = valueFromQuery(field, given);
      else if (field.default !== null && field.default !== undefined) values[field.name] = field.default;
    }
    this.values = values;
    this.touched = new Set();
    this.fieldErrors = {};
    this.formError = null;
  }

  private change(field: FieldMetadata, value: unknown): void {
    this.values = { ...this.values, [field.name]: value };
    this.touched.add(field.name);
    if (this.fieldErrors[field.name]) {
      const { [field.name]: _gone, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  }

  private body(entity: EntityView): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const field of formFields(entity)) {
      const value = this.values[field.name];
      if (this.touched.has(field.name) || (value !== null && value !== undefined)) body[field.name] = value ?? null;
    }
    return body;
  }

  private async submit(event: Event, entity: EntityView): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    const inputs = [...this.renderRoot.querySelectorAll<FieldInput>('tr-field-input')];
    const unparsed = inputs.find((input) => !input.valid);
    if (unparsed) {
      unparsed.focus();
      return;
    }
    this.saving = true;
    this.formError = null;
    this.fieldErrors = {};
    try {
      const created = (await api.post<One<RecordRow>>(`/api/records/${entity.name}`, this.body(entity))).data;
      navigate(`/records/${entity.name}/${created.id}`, { replace: true });
    } catch (error) {
      this.showError(error, entity);
    } finally {
      this.saving = false;
    }
  }

  private showError(error: unknown, entity: EntityView): void {
    if (!(error instanceof ApiError)) {
      this.formError = messageOf(error);
      return;
    }
    const fieldErrors: Record<string, string> = {};
    for (const field of formFields(entity)) {
      const message = error.forField(field.name);
      if (message) fieldErrors[field.name] = message;
    }
    this.fieldErrors = fieldErrors;
    const names = formFields(entity).map((field) => field.name);
    const elsewhere = error.errors.filter(
      (problem) =>
        !names.some((name) => problem.path === name || problem.path.startsWith(`${name}.`) || problem.path.startsWith(`${name}[`)),
    );
    this.formError = !Object.keys(fieldErrors).length
      ? error.message
      : elsewhere.length
        ? elsewhere.map((problem) => `${problem.path}: ${problem.message}`).join('; ')
        : null;
    void this.updateComplete.then(() => {
      const first = [...this.renderRoot.querySelectorAll<FieldInput>('tr-field-input')].find((input) => input.error);
      first?.focus();
    });
  }

  /** Enter in a one-line input submits, as in any form: the inputs sit in shadow roots, out of the form's reach. */
  private submitOnEnter(event: KeyboardEvent): void {
    const origin = event.composedPath()[0];
    if (event.key !== 'Enter' || event.defaultPrevented || !(origin instanceof HTMLInputElement)) return;
    if (origin.type === 'checkbox') return;
    event.preventDefault();
    this.renderRoot.querySelector('form')?.requestSubmit();
  }

  private cancel(entity: EntityView): void {
    if (history.length > 1) history.back();
    else navigate(`/records/${entity.name}`);
  }

  override render() {
    if (!store.entities.length) return states.loading();
    const entity = this.entity;
    if (!entity) return states.error('This kind of record does not exist or you cannot see it.');
    if (entity.access.create === 'none') {
      return html`<div class="page-header"><h1>New ${entity.label.toLowerCase()}</h1></div>
        ${states.error(`You are not allowed to create ${entity.pluralLabel.toLowerCase()}.`)}`;
    }
    const fields = formFields(entity);
    return html`<nav class="crumbs muted" aria-label="Breadcrumb"><a href="/records/${entity.name}">${entity.pluralLabel}</a></nav>
      <div class="page-header"><h1>New ${entity.label.toLowerCase()}</h1></div>
      <form
        class="card"
        novalidate
        @submit=${(event: Event) => void this.submit(event, entity)}
        @keydown=${(event: KeyboardEvent) => this.submitOnEnter(event)}
      >
        ${this.formError ? html`<div class="error-box" role="alert">${this.formError}</div>` : nothing}
        <div class="grid">
          ${fields.map(
            (field) =>
              html`<tr-field-input
                class=${isWide(field) ? 'wide' : ''}
                .field=${field}
                .value=${this.values[field.name] ?? null}
                .error=${this.fieldErrors[field.name]}
                ?disabled=${this.saving}
                @value-changed=${(event: CustomEvent<{ value: unknown }>) => this.change(field, event.detail.value)}
              ></tr-field-input>`,
          )}
        </div>
        <div class="actions">
          <button type="button" @click=${() => this.cancel(entity)}>Cancel</button>
          <button type="submit" class="primary" ?disabled=${this.saving}>
            ${this.saving ? 'Creating…' : `Create ${entity.label.toLowerCase()}`}
          </button>
        </div>
      </form>`;
  }
}

customElements.define('tr-record-create-page', RecordCreatePage);
