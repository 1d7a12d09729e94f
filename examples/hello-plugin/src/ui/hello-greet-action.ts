import { LitElement, css, html } from 'lit';
import { callApi } from './api.js';

/** A record as the API returns it. */
type AnyRecord = Record<string, unknown>;

/** Whom a record stands for: its name or title, a person's names, an e-mail, else its id. */
export function nameOf(record: AnyRecord | null, recordId: string): string {
  const text = (key: string) => (typeof record?.[key] === 'string' ? record[key].trim() : '');
  const person = [text('first_name'), text('last_name')].filter(Boolean).join(' ');
  return text('name') || text('title') || person || text('email') || recordId;
}

/**
 * A record action on every entity: "Say hello" greets the record (by its name) through the
 * plugin's `POST /greet` route, which stores the greeting, and shows what was said. The
 * admin UI sets `entity`, `recordId` and `record`.
 *
 * @csspart button - The "Say hello" button.
 */
export class HelloGreetAction extends LitElement {
  static override properties = {
    entity: { attribute: false },
    recordId: { attribute: false },
    record: { attribute: false },
    said: { state: true },
    busy: { state: true },
  };

  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
    }
    button {
      font: inherit;
      min-height: 2.25rem;
      padding: 0.375rem 0.875rem;
      border-radius: var(--tr-radius, 6px);
      border: 1px solid var(--tr-border-strong, #c4cad4);
      background: var(--tr-surface, #fff);
      color: var(--tr-text, #1d2330);
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid var(--tr-focus, #1a73e8);
      outline-offset: 2px;
    }
    span {
      color: var(--tr-muted, #5b6474);
    }
  `;

  declare entity: string;
  declare recordId: string;
  declare record: AnyRecord | null;
  declare said: string;
  declare busy: boolean;

  constructor() {
    super();
    this.entity = '';
    this.recordId = '';
    this.record = null;
    this.said = '';
    this.busy = false;
  }

  private async greet(): Promise<void> {
    this.busy = true;
    try {
      const { data } = await callApi<{ data: { message: string } }>('POST', '/api/plugins/hello/greet', {
        name: nameOf(this.record, this.recordId),
      });
      this.said = data.message;
    } catch (error) {
      this.said = `No hello: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<button part="button" type="button" ?disabled=${this.busy} @click=${() => void this.greet()}>Say hello</button>
      <span role="status">${this.said}</span>`;
  }
}

if (!customElements.get('hello-greet-action')) customElements.define('hello-greet-action', HelloGreetAction);

declare global {
  interface HTMLElementTagNameMap {
    'hello-greet-action': HelloGreetAction;
  }
}
