import { LitElement, css, html } from 'lit';
import { salesStyles } from '../shared/styles.js';

/**
 * Asks why a deal was lost, in a modal dialog: one of the plugin's configured reasons (radio
 * buttons), or free text when any reason is accepted. `ask()` resolves with the reason, or
 * null when the user cancels (Escape, Cancel); the board then leaves the deal where it was.
 */
export class SalesLostDialog extends LitElement {
  static override properties = {
    dealTitle: { state: true },
    reasons: { state: true },
    fixed: { state: true },
    error: { state: true },
    chosen: { state: true },
  };

  static override styles = [
    salesStyles,
    css`
      h2 {
        font-size: 1.0625rem;
        margin-bottom: 0.75rem;
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 1rem;
        display: grid;
        gap: 0.375rem;
      }
      legend {
        font-weight: 550;
        margin-bottom: 0.375rem;
      }
      .reason {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        font-weight: 400;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 0.5rem;
        margin-top: 1rem;
      }
      input[type='text'] {
        width: 100%;
      }
    `,
  ];

  declare dealTitle: string;
  declare reasons: string[];
  declare fixed: boolean;
  declare error: string;
  declare chosen: string;
  private settle: ((reason: string | null) => void) | null = null;

  constructor() {
    super();
    this.dealTitle = '';
    this.reasons = [];
    this.fixed = true;
    this.error = '';
    this.chosen = '';
  }

  /**
   * Opens the dialog for the deal titled `title`, offering `reasons` as the only choices when
   * `fixed`, else as suggestions for free text, with `error` (the server's word on a refused
   * reason) shown beside the choice.
   */
  async ask(title: string, reasons: string[], fixed: boolean, error = ''): Promise<string | null> {
    this.dealTitle = title;
    this.reasons = reasons;
    this.fixed = fixed;
    this.error = error;
    this.chosen = '';
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return null;
    dialog.showModal();
    return new Promise((resolve) => (this.settle = resolve));
  }

  private finish(reason: string | null): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
    this.settle?.(reason);
    this.settle = null;
  }

  private submit(event: Event): void {
    event.preventDefault();
    const reason = this.chosen.trim();
    if (!reason) {
      this.error = 'Choose why the deal was lost';
      return;
    }
    this.finish(reason);
  }

  private choices() {
    if (!this.fixed || this.reasons.length === 0)
      return html`<div class="field">
        <label for="reason">Lost reason</label>
        <input
          id="reason"
          type="text"
          list="reason-list"
          autofocus
          maxlength="200"
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby="reason-error"
          .value=${this.chosen}
          @input=${(event: Event) => (this.chosen = (event.target as HTMLInputElement).value)}
        />
        <datalist id="reason-list">${this.reasons.map((reason) => html`<option value=${reason}></option>`)}</datalist>
      </div>`;
    return html`<fieldset aria-describedby="reason-error">
      <legend>Lost reason</legend>
      ${this.reasons.map(
        (reason, index) =>
          html`<label class="reason">
            <input
              type="radio"
              name="reason"
              value=${reason}
              ?autofocus=${index === 0}
              .checked=${this.chosen === reason}
              @change=${() => (this.chosen = reason)}
            />
            ${reason}
          </label>`,
      )}
    </fieldset>`;
  }

  override render() {
    return html`<dialog aria-labelledby="lost-heading" @cancel=${() => this.finish(null)}>
      <form @submit=${(event: Event) => this.submit(event)}>
        <h2 id="lost-heading">Why was “${this.dealTitle}” lost?</h2>
        ${this.choices()}
        <p class="field-error" id="reason-error" role="alert">${this.error}</p>
        <div class="actions">
          <button type="button" @click=${() => this.finish(null)}>Cancel</button>
          <button type="submit" class="primary danger">Mark as lost</button>
        </div>
      </form>
    </dialog>`;
  }
}

if (!customElements.get('sales-lost-dialog')) customElements.define('sales-lost-dialog', SalesLostDialog);

declare global {
  interface HTMLElementTagNameMap {
    'sales-lost-dialog': SalesLostDialog;
  }
}
