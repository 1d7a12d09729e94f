import { definePlugin, defineEntity, Tokens } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, expectOk, expectProblem } from './support/api.js';
import { bearer, createUser, GOOD_PASSWORD, loginToken } from './support/auth-helpers.js';
import { startTestServer, type TestServer } from './support/server.js';

/** Plugins declare default rights for their entities and check rights in their routes. */
const deals = definePlugin({
  name: 'deals',
  version: '1.0.0',
  entities: [defineEntity({ name: 'deal', label: 'Deal', fields: [{ name: 'title', type: 'text' }] })],
  permissions: { sales_rep: { deal: { read: 'own', create: 'all', update: 'own' } }, no_such_role: { deal: { read: 'all' } } },
  routes(router) {
    router.get('/mine', async (ctx) => {
      ctx.body = { data: { count: await ctx.services.get(Tokens.Records).count('deal') } };
    });
    router.get('/rights', (ctx) => {
      ctx.body = { data: { update: ctx.can('update', 'deal'), delete: ctx.can('delete', 'deal') } };
    });
    router.delete('/all', { permission: { entity: 'deal', action: 'delete' } }, (ctx) => {
      ctx.status = 204;
    });
    router.get('/settings-page', { permission: 'admin' }, (ctx) => {
      ctx.body = { data: 'admin only' };
    });
  },
});

let server: TestServer;
let rep: ReturnType<typeof bearer>;

beforeAll(async () => {
  server = await startTestServer({ plugins: { plugins: [deals] } });
  expectOk(await server.request('POST', '/api/plugins/deals/install'));
  expectOk(await server.request('POST', '/api/plugins/deals/enable'));
  const user = await createUser(server, { email: 'rep@example.com', name: 'Rep', password: GOOD_PASSWORD, roles: ['sales_rep'] });
  rep = bearer(await loginToken(server, 'rep@example.com'));
  await createRecord(server, 'deal', { title: 'Mine', owner_id: user.id });
  await createRecord(server, 'deal', { title: 'Not mine' });
});
afterAll(() => server?.close());

describe('default permissions declared by a plugin', () => {
  it('are merged into existing roles on install; unknown roles are skipped', async () => {
    const role = expectOk(await server.request('GET', '/api/roles/sales_rep')).data;
    expect(role.permissions.deal).toMatchObject({ read: 'own', create: 'all', update: 'own' });
    expectProblem(await server.request('GET', '/api/roles/no_such_role'), 404, 'TRELLIS_NOT_FOUND');
  });

  it('scope what the plugin’s own routes see through ctx.services', async () => {
    expect(expectOk(await server.request('GET', '/api/plugins/deals/mine', undefined, rep)).data.count).toBe(1);
    expect(expectOk(await server.request('GET', '/api/plugins/deals/mine')).data.count).toBe(2);
  });
});

describe('rights in plugin routes', () => {
  it('ctx.can answers for the caller', async () => {
    expect(expectOk(await server.request('GET', '/api/plugins/deals/rights', undefined, rep)).data).toEqual({
      update: true,
      delete: false,
    });
    expect(expectOk(await server.request('GET', '/api/plugins/deals/rights')).data).toEqual({ update: true, delete: true });
  });

  it('a route permission is checked before the handler: 403 for the rep, allowed for the admin', async () => {
    expectProblem(await server.request('DELETE', '/api/plugins/deals/all', undefined, rep), 403, 'TRELLIS_FORBIDDEN');
    expect((await server.request('DELETE', '/api/plugins/deals/all')).status).toBe(204);
    expectProblem(await server.request('GET', '/api/plugins/deals/settings-page', undefined, rep), 403, 'TRELLIS_FORBIDDEN');
    expectOk(await server.request('GET', '/api/plugins/deals/settings-page'));
  });
});
