import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, expectProblem, qs } from './support/api.js';
import { bearer, createUser, GOOD_PASSWORD, loginToken } from './support/auth-helpers.js';
import { ADMIN_EMAIL, startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let teamId: string;
beforeAll(async () => {
  server = await startTestServer();
  teamId = 'team-north';
  await server.trellis.db.knex('trellis_teams').insert({ id: teamId, name: 'North', created_at: new Date().toISOString() });
});
afterAll(() => server?.close());

describe('POST /api/users', () => {
  it('creates a user with normalised e-mail, teams and roles, who can then sign in', async () => {
    const roles = await server.trellis.db.knex('trellis_roles').whereNot({ name: 'admin' }).orderBy('name').pluck<string[]>('name');
    const user = await createUser(server, { email: '  Ada@Example.COM ', name: 'Ada', teams: [teamId], roles: [roles[0]] });
    expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada', isAdmin: false, active: true, teams: [teamId], roles: [roles[0]] });
    expect(JSON.stringify(user)).not.toMatch(/password|hash/i);
    const row = await server.trellis.db.knex('trellis_users').where({ id: user.id }).first();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const token = await loginToken(server, 'ADA@example.com');
    expect(expectOk(await server.request('GET', '/api/auth/me', undefined, bearer(token))).data.email).toBe('ada@example.com');
  });

  it('refuses a taken e-mail in any case with 409 naming email', async () => {
    await createUser(server, { email: 'bob@example.com', name: 'Bob' });
    expectProblem(
      await server.request('POST', '/api/users', { email: ' BOB@example.com', name: 'Bob 2', password: GOOD_PASSWORD }),
      409,
      'TRELLIS_EMAIL_TAKEN',
      'email',
    );
  });

  it.each([
    [{ name: 'No mail', password: GOOD_PASSWORD }, 'email'],
    [{ email: 'not-an-email', name: 'X', password: GOOD_PASSWORD }, 'email'],
    [{ email: 'short@example.com', name: 'X', password: 'too short' }, 'password'],
    [{ email: 'nopass@example.com', name: 'X' }, 'password'],
    [{ email: 'noname@example.com', name: '  ', password: GOOD_PASSWORD }, 'name'],
    [{ email: 'flag@example.com', name: 'X', password: GOOD_PASSWORD, isAdmin: 'yes' }, 'isAdmin'],
    [{ email: 'team@example.com', name: 'X', password: GOOD_PASSWORD, teams: ['no-such-team'] }, 'teams[0]'],
    [{ email: 'role@example.com', name: 'X', password: GOOD_PASSWORD, roles: ['no-such-role'] }, 'roles[0]'],
    [{ email: 'admin-role@example.com', name: 'X', password: GOOD_PASSWORD, roles: ['read_only', 'admin'] }, 'roles[1]'],
    [{ email: 'extra@example.com', name: 'X', password: GOOD_PASSWORD, hash: 'x' }, 'hash'],
  ])('refuses %j with 400 naming %s and writes nothing', async (body, path) => {
    const before = await server.trellis.db.knex('trellis_users').count<Array<{ n: number }>>({ n: '*' });
    expectProblem(await server.request('POST', '/api/users', body), 400, 'TRELLIS_VALIDATION', path);
    const after = await server.trellis.db.knex('trellis_users').count<Array<{ n: number }>>({ n: '*' });
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
  });
});

describe('GET /api/users', () => {
  it('pages with a cursor and filters by active and q', async () => {
    for (const n of [1, 2, 3]) await createUser(server, { email: `pager${n}@example.com`, name: `Pager ${n}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = expectOk(await server.request('GET', `/api/users${qs({ limit: 2, cursor, q: 'PAGER' })}`));
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((u: any) => u.email));
      cursor = page.page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['pager1@example.com', 'pager2@example.com', 'pager3@example.com']);
    const pager2 = expectOk(await server.request('GET', `/api/users${qs({ q: 'pager2' })}`)).data[0];
    expectOk(await server.request('DELETE', `/api/users/${pager2.id}`));
    const inactive = expectOk(await server.request('GET', `/api/users${qs({ active: 'false' })}`)).data;
    expect(inactive.map((u: any) => u.email)).toEqual(['pager2@example.com']);
    const active = expectOk(await server.request('GET', `/api/users${qs({ active: 'true', limit: 200 })}`)).data;
    expect(active.map((u: any) => u.email)).toContain(ADMIN_EMAIL);
    expect(active.map((u: any) => u.email)).not.toContain('pager2@example.com');
  });

  it('takes % and _ in q literally', async () => {
    expect(expectOk(await server.request('GET', `/api/users${qs({ q: '%' })}`)).data).toEqual([]);
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 201 }, 'limit'],
    [{ active: 'maybe' }, 'active'],
    [{ cursor: 'garbage' }, 'cursor'],
  ])('refuses %j with 400 naming %s', async (params, path) => {
    expectProblem(await server.request('GET', `/api/users${qs(params)}`), 400, 'TRELLIS_VALIDATION', path);
  });
});

describe('GET and PATCH /api/users/:id', () => {
  it('reads and changes a user; teams and roles replace the lists', async () => {
    const user = await createUser(server, { email: 'carol@example.com', name: 'Carol', teams: [teamId] });
    expect(expectOk(await server.request('GET', `/api/users/${user.id}`)).data).toEqual(user);
    const changed = expectOk(
      await server.request('PATCH', `/api/users/${user.id}`, { name: 'Carol C', email: 'CAROL.C@example.com', teams: [] }),
    ).data;
    expect(changed).toMatchObject({ name: 'Carol C', email: 'carol.c@example.com', teams: [] });
    expectProblem(await server.request('PATCH', `/api/users/${user.id}`, { email: ADMIN_EMAIL }), 409, 'TRELLIS_EMAIL_TAKEN', 'email');
    expectProblem(await server.request('PATCH', `/api/users/${user.id}`, { password: 'short' }), 400, 'TRELLIS_VALIDATION', 'password');
    expectProblem(await server.request('GET', '/api/users/01900000-0000-7000-8000-000000000000'), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('PATCH', '/api/users/01900000-0000-7000-8000-000000000000', { name: 'X' }), 404);
  });

  it('a new password set by an admin ends the user’s sessions', async () => {
    const user = await createUser(server, { email: 'dan@example.com', name: 'Dan' });
    const token = await loginToken(server, 'dan@example.com');
    expectOk(await server.request('PATCH', `/api/users/${user.id}`, { password: 'another long passphrase' }));
    expectProblem(await server.request('GET', '/api/auth/me', undefined, bearer(token)), 401);
    await loginToken(server, 'dan@example.com', 'another long passphrase');
  });

  it('promotes to admin, and the promotion applies to a signed-in session at once', async () => {
    const user = await createUser(server, { email: 'erin@example.com', name: 'Erin' });
    const token = await loginToken(server, 'erin@example.com');
    expectProblem(await server.request('GET', '/api/users', undefined, bearer(token)), 403, 'TRELLIS_FORBIDDEN');
    expectOk(await server.request('PATCH', `/api/users/${user.id}`, { isAdmin: true }));
    expectOk(await server.request('GET', '/api/users', undefined, bearer(token)));
  });
});

describe('DELETE /api/users/:id', () => {
  it('deactivates: sessions and tokens stop working and login is refused like a wrong password', async () => {
    const user = await createUser(server, { email: 'fay@example.com', name: 'Fay' });
    const session = await loginToken(server, 'fay@example.com');
    const apiToken = expectOk(await server.request('POST', '/api/auth/tokens', { name: 'ci', scope: 'read' }, bearer(session)), 201).data
      .token;
    expectOk(await server.request('GET', '/api/auth/me', undefined, bearer(apiToken)));
    const gone = expectOk(await server.request('DELETE', `/api/users/${user.id}`)).data;
    expect(gone.active).toBe(false);
    expectProblem(await server.request('GET', '/api/auth/me', undefined, bearer(session)), 401, 'TRELLIS_UNAUTHENTICATED');
    expectProblem(await server.request('GET', '/api/auth/me', undefined, bearer(apiToken)), 401, 'TRELLIS_UNAUTHENTICATED');
    const refused = expectProblem(
      await server.request('POST', '/api/auth/login', { email: 'fay@example.com', password: GOOD_PASSWORD }, { auth: false }),
      401,
    );
    const wrong = expectProblem(
      await server.request('POST', '/api/auth/login', { email: ADMIN_EMAIL, password: 'not the password' }, { auth: false }),
      401,
    );
    expect(refused.detail).toBe(wrong.detail);
    expect(await server.trellis.db.knex('trellis_sessions').where({ user_id: user.id }).count<Array<{ n: number }>>({ n: '*' })).toEqual([
      { n: 0 },
    ]);
  });

  it('refuses to deactivate or demote the last active admin with 409', async () => {
    const admin = expectOk(await server.request('GET', `/api/users${qs({ q: ADMIN_EMAIL })}`)).data[0];
    const others = expectOk(await server.request('GET', `/api/users${qs({ active: 'true', limit: 200 })}`)).data.filter(
      (u: any) => u.isAdmin && u.id !== admin.id,
    );
    for (const other of others) expectOk(await server.request('PATCH', `/api/users/${other.id}`, { isAdmin: false }));
    expectProblem(await server.request('DELETE', `/api/users/${admin.id}`), 409, 'TRELLIS_LAST_ADMIN');
    expectProblem(await server.request('PATCH', `/api/users/${admin.id}`, { isAdmin: false }), 409, 'TRELLIS_LAST_ADMIN');
    expect(expectOk(await server.request('GET', `/api/users/${admin.id}`)).data).toMatchObject({ isAdmin: true, active: true });
    const second = await createUser(server, { email: 'second.admin@example.com', name: 'Second', isAdmin: true });
    expectOk(await server.request('DELETE', `/api/users/${second.id}`));
  });
});

describe('non-administrators', () => {
  it('get 403 on every users route', async () => {
    await createUser(server, { email: 'gus@example.com', name: 'Gus' });
    const options = bearer(await loginToken(server, 'gus@example.com'));
    const id = '01900000-0000-7000-8000-000000000000';
    for (const [method, path, body] of [
      ['GET', '/api/users'],
      ['POST', '/api/users', { email: 'x@example.com', name: 'X', password: GOOD_PASSWORD }],
      ['GET', `/api/users/${id}`],
      ['PATCH', `/api/users/${id}`, { name: 'X' }],
      ['DELETE', `/api/users/${id}`],
    ] as const) {
      expectProblem(await server.request(method, path, body, options), 403, 'TRELLIS_FORBIDDEN');
    }
    expectProblem(await server.request('GET', '/api/users', undefined, { auth: false }), 401);
  });

  it('read colleagues’ names, and nothing else of them, with GET /api/users/names', async () => {
    const ada = await createUser(server, { email: 'ada.names@example.com', name: 'Ada Names' });
    const options = bearer(await loginToken(server, 'gus@example.com'));
    const unknown = '01900000-0000-7000-8000-00000000abcd';
    const names = expectOk(await server.request('GET', `/api/users/names?ids=${ada.id},${unknown},${ada.id}`, undefined, options)).data;
    expect(names).toEqual([{ id: ada.id, name: 'Ada Names' }]);
    expectProblem(await server.request('GET', '/api/users/names', undefined, options), 400, 'TRELLIS_VALIDATION');
    const tooMany = Array.from({ length: 201 }, (_, i) => `id${i}`).join(',');
    const refused = expectProblem(
      await server.request('GET', `/api/users/names?ids=${tooMany}`, undefined, options),
      400,
      'TRELLIS_VALIDATION',
    );
    expect(refused.errors).toEqual([expect.objectContaining({ path: 'ids' })]);
    expectProblem(await server.request('GET', `/api/users/names?ids=${ada.id}`, undefined, { auth: false }), 401);
  });
});
