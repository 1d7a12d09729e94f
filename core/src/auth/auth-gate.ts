import type { Middleware } from 'koa';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { TrellisState } from '../http/context.js';
import { API_TOKEN_PREFIX, type ApiTokenService } from './api-tokens.js';
import { readOnlyToken } from './auth-errors.js';
import type { SessionService } from './sessions.js';

/** Cookie names of the admin UI's session. */
export const SESSION_COOKIE = 'trellis_session';
export const CSRF_COOKIE = 'trellis_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The bearer token of a request, if it sent one. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Every /api request must carry a bearer token (a session's, or a personal API token `trl_…`)
 * or the session cookie. A read-scoped API token may only read. Cookie-authenticated writes
 * must also echo the CSRF cookie in a header (double submit), since browsers attach cookies to
 * cross-site requests. The actor carries the request id, for the audit log.
 */
export function authGate(sessions: SessionService, tokens: ApiTokenService): Middleware<TrellisState> {
  return async function gate(ctx, next) {
    if (!ctx.path.startsWith('/api/') && ctx.path !== '/api') {
      await next();
      return;
    }
    const bearer = bearerToken(ctx.get('authorization') || undefined);
    const cookie = bearer ? undefined : ctx.cookies.get(SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (!token) throw new UnauthorizedError();
    const actor = bearer?.startsWith(API_TOKEN_PREFIX)
      ? await tokens.resolve(bearer)
      : await sessions.resolve(token, bearer ? 'bearer' : 'cookie');
    if (!actor) throw new UnauthorizedError('The token is invalid, revoked or has expired; sign in again');
    if (actor.tokenScope === 'read' && !SAFE_METHODS.has(ctx.method)) throw readOnlyToken();
    if (!bearer && !SAFE_METHODS.has(ctx.method)) {
      const expected = ctx.cookies.get(CSRF_COOKIE);
      if (!expected || ctx.get(CSRF_HEADER) !== expected) {
        throw new ForbiddenError(
          `Cookie-authenticated writes must send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header`,
          'TRELLIS_CSRF',
        );
      }
    }
    ctx.state.actor = { ...actor, requestId: ctx.state.requestId };
    await next();
  };
}
