import { LitElement, css, html } from 'lit';
import { api, messageOf } from '../api/client.js';
import { navigate } from '../router.js';
import { store } from '../state/app-store.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import { authCard, authCardStyles } from './auth-card.js';

/**
 * The sign-in form. On success the server sets the session cookie; the store loads the session
 * and the app goes to the page asked for before (`?next=`), or home.
 */
export class LoginPage extends LitElement {
  static override properties = {
    query: { attribute: false },
    error: { state: true },
    busy: { state: true },
    resetSent: { state: true },
  };

  static override styles = [
    sharedStyles,
    authCardStyles,
    css`
      .link {
        background: none;
        border: none;
        padding: 0;
        min-height: 0;
        color: var(--tr-link);
        text-decoration: underline;
        justify-self: start;
      }
    `,
  ];

  declare query: URLSearchParams;
  declare error: string;
  declare busy: boolean;
  declare resetSent: boolean;

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.error = '';
    this.busy = false;
    this.resetSent = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('Sign in');
  }

  private async signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      await api.post('/api/auth/login', { email: form.get('email'), password: form.get('password') });
      await store.restore();
      const next = this.query.get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.busy = false;
    }
  }

  private async forgot(): Promise<void> {
    const email = this.renderRoot.querySelector<HTMLInputElement>('#email')?.value.trim();
    if (!email) {
      this.error = 'Type your e-mail address first, then ask for a reset link.';
      return;
    }
    try {
      await api.post('/api/auth/password-reset', { email });
      this.resetSent = true;
      this.error = '';
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  override render() {
    return authCard(
      'Sign in',
      html`<form @submit=${(event: SubmitEvent) => void this.signIn(event)} novalidate>
          <div class="field">
            <label for="email">E-mail</label>
            <input id="email" name="email" type="email" autocomplete="username" required autofocus />
          </div>
          <div class="field">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
          ${this.error ? html`<p class="error-box" role="alert">${this.error}</p>` : ''}
          ${this.resetSent ? html`<p role="status">If an account has this address, a reset link is on its way.</p>` : ''}
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Signing in…' : 'Sign in'}</button>
        </form>
        <button class="link" type="button" @click=${() => void this.forgot()}>Forgot your password?</button>`,
    );
  }
}

customElements.define('tr-login-page', LoginPage);
