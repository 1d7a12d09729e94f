import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottledError } from '../src/auth/auth-errors.js';
import { LoginThrottle } from '../src/auth/login-throttle.js';
import { createEntity, expectOk, expectProblem, qs } from './support/api.js';
import { createUser, GOOD_PASSWORD, loginToken } from './support/auth-helpers.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const login = (email: string, password: string, headers?: Record<string, string>) =>
  server.request('POST', '/api/auth/login', { email, password }, { auth: false, ...(headers ? { headers } : {}) });

describe('account lockout', () => {
  it('locks after 5 failures: 429 with Retry-After even for the right password, across processes', async () => {
    await createUser(server, { email: 'lock@example.com', name: 'Lock' });
    for (let n = 0; n < 5; n += 1) expectProblem(await login('lock@example.com', 'wrong password!'), 401, 'TRELLIS_UNAUTHENTICATED');
    const locked = await login('LOCK@example.com', GOOD_PASSWORD);
    expectProblem(locked, 429, 'TRELLIS_LOGIN_LOCKED');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(890);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // A second process on the same database sees the same lock.
    const other = await startTestServer({ database: server.database });
    try {
      expectProblem(
        await other.request('POST', '/api/auth/login', { email: 'lock@example.com', password: GOOD_PASSWORD }, { auth: false }),
        429,
        'TRELLIS_LOGIN_LOCKED',
      );
    } finally {
      await other.close();
    }
    // Fifteen minutes later (the attempts moved back in time), the right password works again.
    const earlier = (iso: string) => new Date(Date.parse(iso) - 16 * 60_000).toISOString();
    const rows = await server.trellis.db.knex('trellis_login_attempts').where({ email: 'lock@example.com' });
    for (const row of rows) {
      await server.trellis.db
        .knex('trellis_login_attempts')
        .where({ id: row.id })
        .update({ created_at: earlier(row.created_at), locked_until: row.locked_until ? earlier(row.locked_until) : null });
    }
    await loginToken(server, 'lock@example.com');
  });

  it('locks unknown e-mails the same way, so a lock does not reveal an account', async () => {
    for (let n = 0; n < 5; n += 1) expectProblem(await login('ghost@example.com', 'wrong password!'), 401);
    expectProblem(await login('ghost@example.com', 'wrong password!'), 429, 'TRELLIS_LOGIN_LOCKED');
  });

  it('a successful login starts the count afresh', async () => {
    await createUser(server, { email: 'reset.count@example.com', name: 'Count' });
    for (let n = 0; n < 4; n += 1) expectProblem(await login('reset.count@example.com', 'wrong password!'), 401);
    await loginToken(server, 'reset.count@example.com');
    for (let n = 0; n < 4; n += 1) expectProblem(await login('reset.count@example.com', 'wrong password!'), 401);
    await loginToken(server, 'reset.count@example.com');
  });
});

describe('LoginThrottle with a moving clock', () => {
  it('counts failures in a 15-minute window, locks for 15 minutes, then starts afresh', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const throttle = new LoginThrottle(server.trellis.db, { now: () => now });
    const email = 'clock@example.com';
    const ip = '192.0.2.1';
    const minutes = (m: number) => (now += m * 60_000);
    for (let n = 0; n < 4; n += 1) {
      await throttle.recordFailure(email, ip);
      minutes(4);
    }
    // The first failure is now older than the window: only three count, so two more are allowed.
    await throttle.check(email, ip);
    await throttle.recordFailure(email, ip);
    await throttle.check(email, ip);
    await throttle.recordFailure(email, ip);
    const locked = await throttle.check(email, ip).catch((error: unknown) => error);
    expect(locked).toBeInstanceOf(LoginThrottledError);
    expect(locked).toMatchObject({ reason: 'locked', retryAfterSeconds: 900 });
    minutes(14);
    await expect(throttle.check(email, ip)).rejects.toMatchObject({ reason: 'locked', retryAfterSeconds: 60 });
    minutes(1);
    await throttle.check(email, ip);
    // After the lock, one failure does not lock again.
    await throttle.recordFailure(email, ip);
    await throttle.check(email, ip);
  });

  it('refuses a client address after 20 failures in 15 minutes, whatever the e-mails', async () => {
    let now = Date.parse('2031-01-01T00:00:00Z');
    const throttle = new LoginThrottle(server.trellis.db, { now: () => now });
    const ip = '198.51.100.7';
    for (let n = 0; n < 20; n += 1) {
      await throttle.check(`spray${n}@example.com`, ip);
      await throttle.recordFailure(`spray${n}@example.com`, ip);
      now += 10_000;
    }
    await expect(throttle.check('fresh@example.com', ip)).rejects.toMatchObject({
      reason: 'rate_limited',
      code: 'TRELLIS_LOGIN_RATE_LIMITED',
    });
    await throttle.check('fresh@example.com', '198.51.100.8');
    now += 15 * 60_000;
    await throttle.check('fresh@example.com', ip);
  });

  it('answers 429 TRELLIS_LOGIN_RATE_LIMITED over HTTP once the address is over its limit', async () => {
    const other = await startTestServer();
    try {
      expectProblem(await other.request('POST', '/api/auth/login', { email: 'spray@example.com', password: 'x' }, { auth: false }), 401);
      const { ip } = await other.trellis.db.knex('trellis_login_attempts').where({ email: 'spray@example.com' }).first();
      const throttle = new LoginThrottle(other.trellis.db);
      for (let n = 1; n < 20; n += 1) await throttle.recordFailure(`spray${n}@example.com`, ip);
      const refused = await other.request('POST', '/api/auth/login', { email: 'admin@example.com', password: 'x' }, { auth: false });
      expectProblem(refused, 429, 'TRELLIS_LOGIN_RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(890);
    } finally {
      await other.close();
    }
  });
});

describe('the audit log and the request id', () => {
  it('records auth.login and auth.login_failed with e-mail, ip and reason', async () => {
    await createUser(server, { email: 'audited@example.com', name: 'Audited' });
    expectProblem(await login('audited@example.com', 'wrong password!', { 'x-request-id': 'req-failed-1' }), 401);
    expectOk(await login('audited@example.com', GOOD_PASSWORD, { 'x-request-id': 'req-login-1' }));
    const failed = expectOk(await server.request('GET', `/api/audit${qs({ action: 'auth.login_failed' })}`)).data;
    const entry = failed.find((e: any) => e.requestId === 'req-failed-1');
    expect(entry.details).toMatchObject({ email: 'audited@example.com', reason: 'wrong_password', ip: expect.any(String) });
    const logins = expectOk(await server.request('GET', `/api/audit${qs({ action: 'auth.login' })}`)).data;
    expect(logins.find((e: any) => e.requestId === 'req-login-1')).toMatchObject({ details: { email: 'audited@example.com' } });
  });

  it('gives changes the request id through the actor', async () => {
    await createEntity(server, { name: 'memo', label: 'Memo', fields: [{ name: 'body', type: 'text' }] });
    const headers = { 'x-request-id': 'req-write-1' };
    const memo = expectOk(await server.request('POST', '/api/records/memo', { body: 'hi' }, { headers }), 201).data;
    const history = expectOk(await server.request('GET', `/api/records/memo/${memo.id}/history`)).data;
    expect(history[0]).toMatchObject({ requestId: 'req-write-1' });
  });
});
