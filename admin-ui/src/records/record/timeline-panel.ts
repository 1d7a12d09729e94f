import { LitElement, css, html, nothing } from 'lit';
import { ApiError, api, messageOf } from '../../api/client.js';
import type { EntityView, One } from '../../api/types.js';
import { sharedStyles } from '../../ui/styles.js';
import { activityStyles } from './activity-styles.js';
import { PagedFeed, feedTime } from './paged-feed.js';

/** A timeline entry as the API returns it. */
interface TimelineEntry {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  occurred_at: string;
  plugin: string | null;
  actor: { email?: string | null } | null;
}

/** The record's timeline, newest first, with "Load more" and a form to add a note. */
export class TimelinePanel extends LitElement {
  static override properties = {
    entity: { attribute: false },
    recordId: { attribute: false },
    noteTitle: { state: true },
    body: { state: true },
    saving: { state: true },
    formErrors: { state: true },
  };

  static override styles = [
    sharedStyles,
    activityStyles,
    css`
      form {
        display: grid;
        gap: 0.5rem;
        margin-bottom: 1rem;
      }
      form textarea {
        min-height: 4rem;
      }
      form .toolbar {
        justify-content: flex-end;
      }
      .body {
        white-space: pre-wrap;
        margin: 0.25rem 0 0;
      }
    `,
  ];

  declare entity: EntityView;
  declare recordId: string;
  declare noteTitle: string;
  declare body: string;
  declare saving: boolean;
  declare formErrors: { title?: string; body?: string; form?: string };

  private readonly feed = new PagedFeed<TimelineEntry>(this, () => this.path, 20);

  constructor() {
    super();
    this.noteTitle = '';
    this.body = '';
    this.saving = false;
    this.formErrors = {};
  }

  private get path(): string {
    return `/api/records/${this.entity.name}/${encodeURIComponent(this.recordId)}/timeline`;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('recordId')) void this.feed.load(null);
  }

  private async addNote(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.noteTitle.trim()) {
      this.formErrors = { title: 'Give the note a title.' };
      return;
    }
    this.saving = true;
    this.formErrors = {};
    try {
      const body = { kind: 'note', title: this.noteTitle.trim(), ...(this.body.trim() ? { body: this.body } : {}) };
      const entry = (await api.post<One<TimelineEntry>>(this.path, body)).data;
      this.feed.prepend(entry);
      this.noteTitle = '';
      this.body = '';
    } catch (error) {
      this.formErrors =
        error instanceof ApiError
          ? { title: error.forField('title'), body: error.forField('body'), form: error.errors.length ? undefined : error.message }
          : { form: messageOf(error) };
    } finally {
      this.saving = false;
    }
  }

  private noteForm() {
    const errors = this.formErrors;
    return html`<form aria-label="Add a note" @submit=${(event: Event) => void this.addNote(event)}>
      ${errors.form ? html`<div class="error-box" role="alert">${errors.form}</div>` : nothing}
      <label for="note-title" class="visually-hidden">Note title</label>
      <input
        id="note-title"
        placeholder="Add a note…"
        .value=${this.noteTitle}
        aria-invalid=${errors.title ? 'true' : 'false'}
        aria-describedby=${errors.title ? 'note-title-error' : ''}
        @input=${(event: Event) => (this.noteTitle = (event.target as HTMLInputElement).value)}
      />
      ${errors.title ? html`<p class="field-error" id="note-title-error">${errors.title}</p>` : nothing}
      <label for="note-body" class="visually-hidden">Note text</label>
      <textarea
        id="note-body"
        placeholder="Details (optional)"
        .value=${this.body}
        aria-invalid=${errors.body ? 'true' : 'false'}
        @input=${(event: Event) => (this.body = (event.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${errors.body ? html`<p class="field-error">${errors.body}</p>` : nothing}
      <div class="toolbar">
        <button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? 'Adding…' : 'Add note'}</button>
      </div>
    </form>`;
  }

  private list() {
    return this.feed.render(
      { label: 'Timeline', loading: 'Loading the timeline…', empty: 'Nothing on the timeline yet.' },
      (entry) =>
        html`<div class="entry-head">
            <span class="badge">${entry.kind.replaceAll('_', ' ')}</span>
            <strong>${entry.title}</strong>
          </div>
          ${entry.body ? html`<p class="body">${entry.body}</p>` : nothing}
          <p class="muted when">
            <time datetime=${entry.occurred_at}>${feedTime.format(new Date(entry.occurred_at))}</time>
            ${entry.actor?.email ? html` · ${entry.actor.email}` : nothing}${entry.plugin ? html` · ${entry.plugin}` : nothing}
          </p>`,
    );
  }

  override render() {
    return html`${this.noteForm()}${this.list()}`;
  }
}

customElements.define('tr-record-timeline', TimelinePanel);
