import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, expectOk, expectProblem } from './support/api.js';
import { bearer, createUser, loginToken } from './support/auth-helpers.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let session: string;
beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, { name: 'note', label: 'Note', fields: [{ name: 'body', type: 'text' }] });
  await createUser(server, { email: 'tina@example.com', name: 'Tina', isAdmin: true });
  session = await loginToken(server, 'tina@example.com');
});
afterAll(() => server?.close());

async function newToken(body: Record<string, unknown>, as = session): Promise<any> {
  return expectOk(await server.request('POST', '/api/auth/tokens', body, bearer(as)), 201).data;
}

describe('POST /api/auth/tokens', () => {
  it('shows a trl_ token once, stores only its SHA-256, expiring in 90 days by default', async () => {
    const created = await newToken({ name: 'CI', scope: 'write' });
    expect(created.token).toMatch(/^trl_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'CI', scope: 'write', lastUsedAt: null });
    const days = (Date.parse(created.expiresAt) - Date.parse(created.createdAt)) / 86_400_000;
    expect(days).toBe(90);
    const stored = await server.trellis.db.knex('trellis_api_tokens').where({ id: created.id }).first();
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(4));
    const listed = expectOk(await server.request('GET', '/api/auth/tokens', undefined, bearer(session))).data;
    expect(listed.find((t: any) => t.id === created.id)).toEqual({ ...created, token: undefined, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain('trl_');
  });

  it.each([
    [{ scope: 'read' }, 'name'],
    [{ name: 'x', scope: 'admin' }, 'scope'],
    [{ name: 'x', scope: 'read', expiresInDays: 366 }, 'expiresInDays'],
    [{ name: 'x', scope: 'read', expiresInDays: 0 }, 'expiresInDays'],
    [{ name: 'x', scope: 'read', expiresInDays: 1.5 }, 'expiresInDays'],
  ])('refuses %j with 400 naming %s', async (body, path) => {
    expectProblem(await server.request('POST', '/api/auth/tokens', body, bearer(session)), 400, 'TRELLIS_VALIDATION', path);
  });
});

describe('a personal API token', () => {
  it('authenticates as its user with via token, and records when it was last used', async () => {
    const { token, id } = await newToken({ name: 'writer', scope: 'write', expiresInDays: 365 });
    const me = expectOk(await server.request('GET', '/api/auth/me', undefined, bearer(token))).data;
    expect(me.email).toBe('tina@example.com');
    const created = expectOk(await server.request('POST', '/api/records/note', { body: 'by token' }, bearer(token)), 201).data;
    expect(created.body).toBe('by token');
    const history = expectOk(await server.request('GET', `/api/records/note/${created.id}/history`)).data;
    expect(history[0].actor).toMatchObject({ via: 'token', email: 'tina@example.com' });
    const row = await server.trellis.db.knex('trellis_api_tokens').where({ id }).first();
    expect(row.last_used_at).not.toBeNull();
  });

  it('with read scope may read but not write (403 TRELLIS_TOKEN_READ_ONLY)', async () => {
    const { token } = await newToken({ name: 'reader', scope: 'read' });
    expectOk(await server.request('GET', '/api/records/note', undefined, bearer(token)));
    for (const [method, path, body] of [
      ['POST', '/api/records/note', { body: 'nope' }],
      ['PATCH', '/api/meta/entities/note', { label: 'Nope' }],
      ['PUT', '/api/records/note/x', { body: 'nope' }],
      ['DELETE', '/api/meta/entities/note?confirm=note'],
    ] as const) {
      expectProblem(await server.request(method, path, body, bearer(token)), 403, 'TRELLIS_TOKEN_READ_ONLY');
    }
    expect(expectOk(await server.request('GET', '/api/meta/entities/note')).data.label).toBe('Note');
  });

  it('cannot manage tokens or the password (403 TRELLIS_SESSION_REQUIRED)', async () => {
    const { token, id } = await newToken({ name: 'writer 2', scope: 'write' });
    for (const [method, path, body] of [
      ['GET', '/api/auth/tokens'],
      ['POST', '/api/auth/tokens', { name: 'more', scope: 'write' }],
      ['DELETE', `/api/auth/tokens/${id}`],
      ['POST', '/api/auth/password', { currentPassword: 'x', newPassword: 'another long passphrase' }],
    ] as const) {
      expectProblem(await server.request(method, path, body, bearer(token)), 403, 'TRELLIS_SESSION_REQUIRED');
    }
  });

  it('stops working once revoked (401), and revoking twice or another user’s token is a 404', async () => {
    const { token, id } = await newToken({ name: 'short-lived', scope: 'write' });
    expectOk(await server.request('GET', '/api/auth/me', undefined, bearer(token)));
    await createUser(server, { email: 'other@example.com', name: 'Other' });
    const other = await loginToken(server, 'other@example.com');
    expectProblem(await server.request('DELETE', `/api/auth/tokens/${id}`, undefined, bearer(other)), 404, 'TRELLIS_NOT_FOUND');
    expect((await server.request('DELETE', `/api/auth/tokens/${id}`, undefined, bearer(session))).status).toBe(204);
    expectProblem(await server.request('GET', '/api/auth/me', undefined, bearer(token)), 401, 'TRELLIS_UNAUTHENTICATED');
    expectProblem(await server.request('DELETE', `/api/auth/tokens/${id}`, undefined, bearer(session)), 404);
    const listed = expectOk(await server.request('GET', '/api/auth/tokens', undefined, bearer(session))).data;
    expect(listed.map((t: any) => t.id)).not.toContain(id);
    expect(expectOk(await server.request('GET', '/api/auth/tokens', undefined, bearer(other))).data).toEqual([]);
  });

  it('stops working once expired (401)', async () => {
    const { token, id } = await newToken({ name: 'expiring', scope: 'write', expiresInDays: 1 });
    await server.trellis.db
      .knex('trellis_api_tokens')
      .where({ id })
      .update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    expectProblem(await server.request('GET', '/api/auth/me', undefined, bearer(token)), 401, 'TRELLIS_UNAUTHENTICATED');
  });

  it('cannot be created from the session cookie without the CSRF header', async () => {
    const response = await server.request(
      'POST',
      '/api/auth/login',
      { email: 'tina@example.com', password: 'a long enough passphrase' },
      { auth: false },
    );
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const csrf = /trellis_csrf=([^;]+)/.exec(cookie)![1]!;
    const body = { name: 'from the browser', scope: 'read' };
    expectProblem(await server.request('POST', '/api/auth/tokens', body, { auth: false, headers: { cookie } }), 403, 'TRELLIS_CSRF');
    expectOk(await server.request('POST', '/api/auth/tokens', body, { auth: false, headers: { cookie, 'x-csrf-token': csrf } }), 201);
  });

  it('a garbage trl_ token is a 401', async () => {
    expectProblem(await server.request('GET', '/api/auth/me', undefined, bearer('trl_garbage')), 401, 'TRELLIS_UNAUTHENTICATED');
  });
});
