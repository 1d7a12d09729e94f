import { LitElement, css, html } from 'lit';

/**
 * A record panel on notes: how long the note is. The admin UI sets `entity`, `recordId` and
 * `record` (the note as the API returns it), and sets `record` again after every edit.
 */
export class {{pascal}}Panel extends LitElement {
  static override properties = {
    entity: { attribute: false },
    recordId: { attribute: false },
    record: { attribute: false },
  };

  static override styles = css`
    :host {
      display: block;
    }
    p {
      margin: 0;
      color: var(--tr-muted, #5b6474);
    }
  `;

  declare entity: string;
  declare recordId: string;
  declare record: Record<string, unknown> | null;

  constructor() {
    super();
    this.entity = '';
    this.recordId = '';
    this.record = null;
  }

  override render() {
    const body = typeof this.record?.body === 'string' ? this.record.body : '';
    const words = body.split(/\s+/).filter(Boolean).length;
    return html`<p>${words ? `${words} word${words === 1 ? '' : 's'} in this note.` : 'This note has no text yet.'}</p>`;
  }
}

// Guarded: the admin UI may load this module again after the plugin is disabled and enabled.
if (!customElements.get('{{name}}-panel')) customElements.define('{{name}}-panel', {{pascal}}Panel);

declare global {
  interface HTMLElementTagNameMap {
    '{{name}}-panel': {{pascal}}Panel;
  }
}
