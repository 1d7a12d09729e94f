import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, entityNames, expectOk, expectProblem } from './support/api.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, { name: 'note', label: 'Note', fields: [{ name: 'body', type: 'text' }] });
});
afterAll(() => server?.close());

interface Session {
  token: string;
  /** `Cookie` header value carrying every cookie the login set. */
  cookie: string;
  cookies: Map<string, { value: string; attributes: string }>;
}

async function login(email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<Session> {
  const response = await server.request('POST', '/api/auth/login', { email, password }, { auth: false });
  const body = expectOk(response);
  const cookies = new Map<string, { value: string; attributes: string }>();
  for (const line of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at).trim(), { value: pair.slice(at + 1).trim(), attributes: attributes.join(';').toLowerCase() });
  }
  const cookie = [...cookies].map(([name, { value }]) => `${name}=${value}`).join('; ');
  return { token: body.token, cookie, cookies };
}

describe('login', () => {
  it('answers a token, the user and session cookies', async () => {
    const response = await server.request('POST', '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, { auth: false });
    const body = expectOk(response);
    expect(body.token).toEqual(expect.any(String));
    expect(body.token.length).toBeGreaterThan(30);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    expect(body.user).toMatchObject({ email: ADMIN_EMAIL, isAdmin: true, id: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/password|hash/i);
    const session = await login();
    expect(session.cookies.get('trellis_session')?.attributes).toContain('httponly');
    expect(session.cookies.get('trellis_csrf')?.attributes).not.toContain('httponly');
    expect(session.cookies.get('trellis_session')?.attributes).toContain('samesite=lax');
  });

  it('accepts the e-mail in any case', async () => {
    const session = await login(ADMIN_EMAIL.toUpperCase());
    expect(
      expectOk(await server.request('GET', '/api/auth/me', undefined, { headers: { authorization: `Bearer ${session.token}` } })).data
        .email,
    ).toBe(ADMIN_EMAIL);
  });

  it('refuses a wrong password with 401, saying the same as for an unknown e-mail', async () => {
    const wrong = expectProblem(
      await server.request('POST', '/api/auth/login', { email: ADMIN_EMAIL, password: 'wrong password' }, { auth: false }),
      401,
      'TRELLIS_UNAUTHENTICATED',
    );
    const unknown = expectProblem(
      await server.request('POST', '/api/auth/login', { email: 'nobody@example.com', password: 'wrong password' }, { auth: false }),
      401,
      'TRELLIS_UNAUTHENTICATED',
    );
    expect(wrong.detail).toBe(unknown.detail);
    expect(wrong.title).toBe(unknown.title);
    expect(wrong.detail).not.toMatch(/unknown|no such|not found|exist/i);
  });

  it.each([
    [{}, ['email', 'password']],
    [{ email: ADMIN_EMAIL }, ['password']],
    [{ password: ADMIN_PASSWORD }, ['email']],
    [{ email: '', password: '' }, ['email', 'password']],
    [{ email: 42, password: ADMIN_PASSWORD }, ['email']],
    [{ email: ADMIN_EMAIL, password: ['x'] }, ['password']],
  ])('refuses %j with 400 naming the missing fields', async (body, paths) => {
    const problem = expectProblem(await server.request('POST', '/api/auth/login', body, { auth: false }), 400, 'TRELLIS_VALIDATION');
    expect(problem.errors.map((e: any) => e.path)).toEqual(paths);
  });
});

describe('the API without valid credentials', () => {
  const routes: Array<[string, string, unknown?]> = [
    ['GET', '/api/meta/entities'],
    ['POST', '/api/meta/entities', { name: 'sneaky', label: 'Sneaky' }],
    ['GET', '/api/meta/entities/note'],
    ['PATCH', '/api/meta/entities/note', { label: 'Hacked' }],
    ['DELETE', '/api/meta/entities/note?confirm=note'],
    ['POST', '/api/meta/entities/note/fields', { name: 'x', type: 'text' }],
    ['GET', '/api/records/note'],
    ['GET', '/api/records/note/count'],
    ['POST', '/api/records/note', { body: 'sneaky' }],
    ['GET', '/api/records/note/01900000-0000-7000-8000-000000000000'],
    ['GET', '/api/openapi.json'],
    ['GET', '/api/auth/me'],
    ['POST', '/api/auth/logout'],
    ['GET', '/api/no-such-route'],
  ];

  it.each(routes)('%s %s without a token → 401 problem+json', async (method, path, body) => {
    const problem = expectProblem(await server.request(method, path, body, { auth: false }), 401, 'TRELLIS_UNAUTHENTICATED');
    expect(problem.title).toEqual(expect.any(String));
  });

  it.each([
    ['a garbage bearer token', 'Bearer garbage'],
    ['a token with a character too many', () => `Bearer ${server.token}x`],
    ['a bearer without a token', 'Bearer'],
    ['the token without "Bearer"', () => server.token],
    ['Basic credentials', `Basic ${Buffer.from(`${ADMIN_EMAIL}:${ADMIN_PASSWORD}`).toString('base64')}`],
  ])('%s → 401 on every route', async (_what, header) => {
    const authorization = typeof header === 'function' ? header() : header;
    for (const [method, path, body] of routes) {
      expectProblem(await server.request(method, path, body, { auth: false, headers: { authorization } }), 401, 'TRELLIS_UNAUTHENTICATED');
    }
  });

  it('changed nothing', async () => {
    expect(await entityNames(server)).toEqual(['note']);
    const meta = expectOk(await server.request('GET', '/api/meta/entities/note')).data;
    expect(meta.label).toBe('Note');
    expect(meta.fields.map((f: any) => f.name)).not.toContain('x');
    expect(expectOk(await server.request('GET', '/api/records/note/count')).count).toBe(0);
  });
});

describe('logout', () => {
  it('revokes the bearer token at once', async () => {
    const session = await login();
    const headers = { authorization: `Bearer ${session.token}` };
    expectOk(await server.request('GET', '/api/auth/me', undefined, { auth: false, headers }));
    expect((await server.request('POST', '/api/auth/logout', undefined, { auth: false, headers })).status).toBe(204);
    expectProblem(await server.request('GET', '/api/auth/me', undefined, { auth: false, headers }), 401, 'TRELLIS_UNAUTHENTICATED');
    expectProblem(await server.request('GET', '/api/records/note', undefined, { auth: false, headers }), 401, 'TRELLIS_UNAUTHENTICATED');
    // Other sessions are untouched.
    expectOk(await server.request('GET', '/api/auth/me'));
  });
});

describe('the session cookie', () => {
  it('authenticates reads', async () => {
    const session = await login();
    const headers = { cookie: session.cookie };
    expect(expectOk(await server.request('GET', '/api/auth/me', undefined, { auth: false, headers })).data.email).toBe(ADMIN_EMAIL);
    expect(
      expectOk(await server.request('GET', '/api/meta/entities', undefined, { auth: false, headers })).data.map((e: any) => e.name),
    ).toEqual(['note']);
    expectOk(await server.request('GET', '/api/records/note', undefined, { auth: false, headers }));
  });

  it('refuses a write without the CSRF header, or with a wrong one', async () => {
    const session = await login();
    const csrf = session.cookies.get('trellis_csrf')!.value;
    expect(csrf.length).toBeGreaterThan(10);
    const attempts: Array<Record<string, string>> = [
      { cookie: session.cookie },
      { cookie: session.cookie, 'x-csrf-token': '' },
      { cookie: session.cookie, 'x-csrf-token': `${csrf}x` },
      { cookie: session.cookie, 'x-csrf-token': session.cookies.get('trellis_session')!.value },
      // The header alone, without the cookie to compare with.
      { cookie: `trellis_session=${session.cookies.get('trellis_session')!.value}`, 'x-csrf-token': csrf },
    ];
    for (const headers of attempts) {
      expectProblem(await server.request('POST', '/api/records/note', { body: 'forged' }, { auth: false, headers }), 403, 'TRELLIS_CSRF');
      expectProblem(
        await server.request('POST', '/api/meta/entities', { name: 'forged', label: 'Forged' }, { auth: false, headers }),
        403,
        'TRELLIS_CSRF',
      );
    }
    expect(expectOk(await server.request('GET', '/api/records/note/count')).count).toBe(0);
    expect(await entityNames(server)).toEqual(['note']);
  });

  it('accepts a write that echoes the CSRF cookie in x-csrf-token', async () => {
    const session = await login();
    const headers = { cookie: session.cookie, 'x-csrf-token': session.cookies.get('trellis_csrf')!.value };
    const created = expectOk(
      await server.request('POST', '/api/records/note', { body: 'from the browser' }, { auth: false, headers }),
      201,
    ).data;
    expect(created.body).toBe('from the browser');
    const patched = expectOk(
      await server.request('PATCH', `/api/records/note/${created.id}`, { body: 'edited' }, { auth: false, headers }),
    ).data;
    expect(patched.body).toBe('edited');
    expectProblem(
      await server.request('DELETE', `/api/records/note/${created.id}`, undefined, { auth: false, headers: { cookie: session.cookie } }),
      403,
      'TRELLIS_CSRF',
    );
    expect((await server.request('DELETE', `/api/records/note/${created.id}`, undefined, { auth: false, headers })).status).toBe(204);
  });

  it('stops working after logout', async () => {
    const session = await login();
    const headers = { cookie: session.cookie, 'x-csrf-token': session.cookies.get('trellis_csrf')!.value };
    expect((await server.request('POST', '/api/auth/logout', undefined, { auth: false, headers })).status).toBe(204);
    expectProblem(
      await server.request('GET', '/api/auth/me', undefined, { auth: false, headers: { cookie: session.cookie } }),
      401,
      'TRELLIS_UNAUTHENTICATED',
    );
  });

  it('loses to an invalid bearer token sent beside it', async () => {
    const session = await login();
    expectProblem(
      await server.request('GET', '/api/auth/me', undefined, {
        auth: false,
        headers: { cookie: session.cookie, authorization: 'Bearer garbage' },
      }),
      401,
      'TRELLIS_UNAUTHENTICATED',
    );
  });
});

describe('public endpoints', () => {
  it('/health answers without credentials', async () => {
    const response = await server.request('GET', '/health', undefined, { auth: false });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('/ready answers without credentials once the database is ready', async () => {
    const response = await server.request('GET', '/ready', undefined, { auth: false });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', database: 'ok' });
  });

  it('/health and /ready ignore a garbage token', async () => {
    for (const path of ['/health', '/ready']) {
      expect((await server.request('GET', path, undefined, { auth: false, headers: { authorization: 'Bearer garbage' } })).status).toBe(
        200,
      );
    }
  });
});
