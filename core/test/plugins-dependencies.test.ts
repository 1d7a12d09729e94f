import { definePlugin, type PluginDefinition } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, expectProblem } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startTestServer, type TestServer } from './support/server.js';

const started: string[] = [];

function plugin(name: string, version: string, requires: PluginDefinition['requires'] = {}): PluginDefinition {
  return definePlugin({
    name,
    version,
    requires,
    setup: () => void started.push(name),
    routes(router) {
      router.get('/ping', (ctx) => {
        ctx.body = { data: name };
      });
    },
  });
}

const PLUGINS = [
  plugin('sales', '1.2.0', { core: '>=0.1.0' }),
  plugin('forecast', '1.0.0', { plugins: { sales: '^1.0.0' } }),
  plugin('quotes', '1.0.0', { plugins: { sales: '^1.1.0' } }),
  plugin('legacy', '1.0.0', { plugins: { sales: '^2.0.0' } }),
  plugin('orphan', '1.0.0', { plugins: { billing: '^1.0.0', sales: '^1.0.0' } }),
  plugin('chicken', '1.0.0', { plugins: { egg: '*' } }),
  plugin('egg', '1.0.0', { plugins: { chicken: '*' } }),
  plugin('future', '1.0.0', { core: '^9.0.0' }),
];

let database: TestDatabase;
let server: TestServer;

const step = (name: string, verb: string) => server.request('POST', `/api/plugins/${name}/${verb}`);
const state = async (name: string) => expectOk(await server.request('GET', `/api/plugins/${name}`)).data.state;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database, plugins: { plugins: PLUGINS } });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe('plugin dependencies and versions', () => {
  it('enabling a plugin installs and enables what it requires first', async () => {
    expect(await state('sales')).toBe('discovered');
    expectOk(await step('forecast', 'enable'));
    expect(await state('sales')).toBe('enabled');
    expect(started).toEqual(['sales', 'forecast']);
    expectOk(await step('quotes', 'install'));
    expect(await state('quotes')).toBe('installed');
    expectOk(await step('quotes', 'enable'));
  });

  it('refuses to disable a plugin enabled plugins require, listing them', async () => {
    const problem = expectProblem(await step('sales', 'disable'), 409, 'TRELLIS_PLUGIN_REQUIRED_BY');
    expect(problem.detail).toBe('cannot disable "sales": enabled plugins depend on it: forecast, quotes');
    expectOk(await server.request('GET', '/api/plugins/sales/ping'));
  });

  it('names missing plugins with their ranges', async () => {
    const problem = expectProblem(await step('orphan', 'enable'), 409, 'TRELLIS_PLUGIN_DEPENDENCY_MISSING');
    expect(problem.detail).toBe('cannot enable "orphan": it requires plugins that were not found: billing ^1.0.0');
    expect(await state('orphan')).toBe('discovered');
  });

  it('refuses versions outside the required ranges, of plugins and of core', async () => {
    const plugins = expectProblem(await step('legacy', 'install'), 409, 'TRELLIS_PLUGIN_VERSION_MISMATCH');
    expect(plugins.detail).toBe('cannot install "legacy": versions do not match: sales ^2.0.0 (found 1.2.0)');
    const core = expectProblem(await step('future', 'enable'), 409, 'TRELLIS_PLUGIN_VERSION_MISMATCH');
    expect(core.detail).toMatch(/^cannot enable "future": versions do not match: @trellis\/core \^9\.0\.0 \(found \d+\.\d+\.\d+\)$/);
    expect(await state('legacy')).toBe('discovered');
  });

  it('refuses plugins that require each other in a cycle', async () => {
    const problem = expectProblem(await step('chicken', 'enable'), 409, 'TRELLIS_PLUGIN_DEPENDENCY_CYCLE');
    expect(problem.detail).toBe('plugins require each other in a cycle: chicken → egg → chicken');
    expect(await state('egg')).toBe('discovered');
  });

  it('mounts enabled plugins in dependency order at start-up', async () => {
    await server.close();
    started.length = 0;
    server = await startTestServer({ database, plugins: { plugins: PLUGINS } });
    expect(started).toEqual(['sales', 'forecast', 'quotes']);
    expect(expectOk(await server.request('GET', '/api/plugins/quotes/ping')).data).toBe('quotes');
  });
});
