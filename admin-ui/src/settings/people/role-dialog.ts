import { LitElement, html, nothing } from 'lit';
import { ApiError, api } from '../../api/client.js';
import type { One } from '../../api/types.js';
import { dialogStyles, sharedStyles } from '../../ui/styles.js';
import type { Role } from './people-api.js';
import { formText } from './people-api.js';
import { asError } from '../../ui/form-errors.js';

/** "Sales manager" → "sales_manager": the API's name rule (lower snake case, 2 to 40 characters). */
export function roleNameOf(label: string): string {
  const name = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);
  return name;
}

/**
 * Creates a role: label, name (suggested from the label until edited) and description. Its
 * permissions are set in the role editor, where the new role opens.
 *
 * @fires created - with `detail` the role.
 */
export class RoleDialog extends LitElement {
  static override properties = { error: { state: true }, busy: { state: true }, name: { state: true } };
  static override styles = [sharedStyles, dialogStyles];

  declare error: Error | null;
  declare busy: boolean;
  declare name: string;
  private nameEdited = false;

  constructor() {
    super();
    this.error = null;
    this.busy = false;
    this.name = '';
  }

  open(): void {
    this.error = null;
    this.name = '';
    this.nameEdited = false;
    this.renderRoot.querySelector('form')?.reset();
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private problem(field: string): string {
    if (!(this.error instanceof ApiError)) return '';
    if (field === 'name' && this.error.code === 'TRELLIS_ROLE_EXISTS') return this.error.message;
    return this.error.forField(field) ?? '';
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const body = {
      label: formText(data, 'label').trim(),
      name: this.name,
      description: formText(data, 'description').trim(),
      permissions: {},
    };
    this.busy = true;
    this.error = null;
    try {
      const role = (await api.post<One<Role>>('/api/roles', body)).data;
      this.renderRoot.querySelector('dialog')?.close();
      this.dispatchEvent(new CustomEvent('created', { detail: role }));
    } catch (error) {
      this.error = asError(error);
    } finally {
      this.busy = false;
    }
  }

  private field(id: string, label: string, input: unknown) {
    const problem = this.problem(id);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${input} ${problem ? html`<p class="field-error" id=${`${id}-error`}>${problem}</p>` : nothing}
    </div>`;
  }

  override render() {
    const placed = ['label', 'name', 'description'].some((field) => this.problem(field));
    return html`<dialog aria-labelledby="role-title">
      <form @submit=${(event: SubmitEvent) => void this.save(event)} novalidate>
        <h2 id="role-title">New role</h2>
        ${this.error && !placed ? html`<p class="error-box" role="alert">${this.error.message}</p>` : nothing}
        ${this.field(
          'label',
          'Label',
          html`<input
            id="label"
            name="label"
            required
            aria-invalid=${this.problem('label') ? 'true' : 'false'}
            @input=${(event: Event) => {
              if (!this.nameEdited) this.name = roleNameOf((event.target as HTMLInputElement).value);
            }}
          />`,
        )}
        ${this.field(
          'name',
          'Name',
          html`<input
              id="name"
              .value=${this.name}
              aria-describedby="name-hint"
              aria-invalid=${this.problem('name') ? 'true' : 'false'}
              @input=${(event: Event) => {
                this.nameEdited = true;
                this.name = (event.target as HTMLInputElement).value;
              }}
            />
            <span class="hint" id="name-hint">Lower case with underscores, e.g. sales_manager. It cannot change later.</span>`,
        )}
        ${this.field('description', 'Description', html`<input id="description" name="description" />`)}
        <div class="footer">
          <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>Cancel</button>
          <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Creating…' : 'Create and set permissions'}</button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('tr-role-dialog', RoleDialog);
