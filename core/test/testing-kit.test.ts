import { defineEntity, definePlugin, TrellisError, Tokens, ValidationError, type PluginDefinition } from '@trellis/sdk';
import { createTestApp, type TestApp } from '@trellis/sdk/testing';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { TrellisError as CoreTrellisError } from '../src/errors.js';

const POSTGRES = process.env.TRELLIS_TEST_DATABASE_URL?.startsWith('postgres') ? process.env.TRELLIS_TEST_DATABASE_URL : undefined;
// The kit reads TRELLIS_DATABASE_URL, as a plugin's own tests would set it (TRELLIS_TEST_DATABASE_URL wins when set).
if (POSTGRES) vi.stubEnv('TRELLIS_DATABASE_URL', POSTGRES);
afterAll(() => {
  vi.unstubAllEnvs();
});

const notes = definePlugin({
  name: 'notes',
  version: '1.0.0',
  entities: [defineEntity({ name: 'notes_note', label: 'Note', fields: [{ name: 'text', type: 'text', required: true }] })],
  settings: { schema: { type: 'object', properties: { prefix: { type: 'string', default: '' } } } },
  hooks: [
    {
      entity: 'notes_note',
      async beforeCreate(data, ctx) {
        if (data.text === '') throw ValidationError.at('text', 'must not be empty');
        const { prefix } = await ctx.services.get(Tokens.Settings).get<{ prefix: string }>();
        data.text = `${prefix}${String(data.text)}`;
      },
    },
  ],
  jobs: [
    {
      name: 'write_note',
      async run(payload, ctx) {
        await ctx.services.get(Tokens.Records).create('notes_note', { text: payload.text });
      },
    },
  ],
  routes(router) {
    router.post('/later', async (ctx) => {
      const { text } = ctx.request.body as { text: string };
      ctx.status = 202;
      ctx.body = { data: { job: await ctx.services.get(Tokens.Jobs).enqueue('write_note', { text }) } };
    });
  },
});

const pinned = definePlugin({ name: 'pinned', version: '1.0.0', requires: { plugins: { notes: '^1.0.0' } } });

async function kitDatabases(): Promise<number> {
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM pg_database WHERE datname LIKE 'trellis\\_kit\\_%'");
    return Number(result.rows[0]?.n);
  } finally {
    await client.end();
  }
}

async function using(app: TestApp, work: (app: TestApp) => Promise<void>): Promise<void> {
  try {
    await work(app);
  } finally {
    await app.close();
  }
}

describe('the test kit (@trellis/sdk/testing)', () => {
  it('boots an app with the plugins installed in dependency order, settings applied and enabled, and a signed-in client', async () => {
    const app = await createTestApp({ plugins: [pinned, notes], settings: { notes: { prefix: '> ' } } });
    await using(app, async () => {
      expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await app.plugins.list()).map((plugin) => [plugin.name, plugin.state])).toEqual([
        ['notes', 'enabled'],
        ['pinned', 'enabled'],
      ]);
      const created = await app.client.post<{ data: { text: string } }>('/api/records/notes_note', { text: 'hello' });
      expect(created.status).toBe(201);
      expect(created.body.data.text).toBe('> hello');
      expect(created.headers['content-type']).toContain('application/json');
      const refused = await app.client.post<{ code: string; errors: unknown[] }>('/api/records/notes_note', { text: '' });
      // The hook threw the SDK's ValidationError and core recognised it: one copy of the SDK's classes.
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ path: 'text', message: 'must not be empty' }]);
      expect(CoreTrellisError).toBe(TrellisError);
      const me = await fetch(`${app.url}/api/auth/me`, { headers: { authorization: `Bearer ${app.token}` } });
      expect(me.status).toBe(200);
    });
  });

  it('offers core’s services acting as the system, and drains queued jobs', async () => {
    await using(await createTestApp({ plugins: [notes] }), async (app) => {
      const record = await app.services.get(Tokens.Records).create('notes_note', { text: 'seeded' });
      expect(record.created_by).toBeNull();
      expect((await app.client.post('/api/plugins/notes/later', { text: 'queued' })).status).toBe(202);
      await app.drainJobs();
      const texts = (await app.services.get(Tokens.Records).list('notes_note')).data.map((note) => note.text);
      expect(texts.sort()).toEqual(['queued', 'seeded']);
    });
  });

  it('leaves plugins installed but disabled with enable: false, for tests of enabling', async () => {
    await using(await createTestApp({ plugins: [notes], enable: false }), async (app) => {
      expect((await app.plugins.list())[0]).toMatchObject({ name: 'notes', state: 'installed' });
      expect((await app.client.post('/api/plugins/notes/later', { text: 'x' })).status).toBe(404);
      expect((await app.plugins.enable('notes')).state).toBe('enabled');
      expect((await app.client.post('/api/plugins/notes/later', { text: 'x' })).status).toBe(202);
      expect((await app.plugins.disable('notes')).state).toBe('disabled');
    });
  });

  it('gives every app its own fresh database', async () => {
    const before = POSTGRES ? await kitDatabases() : 0;
    const [one, two] = await Promise.all([createTestApp({ plugins: [notes] }), createTestApp({ plugins: [notes] })]);
    await using(one, () =>
      using(two, async () => {
        await one.client.post('/api/records/notes_note', { text: 'only in one' });
        expect((await two.services.get(Tokens.Records).list('notes_note')).data).toEqual([]);
        if (POSTGRES) expect(await kitDatabases()).toBe(before + 2);
      }),
    );
    if (POSTGRES) expect(await kitDatabases()).toBe(before);
  });

  it('fails to boot, cleaning up, when a plugin fails to start', async () => {
    const broken: PluginDefinition = definePlugin({
      name: 'broken',
      version: '1.0.0',
      setup() {
        throw new Error('missing API key');
      },
    });
    const before = POSTGRES ? await kitDatabases() : 0;
    await expect(createTestApp({ plugins: [broken] })).rejects.toMatchObject({
      code: 'TRELLIS_PLUGIN_FAILED',
      message: 'plugin "broken" failed to start: missing API key',
    });
    if (POSTGRES) expect(await kitDatabases()).toBe(before);
  });
});
