import { LitElement, css, html, nothing } from 'lit';
import { ApiError, api, messageOf, type FieldProblem } from '../api/client.js';
import type { EntityView, One } from '../api/types.js';
import { store, StoreController } from '../state/app-store.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import { ADMIN_ROLE, type EntityPermissions, type Role } from './people/people-api.js';
import { ANY } from './security/permission-matrix.js';
import './security/permission-matrix.js';
import { asError } from '../ui/form-errors.js';

/**
 * Settings → Roles → one role: its label, description and the permission matrix (scope per
 * entity and action, hidden and read-only fields). Saved with PATCH; problems show at their cell.
 */
export class RoleEditorPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    current: { state: true },
    draft: { state: true },
    loadError: { state: true },
    saveError: { state: true },
    busy: { state: true },
    savedAt: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .details {
        display: grid;
        grid-template-columns: minmax(12rem, 20rem) 1fr;
        gap: 0.875rem;
        margin-bottom: 1rem;
      }
      @media (max-width: 800px) {
        .details {
          grid-template-columns: 1fr;
        }
      }
      .card.matrix {
        padding: 0;
      }
      .footer {
        position: sticky;
        bottom: 0;
        padding: 0.75rem 0;
        background: var(--tr-background);
      }
      .crumb {
        color: var(--tr-muted);
      }
    `,
  ];

  declare params: Record<string, string>;
  declare current: Role | null;
  declare draft: { label: string; description: string; permissions: Record<string, EntityPermissions> };
  declare loadError: string;
  declare saveError: ApiError | Error | null;
  declare busy: boolean;
  declare savedAt: string;
  private loaded = '';

  constructor() {
    super();
    new StoreController(this);
    this.params = {};
    this.current = null;
    this.draft = { label: '', description: '', permissions: {} };
    this.loadError = '';
    this.saveError = null;
    this.busy = false;
    this.savedAt = '';
  }

  override willUpdate(): void {
    const name = this.params.role ?? '';
    if (name && name !== this.loaded) {
      this.loaded = name;
      void this.load(name);
    }
  }

  private async load(name: string): Promise<void> {
    this.current = null;
    this.loadError = '';
    setTitle(`Role ${name}`);
    try {
      // Entities may have changed since sign-in (another administrator, a plugin): the matrix needs them all.
      const [answer] = await Promise.all([api.get<One<Role>>(`/api/roles/${encodeURIComponent(name)}`), store.refreshEntities()]);
      const role = answer.data;
      this.current = role;
      this.draft = { label: role.label, description: role.description, permissions: structuredClone(role.permissions) };
      setTitle(`Role ${role.label}`);
    } catch (error) {
      this.loadError = error instanceof ApiError && error.status === 404 ? `There is no role named “${name}”.` : messageOf(error);
    }
  }

  private get problems(): FieldProblem[] {
    return this.saveError instanceof ApiError ? this.saveError.errors : [];
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.current) return;
    this.busy = true;
    this.saveError = null;
    this.savedAt = '';
    try {
      const saved = (await api.patch<One<Role>>(`/api/roles/${encodeURIComponent(this.current.name)}`, this.draft)).data;
      this.current = saved;
      this.draft = { label: saved.label, description: saved.description, permissions: structuredClone(saved.permissions) };
      this.savedAt = new Date().toLocaleTimeString();
    } catch (error) {
      this.saveError = asError(error);
    } finally {
      this.busy = false;
    }
  }

  /** Problems the form cannot place: no path, or a path outside the fields and the matrix's rows. */
  private unplaced(entities: EntityView[]): string[] {
    if (!this.saveError) return [];
    if (!(this.saveError instanceof ApiError) || this.saveError.errors.length === 0) return [this.saveError.message];
    const rows = new Set([ANY, ...entities.map((entity) => entity.name)]);
    return this.saveError.errors
      .filter((problem) => {
        const [root, entity] = problem.path.split('.');
        if (root === 'label' || root === 'description') return false;
        return !(root === 'permissions' && entity !== undefined && rows.has(entity.replace(/\[.*$/, '')));
      })
      .map((problem) => `${problem.path}: ${problem.message}`);
  }

  private text(name: 'label' | 'description', label: string) {
    const problem = this.saveError instanceof ApiError ? this.saveError.forField(name) : undefined;
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input
        id=${name}
        .value=${this.draft[name]}
        ?disabled=${this.current?.name === ADMIN_ROLE}
        aria-invalid=${problem ? 'true' : 'false'}
        @input=${(event: Event) => (this.draft = { ...this.draft, [name]: (event.target as HTMLInputElement).value })}
      />
      ${problem ? html`<p class="field-error">${problem}</p>` : nothing}
    </div>`;
  }

  override render() {
    const header = html`<header class="page-header">
      <div>
        <a class="crumb" href="/settings/roles">Roles</a>
        <h1>${this.current?.label ?? this.params.role}</h1>
      </div>
      ${this.current?.system ? html`<span class="badge">System role</span>` : nothing}
    </header>`;
    if (this.loadError) return html`${header}${states.error(this.loadError, () => void this.load(this.loaded))}`;
    if (!this.current) return html`${header}${states.loading('Loading the role…', '24rem')}`;
    const isAdmin = this.current.name === ADMIN_ROLE;
    const entities = [...store.entities].sort((a, b) => a.label.localeCompare(b.label));
    const unplaced = this.unplaced(entities);
    return html`${header}
      <form @submit=${(event: SubmitEvent) => void this.save(event)} novalidate>
        ${
          isAdmin
            ? html`<p class="card">
                Administrators may do everything. This role stands for the administrator flag of a user and cannot be changed.
              </p>`
            : nothing
        }
        ${unplaced.length ? html`<div class="error-box" role="alert">${unplaced.map((line) => html`<div>${line}</div>`)}</div>` : nothing}
        <div class="details">${this.text('label', 'Label')} ${this.text('description', 'Description')}</div>
        <h2>Permissions</h2>
        <p class="hint">
          Own: records the user owns. Team: records owned by anyone sharing a team with them. Hidden fields are never shown to the role;
          read-only fields are shown but cannot be changed.
        </p>
        ${
          entities.length
            ? html`<div class="card matrix">
                <tr-permission-matrix
                  .entities=${entities}
                  .permissions=${this.draft.permissions}
                  .problems=${this.problems}
                  ?disabled=${isAdmin}
                  @change=${(event: CustomEvent<Record<string, EntityPermissions>>) =>
                    (this.draft = { ...this.draft, permissions: event.detail })}
                ></tr-permission-matrix>
              </div>`
            : states.empty('There are no entities yet: create some under Entities & fields first.')
        }
        <div class="footer toolbar">
          <button type="submit" class="primary" ?disabled=${this.busy || isAdmin}>${this.busy ? 'Saving…' : 'Save role'}</button>
          <a class="button" href="/settings/roles">Back to roles</a>
          ${this.savedAt ? html`<span role="status" class="muted">Saved at ${this.savedAt}.</span>` : nothing}
        </div>
      </form>`;
  }
}

customElements.define('tr-role-editor-page', RoleEditorPage);
