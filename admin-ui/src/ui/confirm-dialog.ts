import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { ApiError, messageOf } from '../api/client.js';
import { dialogStyles, sharedStyles } from './styles.js';

/** What {@link confirmAction} asks. */
export interface ConfirmRequest {
  heading: string;
  message: TemplateResult | string;
  /** The confirm button's label ("Delete field", "Revoke token"). */
  actionLabel: string;
  /** Draws the confirm button in the danger colour (deleting, revoking, deactivating). */
  danger?: boolean;
  /** The word to type (a field, entity or relation type name), sent to `action` as `confirm`. */
  expected?: string;
  /** Ask for the word at once; otherwise only when the server answers that `confirm` is needed. */
  typeToConfirm?: boolean;
  /** Runs when confirmed, inside the dialog: its error is shown there and the dialog stays open. */
  action?(confirm: string | undefined): Promise<unknown>;
}

/**
 * The one confirmation dialog of the admin UI: explains what will happen, optionally has the
 * user type the name of what goes (at once, or when the server says data would be lost), and
 * runs the action while it stays open so a refusal (a 409 naming what still points to it) shows
 * in place. Escape and Cancel answer no.
 */
export class ConfirmDialog extends LitElement {
  static override properties = {
    request: { attribute: false },
    typing: { state: true },
    typed: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      p {
        margin: 0;
      }
    `,
  ];

  declare request: ConfirmRequest;
  declare typing: boolean;
  declare typed: string;
  declare error: string | null;
  declare busy: boolean;
  /** Called once with the answer when the dialog closes. */
  settle: (confirmed: boolean) => void = () => undefined;
  private confirmed = false;

  constructor() {
    super();
    this.request = { heading: '', message: '', actionLabel: 'OK' };
    this.typing = false;
    this.typed = '';
    this.error = null;
    this.busy = false;
  }

  override firstUpdated(): void {
    this.typing = this.request.typeToConfirm === true;
    this.renderRoot.querySelector('dialog')?.showModal();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#confirm-input')?.focus());
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const { request } = this;
    if (this.typing && this.typed !== request.expected) return;
    this.busy = true;
    this.error = null;
    try {
      await request.action?.(this.typing ? this.typed : undefined);
      this.confirmed = true;
      this.renderRoot.querySelector('dialog')?.close();
    } catch (error) {
      if (error instanceof ApiError && error.forField('confirm') && !this.typing && request.expected) {
        // The server found data that would be lost: ask for the name after all.
        this.typing = true;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('#confirm-input')?.focus();
      } else {
        this.error = messageOf(error);
      }
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { request } = this;
    const blocked = this.busy || (this.typing && this.typed !== request.expected);
    return html`<dialog aria-labelledby="confirm-title" @close=${() => this.settle(this.confirmed)}>
      <form novalidate @submit=${(event: Event) => void this.submit(event)}>
        <h2 id="confirm-title">${request.heading}</h2>
        <p>${request.message}</p>
        ${this.error ? html`<div class="error-box" role="alert">${this.error}</div>` : nothing}
        ${
          this.typing
            ? html`<div class="field">
                <label for="confirm-input">Type <code>${request.expected}</code> to confirm</label>
                <input
                  id="confirm-input"
                  autocomplete="off"
                  spellcheck="false"
                  .value=${this.typed}
                  @input=${(event: Event) => (this.typed = (event.target as HTMLInputElement).value)}
                />
              </div>`
            : nothing
        }
        <div class="footer">
          <button type="button" autofocus @click=${() => this.renderRoot.querySelector('dialog')?.close()}>Cancel</button>
          <button type="submit" class=${request.danger ? 'danger primary' : 'primary'} ?disabled=${blocked}>
            ${this.busy ? 'Working…' : request.actionLabel}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('tr-confirm-dialog', ConfirmDialog);

/**
 * Asks the user to confirm (and runs `request.action` if given); resolves true once confirmed
 * and the action succeeded, false when dismissed.
 */
export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  const dialog = document.createElement('tr-confirm-dialog');
  dialog.request = request;
  return new Promise((resolve) => {
    dialog.settle = (confirmed) => {
      dialog.remove();
      resolve(confirmed);
    };
    document.body.append(dialog);
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'tr-confirm-dialog': ConfirmDialog;
  }
}
