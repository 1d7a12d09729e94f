import { LitElement, css, html } from 'lit';
import { api, messageOf } from '../api/client.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import { listPageStyles, pageHeader } from '../ui/list-page.js';
import { confirmAction } from '../ui/confirm-dialog.js';
import { allTeams, allUsers, userLabel, type Team, type User } from './people/people-api.js';
import './people/team-dialog.js';
import type { TeamDialog } from './people/team-dialog.js';

/**
 * Settings → Teams: groups of users. A `team` scope in a role reaches the records owned by
 * anyone who shares a team with the user, so teams shape who sees what.
 */
export class TeamsPage extends LitElement {
  static override properties = {
    teams: { state: true },
    users: { state: true },
    loadError: { state: true },
    actionError: { state: true },
  };

  static override styles = [
    sharedStyles,
    listPageStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
        gap: 0.75rem;
      }
      .card {
        display: grid;
        gap: 0.5rem;
        align-content: start;
      }
      h2 {
        margin: 0;
      }
      .members {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        min-height: 1.5rem;
      }
    `,
  ];

  declare teams: Team[] | null;
  declare users: User[];
  declare loadError: string;
  declare actionError: string;

  constructor() {
    super();
    this.teams = null;
    this.users = [];
    this.loadError = '';
    this.actionError = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('Teams');
    void this.load();
  }

  private async load(): Promise<void> {
    this.loadError = '';
    try {
      [this.teams, this.users] = await Promise.all([allTeams(), allUsers()]);
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  private get dialog(): TeamDialog | null {
    return this.renderRoot.querySelector('tr-team-dialog');
  }

  private saved(team: Team): void {
    const list = this.teams ?? [];
    const next = list.some((item) => item.id === team.id) ? list.map((item) => (item.id === team.id ? team : item)) : [...list, team];
    this.teams = next.sort((a, b) => a.name.localeCompare(b.name));
  }

  private async deleteTeam(team: Team): Promise<void> {
    const yes = await confirmAction({
      heading: `Delete team ${team.name}?`,
      message: `Its ${team.members.length} member(s) stay, but no longer share records through this team.`,
      actionLabel: 'Delete team',
      danger: true,
    });
    if (!yes) return;
    this.actionError = '';
    try {
      await api.delete(`/api/teams/${team.id}`);
      this.teams = (this.teams ?? []).filter((item) => item.id !== team.id);
    } catch (error) {
      this.actionError = messageOf(error);
    }
  }

  private card(team: Team) {
    const members = team.members.map((id) => this.users.find((user) => user.id === id)).filter((user): user is User => !!user);
    return html`<article class="card" aria-labelledby=${`team-${team.id}`}>
      <h2 id=${`team-${team.id}`}>${team.name}</h2>
      <span class="muted">${members.length === 1 ? '1 member' : `${members.length} members`}</span>
      <div class="members">${members.map((user) => html`<span class="badge">${userLabel(user)}</span>`)}</div>
      <div class="toolbar">
        <button type="button" aria-label=${`Edit team ${team.name}`} @click=${() => this.dialog?.open(team)}>Rename & members</button>
        <button type="button" class="ghost danger" aria-label=${`Delete team ${team.name}`} @click=${() => void this.deleteTeam(team)}>
          Delete
        </button>
      </div>
    </article>`;
  }

  private content() {
    if (this.loadError) return states.error(this.loadError, () => void this.load());
    if (!this.teams) return states.loading('Loading teams…', '12rem');
    if (!this.teams.length)
      return states.empty(
        'No teams yet. Teams let colleagues see each other’s records.',
        html`<button type="button" class="primary" @click=${() => this.dialog?.open(null)}>Create the first team</button>`,
      );
    return html`<div class="grid">${this.teams.map((team) => this.card(team))}</div>`;
  }

  override render() {
    return html`
      ${pageHeader({
        title: 'Teams',
        action: html`<button type="button" class="primary" ?disabled=${!this.teams} @click=${() => this.dialog?.open(null)}>
          New team
        </button>`,
      })}
      ${this.actionError ? html`<p class="error-box" role="alert">${this.actionError}</p>` : ''} ${this.content()}
      <tr-team-dialog .users=${this.users} @saved=${(event: CustomEvent<Team>) => this.saved(event.detail)}></tr-team-dialog>
    `;
  }
}

customElements.define('tr-teams-page', TeamsPage);
