import Router from '@koa/router';
import type { ParsedUrlQuery } from 'node:querystring';
import { ForbiddenError, ValidationError } from '../../errors.js';
import { MAX_DELIVERY_PAGE, type WebhookService } from '../../webhooks/index.js';
import type { TrellisState } from '../context.js';
import { single } from '../query.js';

const DEFAULT_DELIVERY_PAGE = 50;

/** Reads `?limit=&cursor=` of the delivery log. */
function pageOptions(query: ParsedUrlQuery): { limit: number; cursor: string | undefined } {
  const raw = single(query, 'limit');
  const limit = raw === undefined ? DEFAULT_DELIVERY_PAGE : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DELIVERY_PAGE) {
    throw ValidationError.at('limit', `must be a whole number from 1 to ${MAX_DELIVERY_PAGE}`);
  }
  return { limit, cursor: single(query, 'cursor') || undefined };
}

/** `/api/webhooks`: outbound webhooks and their delivery log, for administrators only. */
export function webhooksRouter(webhooks: WebhookService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/webhooks' });

  // A webhook sends every matching record to any URL: only administrators may see or set one.
  router.use(async (ctx, next) => {
    if (!ctx.state.actor.isAdmin) throw new ForbiddenError('Only administrators may manage webhooks');
    await next();
  });
  router.get('/', async (ctx) => {
    ctx.body = { data: await webhooks.list() };
  });
  router.post('/', async (ctx) => {
    ctx.status = 201;
    ctx.body = { data: await webhooks.create(ctx.request.body, ctx.state.actor) };
  });
  router.get('/:id', async (ctx) => {
    ctx.body = { data: await webhooks.get(ctx.params.id!) };
  });
  router.patch('/:id', async (ctx) => {
    ctx.body = { data: await webhooks.update(ctx.params.id!, ctx.request.body) };
  });
  router.delete('/:id', async (ctx) => {
    await webhooks.delete(ctx.params.id!);
    ctx.status = 204;
  });
  router.get('/:id/deliveries', async (ctx) => {
    const { limit, cursor } = pageOptions(ctx.query);
    ctx.body = await webhooks.deliveries(ctx.params.id!, limit, cursor);
  });
  router.post('/:id/test', async (ctx) => {
    ctx.body = { data: await webhooks.ping(ctx.params.id!, ctx.state.actor) };
  });
  return router;
}
