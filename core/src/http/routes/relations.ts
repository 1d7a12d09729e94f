import Router from '@koa/router';
import type { ParsedUrlQuery } from 'node:querystring';
import { ValidationError } from '../../errors.js';
import { MAX_RELATIONS_PER_TYPE, type RelationListOptions, type RelationsService } from '../../relations/relations-service.js';
import type { TrellisState } from '../context.js';
import { single } from '../query.js';

/** Reads `?type=&cursor=&limit=` of a relations list. */
function listOptions(query: ParsedUrlQuery): RelationListOptions {
  const out: RelationListOptions = {};
  const type = single(query, 'type');
  if (type) out.type = type;
  const cursor = single(query, 'cursor');
  if (cursor) out.cursor = cursor;
  const limit = single(query, 'limit');
  if (limit !== undefined) {
    const value = Number(limit);
    if (!Number.isInteger(value) || value < 1 || value > MAX_RELATIONS_PER_TYPE) {
      throw ValidationError.at('limit', `must be a whole number from 1 to ${MAX_RELATIONS_PER_TYPE}`);
    }
    out.limit = value;
  }
  return out;
}

/** `/api/records/:entity/:id/relations`: a record's relations, grouped by type. */
export function relationsRouter(relations: RelationsService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/records/:entity/:id/relations' });

  router.get('/', async (ctx) => {
    ctx.body = { data: await relations.list(ctx.params.entity!, ctx.params.id!, listOptions(ctx.query), ctx.state.actor) };
  });
  router.post('/', async (ctx) => {
    const relation = await relations.add(ctx.params.entity!, ctx.params.id!, ctx.request.body, ctx.state.actor);
    ctx.status = 201;
    ctx.body = { data: relation };
  });
  router.patch('/:relationId', async (ctx) => {
    ctx.body = {
      data: await relations.update(ctx.params.entity!, ctx.params.id!, ctx.params.relationId!, ctx.request.body, ctx.state.actor),
    };
  });
  router.delete('/:relationId', async (ctx) => {
    await relations.remove(ctx.params.entity!, ctx.params.id!, ctx.params.relationId!, ctx.state.actor);
    ctx.status = 204;
  });
  return router;
}
