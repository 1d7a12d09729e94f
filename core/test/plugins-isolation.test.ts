import { fileURLToPath } from 'node:url';
import { definePlugin, Tokens, type PluginInfo } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, createRecord, expectOk, expectProblem, pause } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';
import { greetingsPlugin } from './fixtures/plugins/definitions.js';

const PACKAGES = fileURLToPath(new URL('./fixtures/plugins/packages', import.meta.url));

let setupAttempts = 0;
const unstable = definePlugin({
  name: 'unstable',
  version: '1.0.0',
  routes(router) {
    router.get('/ping', (ctx) => {
      ctx.body = { data: 'pong' };
    });
  },
  setup() {
    setupAttempts++;
    if (setupAttempts === 1) throw new Error('the licence server did not answer');
  },
});

const flaky = definePlugin({
  name: 'flaky',
  version: '1.0.0',
  hooks: [
    {
      entity: 'contact',
      beforeCreate(data) {
        if (data.name === 'trigger') throw new TypeError("Cannot read properties of undefined (reading 'score')");
      },
    },
  ],
});

const noisy = definePlugin({
  name: 'noisy',
  version: '1.0.0',
  subscribers: [
    {
      event: 'record.created',
      entity: 'contact',
      handle() {
        throw new Error('the subscriber broke');
      },
    },
  ],
  teardown() {
    throw new Error('the teardown broke');
  },
});

let server: TestServer;

const list = async (): Promise<PluginInfo[]> => expectOk(await server.request('GET', '/api/plugins')).data;
const info = async (name: string): Promise<PluginInfo> => expectOk(await server.request('GET', `/api/plugins/${name}`)).data;

/** Waits for a state reached after the response (a hook's failure is recorded in the background). */
async function waitForState(name: string, state: string): Promise<PluginInfo> {
  for (let tries = 0; tries < 100; tries++) {
    const current = await info(name);
    if (current.state === state) return current;
    await pause(20);
  }
  throw new Error(`${name} never became ${state}`);
}

beforeAll(async () => {
  server = await startTestServer({
    config: { pluginDirs: [PACKAGES] },
    plugins: { plugins: [greetingsPlugin(), unstable, flaky, noisy], discoverPlugins: true },
  });
  await createEntity(server, { name: 'contact', label: 'Contact', fields: [{ name: 'name', type: 'text' }] });
  expectOk(await server.request('POST', '/api/plugins/greetings/enable'));
});
afterAll(async () => {
  await server?.close();
});

async function othersStillServe(): Promise<void> {
  expectOk(await server.request('GET', '/health'));
  expect(expectOk(await server.request('GET', '/api/plugins/greetings/hello')).data.plugin).toBe('greetings');
}

describe('a broken plugin does not take the server or other plugins down', () => {
  it('reports a package whose module throws on import as failed, and refuses to enable it', async () => {
    const broken = (await list()).find((plugin) => plugin.name === 'broken-import');
    expect(broken).toMatchObject({ state: 'failed', version: '2.0.0', source: expect.stringContaining('broken-import') });
    expect(broken?.error).toContain('cannot reach the billing API');
    const problem = expectProblem(await server.request('POST', '/api/plugins/broken-import/enable'), 409, 'TRELLIS_PLUGIN_UNAVAILABLE');
    expect(problem.detail).toContain('cannot reach the billing API');
    await othersStillServe();
  });

  it('reports a package whose definition breaks the rules', async () => {
    const invalid = (await list()).find((plugin) => plugin.name === 'invalid-definition');
    expect(invalid).toMatchObject({ state: 'failed', error: expect.stringContaining('lower kebab case') });
  });

  it('marks a plugin whose setup throws failed, unmounted, and lets it be enabled again', async () => {
    const problem = expectProblem(await server.request('POST', '/api/plugins/unstable/enable'), 500, 'TRELLIS_PLUGIN_FAILED');
    expect(problem.detail).toBe('plugin "unstable" failed to start: the licence server did not answer');
    expect(await info('unstable')).toMatchObject({
      state: 'failed',
      error: 'the licence server did not answer',
      installedVersion: '1.0.0',
    });
    expectProblem(await server.request('GET', '/api/plugins/unstable/ping'), 404, 'TRELLIS_ROUTE_NOT_FOUND');
    await othersStillServe();
    expect(expectOk(await server.request('POST', '/api/plugins/unstable/enable')).data).toMatchObject({ state: 'enabled', error: null });
    expect(expectOk(await server.request('GET', '/api/plugins/unstable/ping')).data).toBe('pong');
  });

  it('marks a plugin whose hook throws a non-Trellis error failed; the write is refused and later writes pass', async () => {
    expectOk(await server.request('POST', '/api/plugins/flaky/enable'));
    const refused = expectProblem(
      await server.request('POST', '/api/records/contact', { name: 'trigger' }),
      500,
      'TRELLIS_PLUGIN_HOOK_FAILED',
    );
    expect(refused.detail).toContain('plugin "flaky"');
    const failed = await waitForState('flaky', 'failed');
    expect(failed.error).toBe("Cannot read properties of undefined (reading 'score')");
    expect((await createRecord(server, 'contact', { name: 'trigger' })).name).toBe('trigger');
    await othersStillServe();
  });

  it('keeps a plugin whose subscriber throws enabled, and disables it even when its teardown throws', async () => {
    expectOk(await server.request('POST', '/api/plugins/noisy/enable'));
    await createRecord(server, 'contact', { name: 'Ada' });
    await pause(50);
    expect((await info('noisy')).state).toBe('enabled');
    expect(expectOk(await server.request('POST', '/api/plugins/noisy/disable')).data.state).toBe('disabled');
    await othersStillServe();
  });

  it('serves a discovered package’s routes and UI module, and nothing else from its folder', async () => {
    const plain = expectOk(await server.request('POST', '/api/plugins/plain/enable')).data as PluginInfo;
    expect(plain).toMatchObject({ state: 'enabled', description: 'A discovered package' });
    expect(plain.ui).toEqual({ navigation: [{ label: 'Plain', path: '/plain' }], module: '/api/plugins/plain/ui/plain.js' });
    expect(expectOk(await server.request('GET', '/api/plugins/plain/ping')).data).toBe('pong');
    const module = await server.request('GET', '/api/plugins/plain/ui/plain.js');
    expect(module.status).toBe(200);
    expect(module.headers.get('content-type')).toContain('text/javascript');
    expect(module.body).toContain("export const element = 'plain-page'");
    for (const path of ['notes.txt', '..%2Fpackage.json', '..%2F..%2Fplain%2Fpackage.json', 'missing.js']) {
      expectProblem(await server.request('GET', `/api/plugins/plain/ui/${path}`), 404, 'TRELLIS_ROUTE_NOT_FOUND');
    }
    expectOk(await server.request('POST', '/api/plugins/plain/disable'));
    expectProblem(await server.request('GET', '/api/plugins/plain/ui/plain.js'), 404, 'TRELLIS_ROUTE_NOT_FOUND');
  });

  it('uses the Services tokens it offers and names the ones it does not', () => {
    const services = server.trellis.plugins.servicesFor('greetings', { userId: null, name: '', isAdmin: true, via: 'system' });
    expect(services.get(Tokens.Metadata).entity('contact')?.name).toBe('contact');
    expect(() => services.get(Symbol.for('trellis.sdk.nothing'))).toThrow(/offers no service/);
  });
});
