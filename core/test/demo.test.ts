import { Tokens, definePlugin, type PluginDefinition } from '@trellis/sdk';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTrellis, type Trellis } from '../src/app.js';
import type { TrellisConfig } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startTestServer } from './support/server.js';

/** What the demos ran, in order, across the whole file. */
const calls: string[] = [];
let flakyFailures = 0;

/** A plugin with one entity whose demo writes `count` records of it (and records that it ran). */
function demoPlugin(name: string, count: number, extra: Partial<PluginDefinition> = {}): PluginDefinition {
  const entity = `${name.replace(/-/g, '_')}_item`;
  return definePlugin({
    name,
    version: '1.0.0',
    entities: [{ name: entity, label: 'Item', fields: [{ name: 'title', type: 'text', required: true }] }],
    async demo(ctx) {
      calls.push(name);
      const records = ctx.services.get(Tokens.Records);
      for (let index = 1; index <= count; index++) await records.create(entity, { title: `${name} ${index}` });
    },
    ...extra,
  });
}

const base = demoPlugin('demo-base', 3);
const extra = demoPlugin('demo-extra', 2, { requires: { plugins: { 'demo-base': '^1.0.0' } } });
const plain = definePlugin({ name: 'demo-plain', version: '1.0.0' });
const flaky = demoPlugin('demo-flaky', 1, {
  async demo(ctx) {
    if (flakyFailures-- > 0) {
      await ctx.services.get(Tokens.Records).create('demo_flaky_item', { title: 'half-way' });
      throw new Error('demo service unreachable');
    }
    calls.push('demo-flaky');
  },
});
const PLUGINS = [base, extra, plain, flaky];

