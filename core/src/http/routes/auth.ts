import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import { verifyPassword } from '../../auth/passwords.js';
import type { SessionService } from '../../auth/sessions.js';
import { bearerToken, CSRF_COOKIE, SESSION_COOKIE } from '../../auth/auth-gate.js';
import type { Database } from '../../db/connect.js';
import { UserRow } from '../../db/models.js';
import { UnauthorizedError, ValidationError } from '../../errors.js';
import type { TrellisState } from '../context.js';

// Verifying against a real hash when the e-mail is unknown keeps both answers equally slow.
const DUMMY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$h51i20c84Wg3FKwIQMVNLA$PYp9goyNtxy5ML892wCLR0CaU7ywoZWgZJXpT7Fjh+Q';

function publicUser(user: UserRow) {
  return { id: user.id, email: user.email, name: user.name, isAdmin: Boolean(user.is_admin) };
}

function readCredentials(body: unknown): { email: string; password: string } {
  const { email, password } = (body ?? {}) as Record<string, unknown>;
  const problems = [];
  if (typeof email !== 'string' || !email) problems.push({ path: 'email', message: 'is required' });
  if (typeof password !== 'string' || !password) problems.push({ path: 'password', message: 'is required' });
  if (problems.length) throw new ValidationError(problems);
  return { email: (email as string).trim().toLowerCase(), password: password as string };
}

/** `POST /api/auth/login`: public. */
export function loginRouter(db: Database, sessions: SessionService, sessionDays: number): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/auth' });
  router.post('/login', async (ctx) => {
    const { email, password } = readCredentials(ctx.request.body);
    const user = await UserRow.query(db.knex).findOne({ email });
    const valid = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
    if (!user || !valid || !user.active) throw new UnauthorizedError('Wrong e-mail or password');
    const { token, expiresAt } = await sessions.create(user.id);
    const maxAge = sessionDays * 86_400_000;
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
  return router;
}

/** `POST /api/auth/logout` and `GET /api/auth/me`: behind the gate. */
export function sessionRouter(db: Database, sessions: SessionService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/auth' });
  router.post('/logout', async (ctx) => {
    const token = bearerToken(ctx.get('authorization') || undefined) ?? ctx.cookies.get(SESSION_COOKIE);
    if (token) await sessions.revoke(token);
    ctx.cookies.set(SESSION_COOKIE, null);
    ctx.cookies.set(CSRF_COOKIE, null);
    ctx.status = 204;
  });
  router.get('/me', async (ctx) => {
    const { userId } = ctx.state.actor;
    const user = userId === null ? undefined : await UserRow.query(db.knex).findById(userId);
    if (!user) throw new UnauthorizedError();
    ctx.body = { data: publicUser(user) };
  });
  return router;
}
