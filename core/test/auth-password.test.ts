import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, expectProblem } from './support/api.js';
import { bearer, createUser, GOOD_PASSWORD, loginToken } from './support/auth-helpers.js';
import { startTestServer, type TestServer } from './support/server.js';

/** A message as the SMTP server received it. */
interface Received {
  to: string[];
  raw: string;
}

let smtp: SMTPServer;
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
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  server = await startTestServer({ config: { smtpUrl, publicUrl: 'https://crm.example.com' } });
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

const reset = (email: string) => server.request('POST', '/api/auth/password-reset', { email }, { auth: false });
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
