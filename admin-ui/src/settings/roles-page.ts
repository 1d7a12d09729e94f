import { LitElement, css, html, nothing } from 'lit';
import { api, messageOf } from '../api/client.js';
import { navigate } from '../router.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import { dataTable, listPageStyles, pageHeader } from '../ui/list-page.js';
import { confirmAction } from '../ui/confirm-dialog.js';
import { ADMIN_ROLE, allRoles, type Role } from './people/people-api.js';
import './people/role-dialog.js';
import type { RoleDialog } from './people/role-dialog.js';

/** A short summary of what a role grants: "3 entities · every other entity: read team". */
function summary(role: Role): string {
  if (role.name === ADMIN_ROLE) return 'Everything';
  const named = Object.keys(role.permissions).filter((entity) => entity !== '*');
  const any = role.permissions['*'];
  const parts: string[] = [];
  if (named.length) parts.push(named.length === 1 ? `rights on ${named[0]}` : `rights on ${named.length} entities`);
  if (any) {
    const scopes = Object.entries(any)
      .filter(([key, value]) => typeof value === 'string' && value !== 'none' && key !== 'hiddenFields' && key !== 'readOnlyFields')
      .map(([key, value]) => `${key} ${String(value)}`);
    parts.push(`all other entities: ${scopes.join(', ') || 'nothing'}`);
  }
  return parts.join(' · ') || 'No rights yet';
}

/** Settings → Roles: the roles users can hold, the system ones marked; create, open, delete. */
export class RolesPage extends LitElement {
  static override properties = { roles: { state: true }, loadError: { state: true }, actionError: { state: true } };

  static override styles = [
    sharedStyles,
    listPageStyles,
    css`
      .name {
        font-family: ui-monospace, monospace;
        font-size: 0.8125rem;
        color: var(--tr-muted);
      }
    `,
  ];

  declare roles: Role[] | null;
  declare loadError: string;
  declare actionError: string;

  constructor() {
    super();
    this.roles = null;
    this.loadError = '';
    this.actionError = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('Roles & permissions');
    void this.load();
  }

  private async load(): Promise<void> {
    this.loadError = '';
    try {
      this.roles = await allRoles();
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  private async deleteRole(role: Role): Promise<void> {
    const yes = await confirmAction({
      heading: `Delete the role ${role.label}?`,
      message: 'Users who hold it lose the rights it grants.',
      actionLabel: 'Delete role',
      danger: true,
    });
    if (!yes) return;
    this.actionError = '';
    try {
      await api.delete(`/api/roles/${encodeURIComponent(role.name)}`);
      this.roles = (this.roles ?? []).filter((item) => item.name !== role.name);
    } catch (error) {
      this.actionError = messageOf(error);
    }
  }

  private content() {
    if (this.loadError) return states.error(this.loadError, () => void this.load());
    if (!this.roles) return states.loading('Loading roles…', '14rem');
    return dataTable(
      [{ label: 'Role' }, { label: 'Grants' }, { label: 'Actions', hidden: true }],
      this.roles.map(
        (role) =>
          html`<tr>
            <td>
              <a href=${`/settings/roles/${encodeURIComponent(role.name)}`}><strong>${role.label}</strong></a>
              ${role.system ? html`<span class="badge">System</span>` : nothing}
              <div class="name">${role.name}</div>
              ${role.description ? html`<div class="muted">${role.description}</div>` : nothing}
            </td>
            <td class="muted">${summary(role)}</td>
            <td class="actions">
              <a
                class="button ghost"
                href=${`/settings/roles/${encodeURIComponent(role.name)}`}
                aria-label=${`Edit permissions of ${role.label}`}
                >Permissions</a
              >
              ${
                role.system
                  ? nothing
                  : html`<button
                      type="button"
                      class="ghost danger"
                      aria-label=${`Delete role ${role.label}`}
                      @click=${() => void this.deleteRole(role)}
                    >
                      Delete
                    </button>`
              }
            </td>
          </tr>`,
      ),
      'Roles',
    );
  }

  override render() {
    return html`
      ${pageHeader({
        title: 'Roles & permissions',
        action: html`<button
          type="button"
          class="primary"
          @click=${() => this.renderRoot.querySelector<RoleDialog>('tr-role-dialog')?.open()}
        >
          New role
        </button>`,
      })}
      <p class="hint">A user may hold several roles: the widest right of any of them applies. Administrators may do everything.</p>
      ${this.actionError ? html`<p class="error-box" role="alert">${this.actionError}</p>` : nothing} ${this.content()}
      <tr-role-dialog
        @created=${(event: CustomEvent<Role>) => navigate(`/settings/roles/${encodeURIComponent(event.detail.name)}`)}
      ></tr-role-dialog>
    `;
  }
}

customElements.define('tr-roles-page', RolesPage);
