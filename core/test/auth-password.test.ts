import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../src/auth/auth-errors.js';
import { ResetThrottle } from '../src/auth/reset-throttle.js';
import { expectOk, expectProblem } from './support/api.js';
import { bearer, createUser, GOOD_PASSWORD, loginToken } from './support/auth-helpers.js';
import { startTestServer, type TestServer } from './support/server.js';

/** A message as the SMTP server received it. */
interface Received {
  to: string[];
  raw: string;
}

let smtp: SMTPServer;
let smtpUrl: string;
let server: TestServer;
const received: Received[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  // Behind a trusted proxy, each test can come from a client address of its own (X-Forwarded-For).
  server = await startTestServer({ config: { smtpUrl, publicUrl: 'https://crm.example.com', trustProxy: true } });
});
afterAll(async () => {
  await server?.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

/** Waits for the next mail to `to` and returns the reset token its link carries. */
async function tokenMailedTo(to: string): Promise<{ token: string; raw: string }> {
  for (let tries = 0; tries < 100; tries += 1) {
    const index = received.findIndex((mail) => mail.to.includes(to));
    if (index >= 0) {
      const [mail] = received.splice(index, 1);
      // The body is quoted-printable: undo its soft line breaks and =XX escapes.
      const raw = mail!.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      const match = /https:\/\/crm\.example\.com\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(raw);
      if (!match) throw new Error(`no reset link in ${raw}`);
      return { token: match[1]!, raw };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${to}`);
}

const reset = (email: string, ip?: string, on: TestServer = server) =>
  on.request('POST', '/api/auth/password-reset', { email }, { auth: false, ...(ip ? { headers: { 'x-forwarded-for': ip } } : {}) });
const confirm = (body: unknown) => server.request('POST', '/api/auth/password-reset/confirm', body, { auth: false });

describe('POST /api/auth/password', () => {
  it('changes one’s own password and ends the other sessions, keeping this one', async () => {
    await createUser(server, { email: 'pat@example.com', name: 'Pat' });
    const mine = await loginToken(server, 'pat@example.com');
    const elsewhere = await loginToken(server, 'pat@example.com');
    const body = { currentPassword: GOOD_PASSWORD, newPassword: 'a brand new passphrase' };
    expect((await server.request('POST', '/api/auth/password', body, bearer(mine))).status).toBe(204);
    expectOk(await server.request('GET', '/api/auth/me', undefined, bearer(mine)));
    expectProblem(await server.request('GET', '/api/auth/me', undefined, bearer(elsewhere)), 401);
    expectProblem(
      await server.request('POST', '/api/auth/login', { email: 'pat@example.com', password: GOOD_PASSWORD }, { auth: false }),
      401,
    );
    await loginToken(server, 'pat@example.com', 'a brand new passphrase');
  });

  it.each([
    [{ currentPassword: 'wrong password!', newPassword: 'a third passphrase' }, 'currentPassword'],
    [{ newPassword: 'a third passphrase' }, 'currentPassword'],
    [{ currentPassword: 'a brand new passphrase', newPassword: 'short' }, 'newPassword'],
  ])('refuses %j with 400 naming %s', async (body, path) => {
    const token = await loginToken(server, 'pat@example.com', 'a brand new passphrase');
    expectProblem(await server.request('POST', '/api/auth/password', body, bearer(token)), 400, 'TRELLIS_VALIDATION', path);
  });
});

describe('password reset by e-mail', () => {
  it('mails a single-use link; confirming sets the password and ends every session', async () => {
    await createUser(server, { email: 'rita@example.com', name: 'Rita' });
    const session = await loginToken(server, 'rita@example.com');
    expect((await reset(' Rita@Example.com ')).status).toBe(202);
    const { token, raw } = await tokenMailedTo('rita@example.com');
    expect(raw).toMatch(/Subject: Reset your Trellis password/);
    const stored = await server.trellis.db.knex('trellis_password_resets').select('token_hash');
    expect(JSON.stringify(stored)).not.toContain(token);
    expectProblem(await confirm({ token, password: 'short' }), 400, 'TRELLIS_VALIDATION', 'password');
    expect((await confirm({ token, password: 'rita’s new passphrase' })).status).toBe(204);
    expectProblem(await server.request('GET', '/api/auth/me', undefined, bearer(session)), 401);
    await loginToken(server, 'rita@example.com', 'rita’s new passphrase');
    expectProblem(await confirm({ token, password: 'yet another passphrase' }), 400, 'TRELLIS_VALIDATION', 'token');
  });

  it('answers 202 for an unknown or deactivated e-mail too, and mails nothing', async () => {
    const user = await createUser(server, { email: 'quit@example.com', name: 'Quit' });
    expectOk(await server.request('DELETE', `/api/users/${user.id}`));
    const unknown = await reset('nobody@example.com');
    const inactive = await reset('quit@example.com');
    expect([unknown.status, inactive.status]).toEqual([202, 202]);
    expect(unknown.body).toEqual(inactive.body);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter((mail) => mail.to.includes('nobody@example.com') || mail.to.includes('quit@example.com'))).toEqual([]);
  });

  it('refuses an expired token with 400 naming token', async () => {
    await createUser(server, { email: 'sam@example.com', name: 'Sam' });
    await reset('sam@example.com');
    const { token } = await tokenMailedTo('sam@example.com');
    await server.trellis.db
      .knex('trellis_password_resets')
      .whereNull('used_at')
      .update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    expectProblem(await confirm({ token, password: 'sam’s new passphrase' }), 400, 'TRELLIS_VALIDATION', 'token');
    await loginToken(server, 'sam@example.com');
  });

  it.each([
    [{}, 'email'],
    [{ email: 42 }, 'email'],
  ])('refuses a reset request %j with 400 naming %s', async (body, path) => {
    expectProblem(await server.request('POST', '/api/auth/password-reset', body, { auth: false }), 400, 'TRELLIS_VALIDATION', path);
  });

  it.each([
    [{ password: GOOD_PASSWORD }, 'token'],
    [{ token: 'trp_garbage', password: GOOD_PASSWORD }, 'token'],
  ])('refuses a confirmation %j with 400 naming %s', async (body, path) => {
    expectProblem(await confirm(body), 400, 'TRELLIS_VALIDATION', path);
  });
});

/** Waits long enough for a background mail to have arrived, and returns the mails to `to` so far. */
async function mailsTo(to: string): Promise<Received[]> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  return received.filter((mail) => mail.to.includes(to));
}

/** Moves the recorded reset requests matching `where` an hour and a minute back in time. */
async function ageResetRequests(where: Record<string, string>): Promise<void> {
  const knex = server.trellis.db.knex;
  for (const row of await knex('trellis_password_reset_requests').where(where)) {
    const created_at = new Date(Date.parse(row.created_at) - 61 * 60_000).toISOString();
    await knex('trellis_password_reset_requests').where({ id: row.id }).update({ created_at });
  }
}

describe('password reset rate limits', () => {
  it('mails one account at most 3 times an hour, across processes: the 4th request answers 202 and mails nothing', async () => {
    const user = await createUser(server, { email: 'flood@example.com', name: 'Flood' });
    const ips = ['203.0.113.1', '203.0.113.2', '203.0.113.3'];
    for (const ip of ips) {
      expect((await reset('flood@example.com', ip)).status).toBe(202);
      await tokenMailedTo('flood@example.com');
    }
    const other = await startTestServer({ database: server.database, config: { smtpUrl, publicUrl: 'https://crm.example.com' } });
    try {
      const fourth = await reset('FLOOD@example.com', '203.0.113.4', other);
      expect(fourth.status).toBe(202);
      expect(fourth.body).toEqual({ status: 'accepted' });
    } finally {
      await other.close();
    }
    expect(await mailsTo('flood@example.com')).toEqual([]);
    expect(await server.trellis.db.knex('trellis_password_resets').where({ user_id: user.id })).toHaveLength(3);
    // An hour later the account may be mailed again.
    await ageResetRequests({ email: 'flood@example.com' });
    expect((await reset('flood@example.com', '203.0.113.5')).status).toBe(202);
    await tokenMailedTo('flood@example.com');
  });

  it('refuses the 11th request from one address within the hour with 429 and Retry-After, until the window passes', async () => {
    await createUser(server, { email: 'target@example.com', name: 'Target' });
    const ip = '198.51.100.20';
    for (let n = 0; n < 10; n += 1) expect((await reset(`unknown${n}@example.com`, ip)).status).toBe(202);
    const refused = await reset('target@example.com', ip);
    expectProblem(refused, 429, 'TRELLIS_RESET_RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3590);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await mailsTo('target@example.com')).toEqual([]);
    // Other addresses are not affected, and a refused request does not count.
    expect((await reset('target@example.com', '198.51.100.21')).status).toBe(202);
    await tokenMailedTo('target@example.com');
    await ageResetRequests({ ip });
    expect((await reset('target@example.com', ip)).status).toBe(202);
    await tokenMailedTo('target@example.com');
  });

  it('slides both windows with the clock', async () => {
    // A clock in the past keeps these requests apart from the other tests' (old rows are pruned).
    let now = Date.parse('2001-01-01T00:00:00Z');
    const throttle = new ResetThrottle(server.trellis.db, { now: () => now });
    const ip = '192.0.2.30';
    for (let n = 0; n < 10; n += 1) {
      await throttle.checkAddress(ip);
      const mayMail = await throttle.mayMail('clock@example.com');
      expect(mayMail).toBe(n < 3);
      await throttle.record('clock@example.com', ip, mayMail);
      now += 5 * 60_000;
    }
    const refused = await throttle.checkAddress(ip).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    // The first request was 50 minutes ago: it leaves the window in 10 minutes.
    expect(refused).toMatchObject({ status: 429, code: 'TRELLIS_RESET_RATE_LIMITED', retryAfterSeconds: 600 });
    await throttle.checkAddress('192.0.2.31');
    now += 10 * 60_000;
    await throttle.checkAddress(ip);
    // The first mail has left the window too; the other two are still in it.
    expect(await throttle.mayMail('clock@example.com')).toBe(true);
    await throttle.record('clock@example.com', ip, true);
    expect(await throttle.mayMail('clock@example.com')).toBe(false);
  });
});

describe('a user created without a password', () => {
  it('is mailed an invitation link to choose one', async () => {
    const user = expectOk(await server.request('POST', '/api/users', { email: 'ivy@example.com', name: 'Ivy' }), 201).data;
    const { token, raw } = await tokenMailedTo('ivy@example.com');
    expect(raw).toMatch(/Subject: Your Trellis account/);
    expect((await confirm({ token, password: 'ivy chose this one' })).status).toBe(204);
    const me = expectOk(
      await server.request('GET', '/api/auth/me', undefined, bearer(await loginToken(server, 'ivy@example.com', 'ivy chose this one'))),
    );
    expect(me.data.id).toBe(user.id);
  });
});
