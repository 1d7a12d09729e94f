import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { api, messageOf } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { states } from '../../ui/states.js';

/** The words a {@link PagedFeed} shows around its entries. */
export interface FeedTexts {
  /** The list's accessible name ("History"). */
  label: string;
  loading: string;
  empty: string;
}

/**
 * The entries of a record's side panel (history, timeline) read page by page from a cursor API,
 * newest first, and drawn as the quiet feed of `activityStyles` with "Load more" at the end.
 * The panel supplies the path and how one entry looks.
 */
export class PagedFeed<Entry> implements ReactiveController {
  entries: Entry[] | null = null;
  next: string | null = null;
  loading = false;
  problem: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly path: () => string,
    private readonly limit: number,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Reads the first page (`cursor` null), or the page after `cursor` added to those shown. */
  async load(cursor: string | null): Promise<void> {
    this.loading = true;
    this.problem = null;
    this.host.requestUpdate();
    try {
      const page = await api.get<Page<Entry>>(this.path(), { limit: this.limit, cursor });
      this.entries = cursor ? [...(this.entries ?? []), ...page.data] : page.data;
      this.next = page.page.next;
    } catch (error) {
      this.problem = messageOf(error);
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  /** Shows a new entry first, as the API would list it. */
  prepend(entry: Entry): void {
    this.entries = [entry, ...(this.entries ?? [])];
    this.host.requestUpdate();
  }

  /** The feed in its loading, error, empty or listed state. */
  render(texts: FeedTexts, entry: (item: Entry) => TemplateResult): TemplateResult {
    if (this.problem && !this.entries) return states.error(this.problem, () => void this.load(null));
    if (!this.entries) return states.loading(texts.loading);
    if (!this.entries.length) return html`<p class="muted">${texts.empty}</p>`;
    return html`<ol class="feed" aria-label=${texts.label}>
        ${this.entries.map((item) => html`<li>${entry(item)}</li>`)}
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
}

/** How the side panels write a moment: "12 Mar 2026, 14:05" in the browser's language. */
export const feedTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
