import type { Filter } from './filters.js';

/**
 * A record as the API returns it: system fields plus the entity's fields.
 *
 * @example
 * ```ts
 * const contact: TrellisRecord = { id: '0190…', created_at: '2026-11-23T10:00:00.000Z', first_name: 'Ada' };
 * ```
 */
export interface TrellisRecord {
  /** UUIDv7, sortable by creation time. */
  id: string;
  /** Any other field of the entity. */
  [field: string]: unknown;
}

/**
 * One page of a list: `{ data, page: { next } }`; `next` is the cursor of the following page or null.
 *
 * @example
 * ```ts
 * async function all(list: (cursor?: string) => Promise<RecordPage>): Promise<TrellisRecord[]> {
 *   const out: TrellisRecord[] = [];
 *   let cursor: string | undefined;
 *   do {
 *     const page = await list(cursor);
 *     out.push(...page.data);
 *     cursor = page.page.next ?? undefined;
 *   } while (cursor);
 *   return out;
 * }
 * ```
 */
export interface RecordPage {
  /** The records of this page. */
  data: TrellisRecord[];
  /** Where the next page starts. */
  page: { next: string | null };
}

/**
 * What a list may ask for; the query string of `GET /api/records/:entity` in typed form.
 *
 * @example
 * ```ts
 * const query: ListQuery = { filter: { status: { eq: 'active' } }, sort: ['-score'], limit: 25 };
 * ```
 */
export interface ListQuery {
  /** Which records. */
  filter?: Filter;
  /** Field names, `-` in front for descending. */
  sort?: string[];
  /** Page size (1 to 1000, default 50). */
  limit?: number;
  /** The `page.next` of the previous page. */
  cursor?: string;
  /** Only these fields (id is always returned). */
  fields?: string[];
  /** Lookup fields to replace by the record they point to. */
  expand?: string[];
  /** Free text searched in the text-like fields. */
  q?: string;
}
