import type { ReactiveControllerHost } from 'lit';
import { api, type Query } from '../../api/client.js';
import type { Page, RecordRow } from '../../api/types.js';

/** Records per page: one page is what the list loads at a time, however long the table is. */
export const PAGE_SIZE = 50;

/** What one list request asks for, besides the cursor. */
export interface ListRequest {
  entity: string;
  filter: string;
  q: string;
  sort: string;
  expand: string;
}

/**
 * Loads a list's records page by page with the API's keyset cursor, and its count. Only the
 * pages asked for are loaded; answers to a request that has since been replaced (the filter
 * changed while it ran) are dropped, so a slow answer never overwrites a newer one.
 */
export class ListLoader {
  rows: RecordRow[] = [];
  next: string | null = null;
  phase: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  error: unknown = null;
  loadingMore = false;
  moreError: unknown = null;
  count: number | null = null;

  private request?: ListRequest;
  private generation = 0;

  /** `host` is re-rendered whenever what the loader holds changes. */
  constructor(private readonly host: Pick<ReactiveControllerHost, 'requestUpdate'>) {}

  private query(request: ListRequest, cursor?: string): Query {
    return { filter: request.filter, q: request.q, sort: request.sort, expand: request.expand, limit: PAGE_SIZE, cursor };
  }

  /** Starts afresh with the first page and the count of `request`. */
  async load(request: ListRequest): Promise<void> {
    this.request = request;
    const generation = ++this.generation;
    Object.assign(this, { phase: 'loading', error: null, moreError: null, loadingMore: false, count: null, next: null });
    this.host.requestUpdate();
    void api
      .get<{ count: number }>(`/api/records/${request.entity}/count`, { filter: request.filter, q: request.q })
      .then((answer) => {
        if (generation !== this.generation) return;
        this.count = answer.count;
        this.host.requestUpdate();
      })
      .catch(() => {
        // The list itself reports the problem; the header just shows no number.
      });
    try {
      const page = await api.get<Page<RecordRow>>(`/api/records/${request.entity}`, this.query(request));
      if (generation !== this.generation) return;
      Object.assign(this, { rows: page.data, next: page.page.next, phase: 'ready' });
    } catch (error) {
      if (generation !== this.generation) return;
      Object.assign(this, { rows: [], phase: 'error', error });
    }
    this.host.requestUpdate();
  }

  /** Reloads what is shown (after bulk actions), from the first page. */
  reload(): Promise<void> {
    return this.request ? this.load(this.request) : Promise.resolve();
  }

  /** Appends the next page, if there is one and none is on its way. */
  async more(): Promise<void> {
    const request = this.request;
    if (!request || !this.next || this.loadingMore || this.phase !== 'ready') return;
    const generation = this.generation;
    this.loadingMore = true;
    this.moreError = null;
    this.host.requestUpdate();
    try {
      const page = await api.get<Page<RecordRow>>(`/api/records/${request.entity}`, this.query(request, this.next));
      if (generation !== this.generation) return;
      this.rows = [...this.rows, ...page.data];
      this.next = page.page.next;
    } catch (error) {
      if (generation !== this.generation) return;
      this.moreError = error;
    } finally {
      if (generation === this.generation) this.loadingMore = false;
      this.host.requestUpdate();
    }
  }
}
