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

/** Most ids one `GET /api/users/names` answers for. */
export const MAX_NAMES = 200;

/** Reads `?ids=a,b,c`. */
function nameIds(query: ParsedUrlQuery): string[] {
  const ids = [
    ...new Set(
      (single(query, 'ids') ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  if (!ids.length) throw ValidationError.at('ids', 'must list user ids, separated by commas');
  if (ids.length > MAX_NAMES) throw ValidationError.at('ids', `may list at most ${MAX_NAMES} ids`);
  return ids;
}

/**
 * `/api/users`: user administration, for administrators only — except `GET /api/users/names`,
 * which tells every signed-in user the names of colleagues (who owns a record).
 */
export function usersRouter(users: UsersService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/users' });
  router.get('/names', async (ctx) => {
    ctx.body = { data: await users.names(nameIds(ctx.query)) };
  });
  router.use(async (ctx, next) => {
    if (ctx.path !== '/api/users/names' && !ctx.state.actor.isAdmin) throw new ForbiddenError('Only administrators may manage users');
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
