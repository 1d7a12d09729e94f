import { LitElement, css, html, nothing } from 'lit';
import { ApiError, api, messageOf } from '../../api/client.js';
import type { EntityView, One, Page } from '../../api/types.js';
import { states } from '../../ui/states.js';
import { sharedStyles } from '../../ui/styles.js';
import { activityStyles } from './activity-styles.js';

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

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The record's timeline, newest first, with "Load more" and a form to add a note. */
export class TimelinePanel extends LitElement {
  static override properties = {
    entity: { attribute: false },
    recordId: { attribute: false },
    entries: { state: true },
    next: { state: true },
    loading: { state: true },
    problem: { state: true },
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
  declare entries: TimelineEntry[] | null;
  declare next: string | null;
  declare loading: boolean;
  declare problem: string | null;
  declare noteTitle: string;
  declare body: string;
  declare saving: boolean;
  declare formErrors: { title?: string; body?: string; form?: string };

  constructor() {
    super();
    this.entries = null;
    this.next = null;
    this.loading = false;
    this.problem = null;
    this.noteTitle = '';
    this.body = '';
    this.saving = false;
    this.formErrors = {};
  }

  private get path(): string {
    return `/api/records/${this.entity.name}/${encodeURIComponent(this.recordId)}/timeline`;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('recordId')) void this.load(null);
  }

  private async load(cursor: string | null): Promise<void> {
    this.loading = true;
    this.problem = null;
    try {
      const page = await api.get<Page<TimelineEntry>>(this.path, { limit: 20, cursor });
      this.entries = cursor ? [...(this.entries ?? []), ...page.data] : page.data;
      this.next = page.page.next;
    } catch (error) {
      this.problem = messageOf(error);
    } finally {
      this.loading = false;
    }
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
      this.entries = [entry, ...(this.entries ?? [])];
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
    if (this.problem && !this.entries) return states.error(this.problem, () => void this.load(null));
    if (!this.entries) return states.loading('Loading the timeline…');
    if (!this.entries.length) return html`<p class="muted">Nothing on the timeline yet.</p>`;
    return html`<ol class="feed" aria-label="Timeline">
        ${this.entries.map(
          (entry) =>
            html`<li>
              <div class="entry-head">
                <span class="badge">${entry.kind.replaceAll('_', ' ')}</span>
                <strong>${entry.title}</strong>
              </div>
              ${entry.body ? html`<p class="body">${entry.body}</p>` : nothing}
              <p class="muted when">
                <time datetime=${entry.occurred_at}>${when.format(new Date(entry.occurred_at))}</time>
                ${entry.actor?.email ? html` · ${entry.actor.email}` : nothing}${entry.plugin ? html` · ${entry.plugin}` : nothing}
              </p>
            </li>`,
        )}
      </ol>
      ${this.problem ? states.error(this.problem) : nothing}
      ${
        this.next
          ? html`<button type="button" class="more" ?disabled=${this.loading} @click=${() => void this.load(this.next)}>
              ${this.loading ? 'Loading…' : 'Load more'}
            </button>`
          : nothing
      }`;
  }

  override render() {
    return html`${this.noteForm()}${this.list()}`;
  }
}

customElements.define('tr-record-timeline', TimelinePanel);
