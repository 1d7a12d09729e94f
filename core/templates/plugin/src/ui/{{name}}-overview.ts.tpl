import { LitElement, css, html } from 'lit';

/**
 * The plugin's page, also shown as a dashboard widget: how many notes there are, from the
 * plugin's own route, with a link to them. The admin UI's session cookie authenticates the request.
 */
export class {{pascal}}Overview extends LitElement {
  static override properties = { notes: { state: true }, failed: { state: true } };

  static override styles = css`
    :host {
      display: block;
      padding: 1rem;
    }
    a {
      color: var(--tr-link, #1f5fbf);
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
    return html`<p>{{title}}: ${this.notes} note${this.notes === 1 ? '' : 's'}</p>
      <a href="/records/{{entity}}">Open the notes</a>`;
  }
}

// Guarded: the admin UI may load this module again after the plugin is disabled and enabled.
if (!customElements.get('{{name}}-overview')) customElements.define('{{name}}-overview', {{pascal}}Overview);

declare global {
  interface HTMLElementTagNameMap {
    '{{name}}-overview': {{pascal}}Overview;
  }
}
