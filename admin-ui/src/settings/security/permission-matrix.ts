import { LitElement, css, html, nothing } from 'lit';
import type { FieldProblem } from '../../api/client.js';
import type { EntityView } from '../../api/types.js';
import { sharedStyles } from '../../ui/styles.js';
import { ACTIONS, SCOPES, type Action, type EntityPermissions, type Scope } from '../people/people-api.js';
import './field-rules.js';
import type { FieldRulesValue } from './field-rules.js';

/** The key of the entry that applies to every entity the role does not name. */
export const ANY = '*';

const SCOPE_LABELS: Record<Scope, string> = { none: 'None', own: 'Own', team: 'Team', all: 'All' };

/**
 * A role's permissions as a grid: one row per entity (and a first row "*" for every entity the
 * role does not name), one column per action, each cell a scope. An entity without its own
 * entry follows the "*" row, shown muted; changing one of its cells gives it its own entry.
 * Problems from the API (`permissions.deal.read`, `permissions.deal.hiddenFields[0]`) show at
 * their cell.
 *
 * @fires change - with `detail` the new permissions map.
 */
export class PermissionMatrix extends LitElement {
  static override properties = {
    entities: { attribute: false },
    permissions: { attribute: false },
    problems: { attribute: false },
    disabled: { type: Boolean },
    open: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      table {
        min-width: 40rem;
      }
      th[scope='row'] {
        font-weight: 600;
        color: var(--tr-text);
        background: none;
        font-size: inherit;
        white-space: nowrap;
      }
      td select {
        min-width: 5.5rem;
      }
      tr.inherited select {
        color: var(--tr-muted);
        border-style: dashed;
      }
      tr.any {
        background: var(--tr-surface-sunken);
      }
      .sub {
        display: block;
        font-weight: 400;
        color: var(--tr-muted);
        font-size: 0.8125rem;
      }
      .rules td {
        background: var(--tr-surface-sunken);
        padding: 0.75rem;
      }
      .field-error {
        font-size: 0.8125rem;
      }
      tbody tr:hover {
        background: inherit;
      }
    `,
  ];

  declare entities: EntityView[];
  declare permissions: Record<string, EntityPermissions>;
  declare problems: FieldProblem[];
  declare disabled: boolean;
  declare open: Set<string>;

  constructor() {
    super();
    this.entities = [];
    this.permissions = {};
    this.problems = [];
    this.disabled = false;
    this.open = new Set();
  }

  /** The problems whose path is `permissions.<entity>` followed by `suffix` (exactly, `.` or `[`). */
  private problemAt(entity: string, suffix = ''): string {
    const base = `permissions.${entity}${suffix ? `.${suffix}` : ''}`;
    return this.problems
      .filter((problem) => problem.path === base || problem.path.startsWith(`${base}[`))
      .map((problem) => problem.message)
      .join('; ');
  }

  private emit(next: Record<string, EntityPermissions>): void {
    this.dispatchEvent(new CustomEvent('change', { detail: next }));
  }

  /** The scope a cell shows: the entity's own, else the "*" row's, else none. */
  private scopeOf(entity: string, action: Action): Scope {
    const own = this.permissions[entity];
    if (own) return own[action] ?? 'none';
    return this.permissions[ANY]?.[action] ?? 'none';
  }

  private setScope(entity: string, action: Action, scope: Scope): void {
    const base: EntityPermissions = this.permissions[entity] ?? (entity === ANY ? {} : this.inheritedScopes());
    this.emit({ ...this.permissions, [entity]: { ...base, [action]: scope } });
  }

  /** A copy of the "*" row's scopes: what an entity starts from when it gets its own entry. */
  private inheritedScopes(): EntityPermissions {
    const any = this.permissions[ANY] ?? {};
    return Object.fromEntries(ACTIONS.flatMap((action) => (any[action] ? [[action, any[action]]] : [])));
  }

  private setRules(entity: string, rules: FieldRulesValue): void {
    const base = this.permissions[entity] ?? this.inheritedScopes();
    const next: EntityPermissions = { ...base, hiddenFields: rules.hiddenFields, readOnlyFields: rules.readOnlyFields };
    if (!next.hiddenFields?.length) delete next.hiddenFields;
    if (!next.readOnlyFields?.length) delete next.readOnlyFields;
    this.emit({ ...this.permissions, [entity]: next });
  }

  private reset(entity: string): void {
    const next = { ...this.permissions };
    delete next[entity];
    this.emit(next);
  }

  private toggle(entity: string): void {
    const open = new Set(this.open);
    if (open.has(entity)) open.delete(entity);
    else open.add(entity);
    this.open = open;
  }

  private cell(entity: string, label: string, action: Action) {
    const problem = this.problemAt(entity, action);
    return html`<td>
      <select
        aria-label=${`${label}: ${action} scope`}
        aria-invalid=${problem ? 'true' : 'false'}
        ?disabled=${this.disabled}
        @change=${(event: Event) => this.setScope(entity, action, (event.target as HTMLSelectElement).value as Scope)}
      >
        ${SCOPES.map((scope) => html`<option value=${scope} ?selected=${this.scopeOf(entity, action) === scope}>${SCOPE_LABELS[scope]}</option>`)}
      </select>
      ${problem ? html`<p class="field-error">${problem}</p>` : nothing}
    </td>`;
  }

  private row(entity: EntityView) {
    const own = this.permissions[entity.name];
    const rules = { hiddenFields: own?.hiddenFields ?? [], readOnlyFields: own?.readOnlyFields ?? [] };
    const ruleCount = rules.hiddenFields.length + rules.readOnlyFields.length;
    const open =
      this.open.has(entity.name) || !!this.problemAt(entity.name, 'hiddenFields') || !!this.problemAt(entity.name, 'readOnlyFields');
    const rowProblem = this.problems.filter((problem) => problem.path === `permissions.${entity.name}`).map((problem) => problem.message);
    return html`<tr class=${own ? '' : 'inherited'}>
        <th scope="row">
          ${entity.label}
          <span class="sub">${own ? 'Own rights' : 'Follows “All other entities”'}</span>
          ${rowProblem.length ? html`<p class="field-error">${rowProblem.join('; ')}</p>` : nothing}
        </th>
        ${ACTIONS.map((action) => this.cell(entity.name, entity.label, action))}
        <td>
          <div class="toolbar" style="flex-wrap:nowrap">
            <button
              type="button"
              class="ghost"
              aria-expanded=${open ? 'true' : 'false'}
              aria-label=${`${entity.label}: field rules`}
              @click=${() => this.toggle(entity.name)}
            >
              Fields${ruleCount ? ` (${ruleCount})` : ''}
            </button>
            ${
              own && !this.disabled
                ? html`<button
                    type="button"
                    class="ghost"
                    aria-label=${`${entity.label}: use the defaults`}
                    @click=${() => this.reset(entity.name)}
                  >
                    Reset
                  </button>`
                : nothing
            }
          </div>
        </td>
      </tr>
      ${
        open
          ? html`<tr class="rules">
              <td colspan=${ACTIONS.length + 2}>
                <tr-field-rules
                  .entity=${entity}
                  .value=${rules}
                  .hiddenError=${this.problemAt(entity.name, 'hiddenFields')}
                  .readOnlyError=${this.problemAt(entity.name, 'readOnlyFields')}
                  ?disabled=${this.disabled}
                  @change=${(event: CustomEvent<FieldRulesValue>) => this.setRules(entity.name, event.detail)}
                ></tr-field-rules>
              </td>
            </tr>`
          : nothing
      }`;
  }

  override render() {
    return html`<table>
      <caption class="visually-hidden">
        Permissions by entity and action
      </caption>
      <thead>
        <tr>
          <th scope="col">Entity</th>
          ${ACTIONS.map((action) => html`<th scope="col">${action[0]!.toUpperCase()}${action.slice(1)}</th>`)}
          <th scope="col"><span class="visually-hidden">Field rules</span></th>
        </tr>
      </thead>
      <tbody>
        <tr class="any">
          <th scope="row">All other entities <span class="sub">“*”: every entity without its own rights</span></th>
          ${ACTIONS.map((action) => this.cell(ANY, 'All other entities', action))}
          <td></td>
        </tr>
        ${this.entities.map((entity) => this.row(entity))}
      </tbody>
    </table>`;
  }
}

customElements.define('tr-permission-matrix', PermissionMatrix);
