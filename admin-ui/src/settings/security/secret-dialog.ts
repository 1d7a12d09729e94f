import { LitElement, css, html, nothing } from 'lit';
import { sharedStyles } from '../../ui/styles.js';

/**
 * Shows a secret the server reveals once (a new API token, a webhook's signing secret), with a
 * copy button and the warning that it will not be shown again. The secret is dropped on close.
 */
export class SecretDialog extends LitElement {
  static override properties = {
    heading: { state: true },
    secret: { state: true },
    note: { state: true },
    copied: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      .secret {
        display: flex;
        gap: 0.5rem;
      }
      .secret input {
        font-family: ui-monospace, monospace;
        font-size: 0.875rem;
      }
      .warning {
        border-left: 4px solid var(--tr-danger);
        padding: 0.5rem 0.75rem;
        background: var(--tr-danger-soft);
        border-radius: var(--tr-radius);
      }
    `,
  ];

  declare heading: string;
  declare secret: string;
  declare note: string;
  declare copied: string;

  constructor() {
    super();
    this.heading = '';
    this.secret = '';
    this.note = '';
    this.copied = '';
  }

  /** Shows `secret` under `heading`; `note` says where to use it. */
  show(heading: string, secret: string, note: string): void {
    this.heading = heading;
    this.secret = secret;
    this.note = note;
    this.copied = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector('dialog')?.showModal());
  }

  private async copy(): Promise<void> {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#secret');
    try {
      await navigator.clipboard.writeText(this.secret);
      this.copied = 'Copied to the clipboard.';
    } catch {
      // No clipboard permission (an insecure origin, a strict browser): select it for Ctrl+C instead.
      input?.select();
      this.copied = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  }

  override render() {
    return html`<dialog aria-labelledby="secret-title" @close=${() => (this.secret = '')}>
      <div style="display:grid;gap:0.875rem">
        <h2 id="secret-title">${this.heading}</h2>
        ${this.note ? html`<p>${this.note}</p>` : nothing}
        <div class="field">
          <label for="secret">Secret value</label>
          <div class="secret">
            <input id="secret" readonly .value=${this.secret} @focus=${(event: Event) => (event.target as HTMLInputElement).select()} />
            <button type="button" @click=${() => void this.copy()}>Copy</button>
          </div>
          <span role="status" class="hint">${this.copied}</span>
        </div>
        <p class="warning"><strong>It will not be shown again.</strong> Copy it now and keep it somewhere safe.</p>
        <div class="toolbar">
          <span class="spacer"></span>
          <button type="button" class="primary" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>I have copied it</button>
        </div>
      </div>
    </dialog>`;
  }
}

customElements.define('tr-secret-dialog', SecretDialog);
