import { Tokens, type Filter, type RecordsApi, type RouteContext, type TrellisRecord } from '@trellis/sdk';
import { DEAL, PIPELINE, STAGE } from '../names.js';
import { stagesOf, toStage, type Stage } from '../pipelines.js';
import { allOf, filterParam, intParam, narrow, ownerFilter, queryValue } from './input.js';

const DAY_MS = 86_400_000;

/** A deal as the board shows it: the record plus how long it has sat in its stage and whether it is rotting. */
function boardDeal(deal: TrellisRecord, stage: Stage, now: number): TrellisRecord {
  const entered = Date.parse(String(deal.stage_entered_at ?? deal.created_at));
  const days = Number.isNaN(entered) ? 0 : Math.floor((now - entered) / DAY_MS);
  const rotting = stage.kind === 'open' && stage.rotting_days !== null && stage.rotting_days > 0 && days >= stage.rotting_days;
  return { ...deal, days_in_stage: days, rotting };
}

/** One page of a stage's deals, newest first: a keyset range on the (stage, id) index. */
async function stagePage(records: RecordsApi, stage: Stage, where: (ours: Filter) => Filter, limit: number, cursor?: string) {
  const page = await records.list(DEAL, { filter: where({ stage: { eq: stage.id } }), limit, ...(cursor ? { cursor } : {}) });
  const now = Date.now();
  return { data: page.data.map((deal) => boardDeal(deal, stage, now)), page: page.page };
}

/** The caller's conditions on deals (`owner=` and `filter=`) joined with the route's own. */
function dealConditions(ctx: RouteContext): (ours: Filter) => Filter {
  const owner = ownerFilter(ctx);
  const filter = filterParam(ctx);
  return (ours) => narrow(filter, allOf(ours, owner));
}

/**
 * `GET /pipelines/:id/board?owner=&filter=&limit=`: the pipeline's stages in order, each with
 * its deal count, amount and weighted amount (one GROUP BY), and the first `limit` deals
 * (default 25, at most 200) with the cursor of the next page, read as the caller (a rep sees
 * their scope only).
 */
export async function board(ctx: RouteContext): Promise<void> {
  const records = ctx.services.get(Tokens.Records);
  const limit = intParam(ctx, 'limit', 25, 1, 200);
  const conditions = dealConditions(ctx);
  const pipeline = await records.get(PIPELINE, ctx.params.id ?? '', { fields: ['name', 'is_default'] });
  const stages = await stagesOf(records, pipeline.id);
  const totals = await records.aggregate(DEAL, {
    filter: conditions({ pipeline: { eq: pipeline.id } }),
    groupBy: ['stage'],
    metrics: {
      count: { fn: 'count' },
      amount: { fn: 'sum', field: 'amount' },
      weighted: { fn: 'sum', field: 'amount', times: 'probability' },
    },
  });
  const byStage = new Map(totals.data.map((row) => [row.group.stage, row.values]));
  const columns = [];
  for (const stage of stages) {
    const values = byStage.get(stage.id);
    const page = await stagePage(records, stage, conditions, limit);
    columns.push({
      ...stage,
      count: Number(values?.count ?? 0),
      amount: Number(values?.amount ?? 0),
      weighted: Number(values?.weighted ?? 0) / 100,
      deals: page.data,
      next: page.page.next,
    });
  }
  ctx.body = { data: { pipeline, stages: columns } };
}

/**
 * `GET /stages/:id/deals?cursor=&limit=&owner=&filter=`: the next page of one board column,
 * from the `next` cursor the board (or the previous page) gave.
 */
export async function stageDeals(ctx: RouteContext): Promise<void> {
  const records = ctx.services.get(Tokens.Records);
  const limit = intParam(ctx, 'limit', 25, 1, 200);
  const stage = await records.get(STAGE, ctx.params.id ?? '');
  const cursor = queryValue(ctx, 'cursor');
  const page = await stagePage(records, toStage(stage), dealConditions(ctx), limit, cursor);
  ctx.body = page;
}
