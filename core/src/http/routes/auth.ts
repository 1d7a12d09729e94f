import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type { ApiTokenService } from '../../auth/api-tokens.js';
import { bearerToken, CSRF_COOKIE, SESSION_COOKIE } from '../../auth/auth-gate.js';
import { RateLimitedError, sessionRequired } from '../../auth/auth-errors.js';
import { authenticate } from '../../auth/login.js';
import type { LoginAudit } from '../../auth/login-audit.js';
import type { LoginThrottle } from '../../auth/login-throttle.js';
import type { PasswordResetService } from '../../auth/password-resets.js';
import type { SessionService } from '../../auth/sessions.js';
import { normaliseEmail } from '../../auth/user-input.js';
import type { UsersService } from '../../auth/users-service.js';
import type { Database } from '../../db/connect.js';
import { UserRow } from '../../db/models.js';
import { UnauthorizedError, ValidationError } from '../../errors.js';
import type { TrellisContext, TrellisState } from '../context.js';

/** What the auth routes work with. */
export interface AuthRouteDeps {
  db: Database;
  sessions: SessionService;
  sessionDays: number;
  throttle: LoginThrottle;
  audit: LoginAudit;
  resets: PasswordResetService;
  users: UsersService;
  tokens: ApiTokenService;
}

function publicUser(user: UserRow) {
  return { id: user.id, email: user.email, name: user.name, isAdmin: Boolean(user.is_admin) };
}

function readCredentials(body: unknown): { email: string; password: string } {
  const { email, password } = (body ?? {}) as Record<string, unknown>;
  const problems = [];
  if (typeof email !== 'string' || !email) problems.push({ path: 'email', message: 'is required' });
  if (typeof password !== 'string' || !password) problems.push({ path: 'password', message: 'is required' });
  if (problems.length) throw new ValidationError(problems);
  return { email: normaliseEmail(email as string), password: password as string };
}

/** The session token the request came with (bearer or cookie). */
function sessionToken(ctx: TrellisContext): string | undefined {
  return bearerToken(ctx.get('authorization') || undefined) ?? ctx.cookies.get(SESSION_COOKIE);
}

/** Personal API tokens may not manage tokens or the password: those need a signed-in session. */
function requireSession(ctx: TrellisContext): string {
  const { actor } = ctx.state;
  if (actor.via === 'token' || actor.userId === null) throw sessionRequired();
  return actor.userId;
}

/** Runs `work`; when it is refused as too frequent, the answer says when to retry (Retry-After). */
function withRetryAfter<T>(ctx: TrellisContext, work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (error instanceof RateLimitedError) ctx.set('retry-after', String(error.retryAfterSeconds));
    throw error;
  });
}

/** `POST /api/auth/login`, `POST /api/auth/password-reset` and `…/confirm`: public. */
export function loginRouter(deps: AuthRouteDeps): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/auth' });
  router.post('/login', async (ctx) => {
    const { email, password } = readCredentials(ctx.request.body);
    const attempt = { email, ip: ctx.ip, requestId: ctx.state.requestId };
    const user = await withRetryAfter(ctx, authenticate(deps.db, deps.throttle, deps.audit, attempt, password));
    const { token, expiresAt } = await deps.sessions.create(user.id);
    const maxAge = deps.sessionDays * 86_400_000;
    const secure = ctx.secure;
    ctx.cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, maxAge, overwrite: true });
    ctx.cookies.set(CSRF_COOKIE, randomBytes(16).toString('base64url'), {
      httpOnly: false,
      sameSite: 'lax',
      secure,
      maxAge,
      overwrite: true,
    });
    ctx.body = { token, expiresAt, user: publicUser(user) };
  });
  router.post('/password-reset', async (ctx) => {
    const { email } = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (typeof email !== 'string' || !email.trim()) throw ValidationError.at('email', 'is required');
    await withRetryAfter(ctx, deps.resets.request(normaliseEmail(email), ctx.ip));
    ctx.status = 202;
    ctx.body = { status: 'accepted' };
  });
  router.post('/password-reset/confirm', async (ctx) => {
    await deps.resets.confirm(ctx.request.body);
    ctx.status = 204;
  });
  return router;
}

/** `/api/auth/logout`, `/me`, `/password` and `/tokens`: behind the gate. */
export function sessionRouter(deps: AuthRouteDeps): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/auth' });
  router.post('/logout', async (ctx) => {
    const token = ctx.state.actor.via === 'token' ? undefined : sessionToken(ctx);
    if (token) await deps.sessions.revoke(token);
    ctx.cookies.set(SESSION_COOKIE, null);
    ctx.cookies.set(CSRF_COOKIE, null);
    ctx.status = 204;
  });
  router.get('/me', async (ctx) => {
    const { userId } = ctx.state.actor;
    const user = userId === null ? undefined : await UserRow.query(deps.db.knex).findById(userId);
    if (!user) throw new UnauthorizedError();
    ctx.body = { data: publicUser(user) };
  });
  router.post('/password', async (ctx) => {
    await deps.users.changePassword(requireSession(ctx), ctx.request.body, sessionToken(ctx));
    ctx.status = 204;
  });
  router.get('/tokens', async (ctx) => {
    ctx.body = { data: await deps.tokens.list(requireSession(ctx)) };
  });
  router.post('/tokens', async (ctx) => {
    const { token, data } = await deps.tokens.create(requireSession(ctx), ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: { ...data, token } };
  });
  router.delete('/tokens/:id', async (ctx) => {
    await deps.tokens.revoke(requireSession(ctx), ctx.params.id!);
    ctx.status = 204;
  });
  return router;
}