/** A logger that keeps warnings and errors, for the assertions. */
function recordingLogger(): Logger & { lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> } {
  const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  return {
    lines,
    info: () => {},
    warn: (message, fields = {}) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields = {}) => lines.push({ level: 'error', message, fields }),
  };
}

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});
beforeEach(() => {
  calls.length = 0;
  flakyFailures = 0;
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

/** Boots Trellis on `database` with the test plugins given inline (none found on disk). */
function boot(database: TestDatabase, config: Partial<TrellisConfig>, logger: Logger = recordingLogger()): Promise<Trellis> {
  return createTrellis({
    env: {},
    logger,
    plugins: PLUGINS,
    discoverPlugins: false,
    config: { databaseUrl: database.url, port: 0, adminPassword: 'demo-password-123', ...config },
  });
}

const count = async (trellis: Trellis, table: string) => Number((await trellis.db.knex(table).count({ n: '*' }))[0]?.n);
const state = async (trellis: Trellis, name: string) => (await trellis.plugins.get(name)).state;
const markers = async (trellis: Trellis) => (await trellis.db.knex('trellis_plugin_demo').orderBy('plugin').pluck('plugin')) as string[];

describe('default plugins', () => {
  it('are enabled on the first start of a new database only', async () => {
    const database = await freshDatabase();
    const first = await boot(database, { defaultPlugins: ['demo-extra', 'demo-plain'] });
    expect(first.bootstrap.created).toBe(true);
    // What a default plugin requires comes with it.
    expect(await state(first, 'demo-base')).toBe('enabled');
    expect(await state(first, 'demo-extra')).toBe('enabled');
    expect(await state(first, 'demo-plain')).toBe('enabled');
    expect(await state(first, 'demo-flaky')).toBe('discovered');
    // Without TRELLIS_DEMO nothing is seeded.
    expect(await count(first, 'demo_base_item')).toBe(0);
    await first.plugins.disable('demo-plain');
    await first.close();

    const second = await boot(database, { defaultPlugins: ['demo-extra', 'demo-plain'] });
    expect(second.bootstrap.created).toBe(false);
    expect(await state(second, 'demo-plain')).toBe('disabled');
    await second.close();
  });

  it('that are not found or fail are warnings, and the start goes on', async () => {
    const logger = recordingLogger();
    const trellis = await boot(await freshDatabase(), { defaultPlugins: ['contacts', 'demo-base'] }, logger);
    try {
      expect(await state(trellis, 'demo-base')).toBe('enabled');
      expect(logger.lines).toEqual([
        {
          level: 'warn',
          message: 'default plugin not enabled',
          fields: { plugin: 'contacts', error: expect.stringContaining('contacts') },
        },
      ]);
      expect((await trellis.plugins.list()).map((plugin) => plugin.name)).not.toContain('contacts');
    } finally {
      await trellis.close();
    }
  });

  it('come from TRELLIS_DEFAULT_PLUGINS: contacts unless told otherwise, none when empty', async () => {
    const { readConfig } = await import('../src/config.js');
    expect(readConfig({}).defaultPlugins).toEqual(['contacts']);
    expect(readConfig({ TRELLIS_DEFAULT_PLUGINS: ' contacts, sales ,' }).defaultPlugins).toEqual(['contacts', 'sales']);
    expect(readConfig({ TRELLIS_DEFAULT_PLUGINS: '' }).defaultPlugins).toEqual([]);
  });

  it('are never given to the servers of the test kit', async () => {
    const { createTestApp } = await import('../src/testing/index.js');
    const app = await createTestApp({ plugins: [plain] });
    try {
      expect((await app.plugins.list()).map((plugin) => plugin.name)).toEqual(['demo-plain']);
    } finally {
      await app.close();
    }
  });
});

describe('demo data with TRELLIS_DEMO', () => {
  it('seeds enabled plugins at start, required ones first, once per database', async () => {
    const database = await freshDatabase();
    const first = await boot(database, { defaultPlugins: ['demo-extra'], demo: true });
    expect(calls).toEqual(['demo-base', 'demo-extra']);
    expect(await count(first, 'demo_base_item')).toBe(3);
    expect(await count(first, 'demo_extra_item')).toBe(2);
    expect(await markers(first)).toEqual(['demo-base', 'demo-extra']);
    // The demo acts as the first administrator: its records have an owner.
    const owners = await first.db.knex('demo_base_item').distinct('owner_id').pluck('owner_id');
    expect(owners).toEqual([(await first.db.knex('trellis_users').first('id'))?.id]);
    await first.close();

    const second = await boot(database, { defaultPlugins: ['demo-extra'], demo: true });
    expect(calls).toEqual(['demo-base', 'demo-extra']);
    expect(await count(second, 'demo_base_item')).toBe(3);
    await second.close();
  });

  it('seeds a plugin an administrator enables later, from the API', async () => {
    const server = await startTestServer({ plugins: { plugins: PLUGINS }, config: { defaultPlugins: [], demo: true } });
    try {
      expect(calls).toEqual([]);
      const enabled = await server.request('POST', '/api/plugins/demo-extra/enable');
      expect(enabled.status).toBe(200);
      expect(enabled.body.data.state).toBe('enabled');
      expect(calls).toEqual(['demo-base', 'demo-extra']);
      expect((await server.request('GET', '/api/records/demo_extra_item/count')).body.count).toBe(2);
      // Enabling again, or after a disable, seeds nothing more.
      await server.request('POST', '/api/plugins/demo-extra/disable');
      await server.request('POST', '/api/plugins/demo-extra/enable');
      expect(calls).toEqual(['demo-base', 'demo-extra']);
    } finally {
      await server.close();
    }
  });

  it('seeds on request from the plugin manager, demo mode or not; refuses plugins that are not enabled', async () => {
    const server = await startTestServer({ plugins: { plugins: PLUGINS }, config: { defaultPlugins: [] } });
    try {
      const listed = (await server.request('GET', '/api/plugins')).body.data as Array<{ name: string; hasDemo: boolean }>;
      expect(Object.fromEntries(listed.map((plugin) => [plugin.name, plugin.hasDemo]))).toMatchObject({
        'demo-base': true,
        'demo-plain': false,
      });

      const early = await server.request('POST', '/api/plugins/demo-extra/demo');
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('TRELLIS_PLUGIN_NOT_ENABLED');
      expect((await server.request('POST', '/api/plugins/nothing-here/demo')).status).toBe(404);

      await server.request('POST', '/api/plugins/demo-extra/enable');
      expect(calls).toEqual([]);
      const seeded = await server.request('POST', '/api/plugins/demo-extra/demo');
      expect(seeded.status).toBe(200);
      expect(seeded.body.data).toEqual({ seeded: ['demo-base', 'demo-extra'], failed: [] });
      expect((await server.request('GET', '/api/records/demo_extra_item/count')).body.count).toBe(2);
      // Once there, asking again adds nothing.
      expect((await server.request('POST', '/api/plugins/demo-extra/demo')).body.data).toEqual({ seeded: [], failed: [] });
      expect(calls).toEqual(['demo-base', 'demo-extra']);
    } finally {
      await server.close();
    }
  });

  it('reports a failing demo without failing the plugin, and tries it again next time', async () => {
    const logger = recordingLogger();
    flakyFailures = 1;
    const trellis = await boot(await freshDatabase(), { defaultPlugins: [], demo: true }, logger);
    try {
      await trellis.plugins.enable('demo-flaky');
      expect(await state(trellis, 'demo-flaky')).toBe('enabled');
      expect(logger.lines).toEqual([
        { level: 'error', message: 'demo data failed', fields: { plugin: 'demo-flaky', error: 'demo service unreachable' } },
      ]);
      expect(await markers(trellis)).toEqual([]);
      expect(await trellis.plugins.seedDemo()).toEqual({ seeded: ['demo-flaky'], failed: [] });
      expect(calls).toEqual(['demo-flaky']);
      expect(await markers(trellis)).toEqual(['demo-flaky']);
    } finally {
      await trellis.close();
    }
  });

  it('skips the demo of a plugin whose required plugin failed its own', async () => {
    const failing = definePlugin({
      name: 'demo-broken',
      version: '1.0.0',
      demo: () => Promise.reject(new Error('no data today')),
    });
    const dependant = demoPlugin('demo-after', 1, { requires: { plugins: { 'demo-broken': '^1.0.0' } } });
    const trellis = await createTrellis({
      env: {},
      logger: recordingLogger(),
      plugins: [failing, dependant],
      discoverPlugins: false,
      config: { databaseUrl: (await freshDatabase()).url, port: 0, adminPassword: 'demo-password-123', defaultPlugins: ['demo-after'] },
    });
    try {
      expect(await trellis.plugins.seedDemo()).toEqual({
        seeded: [],
        failed: [
          { plugin: 'demo-broken', error: 'no data today' },
          { plugin: 'demo-after', error: 'the demo data of "demo-broken", which it requires, failed' },
        ],
      });
      expect(calls).toEqual([]);
    } finally {
      await trellis.close();
    }
  });

  it('forgets a plugin seeded once it is uninstalled, so a reinstall seeds it again', async () => {
    const server = await startTestServer({ plugins: { plugins: PLUGINS }, config: { defaultPlugins: ['demo-base'], demo: true } });
    try {
      expect(calls).toEqual(['demo-base']);
      await server.request('POST', '/api/plugins/demo-base/disable');
      const uninstalled = await server.request('POST', '/api/plugins/demo-base/uninstall', { confirm: 'demo-base' });
      expect(uninstalled.status).toBe(200);
      expect(await markers(server.trellis)).toEqual([]);
      await server.request('POST', '/api/plugins/demo-base/enable');
      expect(calls).toEqual(['demo-base', 'demo-base']);
      expect((await server.request('GET', '/api/records/demo_base_item/count')).body.count).toBe(3);
    } finally {
      await server.close();
    }
  });
});
