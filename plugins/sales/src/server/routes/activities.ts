import { Tokens, type RouteContext } from '@trellis/sdk';
import { ACTIVITY } from '../names.js';
import { allOf, filterParam, intParam, narrow, ownerFilter, queryValue } from './input.js';

/**
 * `GET /activities/due?days=7&owner=&filter=&cursor=&limit=`: open activities due within
 * `days` from now (overdue ones included), soonest first, each flagged `overdue`.
 */
export async function dueActivities(ctx: RouteContext): Promise<void> {
  const days = intParam(ctx, 'days', 7, 0, 366);
  const limit = intParam(ctx, 'limit', 50, 1, 200);
  const cursor = queryValue(ctx, 'cursor');
  const until = new Date(Date.now() + days * 86_400_000).toISOString();
  const page = await ctx.services.get(Tokens.Records).list(ACTIVITY, {
    filter: narrow(filterParam(ctx), allOf({ done: { eq: false } }, { due_at: { lte: until } }, ownerFilter(ctx))),
    sort: ['due_at'],
    limit,
    ...(cursor ? { cursor } : {}),
  });
  const now = Date.now();
  ctx.body = { data: page.data.map((activity) => ({ ...activity, overdue: Date.parse(String(activity.due_at)) < now })), page: page.page };
}
