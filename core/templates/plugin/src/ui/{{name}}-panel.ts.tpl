import { LitElement, css, html } from 'lit';

/**
 * A dashboard widget: how many notes there are, from the plugin's own route.
 * The admin UI's session cookie authenticates the request.
 */
export class {{pascal}}Panel extends LitElement {
  static override properties = { notes: { state: true }, failed: { state: true } };

  static override styles = css`
    :host {
      display: block;
      padding: 1rem;
    }
  `;

  declare notes: number | null;
  declare failed: boolean;

  constructor() {
    super();
    this.notes = null;
    this.failed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const response = await fetch('/api/plugins/{{name}}/hello', { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { data } = (await response.json()) as { data: { notes: number } };
      this.notes = data.notes;
    } catch {
      this.failed = true;
    }
  }

  override render() {
    if (this.failed) return html`<p>{{title}} is not available.</p>`;
    if (this.notes === null) return html`<p>Loading…</p>`;
    return html`<p>{{title}}: ${this.notes} note${this.notes === 1 ? '' : 's'}</p>`;
  }
}

// Guarded: the admin UI may load this module again after the plugin is disabled and enabled.
if (!customElements.get('{{name}}-panel')) customElements.define('{{name}}-panel', {{pascal}}Panel);

declare global {
  interface HTMLElementTagNameMap {
    '{{name}}-panel': {{pascal}}Panel;
  }
}
