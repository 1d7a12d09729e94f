import { LitElement, css, html } from 'lit';
import { ApiProblem, messageOf } from '../shared/api.js';
import { currencyOf } from '../shared/format.js';
import { recordTitles, userNames } from '../shared/names.js';
import { states } from '../shared/states.js';
import { salesStyles } from '../shared/styles.js';
import type { Board, Pipeline } from '../shared/types.js';
import { fetchBoard, fetchColumnPage, fetchPipelines } from './board-api.js';
import { appendPage } from './board-model.js';
import { moveOnBoard } from './move-deal.js';
import type { BoardFilters } from './sales-board-filters.js';
import type { SalesLostDialog } from './sales-lost-dialog.js';
import type { MoveRequest } from './sales-deal-card.js';
import './sales-board-column.js';
import './sales-board-filters.js';
import './sales-lost-dialog.js';

/**
 * The kanban board (`/plugins/sales/board`): one column per stage of the chosen pipeline, in
 * order, with totals; cards move by drag and drop or their "Move to…" select. The filters are
 * kept in the address (`?pipeline=&owner=me&q=`), so a board can be bookmarked.
 */
export class SalesBoardPage extends LitElement {
  static override properties = {
    path: { attribute: false },
    query: { attribute: false },
    pipelines: { state: true },
    filters: { state: true },
    board: { state: true },
    problem: { state: true },
    notice: { state: true },
    status: { state: true },
    companies: { state: true },
    owners: { state: true },
    busy: { state: true },
    loadingMore: { state: true },
  };

  static override styles = [
    salesStyles,
    css`
      :host {
        display: block;
        /* The columns scroll inside the board: their width must not widen the page around it. */
        contain: inline-size;
      }
      .columns {
        position: relative;
        display: flex;
        gap: 0.75rem;
        overflow-x: auto;
        align-items: stretch;
        height: max(26rem, calc(100vh - 14rem));
        padding-bottom: 0.5rem;
      }
      .notice {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        margin-bottom: 0.75rem;
      }
    `,
  ];

  declare path: string;
  declare query: URLSearchParams;
  declare pipelines: Pipeline[] | null;
  declare filters: BoardFilters;
  declare board: Board | null;
  declare problem: string;
  declare notice: string;
  declare status: string;
  declare companies: Map<string, string>;
  declare owners: Map<string, string>;
  declare busy: Set<string>;
  declare loadingMore: Set<string>;
  private loadSeq = 0;

  constructor() {
    super();
    this.path = '/board';
    this.query = new URLSearchParams();
    this.pipelines = null;
    this.filters = { pipeline: '', owner: '', search: '' };
    this.board = null;
    this.problem = '';
    this.notice = '';
    this.status = '';
    this.companies = new Map();
    this.owners = new Map();
    this.busy = new Set();
    this.loadingMore = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.filters = {
      pipeline: this.query.get('pipeline') ?? '',
      owner: this.query.get('owner') === 'me' ? 'me' : '',
      search: this.query.get('q') ?? '',
    };
    void this.start();
  }

  private async start(): Promise<void> {
    this.problem = '';
    try {
      this.pipelines = await fetchPipelines();
    } catch (error) {
      this.problem = messageOf(error);
      return;
    }
    if (!this.pipelines.some((pipeline) => pipeline.id === this.filters.pipeline))
      this.filters = { ...this.filters, pipeline: this.pipelines[0]?.id ?? '' };
    await this.load();
  }

  /** Reads the board again from the server, as the filters say. */
  async load(): Promise<void> {
    if (!this.filters.pipeline) return;
    const seq = ++this.loadSeq;
    this.problem = '';
    this.board = null;
    try {
      const board = await fetchBoard(this.filters);
      if (seq !== this.loadSeq) return;
      this.board = board;
      void this.nameCompanies(board);
      void userNames(board.stages.flatMap((stage) => stage.deals.map((deal) => deal.owner_id))).then((names) => (this.owners = names));
    } catch (error) {
      if (seq === this.loadSeq)
        this.problem = error instanceof ApiProblem && error.errors[0] ? `${error.message}: ${error.errors[0].message}` : messageOf(error);
    }
  }

