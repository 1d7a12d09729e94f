import type { ParsedUrlQuery } from 'node:querystring';
import Router from '@koa/router';
import type { UserListOptions, UsersService } from '../../auth/users-service.js';
import { ForbiddenError, ValidationError } from '../../errors.js';
import type { TrellisState } from '../context.js';
import { single } from '../query.js';

/** Largest page of `GET /api/users`, and the page size when none is asked for. */
export const MAX_USER_PAGE = 200;
const DEFAULT_USER_PAGE = 50;

/** Reads `?limit=&cursor=&active=&q=`. */
function listOptions(query: ParsedUrlQuery): UserListOptions {
  const rawLimit = single(query, 'limit');
  const limit = rawLimit === undefined ? DEFAULT_USER_PAGE : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_USER_PAGE)
    throw ValidationError.at('limit', `must be a whole number from 1 to ${MAX_USER_PAGE}`);
  const active = single(query, 'active');
  if (active !== undefined && active !== 'true' && active !== 'false') throw ValidationError.at('active', 'must be true or false');
  const q = single(query, 'q')?.trim();
  return {
    limit,
    cursor: single(query, 'cursor') || undefined,
    ...(active !== undefined ? { active: active === 'true' } : {}),
    ...(q ? { q } : {}),
  };
}

/** `/api/users`: user administration, for administrators only. */
export function usersRouter(users: UsersService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/users' });
  router.use(async (ctx, next) => {
    if (!ctx.state.actor.isAdmin) throw new ForbiddenError('Only administrators may manage users');
    await next();
  });
  router.get('/', async (ctx) => {
    ctx.body = await users.list(listOptions(ctx.query));
  });
  router.post('/', async (ctx) => {
    ctx.status = 201;
    ctx.body = { data: await users.create(ctx.request.body) };
  });
  router.get('/:id', async (ctx) => {
    ctx.body = { data: await users.get(ctx.params.id!) };
  });
  router.patch('/:id', async (ctx) => {
    ctx.body = { data: await users.update(ctx.params.id!, ctx.request.body) };
  });
  router.delete('/:id', async (ctx) => {
    ctx.body = { data: await users.deactivate(ctx.params.id!) };
  });
  return router;
}
