import { defineEntity, definePlugin, type PluginDefinition } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, entityNames, expectOk, expectProblem, listAll, tableExists } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startTestServer, type TestServer } from './support/server.js';
import { migrationsPlugin, noteMigration } from './fixtures/plugins/definitions.js';

let database: TestDatabase;
let server: TestServer | undefined;

/** (Re)starts the server on the shared database with these plugin definitions: a new version "on disk". */
async function restart(plugins: PluginDefinition[]): Promise<TestServer> {
  await server?.close();
  server = await startTestServer({ database, plugins: { plugins } });
  return server;
}

const step = (verb: string, name = 'ledger') => (server as TestServer).request('POST', `/api/plugins/${name}/${verb}`);
const info = async (name = 'ledger') => expectOk(await (server as TestServer).request('GET', `/api/plugins/${name}`)).data;
const notes = async () =>
  (await listAll(server as TestServer, 'ledger_entry')).sort((a, b) => (a.id < b.id ? -1 : 1)).map((record) => record.note);

/** A plugin whose install fails half-way: its entity is created, a record written, then the migration throws. */
const fragile = definePlugin({
  name: 'fragile',
  version: '1.0.0',
  entities: [defineEntity({ name: 'fragile_thing', label: 'Thing', fields: [{ name: 'name', type: 'text' }] })],
  migrations: [
    {
      version: '1.0.0',
      async up({ records }) {
        await records.create('fragile_thing', { name: 'half-way' });
        throw new Error('the seed data is inconsistent');
      },
    },
  ],
});

beforeAll(async () => {
  database = await createTestDatabase();
  // Declared out of order, with one for a version the plugin has not reached yet.
  await restart([migrationsPlugin('1.0.0', ['1.0.0', '0.10.0', '2.0.0', '0.2.0'].map(noteMigration)), fragile]);
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe('plugin migrations and upgrades', () => {
  it('runs migrations once, in semver order, up to the plugin’s version', async () => {
    expectOk(await step('enable'));
    expect(await notes()).toEqual(['migration 0.2.0', 'migration 0.10.0', 'migration 1.0.0']);
    expectOk(await step('disable'));
    expectOk(await step('enable'));
    expectOk(await step('install'));
    expect(await notes()).toHaveLength(3);
  });

  it('rolls a failing install back entirely and reports the plugin failed', async () => {
    const problem = expectProblem(await step('install', 'fragile'), 500, 'TRELLIS_PLUGIN_FAILED');
    expect(problem.detail).toBe('plugin "fragile" failed to install: the seed data is inconsistent');
    expect(await info('fragile')).toMatchObject({ state: 'failed', installedVersion: null, error: 'the seed data is inconsistent' });
    expect(await tableExists(server as TestServer, 'fragile_thing')).toBe(false);
    expect(await entityNames(server as TestServer)).toEqual(['ledger_entry']);
    // Retrying fails the same way, and leaves nothing behind either.
    expectProblem(await step('enable', 'fragile'), 500, 'TRELLIS_PLUGIN_FAILED');
    expect(await tableExists(server as TestServer, 'fragile_thing')).toBe(false);
  });

  it('refuses to take over an entity a user created', async () => {
    await createEntity(server as TestServer, { name: 'fragile_thing', label: 'Thing', fields: [] });
    const problem = expectProblem(await step('install', 'fragile'), 500, 'TRELLIS_PLUGIN_FAILED');
    expect(problem.detail).toContain('Entity "fragile_thing" already exists (created by a user)');
    expectOk(await (server as TestServer).request('DELETE', '/api/meta/entities/fragile_thing?confirm=fragile_thing'), 204);
  });

  it('upgrade adds new declarations and runs only the newer migrations', async () => {
    expectOk(await step('disable'));
    const migrations = ['0.2.0', '0.10.0', '1.0.0', '1.1.0', '1.2.0'].map(noteMigration);
    const next = migrationsPlugin('1.2.0', migrations, ['category']);
    await restart([{ ...next, entities: [...(next.entities ?? []), defineEntity({ name: 'ledger_tag', label: 'Tag', fields: [] })] }]);
    expect(await info()).toMatchObject({ version: '1.2.0', installedVersion: '1.0.0', state: 'disabled' });
    expect(expectOk(await step('upgrade')).data).toMatchObject({ installedVersion: '1.2.0', state: 'disabled' });
    expect(await notes()).toEqual(['migration 0.2.0', 'migration 0.10.0', 'migration 1.0.0', 'migration 1.1.0', 'migration 1.2.0']);
    const entry = expectOk(await (server as TestServer).request('GET', '/api/meta/entities/ledger_entry')).data;
    expect(entry.fields.map((field: { name: string }) => field.name)).toContain('category');
    expect(await entityNames(server as TestServer)).toEqual(['ledger_entry', 'ledger_tag']);
    expectOk(await step('upgrade'));
    expect(await notes()).toHaveLength(5);
  });

  it('a failing upgrade leaves the installed version and its data as they were', async () => {
    const broken = { version: '1.3.0', up: () => Promise.reject(new Error('cannot convert the notes')) };
    await restart([migrationsPlugin('1.3.0', [noteMigration('1.2.5'), broken], ['category', 'amount'])]);
    expectProblem(await step('upgrade'), 500, 'TRELLIS_PLUGIN_FAILED');
    expect(await info()).toMatchObject({ installedVersion: '1.2.0', state: 'failed', error: 'cannot convert the notes' });
    const entry = expectOk(await (server as TestServer).request('GET', '/api/meta/entities/ledger_entry')).data;
    expect(entry.fields.map((field: { name: string }) => field.name)).not.toContain('amount');
    expect(await notes()).toHaveLength(5);
  });

  it('enabling a plugin whose version on disk is newer upgrades it first', async () => {
    await restart([migrationsPlugin('1.4.0', ['1.2.5', '1.4.0'].map(noteMigration), ['category', 'amount'])]);
    expect(expectOk(await step('enable')).data).toMatchObject({ installedVersion: '1.4.0', state: 'enabled', error: null });
    expect((await notes()).slice(5)).toEqual(['migration 1.2.5', 'migration 1.4.0']);
  });

  it('refuses to go back to an older version', async () => {
    await restart([migrationsPlugin('1.1.0', [])]);
    // It was enabled: start-up could not run it, so it is reported failed.
    expect(await info()).toMatchObject({
      version: '1.1.0',
      installedVersion: '1.4.0',
      state: 'failed',
      error: expect.stringContaining('downgrades are not supported'),
    });
    const problem = expectProblem(await step('upgrade'), 409, 'TRELLIS_PLUGIN_VERSION_MISMATCH');
    expect(problem.detail).toContain('1.4.0 is installed but 1.1.0 was found');
  });
});
