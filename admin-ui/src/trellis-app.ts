import { LitElement, css, html, nothing, type TemplateResult } from 'lit';

/** The signed-in user, as `POST /api/auth/login` and `GET /api/auth/me` describe it. */
interface User {
  id: string;
  email: string;
  name: string | null;
  isAdmin: boolean;
}

/** The part of an entity's metadata (`GET /api/meta/entities`) this page shows. */
interface EntitySummary {
  name: string;
  label: string;
  pluralLabel: string;
  fields: unknown[];
}

type Phase = 'checking' | 'signed-out' | 'signed-in';

/** Cookie-authenticated writes echo this cookie in this header (see core's auth gate). */
const CSRF_COOKIE = 'trellis_csrf';
const CSRF_HEADER = 'x-csrf-token';

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The `detail` of a problem+json answer, or a generic line when the body is something else. */
async function problemDetail(response: Response): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: unknown; title?: unknown };
    if (typeof problem.detail === 'string') return problem.detail;
    if (typeof problem.title === 'string') return problem.title;
  } catch {
    // Not JSON: fall through.
  }
  return `The server answered ${response.status} ${response.statusText}`.trim();
}

/**
 * The Trellis admin application shell. For now it signs a user in (the server answers with an
 * HttpOnly session cookie), then shows who is signed in and which entities exist. Navigation,
 * record views and plugin slots come with the full admin UI.
 *
 * @csspart header - The top bar with the product name and the signed-in user.
 * @csspart main - The page content below the top bar.
 */
export class TrellisApp extends LitElement {
  static override properties = {
    phase: { state: true },
    user: { state: true },
    entities: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
      min-height: 100vh;
      color: var(--trellis-text, CanvasText);
      background: var(--trellis-background, Canvas);
      --trellis-accent: #2f6b3a;
      --trellis-focus: #1a73e8;
    }
    header {
      display: flex;
      align-items: center;
      gap: 1rem;
      padding: 0.75rem 1.5rem;
      border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent);
    }
    h1 {
      margin: 0;
      font-size: 1.25rem;
      color: var(--trellis-accent);
    }
    header .user {
      margin-left: auto;
    }
    main {
      max-width: 40rem;
      margin: 2rem auto;
      padding: 0 1.5rem;
    }
    form {
      display: grid;
      gap: 0.5rem;
      max-width: 22rem;
    }
    label {
      font-weight: 600;
      margin-top: 0.5rem;
    }
    input,
    button {
      font: inherit;
      padding: 0.5rem 0.75rem;
      border-radius: 6px;
    }
    input {
      border: 1px solid color-mix(in srgb, currentColor 40%, transparent);
      background: transparent;
      color: inherit;
    }
    button {
      border: 1px solid var(--trellis-accent);
      background: var(--trellis-accent);
      color: white;
      cursor: pointer;
    }
    button.secondary {
      background: transparent;
      color: inherit;
    }
    button[disabled] {
      opacity: 0.6;
      cursor: progress;
    }
    form button {
      margin-top: 1rem;
      justify-self: start;
    }
    :focus-visible {
      outline: 3px solid var(--trellis-focus);
      outline-offset: 2px;
    }
    .error {
      color: #b3261e;
      margin: 0.5rem 0 0;
    }
    ul {
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      gap: 0.75rem;
      align-items: baseline;
      padding: 0.5rem 0;
      border-bottom: 1px solid color-mix(in srgb, currentColor 10%, transparent);
    }
    .muted {
      opacity: 0.7;
    }
  `;

  declare phase: Phase;
  declare user: User | null;
  declare entities: EntitySummary[];
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.phase = 'checking';
    this.user = null;
    this.entities = [];
    this.error = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.restoreSession();
  }

  /** A session cookie from an earlier visit may still be valid. */
  private async restoreSession(): Promise<void> {
    try {
      const response = await fetch('/api/auth/me', { credentials: 'same-origin' });
      if (!response.ok) {
        this.phase = 'signed-out';
        return;
      }
      const { data } = (await response.json()) as { data: User };
      await this.enter(data);
    } catch {
      this.phase = 'signed-out';
      this.error = 'The Trellis server cannot be reached.';
    }
  }

  private async signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    this.busy = true;
    this.error = '';
    try {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email: fields.get('email'), password: fields.get('password') }),
      });
      if (!response.ok) {
        this.error = await problemDetail(response);
        return;
      }
      const { user } = (await response.json()) as { user: User };
      form.reset();
      await this.enter(user);
    } catch {
      this.error = 'The Trellis server cannot be reached.';
    } finally {
      this.busy = false;
    }
  }

  private async enter(user: User): Promise<void> {
    const response = await fetch('/api/meta/entities', { credentials: 'same-origin' });
    if (!response.ok) {
      this.phase = 'signed-out';
      this.error = await problemDetail(response);
      return;
    }
    const { data } = (await response.json()) as { data: EntitySummary[] };
    this.user = user;
    this.entities = data;
    this.error = '';
    this.phase = 'signed-in';
    // Move focus to the new content so keyboard and screen-reader users are not left on a removed form.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#entities-title')?.focus();
  }

  private async signOut(): Promise<void> {
    this.busy = true;
    try {
      await fetch('/api/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { [CSRF_HEADER]: readCookie(CSRF_COOKIE) ?? '' },
      });
    } catch {
      // Signing out locally still matters when the server is unreachable.
    } finally {
      this.busy = false;
      this.user = null;
      this.entities = [];
      this.phase = 'signed-out';
    }
  }

  override render(): TemplateResult {
    return html`
      <header part="header">
        <h1>Trellis</h1>
        ${
          this.user
            ? html`<span class="user">${this.user.email}</span>
                <button class="secondary" type="button" ?disabled=${this.busy} @click=${() => void this.signOut()}>Sign out</button>`
            : nothing
        }
      </header>
      <main part="main">${this.renderMain()}</main>
    `;
  }

  private renderMain(): TemplateResult {
    if (this.phase === 'checking') return html`<p aria-live="polite">Loading…</p>`;
    if (this.phase === 'signed-out' || !this.user) return this.renderSignIn();
    return html`
      <p>Signed in as <strong>${this.user.email}</strong>.</p>
      <h2 id="entities-title" tabindex="-1">Entities</h2>
      ${
        this.entities.length
          ? html`<ul>
              ${this.entities.map(
                (entity) =>
                  html`<li>
                    <span>${entity.pluralLabel || entity.label}</span>
                    <code>${entity.name}</code>
                    <span class="muted">${entity.fields.length} fields</span>
                  </li>`,
              )}
            </ul>`
          : html`<p>No entities yet. Create one through <code>POST /api/meta/entities</code>.</p>`
      }
    `;
  }

  private renderSignIn(): TemplateResult {
    return html`
      <form @submit=${(event: SubmitEvent) => void this.signIn(event)} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign in</h2>
        <label for="email">E-mail</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button type="submit" ?disabled=${this.busy}>${this.busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    `;
  }
}

if (!customElements.get('trellis-app')) customElements.define('trellis-app', TrellisApp);

declare global {
  interface HTMLElementTagNameMap {
    'trellis-app': TrellisApp;
  }
}
