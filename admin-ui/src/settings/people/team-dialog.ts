import { LitElement, html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ApiError, api } from '../../api/client.js';
import type { One } from '../../api/types.js';
import { dialogStyles, sharedStyles } from '../../ui/styles.js';
import './check-list.js';
import type { CheckList } from './check-list.js';
import { userLabel, type Team, type User, formText } from './people-api.js';
import { asError, problemAt } from '../../ui/form-errors.js';

/**
 * Creates or renames a team and sets its members: the name goes through POST/PATCH, the
 * members through PUT /members (which replaces the whole list).
 *
 * @fires saved - with `detail` the team as the API answered last.
 */
export class TeamDialog extends LitElement {
  static override properties = {
    users: { attribute: false },
    team: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  static override styles = [sharedStyles, dialogStyles];

  declare users: User[];
  declare team: Team | null;
  declare error: Error | null;
  declare busy: boolean;
  private opened = 0;

  constructor() {
    super();
    this.users = [];
    this.team = null;
    this.error = null;
    this.busy = false;
  }

  open(team: Team | null): void {
    this.team = team;
    this.error = null;
    // A new form each time: inputs typed into keep no trace of the previous opening.
    this.opened += 1;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const members = this.renderRoot.querySelector<CheckList>('tr-check-list');
      if (members) members.value = [...(team?.members ?? [])];
      this.renderRoot.querySelector('dialog')?.showModal();
    });
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = formText(new FormData(event.currentTarget as HTMLFormElement), 'name').trim();
    const userIds = this.renderRoot.querySelector<CheckList>('tr-check-list')?.value ?? [];
    this.busy = true;
    this.error = null;
    try {
      let team = this.team
        ? name === this.team.name
          ? this.team
          : (await api.patch<One<Team>>(`/api/teams/${this.team.id}`, { name })).data
        : (await api.post<One<Team>>('/api/teams', { name })).data;
      const same = team.members.length === userIds.length && userIds.every((id) => team.members.includes(id));
      if (!same) team = (await api.put<One<Team>>(`/api/teams/${team.id}/members`, { userIds })).data;
      this.renderRoot.querySelector('dialog')?.close();
      this.dispatchEvent(new CustomEvent('saved', { detail: team }));
    } catch (error) {
      this.error = asError(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const nameError =
      this.error instanceof ApiError
        ? (this.error.forField('name') ?? (this.error.code === 'TRELLIS_TEAM_EXISTS' ? this.error.message : ''))
        : '';
    const membersError = problemAt(this.error, 'userIds') ?? '';
    const general = this.error && !nameError && !membersError ? this.error.message : '';
    return html`<dialog aria-labelledby="team-title">
      ${keyed(
        this.opened,
        html`<form @submit=${(event: SubmitEvent) => void this.save(event)} novalidate>
          <h2 id="team-title">${this.team ? `Edit team ${this.team.name}` : 'New team'}</h2>
          ${general ? html`<p class="error-box" role="alert">${general}</p>` : ''}
          <div class="field">
            <label for="team-name">Team name</label>
            <input id="team-name" name="name" .value=${this.team?.name ?? ''} aria-invalid=${nameError ? 'true' : 'false'} required />
            ${nameError ? html`<p class="field-error">${nameError}</p>` : ''}
          </div>
          <tr-check-list
            label="Members"
            empty="No users yet."
            .choices=${this.users.map((user) => ({ value: user.id, label: userLabel(user), hint: user.active ? '' : '(deactivated)' }))}
            .error=${membersError}
          ></tr-check-list>
          <div class="footer">
            <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>Cancel</button>
            <button type="submit" class="primary" ?disabled=${this.busy}>
              ${this.busy ? 'Saving…' : this.team ? 'Save team' : 'Create team'}
            </button>
          </div>
        </form>`,
      )}
    </dialog>`;
  }
}

customElements.define('tr-team-dialog', TeamDialog);
