import { Tokens, type AggregateRow, type Filter, type RecordsApi, type RouteContext } from '@trellis/sdk';
import { DEAL, STAGE } from '../names.js';
import { allOf, filterParam, monthRange, narrow, optionalIdParam, ownerFilter } from './input.js';

/** Counts and amounts of one slice of the forecast. */
interface Totals {
  count: number;
  amount: number;
  weighted: number;
}

const METRICS = {
  count: { fn: 'count' },
  amount: { fn: 'sum', field: 'amount' },
  weighted: { fn: 'sum', field: 'amount', times: 'probability' },
} as const;

function add(into: Totals, row: AggregateRow): void {
  into.count += Number(row.values.count ?? 0);
  into.amount += Number(row.values.amount ?? 0);
  // Probabilities are percentages: amount × 40 is 40 % of the amount × 100.
  into.weighted += Number(row.values.weighted ?? 0) / 100;
}

/** Sums aggregate rows into one slice per key, in first-seen order. */
function rollUp(rows: AggregateRow[], key: (row: AggregateRow) => string | null): Array<{ key: string | null } & Totals> {
  const slices = new Map<string | null, Totals>();
  for (const row of rows) {
    const k = key(row);
    let slice = slices.get(k);
    if (!slice) slices.set(k, (slice = { count: 0, amount: 0, weighted: 0 }));
    add(slice, row);
  }
  return [...slices].map(([k, totals]) => ({ key: k, ...totals }));
}

const text = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

/**
 * The open deals to forecast (stage of kind `open`), narrowed by the query string: `pipeline`,
 * `owner`, `from`/`to` months of expected close, and `filter`.
 */
function forecastFilter(ctx: RouteContext): Filter {
  const { from, to } = monthRange(ctx);
  const pipeline = optionalIdParam(ctx, 'pipeline');
  return narrow(
    filterParam(ctx),
    allOf(
      { 'stage.kind': { eq: 'open' } },
      pipeline ? { pipeline: { eq: pipeline } } : undefined,
      from ? { expected_month: { gte: from } } : undefined,
      to ? { expected_month: { lte: to } } : undefined,
      ownerFilter(ctx),
    ),
  );
}

/**
 * The groups by stage, month and owner: one GROUP BY over all three (a few thousand groups at
 * most), rolled up three ways. Grouped in the order of the deal's (stage, expected_month,
 * owner_id, amount, probability) index, the query reads that index alone, in order, with no
 * sort. Should there be more groups than one query returns, each breakdown gets its own query.
 */
async function groups(records: RecordsApi, filter: Filter): Promise<Record<'month' | 'stage' | 'owner', AggregateRow[]>> {
  const all = await records.aggregate(DEAL, { filter, groupBy: ['stage', 'expected_month', 'owner_id'], metrics: METRICS, limit: 10_000 });
  if (!all.truncated) return { month: all.data, stage: all.data, owner: all.data };
  const [byMonth, byStage, byOwner] = await Promise.all(
    [['expected_month'], ['stage'], ['owner_id']].map((groupBy) =>
      records.aggregate(DEAL, { filter, groupBy, metrics: METRICS, limit: 10_000 }),
    ),
  );
  return { month: byMonth!.data, stage: byStage!.data, owner: byOwner!.data };
}

/**
 * `GET /forecast?pipeline=&owner=&from=&to=&filter=`: the open pipeline's count, amount and
 * weighted amount (amount × probability) in total, by month of expected close, by stage and by
 * owner. Computed by the database over the deals the caller may read.
 */
export async function forecast(ctx: RouteContext): Promise<void> {
  const records = ctx.services.get(Tokens.Records);
  const rows = await groups(records, forecastFilter(ctx));
  const total = rollUp(rows.month, () => 'all')[0] ?? { count: 0, amount: 0, weighted: 0 };
  const byMonth = rollUp(rows.month, (row) => text(row.group.expected_month))
    .map(({ key, ...totals }) => ({ month: key, ...totals }))
    .sort((a, b) => (a.month ?? '').localeCompare(b.month ?? ''));
  const stageRows = rollUp(rows.stage, (row) => text(row.group.stage));
  const stageIds = stageRows.map((row) => row.key).filter((id): id is string => id !== null);
  const stages = stageIds.length
    ? (await records.list(STAGE, { filter: { id: { in: stageIds } }, limit: stageIds.length, fields: ['name', 'position', 'pipeline'] }))
        .data
    : [];
  const stageById = new Map(stages.map((stage) => [stage.id, stage]));
  const byStage = stageRows
    .map(({ key, ...totals }) => ({ stage: key ? (stageById.get(key) ?? { id: key }) : null, ...totals }))
    .sort((a, b) => Number(a.stage?.position ?? 0) - Number(b.stage?.position ?? 0));
  const byOwner = rollUp(rows.owner, (row) => text(row.group.owner_id))
    .map(({ key, ...totals }) => ({ owner: key, ...totals }))
    .sort((a, b) => b.weighted - a.weighted);
  ctx.body = { data: { total: { count: total.count, amount: total.amount, weighted: total.weighted }, byMonth, byStage, byOwner } };
}
