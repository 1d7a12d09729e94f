import Router from '@koa/router';
import type { ParsedUrlQuery } from 'node:querystring';
import { ValidationError } from '../../errors.js';
import type { TimelineListOptions, TimelineService } from '../../timeline/timeline-service.js';
import type { TrellisState } from '../context.js';
import { single } from '../query.js';

/** Reads `?limit=&cursor=`; the service checks the limit's range and the cursor. */
function listOptions(query: ParsedUrlQuery): TimelineListOptions {
  const out: TimelineListOptions = {};
  const limit = single(query, 'limit');
  if (limit !== undefined) {
    const value = Number(limit);
    if (limit.trim() === '' || !Number.isInteger(value)) throw ValidationError.at('limit', 'must be a whole number');
    out.limit = value;
  }
  const cursor = single(query, 'cursor');
  if (cursor) out.cursor = cursor;
  return out;
}

/** `/api/records/:entity/:id/timeline`: a record's timeline, newest first, and a user's own entries (notes, call logs). */
export function timelineRouter(timeline: TimelineService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/records/:entity/:id/timeline' });

  router.get('/', async (ctx) => {
    ctx.body = await timeline.list({ entity: ctx.params.entity!, id: ctx.params.id! }, listOptions(ctx.query), undefined, ctx.state.actor);
  });
  router.post('/', async (ctx) => {
    const entry = await timeline.add({ entity: ctx.params.entity!, id: ctx.params.id! }, ctx.request.body, ctx.state.actor, null);
    ctx.status = 201;
    ctx.body = { data: entry };
  });
  return router;
}
