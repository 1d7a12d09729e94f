import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../src/cli/index.js';
import type { Logger } from '../src/logger.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

let work: string;
let database: TestDatabase;
let env: Record<string, string>;

/** Runs `trellis …` in this process on the test database and the plugin folder of the test. */
async function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    logger: () => quiet,
    env: { ...env, ...extraEnv },
    cwd: work,
    stopped: () => Promise.resolve(),
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A plugin package needing no build, whose demo writes `count` records of its entity. */
function writePlugin(name: string, count: number, requires?: string): void {
  const dir = join(work, 'plugins', name);
  const entity = `${name.replace(/-/g, '_')}_item`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', trellis: { plugin: './index.js' } }));
  writeFileSync(
    join(dir, 'index.js'),
    `export default {
  name: '${name}',
  version: '1.0.0',
  ${requires ? `requires: { plugins: { '${requires}': '^1.0.0' } },` : ''}
  entities: [{ name: '${entity}', label: 'Item', fields: [{ name: 'title', type: 'text' }] }],
  async demo(ctx) {
    const records = ctx.services.get(Symbol.for('trellis.sdk.records'));
    for (let index = 0; index < ${count}; index++) await records.create('${entity}', { title: 'demo ' + index });
  },
};
`,
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  work = mkdtempSync(join(tmpdir(), 'trellis-cli-demo-'));
  writePlugin('cli-people', 4);
  writePlugin('cli-deals', 2, 'cli-people');
  env = {
    TRELLIS_DATABASE_URL: database.url,
    TRELLIS_ADMIN_PASSWORD: 'cli-demo-password',
    TRELLIS_PLUGIN_DIRS: join(work, 'plugins'),
    TRELLIS_DEFAULT_PLUGINS: 'cli-people',
  };
});
afterAll(async () => {
  await database?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('trellis demo', () => {
  it('seeds every enabled plugin not seeded yet, says which, and nothing the second time', async () => {
    const first = await cli(['demo']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    // A new database: the first admin and the default plugins come first, as on a first start.
    expect(first.out).toContain('First admin created: admin@example.com');
    expect(first.out).toContain('Seeded the demo data of cli-people');

    expect(await cli(['demo'])).toEqual({
      code: 0,
      out: 'No demo data to seed: every enabled plugin with a demo has seeded it already',
      err: '',
    });

    expect((await cli(['plugin', 'enable', 'cli-deals'])).code).toBe(0);
    // TRELLIS_DEMO=1 seeds at opening; the command still reports what it seeded itself.
    expect(await cli(['demo'], { TRELLIS_DEMO: '1' })).toEqual({ code: 0, out: 'Seeded the demo data of cli-deals', err: '' });
  });

  it('is listed with its help', async () => {
    expect((await cli(['--help'])).out).toContain('trellis demo');
    const help = await cli(['demo', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: trellis demo/);
    expect((await cli(['demo', 'now'])).code).toBe(2);
  });
});
