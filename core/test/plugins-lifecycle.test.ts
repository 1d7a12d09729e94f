import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, createRecord, entityNames, expectOk, expectProblem, listAll, tableExists } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';
import { dependentPlugin, greetingsPlugin, lifecycleCalls } from './fixtures/plugins/definitions.js';
import { plainUserToken } from './fixtures/plugins/users.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    plugins: { plugins: [greetingsPlugin(), dependentPlugin('greetings-extra', { greetings: '^1.0.0' })] },
  });
  await createEntity(server, { name: 'contact', label: 'Contact', fields: [{ name: 'name', type: 'text' }] });
});
afterAll(async () => {
  await server?.close();
});

const plugin = async (name: string) => expectOk(await server.request('GET', `/api/plugins/${name}`)).data;
const step = (name: string, verb: string, body?: unknown) => server.request('POST', `/api/plugins/${name}/${verb}`, body);

describe('the plugin lifecycle through the API', () => {
  it('lists discovered plugins with their state, and 404s unknown ones', async () => {
    const list = expectOk(await server.request('GET', '/api/plugins')).data;
    expect(list.map((info: { name: string }) => info.name)).toEqual(['greetings', 'greetings-extra']);
    expect(list[0]).toMatchObject({ state: 'discovered', version: '1.0.0', installedVersion: null, source: 'inline', error: null });
    expectProblem(await server.request('GET', '/api/plugins/nope'), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await step('nope', 'enable'), 404, 'TRELLIS_NOT_FOUND');
  });

  it('install creates the entity; enable mounts the route, the hook and runs setup', async () => {
    expectProblem(await server.request('GET', '/api/plugins/greetings/hello'), 404, 'TRELLIS_ROUTE_NOT_FOUND');
    expect(expectOk(await step('greetings', 'install')).data).toMatchObject({ state: 'installed', installedVersion: '1.0.0' });
    const entity = expectOk(await server.request('GET', '/api/meta/entities/greetings_message')).data;
    expect(entity.plugin).toBe('greetings');
    expectProblem(await server.request('GET', '/api/plugins/greetings/hello'), 404, 'TRELLIS_ROUTE_NOT_FOUND');

    expect(expectOk(await step('greetings', 'enable')).data).toMatchObject({ state: 'enabled', error: null });
    expect(lifecycleCalls).toContain('setup:greetings');
    expect(expectOk(await server.request('GET', '/api/plugins/greetings/hello')).data).toEqual({
      message: 'Hello admin@example.com',
      plugin: 'greetings',
    });
    expect((await createRecord(server, 'greetings_message', { message: 'hi' })).shouted).toBe('HI');
    expectProblem(
      await server.request('POST', '/api/records/greetings_message', { message: 'boom' }),
      400,
      'TRELLIS_VALIDATION',
      'message',
    );
    const viaRoute = expectOk(await server.request('POST', '/api/plugins/greetings/messages', { message: 'from the route' }), 201).data;
    expect(viaRoute).toMatchObject({ shouted: 'FROM THE ROUTE', created_by: expect.any(String) });
  });

  it('disable unmounts the route and the hook and keeps the data', async () => {
    expect(expectOk(await step('greetings', 'disable')).data).toMatchObject({ state: 'disabled' });
    expect(lifecycleCalls).toContain('teardown:greetings');
    expectProblem(await server.request('GET', '/api/plugins/greetings/hello'), 404, 'TRELLIS_ROUTE_NOT_FOUND');
    expect((await createRecord(server, 'greetings_message', { message: 'quiet' })).shouted).toBeNull();
    expect((await listAll(server, 'greetings_message')).map((record) => record.message).sort()).toEqual(['from the route', 'hi', 'quiet']);
  });

  it('enable again serves the same data', async () => {
    expectOk(await step('greetings', 'enable'));
    expect(expectOk(await server.request('GET', '/api/plugins/greetings/messages/count')).data).toEqual({ count: 3 });
    expect((await createRecord(server, 'greetings_message', { message: 'back' })).shouted).toBe('BACK');
  });

  it('refuses to disable a plugin an enabled plugin requires, naming it', async () => {
    expectOk(await step('greetings-extra', 'enable'));
    const problem = expectProblem(await step('greetings', 'disable'), 409, 'TRELLIS_PLUGIN_REQUIRED_BY');
    expect(problem.detail).toBe('cannot disable "greetings": enabled plugins depend on it: greetings-extra');
    expect((await plugin('greetings')).state).toBe('enabled');
    expectOk(await step('greetings-extra', 'disable'));
    expectOk(await step('greetings', 'disable'));
  });

  it('refuses to drop or restructure what a plugin owns through the metadata API', async () => {
    const drop = expectProblem(await server.request('DELETE', '/api/meta/entities/greetings_message?confirm=greetings_message'), 409);
    expect(drop).toMatchObject({ code: 'TRELLIS_PLUGIN_OWNED', detail: expect.stringContaining('plugin "greetings"') });
    expectProblem(
      await server.request('DELETE', '/api/meta/entities/greetings_message/fields/message?confirm=message'),
      409,
      'TRELLIS_PLUGIN_OWNED',
    );
    expectProblem(
      await server.request('PATCH', '/api/meta/entities/greetings_message/fields/message', { required: false }),
      409,
      'TRELLIS_PLUGIN_OWNED',
    );
    expectOk(await server.request('POST', '/api/meta/entities/greetings_message/fields', { name: 'mood', type: 'text' }), 201);
    expectOk(await server.request('PATCH', '/api/meta/entities/greetings_message', { label: 'Hello' }));
    // Reads say who declared each field, so screens offer changes only where they are allowed.
    const fields = expectOk(await server.request('GET', '/api/meta/entities/greetings_message')).data.fields as Array<{
      name: string;
      plugin: string | null;
    }>;
    const owners = Object.fromEntries(fields.map((field) => [field.name, field.plugin]));
    expect(owners).toMatchObject({ message: 'greetings', mood: null, id: null });
  });

  it('only lets administrators change plugins or read their settings', async () => {
    const token = await plainUserToken(server);
    const headers = { authorization: `Bearer ${token}` };
    expectOk(await server.request('GET', '/api/plugins', undefined, { headers }));
    expectProblem(await server.request('POST', '/api/plugins/greetings/enable', undefined, { headers }), 403, 'TRELLIS_FORBIDDEN');
    expectProblem(await server.request('GET', '/api/plugins/greetings/settings', undefined, { headers }), 403, 'TRELLIS_FORBIDDEN');
    expect((await plugin('greetings')).state).toBe('disabled');
  });

  it('uninstall explains what it drops, refuses while a plugin requires it, then drops it all', async () => {
    const refused = expectProblem(await step('greetings', 'uninstall'), 409, 'TRELLIS_CONFIRMATION_REQUIRED');
    expect(refused.detail).toContain('greetings_message');
    expect(refused.detail).toContain('{"confirm":"greetings"}');
    const needed = expectProblem(await step('greetings', 'uninstall', { confirm: 'greetings' }), 409, 'TRELLIS_PLUGIN_REQUIRED_BY');
    expect(needed.detail).toBe('cannot uninstall "greetings": installed plugins depend on it: greetings-extra');
    expectOk(await step('greetings-extra', 'uninstall', { confirm: 'greetings-extra' }));
    expect(expectOk(await step('greetings', 'uninstall', { confirm: 'greetings' })).data).toMatchObject({
      state: 'discovered',
      installedVersion: null,
    });
    expect(await tableExists(server, 'greetings_message')).toBe(false);
    expect(await entityNames(server)).toEqual(['contact']);
    expectProblem(await server.request('GET', '/api/plugins/greetings/hello'), 404, 'TRELLIS_ROUTE_NOT_FOUND');
  });

  it('installs again from scratch after an uninstall', async () => {
    expectOk(await step('greetings', 'enable'));
    expect(expectOk(await server.request('GET', '/api/plugins/greetings/messages/count')).data).toEqual({ count: 0 });
  });

  it('lists the manager and the enabled plugins’ routes in the OpenAPI document', async () => {
    const document = expectOk(await server.request('GET', '/api/openapi.json'));
    expect(document.paths['/api/plugins/{name}/enable'].post.operationId).toBe('pluginsEnable');
    expect(document.paths['/api/plugins/greetings/hello'].get.tags).toEqual(['greetings']);
    expect(document.paths['/api/plugins/greetings-extra/ping']).toBeUndefined();
    expectOk(await step('greetings-extra', 'enable'));
    const after = expectOk(await server.request('GET', '/api/openapi.json'));
    expect(after.paths['/api/plugins/greetings-extra/ping'].get.tags).toEqual(['greetings-extra']);
  });
});
