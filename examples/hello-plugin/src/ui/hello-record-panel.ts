import { LitElement, css, html } from 'lit';

/** The languages of the `hello_greeting` entity's `language` field, by value. */
const LANGUAGES: Record<string, string> = { en: 'English', fr: 'French', de: 'German', es: 'Spanish' };

/** A greeting record as the API returns it (only the fields the panel reads). */
interface GreetingRecord {
  message?: unknown;
  language?: unknown;
  times_greeted?: unknown;
}

/**
 * A record panel on greetings (`hello_greeting`): the greeting as a speech bubble, with its
 * language and how many times the `count_greeting` job counted it. The admin UI sets
 * `entity`, `recordId` and `record`, and sets `record` again after every change, so the panel
 * follows edits without fetching anything.
 *
 * @csspart bubble - The greeting.
 */
export class HelloRecordPanel extends LitElement {
  static override properties = {
    entity: { attribute: false },
    recordId: { attribute: false },
    record: { attribute: false },
  };

  static override styles = css`
    :host {
      display: block;
    }
    .bubble {
      display: inline-block;
      margin: 0 0 0.5rem;
      padding: 0.5rem 0.875rem;
      border-radius: 1rem 1rem 1rem 0.25rem;
      background: var(--tr-accent-soft, #e3f0e5);
      color: var(--tr-accent-strong, #24532d);
      font-size: 1.125rem;
    }
    p {
      margin: 0;
    }
    .muted {
      color: var(--tr-muted, #5b6474);
      font-size: 0.875rem;
    }
  `;

  declare entity: string;
  declare recordId: string;
  declare record: GreetingRecord | null;

  constructor() {
    super();
    this.entity = '';
    this.recordId = '';
    this.record = null;
  }

  override render() {
    const record = this.record ?? {};
    const message = typeof record.message === 'string' ? record.message : '…';
    const language = typeof record.language === 'string' ? (LANGUAGES[record.language] ?? record.language) : 'an unknown language';
    const times = typeof record.times_greeted === 'number' ? record.times_greeted : 0;
    return html`
      <p part="bubble" class="bubble">${message}</p>
      <p class="muted">Said in ${language}, counted ${times} ${times === 1 ? 'time' : 'times'}.</p>
    `;
  }
}

// The admin UI may load the module more than once (re-enabling the plugin); a tag is defined only once.
if (!customElements.get('hello-record-panel')) customElements.define('hello-record-panel', HelloRecordPanel);

declare global {
  interface HTMLElementTagNameMap {
    'hello-record-panel': HelloRecordPanel;
  }
}
