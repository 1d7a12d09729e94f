import { DEAL } from './names.js';
import type { PluginMigration, TrellisRecord } from '@trellis/sdk';

/** Values about to be written (create data or update changes); hooks may change them. */
type Values = Record<string, unknown>;

/** "2026-03-31" → "2026-03"; null for no date. */
export function monthOf(date: unknown): string | null {
  return typeof date === 'string' && date.length >= 7 ? date.slice(0, 7) : null;
}

/**
 * Keeps `expected_month` (YYYY-MM of `expected_close`) derived, whatever the write says: the
 * forecast groups by it and its composite index covers that query, which a month cut out of
 * the date at query time could not use. Input for the field is overwritten, never refused, so
 * a client that sends a whole record back (with the stored month) is not turned away.
 */
export function deriveExpectedMonth(values: Values, before?: TrellisRecord): void {
  if (values.expected_close !== undefined) values.expected_month = monthOf(values.expected_close);
  else if (!before) values.expected_month = null;
  else if (values.expected_month !== undefined) values.expected_month = monthOf(before.expected_close);
}

/** Deals per migration step: each page is written, then the next one read. */
const PAGE = 500;

/**
 * 1.1.0 added `expected_month`: fills it for the deals that existed before, through the records
 * API so the deal hooks compute it (and the change is audited), in the upgrade's transaction.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'sales', version: '1.1.0', migrations: [fillExpectedMonth] });
 * ```
 */
export const fillExpectedMonth: PluginMigration = {
  version: '1.1.0',
  async up({ records }) {
    const filter = { expected_month: { isNull: true }, expected_close: { isNull: false } };
    for (;;) {
      const page = await records.list(DEAL, { filter, limit: PAGE, fields: ['expected_close'] });
      for (const deal of page.data) await records.update(DEAL, deal.id, { expected_month: monthOf(deal.expected_close) });
      if (page.data.length < PAGE) return;
    }
  },
};
