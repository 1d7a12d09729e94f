import { Tokens, ValidationError, type AggregateRow, type Filter, type RouteContext, type TrellisRecord } from '@trellis/sdk';
import { DEAL, STAGE } from '../names.js';
import { allOf, filterParam, narrow, optionalIdParam, ownerFilter, queryValue } from './input.js';

const PERIODS = ['month', 'year'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Won or lost counts and amounts of one slice, with the win rate (won ÷ closed, null when none closed). */
interface Slice {
  won: number;
  lost: number;
  wonAmount: number;
  lostAmount: number;
  winRate: number | null;
}

function slices(won: AggregateRow[], lost: AggregateRow[], key: (row: AggregateRow, side: 'won' | 'lost') => string | null) {
  const out = new Map<string | null, Slice>();
  const slice = (k: string | null) => {
    let found = out.get(k);
    if (!found) out.set(k, (found = { won: 0, lost: 0, wonAmount: 0, lostAmount: 0, winRate: null }));
    return found;
  };
  for (const row of won) {
    const s = slice(key(row, 'won'));
    s.won += Number(row.values.count ?? 0);
    s.wonAmount += Number(row.values.amount ?? 0);
  }
  for (const row of lost) {
    const s = slice(key(row, 'lost'));
    s.lost += Number(row.values.count ?? 0);
    s.lostAmount += Number(row.values.amount ?? 0);
  }
  for (const s of out.values()) s.winRate = s.won + s.lost ? s.won / (s.won + s.lost) : null;
  return [...out];
}

const text = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

/** `from` / `to` days bounding the close instant (won_at or lost_at). */
function closeRange(ctx: RouteContext, field: 'won_at' | 'lost_at'): Filter | undefined {
  const parts: Filter[] = [];
  for (const name of ['from', 'to'] as const) {
    const raw = queryValue(ctx, name);
    if (raw === undefined) continue;
    if (!DAY.test(raw) || Number.isNaN(Date.parse(raw))) throw ValidationError.at(name, 'must be a date, YYYY-MM-DD');
    parts.push({ [field]: name === 'from' ? { gte: `${raw}T00:00:00Z` } : { lte: `${raw}T23:59:59.999Z` } });
  }
  return parts.length ? allOf(...parts) : undefined;
}

/**
 * `GET /analytics/win-loss?period=month|year&from=&to=&pipeline=&owner=&filter=`: won and lost
 * deals (counts, amounts, win rate) in total, per period of closing, per owner, and per stage
 * the deals were lost from with their lost reasons. Two GROUP BY queries (won, lost) over the
 * deals the caller may read; the breakdowns are rolled up from their groups.
 */
export async function winLoss(ctx: RouteContext): Promise<void> {
  const period = queryValue(ctx, 'period') ?? 'month';
  if (!(PERIODS as readonly string[]).includes(period)) throw ValidationError.at('period', `must be one of ${PERIODS.join(', ')}`);
  const by = period as (typeof PERIODS)[number];
  const pipeline = optionalIdParam(ctx, 'pipeline');
  const user = filterParam(ctx);
  const common = allOf(pipeline ? { pipeline: { eq: pipeline } } : undefined, ownerFilter(ctx));
  const records = ctx.services.get(Tokens.Records);
  const metrics = { count: { fn: 'count' }, amount: { fn: 'sum', field: 'amount' } } as const;
  const [won, lost] = await Promise.all([
    records.aggregate(DEAL, {
      filter: narrow(user, allOf({ won_at: { isNull: false } }, closeRange(ctx, 'won_at'), common)),
      groupBy: [{ field: 'won_at', by }, 'owner_id'],
      metrics,
      limit: 10_000,
    }),
    records.aggregate(DEAL, {
      filter: narrow(user, allOf({ lost_at: { isNull: false } }, closeRange(ctx, 'lost_at'), common)),
      groupBy: [{ field: 'lost_at', by }, 'owner_id', 'lost_from_stage', 'lost_reason'],
      metrics,
      limit: 10_000,
    }),
  ]);
  const [total] = slices(won.data, lost.data, () => 'all');
  const byPeriod = slices(won.data, lost.data, (row, side) => text(row.group[side === 'won' ? 'won_at' : 'lost_at']))
    .map(([key, slice]) => ({ period: key, ...slice }))
    .sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
  const byOwner = slices(won.data, lost.data, (row) => text(row.group.owner_id)).map(([key, slice]) => ({ owner: key, ...slice }));
  const reasons = new Map<string | null, { count: number; amount: number }>();
  const stages = new Map<string | null, { count: number; amount: number; reasons: Map<string | null, number> }>();
  for (const row of lost.data) {
    const count = Number(row.values.count ?? 0);
    const amount = Number(row.values.amount ?? 0);
    const reason = text(row.group.lost_reason);
    const r = reasons.get(reason) ?? { count: 0, amount: 0 };
    reasons.set(reason, { count: r.count + count, amount: r.amount + amount });
    const stageId = text(row.group.lost_from_stage);
    const s = stages.get(stageId) ?? { count: 0, amount: 0, reasons: new Map<string | null, number>() };
    s.count += count;
    s.amount += amount;
    s.reasons.set(reason, (s.reasons.get(reason) ?? 0) + count);
    stages.set(stageId, s);
  }
  const stageIds = [...stages.keys()].filter((id): id is string => id !== null);
  const found = stageIds.length
    ? (await records.list(STAGE, { filter: { id: { in: stageIds } }, limit: stageIds.length, fields: ['name', 'position'] })).data
    : [];
  const names = new Map<string, TrellisRecord>(found.map((stage) => [stage.id, stage]));
  ctx.body = {
    data: {
      period: by,
      total: total?.[1] ?? { won: 0, lost: 0, wonAmount: 0, lostAmount: 0, winRate: null },
      byPeriod,
      byOwner,
      lostReasons: [...reasons].map(([reason, slice]) => ({ reason, ...slice })).sort((a, b) => b.count - a.count),
      lostByStage: [...stages].map(([id, slice]) => ({
        stage: id ? (names.get(id) ?? { id }) : null,
        count: slice.count,
        amount: slice.amount,
        reasons: [...slice.reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      })),
    },
  };
}
