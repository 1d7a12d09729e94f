import { LitElement, css, html } from 'lit';
import { api, messageOf } from '../api/client.js';
import type { One } from '../api/types.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import { dataTable, listPageStyles, pageHeader } from '../ui/list-page.js';
import { confirmAction } from '../ui/confirm-dialog.js';
import { allRoles, allTeams, allUsers, userLabel, when, type Role, type Team, type User } from './people/people-api.js';
import './people/user-dialog.js';
import type { UserDialog } from './people/user-dialog.js';

/**
 * Settings → Users: everyone who can sign in, with their roles and teams; invite, edit,
 * deactivate and reactivate. Users are never deleted (the audit log refers to them).
 */
export class UsersPage extends LitElement {
  static override properties = {
    users: { state: true },
    roles: { state: true },
    teams: { state: true },
    loadError: { state: true },
    rowError: { state: true },
    search: { state: true },
    show: { state: true },
  };

  static override styles = [
    sharedStyles,
    listPageStyles,
    css`
      .filters {
        margin-bottom: 0.75rem;
      }
      .filters input {
        max-width: 20rem;
      }
      .filters select {
        width: auto;
      }
      .who {
        display: grid;
      }
      .email {
        color: var(--tr-muted);
        font-size: 0.875rem;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
      }
      tr.inactive .who {
        opacity: 0.65;
      }
    `,
  ];

  declare users: User[] | null;
  declare roles: Role[];
  declare teams: Team[];
  declare loadError: string;
  declare rowError: string;
  declare search: string;
  declare show: 'all' | 'active' | 'inactive';

  constructor() {
    super();
    this.users = null;
    this.roles = [];
    this.teams = [];
    this.loadError = '';
    this.rowError = '';
    this.search = '';
    this.show = 'all';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('Users');
    void this.load();
  }

  private async load(): Promise<void> {
    this.loadError = '';
    try {
      [this.users, this.roles, this.teams] = await Promise.all([allUsers(), allRoles(), allTeams()]);
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  private get dialog(): UserDialog | null {
    return this.renderRoot.querySelector('tr-user-dialog');
  }

  private saved(user: User): void {
    const list = this.users ?? [];
    this.users = list.some((item) => item.id === user.id) ? list.map((item) => (item.id === user.id ? user : item)) : [...list, user];
  }

  private async setActive(user: User, active: boolean): Promise<void> {
    const yes = await confirmAction(
      active
        ? { heading: `Reactivate ${userLabel(user)}?`, message: 'They can sign in again with their password.', actionLabel: 'Reactivate' }
        : {
            heading: `Deactivate ${userLabel(user)}?`,
            message: 'They are signed out everywhere, their API tokens are revoked and they can no longer sign in. Their records stay.',
            actionLabel: 'Deactivate',
            danger: true,
          },
    );
    if (!yes) return;
    this.rowError = '';
    try {
      this.saved((await api.patch<One<User>>(`/api/users/${user.id}`, { active })).data);
    } catch (error) {
      this.rowError = `${userLabel(user)}: ${messageOf(error)}`;
    }
  }

  private get visible(): User[] {
    const needle = this.search.trim().toLowerCase();
    return (this.users ?? []).filter(
      (user) =>
        (this.show === 'all' || user.active === (this.show === 'active')) &&
        (!needle || user.email.includes(needle) || (user.name ?? '').toLowerCase().includes(needle)),
    );
  }

  private row(user: User) {
    const roleLabel = (name: string) => this.roles.find((role) => role.name === name)?.label ?? name;
    const teamName = (id: string) => this.teams.find((team) => team.id === id)?.name ?? id;
    return html`<tr class=${user.active ? '' : 'inactive'}>
      <td>
        <div class="who">
          <strong>${userLabel(user)}</strong>
          <span class="email">${user.email}</span>
        </div>
      </td>
      <td>
        <div class="chips">
          ${user.isAdmin ? html`<span class="badge good">Administrator</span>` : ''}
          ${user.roles.map((role) => html`<span class="badge">${roleLabel(role)}</span>`)}
          ${!user.isAdmin && user.roles.length === 0 ? html`<span class="muted">No role</span>` : ''}
        </div>
      </td>
      <td class="wide">${user.teams.map(teamName).join(', ') || html`<span class="muted">—</span>`}</td>
      <td>${user.active ? html`<span class="badge good">Active</span>` : html`<span class="badge bad">Deactivated</span>`}</td>
      <td class="muted">${user.lastLoginAt !== undefined ? when(user.lastLoginAt) : when(user.createdAt)}</td>
      <td class="actions">
        <button type="button" class="ghost" aria-label=${`Edit ${userLabel(user)}`} @click=${() => this.dialog?.open(user)}>Edit</button>
        ${
          user.active
            ? html`<button
                type="button"
                class="ghost"
                aria-label=${`Deactivate ${userLabel(user)}`}
                @click=${() => void this.setActive(user, false)}
              >
                Deactivate
              </button>`
            : html`<button
                type="button"
                class="ghost"
                aria-label=${`Reactivate ${userLabel(user)}`}
                @click=${() => void this.setActive(user, true)}
              >
                Reactivate
              </button>`
        }
      </td>
    </tr>`;
  }

  private list() {
    if (this.loadError) return states.error(this.loadError, () => void this.load());
    if (!this.users) return states.loading('Loading users…', '16rem');
    const rows = this.visible;
    if (!rows.length) return states.empty(this.users.length ? 'No user matches this search.' : 'No users yet.');
    const sinceLabel = rows.some((user) => user.lastLoginAt !== undefined) ? 'Last sign-in' : 'Added';
    return dataTable(
      [
        { label: 'User' },
        { label: 'Roles' },
        { label: 'Teams', class: 'wide' },
        { label: 'Status' },
        { label: sinceLabel },
        { label: 'Actions', hidden: true },
      ],
      rows.map((user) => this.row(user)),
      'Users',
    );
  }

  override render() {
    return html`
      ${pageHeader({
        title: 'Users',
        action: html`<button type="button" class="primary" ?disabled=${!this.users} @click=${() => this.dialog?.open(null)}>
          Invite user
        </button>`,
      })}
      <div class="toolbar filters" role="search">
        <label class="visually-hidden" for="search">Search users</label>
        <input
          id="search"
          type="search"
          placeholder="Search by name or e-mail"
          .value=${this.search}
          @input=${(event: Event) => (this.search = (event.target as HTMLInputElement).value)}
        />
        <label class="visually-hidden" for="show">Show</label>
        <select id="show" @change=${(event: Event) => (this.show = (event.target as HTMLSelectElement).value as UsersPage['show'])}>
          <option value="all">All users</option>
          <option value="active">Active</option>
          <option value="inactive">Deactivated</option>
        </select>
      </div>
      ${this.rowError ? html`<p class="error-box" role="alert">${this.rowError}</p>` : ''} ${this.list()}
      <tr-user-dialog
        .roles=${this.roles}
        .teams=${this.teams}
        @saved=${(event: CustomEvent<User>) => this.saved(event.detail)}
      ></tr-user-dialog>
    `;
  }
}

customElements.define('tr-users-page', UsersPage);
