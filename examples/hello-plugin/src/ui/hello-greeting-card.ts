import { LitElement, css, html } from 'lit';

/** The plugin route the card reads; the admin UI is served from the same origin as the API. */
const RANDOM_GREETING = '/api/plugins/hello/greetings/random';

/**
 * A card showing one stored greeting at random, with a button for another. Used as a
 * dashboard widget and as the plugin's Greetings page.
 *
 * @csspart message - The greeting (or why it could not be fetched).
 * @csspart button - The "Another one" button.
 */
export class HelloGreetingCard extends LitElement {
  static override properties = {
    message: { state: true },
    failed: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
      padding: 1rem;
    }
    p {
      margin: 0 0 0.75rem;
      font-size: 1.25rem;
    }
    p.failed {
      color: #b3261e;
      font-size: 1rem;
    }
  `;

  declare message: string;
  declare failed: boolean;

  constructor() {
    super();
    this.message = '';
    this.failed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Fetches another greeting. */
  async refresh(): Promise<void> {
    try {
      const response = await fetch(RANDOM_GREETING, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`The server answered ${response.status}`);
      const body = (await response.json()) as { data: { message: string } };
      this.message = body.data.message;
      this.failed = false;
    } catch (error) {
      this.message = `No greeting today: ${error instanceof Error ? error.message : String(error)}`;
      this.failed = true;
    }
  }

  override render() {
    return html`
      <p part="message" class=${this.failed ? 'failed' : ''}>${this.message || '…'}</p>
      <button part="button" type="button" @click=${() => void this.refresh()}>Another one</button>
    `;
  }
}

// The admin UI may load the module more than once (re-enabling the plugin); a tag is defined only once.
if (!customElements.get('hello-greeting-card')) customElements.define('hello-greeting-card', HelloGreetingCard);

declare global {
  interface HTMLElementTagNameMap {
    'hello-greeting-card': HelloGreetingCard;
  }
}
