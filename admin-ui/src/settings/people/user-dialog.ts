import { LitElement, html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { api } from '../../api/client.js';
import type { One } from '../../api/types.js';
import { dialogStyles, sharedStyles } from '../../ui/styles.js';
import './check-list.js';
import type { CheckList } from './check-list.js';
import { ADMIN_ROLE, type Role, type Team, type User, formText } from './people-api.js';
import { textField } from '../../ui/text-field.js';
import { asError, problemAt, unplacedMessages } from '../../ui/form-errors.js';

const FIELDS = ['name', 'email', 'password', 'roles', 'teams', 'isAdmin'];

/**
 * Invites or edits a user: e-mail, name, roles, teams, the administrator flag, and an optional
 * password. API problems are shown beside their field (a taken e-mail, the last administrator).
 *
 * @fires saved - with `detail` the user as the API answered.
 */
export class UserDialog extends LitElement {
  static override properties = {
    roles: { attribute: false },
    teams: { attribute: false },
    user: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  static override styles = [sharedStyles, dialogStyles];

  declare roles: Role[];
  declare teams: Team[];
  declare user: User | null;
  declare error: Error | null;
  declare busy: boolean;
  private opened = 0;

  constructor() {
    super();
    this.roles = [];
    this.teams = [];
    this.user = null;
    this.error = null;
    this.busy = false;
  }

  /** Opens the dialog empty (invite) or filled with `user` (edit). */
  open(user: User | null): void {
    this.user = user;
    this.error = null;
    // A new form each time: inputs typed into keep no trace of the previous opening.
    this.opened += 1;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector('dialog')?.showModal();
      for (const list of this.renderRoot.querySelectorAll<CheckList>('tr-check-list'))
        list.value = list.id === 'roles' ? [...(user?.roles ?? [])] : [...(user?.teams ?? [])];
    });
  }

  private fieldError(name: string): string {
    return problemAt(this.error, name) ?? '';
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const lists = this.renderRoot.querySelectorAll<CheckList>('tr-check-list');
    const body: Record<string, unknown> = {
      email: formText(data, 'email').trim(),
      name: formText(data, 'name').trim(),
      isAdmin: data.get('isAdmin') === 'on',
      roles: [...lists].find((list) => list.id === 'roles')?.value ?? [],
      teams: [...lists].find((list) => list.id === 'teams')?.value ?? [],
    };
    const password = formText(data, 'password');
    if (password) body.password = password;
    this.busy = true;
    this.error = null;
    try {
      const saved = this.user
        ? await api.patch<One<User>>(`/api/users/${this.user.id}`, body)
        : await api.post<One<User>>('/api/users', body);
      this.renderRoot.querySelector('dialog')?.close();
      this.dispatchEvent(new CustomEvent('saved', { detail: saved.data }));
    } catch (error) {
      this.error = asError(error);
    } finally {
      this.busy = false;
    }
  }

  private input(name: string, label: string, type: string, value: string, extra: { hint?: string; autocomplete?: string } = {}) {
    return textField({ name, label, type, value, autocomplete: 'off', ...extra, problem: this.fieldError(name) });
  }

  override render() {
    const editing = this.user !== null;
    const general = unplacedMessages(this.error, FIELDS).join('; ');
    const roleChoices = this.roles
      .filter((role) => role.name !== ADMIN_ROLE)
      .map((role) => ({ value: role.name, label: role.label, hint: role.system ? 'system' : '' }));
    return html`<dialog aria-labelledby="user-title">
      ${keyed(
        this.opened,
        html`<form @submit=${(event: SubmitEvent) => void this.save(event)} novalidate>
          <h2 id="user-title">${editing ? `Edit ${this.user?.name || this.user?.email}` : 'Invite a user'}</h2>
          ${general ? html`<p class="error-box" role="alert">${general}</p>` : ''}
          <div class="pair">
            ${this.input('name', 'Name', 'text', this.user?.name ?? '')} ${this.input('email', 'E-mail', 'email', this.user?.email ?? '')}
          </div>
          ${this.input('password', editing ? 'New password' : 'Password', 'password', '', {
            autocomplete: 'new-password',
            hint: editing
              ? 'Leave empty to keep the current password. A new one signs the user out everywhere.'
              : 'Optional, at least 12 characters. Leave it empty and Trellis e-mails an invitation link so the user chooses their own.',
          })}
          <tr-check-list id="roles" label="Roles" .choices=${roleChoices} .error=${this.fieldError('roles')}></tr-check-list>
          <tr-check-list
            id="teams"
            label="Teams"
            empty="No teams yet: create them under Teams."
            .choices=${this.teams.map((team) => ({ value: team.id, label: team.name }))}
            .error=${this.fieldError('teams')}
          ></tr-check-list>
          <div>
            <label class="check"
              ><input type="checkbox" name="isAdmin" .checked=${this.user?.isAdmin ?? false} /> Administrator (may do everything, including
              these settings)</label
            >
            ${this.fieldError('isAdmin') ? html`<p class="field-error">${this.fieldError('isAdmin')}</p>` : ''}
          </div>
          <div class="footer">
            <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>Cancel</button>
            <button type="submit" class="primary" ?disabled=${this.busy}>
              ${this.busy ? 'Saving…' : editing ? 'Save changes' : 'Create user'}
            </button>
          </div>
        </form>`,
      )}
    </dialog>`;
  }
}

customElements.define('tr-user-dialog', UserDialog);