  private async nameCompanies(board: Board): Promise<void> {
    const ids = board.stages.flatMap((column) => column.deals.map((deal) => deal.company)).filter((id): id is string => Boolean(id));
    this.companies = await recordTitles('company', ids);
  }

  private setFilters(filters: BoardFilters): void {
    this.filters = filters;
    const params = new URLSearchParams();
    if (filters.pipeline) params.set('pipeline', filters.pipeline);
    if (filters.owner) params.set('owner', filters.owner);
    if (filters.search.trim()) params.set('q', filters.search.trim());
    // The address keeps the filters for a reload or a bookmark; the admin UI's router is not involved.
    history.replaceState(history.state, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
    void this.load();
  }

  private async loadMore(stageId: string): Promise<void> {
    const column = this.board?.stages.find((candidate) => candidate.id === stageId);
    if (!column?.next) return;
    this.loadingMore = new Set([...this.loadingMore, stageId]);
    try {
      const page = await fetchColumnPage(stageId, column.next, this.filters);
      if (this.board) this.board = appendPage(this.board, stageId, page.data, page.next);
      if (this.board) void this.nameCompanies(this.board);
    } catch (error) {
      this.notice = `More deals could not be loaded: ${messageOf(error)}`;
    } finally {
      this.loadingMore = new Set([...this.loadingMore].filter((id) => id !== stageId));
    }
  }

  private async onMove(event: MoveRequest): Promise<void> {
    const dialog = this.renderRoot.querySelector<SalesLostDialog>('sales-lost-dialog');
    if (!this.board || !dialog) return;
    this.notice = '';
    await moveOnBoard(
      {
        board: () => this.board,
        setBoard: (board) => (this.board = board),
        setBusy: (id, busy) => (this.busy = new Set(busy ? [...this.busy, id] : [...this.busy].filter((one) => one !== id))),
        announce: (text) => (this.status = text),
        warn: (text) => (this.notice = text),
        dialog,
      },
      event.detail.dealId,
      event.detail.stageId,
    );
  }

  private columns(board: Board) {
    const currency = currencyOf(board.stages.flatMap((column) => column.deals.map((deal) => deal.amount)));
    return html`<div
      class="columns"
      @sales-load-more=${(event: CustomEvent<{ stageId: string }>) => void this.loadMore(event.detail.stageId)}
    >
      ${board.stages.map(
        (column) =>
          html`<sales-board-column
            .column=${column}
            .stages=${board.stages}
            .companies=${this.companies}
            .owners=${this.owners}
            .busy=${this.busy}
            .currency=${currency}
            ?loadingMore=${this.loadingMore.has(column.id)}
          ></sales-board-column>`,
      )}
    </div>`;
  }

  private body() {
    if (this.problem) return states.error(this.problem, () => void this.start());
    if (this.pipelines && this.pipelines.length === 0) return states.empty('There is no pipeline yet.');
    if (!this.board) return html`<div class="columns">${states.loading('Loading the board…')}</div>`;
    if (this.board.stages.length === 0) return states.empty('This pipeline has no stages yet.');
    return this.columns(this.board);
  }

  override render() {
    return html`<sales-board-filters
        .pipelines=${this.pipelines ?? []}
        .filters=${this.filters}
        @sales-filters=${(event: CustomEvent<BoardFilters>) => this.setFilters(event.detail)}
      ></sales-board-filters>
      ${
        this.notice
          ? html`<div class="notice" role="alert">
              <span>${this.notice}</span>
              <button type="button" class="ghost" @click=${() => (this.notice = '')}>Dismiss</button>
            </div>`
          : ''
      }
      <p class="visually-hidden" role="status" aria-live="polite">${this.status}</p>
      <div @sales-move-request=${(event: MoveRequest) => void this.onMove(event)}>${this.body()}</div>
      <sales-lost-dialog></sales-lost-dialog>`;
  }
}

if (!customElements.get('sales-board-page')) customElements.define('sales-board-page', SalesBoardPage);

declare global {
  interface HTMLElementTagNameMap {
    'sales-board-page': SalesBoardPage;
  }
}
