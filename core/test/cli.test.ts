import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTrellis } from '../src/app.js';
import { runCli, type CliIo } from '../src/cli/index.js';
import type { Logger } from '../src/logger.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/** Plugins failing on purpose log errors; the assertions read them from the CLI's output instead. */
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

/** What one `trellis …` run printed, and its exit code. */
interface CliRun {
  code: number;
  out: string;
  err: string;
}

let work: string;
let database: TestDatabase;
let env: Record<string, string>;

/** Runs the CLI in this process, on the test database and the plugin folder of `dir` (default: the first). */
async function cli(args: string[], options: { dir?: string; stopped?: Promise<void>; out?: string[] } = {}): Promise<CliRun> {
  const out = options.out ?? [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    logger: () => quiet,
    env: { ...env, TRELLIS_PLUGIN_DIRS: options.dir ?? join(work, 'plugins-1') },
    cwd: work,
    stopped: () => options.stopped ?? Promise.resolve(),
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Writes a plugin package that needs no build: package.json and a module exporting the definition. */
function writePlugin(dir: string, name: string, definition: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(
    join(dir, name, 'package.json'),
    JSON.stringify({ name, version: '0.0.0', type: 'module', trellis: { plugin: './index.js' } }),
  );
  writeFileSync(join(dir, name, 'index.js'), `${definition}\n`);
}

const notes = (version: string, migration = '') => `export default {
  name: 'cli-notes',
  version: '${version}',
  entities: [{ name: 'cli_notes_item', label: 'Item', fields: [{ name: 'title', type: 'text' }] }],
  migrations: [${migration}],
};`;

beforeAll(async () => {
  database = await createTestDatabase();
  work = mkdtempSync(join(tmpdir(), 'trellis-cli-'));
  env = { TRELLIS_DATABASE_URL: database.url, TRELLIS_ADMIN_PASSWORD: 'cli-test-password' };
  const first = join(work, 'plugins-1');
  writePlugin(first, 'cli-notes', notes('1.0.0'));
  writePlugin(
    first,
    'cli-extra',
    `export default { name: 'cli-extra', version: '1.0.0', requires: { plugins: { 'cli-notes': '^1.0.0' } } };`,
  );
  writePlugin(first, 'cli-broken', `throw new Error('cli-broken cannot load');`);
  writePlugin(
    first,
    'cli-fragile',
    `export default { name: 'cli-fragile', version: '1.0.0', setup() { throw new Error('no API key configured'); } };`,
  );
  // The same plugin, one version later, with a migration.
  writePlugin(
    join(work, 'plugins-2'),
    'cli-notes',
    notes('1.1.0', `{ version: '1.1.0', async up({ records }) { await records.create('cli_notes_item', { title: 'from 1.1.0' }); } }`),
  );
  writePlugin(join(work, 'plugins-3'), 'cli-notes', notes('1.2.0', `{ version: '1.2.0', up() { throw new Error('disk full'); } }`));
});

afterAll(async () => {
  await database?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The `plugin list` row of one plugin, split into its columns. */
async function row(name: string, dir?: string): Promise<string[]> {
  const listed = await cli(['plugin', 'list'], dir ? { dir } : {});
  const line = listed.out.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line?.split(/\s{2,}/) ?? [];
}

describe('trellis migrate', () => {
  it('migrates a new database, announces the first admin once, and exits', async () => {
    const first = await cli(['migrate']);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('First admin created: admin@example.com');
    expect(first.out).toContain('Password: the value of TRELLIS_ADMIN_PASSWORD');
    expect(first.out).toContain(`System tables are up to date (database: ${database.dialect})`);
    expect(first.out).toContain('No plugin upgrade pending');
    const again = await cli(['migrate']);
    expect(again.code).toBe(0);
    expect(again.out).not.toContain('First admin');
  });
});

describe('trellis plugin', () => {
  it('lists what it found, with versions, states and load errors', async () => {
    const listed = await cli(['plugin', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.out.split('\n')[0]).toMatch(/^NAME\s+VERSION\s+INSTALLED\s+STATE\s+ERROR$/);
    expect(await row('cli-notes')).toEqual(['cli-notes', '1.0.0', '-', 'discovered']);
    const broken = await row('cli-broken');
    expect(broken.slice(0, 4)).toEqual(['cli-broken', '0.0.0', '-', 'failed']);
    expect(broken[4]).toContain('cli-broken cannot load');
  });

  it('installs, and says so once', async () => {
    expect(await cli(['plugin', 'install', 'cli-notes'])).toMatchObject({ code: 0, out: 'Installed cli-notes 1.0.0' });
    expect(await row('cli-notes')).toEqual(['cli-notes', '1.0.0', '1.0.0', 'installed']);
    expect(await cli(['plugin', 'install', 'cli-notes'])).toMatchObject({ code: 0, out: 'Nothing to do: cli-notes is installed at 1.0.0' });
  });

  it('enables a plugin after what it requires, one line each', async () => {
    const enabled = await cli(['plugin', 'enable', 'cli-extra']);
    expect(enabled.code).toBe(0);
    expect(enabled.out.split('\n')).toEqual(['Enabled cli-notes 1.0.0', 'Installed and enabled cli-extra 1.0.0']);
  });

  it('refuses to disable a plugin an enabled one requires, with the message and no stack', async () => {
    const refused = await cli(['plugin', 'disable', 'cli-notes']);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toBe('Error: cannot disable "cli-notes": enabled plugins depend on it: cli-extra (TRELLIS_PLUGIN_REQUIRED_BY)');
    expect((await row('cli-notes'))[3]).toBe('enabled');
  });

  it('disables, keeping the data', async () => {
    expect(await cli(['plugin', 'disable', 'cli-extra'])).toMatchObject({ code: 0, out: 'Disabled cli-extra (its data is kept)' });
    expect(await row('cli-extra')).toEqual(['cli-extra', '1.0.0', '1.0.0', 'disabled']);
  });

  it('reports a plugin that fails to start, and marks it failed', async () => {
    const failed = await cli(['plugin', 'enable', 'cli-fragile']);
    expect(failed.code).toBe(1);
    expect(failed.err).toBe('Error: plugin "cli-fragile" failed to start: no API key configured (TRELLIS_PLUGIN_FAILED)');
    expect(await row('cli-fragile')).toEqual(['cli-fragile', '1.0.0', '1.0.0', 'failed', 'no API key configured']);
  });

  it('uninstalls only with --confirm, saying what would be dropped', async () => {
    const refused = await cli(['plugin', 'uninstall', 'cli-notes']);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      'Error: Uninstalling cli-notes drops its entities cli_notes_item with all their records, its settings. ' +
        'Nothing was changed; to proceed, run: trellis plugin uninstall cli-notes --confirm',
    );
    expect((await row('cli-notes'))[3]).toBe('enabled');
    const blocked = await cli(['plugin', 'uninstall', 'cli-notes', '--confirm']);
    expect(blocked.code).toBe(1);
    expect(blocked.err).toContain('installed plugins depend on it: cli-extra');
    const removed = await cli(['plugin', 'uninstall', 'cli-extra', '--confirm']);
    expect(removed).toMatchObject({ code: 0, out: 'Uninstalled cli-extra (its entities and data were dropped)' });
    expect(await row('cli-extra')).toEqual(['cli-extra', '1.0.0', '-', 'discovered']);
  });

  it('names the plugins it knows when asked for an unknown one', async () => {
    const unknown = await cli(['plugin', 'enable', 'cli-nothing']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^Error: No plugin named "cli-nothing" was found \(found: .*cli-extra.*\)$/);
  });

  it('upgrades installed plugins on migrate, running their new migrations', async () => {
    const newer = join(work, 'plugins-2');
    expect((await row('cli-notes'))[3]).toBe('enabled');
    const migrated = await cli(['migrate'], { dir: newer });
    expect(migrated.code).toBe(0);
    expect(migrated.out).toContain('Upgraded cli-notes from 1.0.0 to 1.1.0');
    expect(await row('cli-notes', newer)).toEqual(['cli-notes', '1.1.0', '1.1.0', 'enabled']);
    const trellis = await createTrellis({ env: { ...env, TRELLIS_PLUGIN_DIRS: newer }, logger: quiet });
    try {
      expect(await trellis.db.knex('cli_notes_item').pluck('title')).toEqual(['from 1.1.0']);
    } finally {
      await trellis.close();
    }
    expect(await cli(['plugin', 'upgrade', 'cli-notes'], { dir: newer })).toMatchObject({
      code: 0,
      out: 'Nothing to do: cli-notes is enabled at 1.1.0',
    });
  });

  it('reports an upgrade that fails, leaving the installed version', async () => {
    const failing = join(work, 'plugins-3');
    const migrated = await cli(['migrate'], { dir: failing });
    expect(migrated.code).toBe(1);
    expect(migrated.err).toBe('Could not upgrade cli-notes to 1.2.0: plugin "cli-notes" failed to upgrade: disk full');
    expect(await row('cli-notes', failing)).toEqual(['cli-notes', '1.2.0', '1.1.0', 'failed', 'disk full']);
  });
});

describe('trellis plugin new', () => {
  it('writes a complete package with every placeholder filled', async () => {
    const created = await cli(['plugin', 'new', 'deal-notes']);
    expect(created.code, created.err).toBe(0);
    expect(created.out).toContain(`Created plugin deal-notes in ${join('plugins', 'deal-notes')} (11 files)`);
    const folder = join(work, 'plugins', 'deal-notes');
    const files = readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
      .sort();
    expect(files).toEqual([
      '.gitignore',
      'README.md',
      'package.json',
      'src/server/index.ts',
      'src/ui/deal-notes-overview.ts',
      'src/ui/deal-notes-panel.ts',
      'src/ui/index.ts',
      'test/plugin.test.ts',
      'tsconfig.build.json',
      'tsconfig.json',
      'vite.config.ts',
    ]);
    for (const file of files) expect(readFileSync(join(folder, file), 'utf8'), file).not.toMatch(/\{\{\w+\}\}/);
    const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'trellis-plugin-deal-notes', version: '0.1.0', trellis: { plugin: './dist/server/index.js' } });
    const server = readFileSync(join(folder, 'src/server/index.ts'), 'utf8');
    expect(server).toContain("name: 'deal_notes_note'");
    expect(server).toContain("name: 'deal-notes'");
    expect(readFileSync(join(folder, 'src/ui/deal-notes-panel.ts'), 'utf8')).toContain('export class DealNotesPanel extends LitElement');
    expect(server).toContain("recordPanels: [{ entity: note.name, label: 'About this note', element: 'deal-notes-panel' }]");
  });

  it('writes into --dir, and refuses a folder that is not empty', async () => {
    const target = join(work, 'elsewhere');
    expect((await cli(['plugin', 'new', 'tickets', '--dir', target])).code).toBe(0);
    expect(existsSync(join(target, 'src/ui/tickets-panel.ts'))).toBe(true);
    const again = await cli(['plugin', 'new', 'tickets', '--dir', target]);
    expect(again.code).toBe(1);
    expect(again.err).toBe(`Error: ${target} already exists and is not empty; choose another folder with --dir`);
  });

  it('refuses bad names and arguments as usage errors', async () => {
    expect(await cli(['plugin', 'new', 'Deal_Notes'])).toMatchObject({
      code: 2,
      err: 'Error: "Deal_Notes" is not a valid plugin name: use lower kebab case, e.g. "customer-feedback"',
    });
    const reserved = await cli(['plugin', 'new', 'trellis-extras']);
    expect(reserved.code).toBe(2);
    expect(reserved.err).toContain('its entity "trellis_extras_note" is refused');
    const long = await cli(['plugin', 'new', 'a-very-long-plugin-name']);
    expect(long.err).toContain('must be at most 24 characters');
    expect(await cli(['plugin', 'new'])).toMatchObject({
      code: 2,
      err: 'Error: Missing <name>\nUsage: trellis plugin new <name> [--dir <folder>]',
    });
    expect((await cli(['plugin', 'new', 'a', 'b'])).err).toContain('Unexpected argument "b"');
    expect((await cli(['plugin', 'new', 'a', '--folder', 'x'])).code).toBe(2);
    expect(existsSync(join(work, 'plugins', 'a'))).toBe(false);
  });
});

describe('usage', () => {
  it('prints help for every command', async () => {
    const overview = await cli(['--help']);
    expect(overview.code).toBe(0);
    const commands = [
      'start',
      'migrate',
      'plugin list',
      'plugin install',
      'plugin enable',
      'plugin disable',
      'plugin upgrade',
      'plugin uninstall',
      'plugin new',
    ];
    for (const command of commands) {
      expect(overview.out).toContain(`trellis ${command}`);
      const help = await cli([...command.split(' '), '--help']);
      expect(help.code, command).toBe(0);
      expect(help.out, command).toMatch(new RegExp(`^Usage: trellis ${command}`));
      expect(help.out, command).toContain('--help');
    }
    expect((await cli(['plugin', 'uninstall', '--help'])).out).toContain('--confirm');
    expect((await cli(['plugin'])).code).toBe(2);
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(await cli(['--version'])).toEqual({ code: 0, out: version, err: '' });
  });

  it('refuses unknown commands', async () => {
    expect(await cli(['serve'])).toMatchObject({ code: 2, err: 'Unknown command "serve". Run "trellis --help" for the list of commands.' });
    expect((await cli(['plugin', 'remove', 'x'])).err).toContain('Unknown command "plugin remove"');
  });
});

describe('trellis start', () => {
  it('serves until told to stop', async () => {
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const out: string[] = [];
    env.PORT = '0';
    const running = cli(['start'], { stopped, out });
    try {
      const url = await vi.waitFor(() => {
        const found = /listening on (http:\/\/\S+)/.exec(out.join('\n'));
        if (!found?.[1]) throw new Error('not listening yet');
        return found[1];
      }, 10_000);
      expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      stop();
      delete env.PORT;
    }
    expect((await running).code).toBe(0);
  });

  it('runs as a process and stops on SIGTERM', async () => {
    expect(existsSync(CLI), `${CLI} is missing: run npx tsc -b`).toBe(true);
    const child = spawn(process.execPath, [CLI, 'start'], { env: { ...process.env, ...env, PORT: '0', TRELLIS_PLUGIN_DIRS: '' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await vi.waitFor(
      () => {
        const found = /listening on (http:\/\/\S+)/.exec(output);
        if (!found?.[1]) throw new Error(`not listening yet: ${output}`);
        return found[1];
      },
      { timeout: 15_000 },
    );
    expect((await fetch(`${url}/ready`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
