import type { Middleware } from 'koa';
import { ForbiddenError } from '../errors.js';
import type { TrellisState } from '../http/context.js';

/** A router middleware refusing (403) anyone but an administrator; `what` completes "Only administrators may …". */
export function adminsOnly(what: string): Middleware<TrellisState> {
  return async (ctx, next) => {
    if (!ctx.state.actor.isAdmin) throw new ForbiddenError(`Only administrators may ${what}`);
    await next();
  };
}

/** Like {@link adminsOnly}, for changes only: every signed-in user may still read (GET, HEAD). */
export function adminWritesOnly(what: string): Middleware<TrellisState> {
  const check = adminsOnly(what);
  return async (ctx, next) => {
    if (ctx.method === 'GET' || ctx.method === 'HEAD') await next();
    else await check(ctx, next);
  };
}
