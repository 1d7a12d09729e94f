import { callApi, SALES, withQuery } from '../shared/api.js';
import type { Board, Deal, Pipeline } from '../shared/types.js';
import type { BoardFilters } from './sales-board-filters.js';

/** Deals per column and per "Load more". */
export const PAGE_SIZE = 25;

/** The board route's `filter`: the search text in the deal's title or its company's name. */
function searchFilter(search: string): string | undefined {
  const text = search.trim();
  if (!text) return undefined;
  return JSON.stringify({ or: [{ title: { contains: text } }, { 'company.name': { contains: text } }] });
}

/** The query string the board and its column pages share. */
function boardQuery(filters: BoardFilters): Record<string, string | number | undefined> {
  return { owner: filters.owner || undefined, filter: searchFilter(filters.search), limit: PAGE_SIZE };
}

/** The pipelines, default first, then by name. */
export async function fetchPipelines(): Promise<Pipeline[]> {
  const { data } = await callApi<{ data: Pipeline[] }>('GET', withQuery('/api/records/sales_pipeline', { sort: 'name', limit: 200 }));
  return [...data].sort((a, b) => Number(Boolean(b.is_default)) - Number(Boolean(a.is_default)));
}

/** One pipeline's board as the filters narrow it. */
export async function fetchBoard(filters: BoardFilters): Promise<Board> {
  const path = `${SALES}/pipelines/${encodeURIComponent(filters.pipeline)}/board`;
  return (await callApi<{ data: Board }>('GET', withQuery(path, boardQuery(filters)))).data;
}

/** The next page of one column. */
export async function fetchColumnPage(
  stageId: string,
  cursor: string,
  filters: BoardFilters,
): Promise<{ data: Deal[]; next: string | null }> {
  const path = `${SALES}/stages/${encodeURIComponent(stageId)}/deals`;
  const body = await callApi<{ data: Deal[]; page: { next: string | null } }>('GET', withQuery(path, { ...boardQuery(filters), cursor }));
  return { data: body.data, next: body.page.next };
}

/** Moves a deal if it is still as drawn (`updated_at`); a 409 carries the deal as it now is. */
export async function postMove(deal: Deal, stageId: string, lostReason?: string): Promise<Deal> {
  const body: Record<string, unknown> = { stage: stageId, updated_at: deal.updated_at };
  if (lostReason !== undefined) body.lost_reason = lostReason;
  return (await callApi<{ data: Deal }>('POST', `${SALES}/deals/${encodeURIComponent(deal.id)}/move`, body)).data;
}
