import { LitElement, css, html, nothing } from 'lit';
import { api, messageOf } from '../api/client.js';
import type { One } from '../api/types.js';
import { states } from '../ui/states.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import { dataTable, listPageStyles, pageHeader } from '../ui/list-page.js';
import { confirmAction } from '../ui/confirm-dialog.js';
import { when, formText } from '../settings/people/people-api.js';
import '../settings/security/secret-dialog.js';
import type { SecretDialog } from '../settings/security/secret-dialog.js';
import { asError, problemAt } from '../ui/form-errors.js';

/** A personal API token as `GET /api/auth/tokens` lists it (never the token itself). */
interface ApiToken {
  id: string;
  name: string;
  scope: 'read' | 'write';
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

/**
 * Account → API tokens: the signed-in user's personal tokens for scripts and integrations.
 * A new token is shown once; revoking one stops it at once.
 */
export class TokensPage extends LitElement {
  static override properties = {
    tokens: { state: true },
    loadError: { state: true },
    formError: { state: true },
    actionError: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    listPageStyles,
    css`
      form.card {
        display: grid;
        grid-template-columns: minmax(12rem, 2fr) minmax(9rem, 1fr) minmax(8rem, 1fr) auto;
        gap: 0.75rem;
        align-items: end;
        margin-bottom: 1rem;
      }
      @media (max-width: 760px) {
        form.card {
          grid-template-columns: 1fr 1fr;
        }
      }
    `,
  ];

  declare tokens: ApiToken[] | null;
  declare loadError: string;
  declare formError: Error | null;
  declare actionError: string;
  declare busy: boolean;

  constructor() {
    super();
    this.tokens = null;
    this.loadError = '';
    this.formError = null;
    this.actionError = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('API tokens');
    void this.load();
  }

  private async load(): Promise<void> {
    this.loadError = '';
    try {
      this.tokens = (await api.get<One<ApiToken[]>>('/api/auth/tokens')).data;
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  private problem(field: string): string {
    return problemAt(this.formError, field) ?? '';
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const days = formText(data, 'expiresInDays').trim();
    this.busy = true;
    this.formError = null;
    try {
      const created = (
        await api.post<One<ApiToken & { token: string }>>('/api/auth/tokens', {
          name: formText(data, 'name').trim(),
          scope: data.get('scope'),
          ...(days ? { expiresInDays: Number(days) } : {}),
        })
      ).data;
      const { token, ...listed } = created;
      this.tokens = [...(this.tokens ?? []), listed];
      form.reset();
      this.renderRoot
        .querySelector<SecretDialog>('tr-secret-dialog')
        ?.show(`Token “${created.name}” created`, token, 'Send it as “Authorization: Bearer <token>”.');
    } catch (error) {
      this.formError = asError(error);
    } finally {
      this.busy = false;
    }
  }

  private async revoke(token: ApiToken): Promise<void> {
    const yes = await confirmAction({
      heading: `Revoke “${token.name}”?`,
      message: 'Scripts using this token stop working at once. This cannot be undone.',
      actionLabel: 'Revoke token',
      danger: true,
    });
    if (!yes) return;
    this.actionError = '';
    try {
      await api.delete(`/api/auth/tokens/${token.id}`);
      this.tokens = (this.tokens ?? []).filter((item) => item.id !== token.id);
    } catch (error) {
      this.actionError = messageOf(error);
    }
  }

  private form() {
    const placed = ['name', 'scope', 'expiresInDays'].some((field) => this.problem(field));
    return html`<form class="card" @submit=${(event: SubmitEvent) => void this.create(event)} novalidate aria-label="New token">
      ${this.formError && !placed ? html`<p class="error-box" role="alert" style="grid-column:1/-1">${this.formError.message}</p>` : nothing}
      <div class="field">
        <label for="name">Token name</label>
        <input id="name" name="name" placeholder="e.g. Nightly export" required aria-invalid=${this.problem('name') ? 'true' : 'false'} />
        ${this.problem('name') ? html`<p class="field-error">${this.problem('name')}</p>` : nothing}
      </div>
      <div class="field">
        <label for="scope">Scope</label>
        <select id="scope" name="scope">
          <option value="read">Read only</option>
          <option value="write">Read and write</option>
        </select>
        ${this.problem('scope') ? html`<p class="field-error">${this.problem('scope')}</p>` : nothing}
      </div>
      <div class="field">
        <label for="expiresInDays">Expires after (days)</label>
        <input id="expiresInDays" name="expiresInDays" type="number" min="1" max="365" value="90" />
        ${this.problem('expiresInDays') ? html`<p class="field-error">${this.problem('expiresInDays')}</p>` : nothing}
      </div>
      <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Creating…' : 'Create token'}</button>
    </form>`;
  }

  private list() {
    if (this.loadError) return states.error(this.loadError, () => void this.load());
    if (!this.tokens) return states.loading('Loading your tokens…', '8rem');
    if (!this.tokens.length) return states.empty('You have no API tokens. Create one above to use the Trellis API from a script.');
    return dataTable(
      [
        { label: 'Name' },
        { label: 'Scope' },
        { label: 'Created' },
        { label: 'Expires' },
        { label: 'Last used' },
        { label: 'Actions', hidden: true },
      ],
      this.tokens.map(
        (token) =>
          html`<tr>
            <td><strong>${token.name}</strong></td>
            <td><span class="badge">${token.scope === 'write' ? 'Read and write' : 'Read only'}</span></td>
            <td>${when(token.createdAt)}</td>
            <td>${when(token.expiresAt)}</td>
            <td>${token.lastUsedAt ? when(token.lastUsedAt) : html`<span class="muted">Never</span>`}</td>
            <td class="actions">
              <button type="button" class="ghost danger" aria-label=${`Revoke ${token.name}`} @click=${() => void this.revoke(token)}>
                Revoke
              </button>
            </td>
          </tr>`,
      ),
      'Your API tokens',
    );
  }

  override render() {
    return html`
      ${pageHeader({ title: 'API tokens' })}
      <p class="hint">
        Personal tokens let scripts and integrations use the API as you, with your permissions. Read-only tokens cannot change anything.
      </p>
      ${this.form()} ${this.actionError ? html`<p class="error-box" role="alert">${this.actionError}</p>` : nothing} ${this.list()}
      <tr-secret-dialog></tr-secret-dialog>
    `;
  }
}

customElements.define('tr-tokens-page', TokensPage);
