import { LitElement, css, html, nothing } from 'lit';
import { api } from '../api/client.js';
import { sharedStyles } from '../ui/styles.js';
import { setTitle } from '../ui/title.js';
import { authCard, authCardStyles } from './auth-card.js';
import { formText } from '../settings/people/people-api.js';
import { asError, problemAt } from '../ui/form-errors.js';

/**
 * The page of a mailed reset or invitation link (`/reset-password?token=trp_…`): the new
 * password twice, sent with the token. Public: whoever holds the link is not signed in.
 */
export class ResetPasswordPage extends LitElement {
  static override properties = {
    query: { attribute: false },
    error: { state: true },
    mismatch: { state: true },
    busy: { state: true },
    done: { state: true },
  };

  static override styles = [
    sharedStyles,
    authCardStyles,
    css`
      :host {
        --auth-card-width: 26rem;
      }
    `,
  ];

  declare query: URLSearchParams;
  declare error: Error | null;
  declare mismatch: boolean;
  declare busy: boolean;
  declare done: boolean;

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.error = null;
    this.mismatch = false;
    this.busy = false;
    this.done = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('Choose a password');
  }

  private problem(field: string): string {
    return problemAt(this.error, field) ?? '';
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const password = formText(data, 'password');
    this.mismatch = password !== formText(data, 'confirm');
    if (this.mismatch) return;
    this.busy = true;
    this.error = null;
    try {
      await api.post('/api/auth/password-reset/confirm', { token: this.query.get('token') ?? '', password });
      this.done = true;
    } catch (error) {
      this.error = asError(error);
    } finally {
      this.busy = false;
    }
  }

  private form() {
    const tokenProblem = this.problem('token');
    const passwordProblem = this.problem('password');
    const general = this.error && !tokenProblem && !passwordProblem ? this.error.message : '';
    if (!this.query.get('token'))
      return html`<p class="error-box" role="alert">
          This link has no reset token. Open the link from your e-mail again, or ask for a new one on the sign-in page.
        </p>
        <a href="/login">Go to sign in</a>`;
    return html`<form @submit=${(event: SubmitEvent) => void this.submit(event)} novalidate>
      ${
        tokenProblem
          ? html`<div class="error-box" role="alert">The reset link ${tokenProblem}. <a href="/login">Go to sign in</a></div>`
          : nothing
      }
      ${general ? html`<p class="error-box" role="alert">${general}</p>` : nothing}
      <div class="field">
        <label for="password">New password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          autofocus
          aria-describedby="password-hint password-error"
          aria-invalid=${passwordProblem ? 'true' : 'false'}
        />
        <span class="hint" id="password-hint">At least 12 characters. A short sentence is easy to remember.</span>
        ${passwordProblem ? html`<p class="field-error" id="password-error" role="alert">${passwordProblem}</p>` : nothing}
      </div>
      <div class="field">
        <label for="confirm">Confirm password</label>
        <input
          id="confirm"
          name="confirm"
          type="password"
          autocomplete="new-password"
          required
          aria-invalid=${this.mismatch ? 'true' : 'false'}
        />
        ${this.mismatch ? html`<p class="field-error" role="alert">The two passwords differ.</p>` : nothing}
      </div>
      <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Saving…' : 'Set password'}</button>
    </form>`;
  }

  override render() {
    return authCard(
      this.done ? 'Your password is set' : 'Choose a password',
      this.done
        ? html`<p role="status">You can now sign in with your new password.</p>
            <a class="button primary" href="/login">Sign in</a>`
        : this.form(),
    );
  }
}

customElements.define('tr-reset-password-page', ResetPasswordPage);
