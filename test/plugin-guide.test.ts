/**
 * The plugin guides (docs/guides/writing-a-plugin.md, testing-a-plugin.md, contributing-ui.md)
 * are checked by doing what they say: scaffold a plugin with the built CLI into a temporary
 * folder, build it and run its test; then add every file the guides show, build again and run
 * all their tests; then install and enable it with the CLI. Code blocks carry an invisible
 * marker saying what they are:
 *
 * - `<!-- scaffold: path -->`: the file as `trellis plugin new customer-feedback` writes it;
 * - `<!-- file: path -->`: a whole file the reader writes;
 * - `<!-- fragment: path -->`: an excerpt of a file (whitespace aside).
 *
 * Every TypeScript block must carry one, so no example escapes the compiler.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../core/test/support/database.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'core/dist/cli/main.js');
const GUIDES = ['writing-a-plugin.md', 'testing-a-plugin.md', 'contributing-ui.md'];
const NAME = 'customer-feedback';

interface Snippet {
  kind: 'scaffold' | 'file' | 'fragment';
  path: string;
  code: string;
  where: string;
}

/** The marked code blocks of a guide, and the lines of TypeScript blocks that carry no marker. */
function readGuide(guide: string): { snippets: Snippet[]; unmarked: string[] } {
  const lines = readFileSync(join(ROOT, 'docs/guides', guide), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  const unmarked: string[] = [];
  let marker: { kind: Snippet['kind']; path: string } | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const found = /^\s*<!-- (scaffold|file|fragment): (\S+) -->$/.exec(line);
    if (found) {
      marker = { kind: found[1] as Snippet['kind'], path: found[2] ?? '' };
      continue;
    }
    const fence = /^(\s*)```(\w*)/.exec(line);
    if (!fence) continue;
    const [, indent = '', language] = fence;
    const start = index + 1;
    do index++;
    while (index < lines.length && (lines[index] ?? '').trim() !== '```');
    const code = `${lines
      .slice(start, index)
      .map((text) => text.slice(indent.length))
      .join('\n')}\n`;
    if (marker) snippets.push({ ...marker, code, where: `${guide}:${start}` });
    else if (language === 'ts') unmarked.push(`${guide}:${start}`);
    marker = null;
  }
  return { snippets, unmarked };
}

interface Run {
  code: number | null;
  output: string;
}

/** Runs a command to completion; never rejects, so that a failure shows its output. */
function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<Run> {
  // The child is not part of this vitest run: it gets none of its variables, nor the database settings.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|TINYPOOL|TRELLIS_)/.test(key)));
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...env, NODE_ENV: '', NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Colours off, and any left stripped, so that the output can be matched.
    child.on('close', (code) => resolve({ code, output: stripVTControlCharacters(output) }));
  });
}

const snippets = GUIDES.flatMap((guide) => readGuide(guide).snippets);
let work: string;
let plugin: string;
let database: TestDatabase;

beforeAll(async () => {
  // The CLI and the test kit run from sdk/dist and core/dist: bring them up to date (incremental).
  const build = await run('npx', ['tsc', '-b'], { cwd: ROOT });
  if (!existsSync(CLI)) throw new Error(`the build did not produce ${CLI}:\n${build.output}`);
  work = mkdtempSync(join(tmpdir(), 'trellis-guide-'));
  plugin = join(work, NAME);
  database = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await database?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** What `npm install` would give the plugin: the workspace's packages (the SDK and core, lit, TypeScript, Vite, vitest). */
function linkDependencies(): void {
  const modules = join(plugin, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
}

/** With a PostgreSQL server to test on, the plugin's tests run there too (the kit makes a database per app). */
const SERVER = process.env.TRELLIS_TEST_DATABASE_URL?.startsWith('postgres') ? process.env.TRELLIS_TEST_DATABASE_URL : undefined;

/** `npm run typecheck` and `npm run build` (side by side), then `npm test`, in the plugin's folder, as the guide does. */
async function buildAndTest(): Promise<string> {
  const steps = await Promise.all(['typecheck', 'build'].map((script) => run('npm', ['run', script], { cwd: plugin })));
  for (const step of steps) expect(step.code, step.output).toBe(0);
  const test = await run('npm', ['test'], { cwd: plugin, env: SERVER ? { TRELLIS_DATABASE_URL: SERVER } : {} });
  expect(test.code, test.output).toBe(0);
  return test.output;
}

/** The built CLI, on the guide's database, finding plugins in the temporary folder. */
function cli(...args: string[]): Promise<Run> {
  const env = { TRELLIS_DATABASE_URL: database.url, TRELLIS_PLUGIN_DIRS: work, TRELLIS_ADMIN_PASSWORD: 'guide-admin-password' };
  return run('node', [CLI, ...args], { cwd: work, env });
}

describe('the plugin guides', () => {
  it('mark every TypeScript example, so that each one is compiled', () => {
    expect(GUIDES.flatMap((guide) => readGuide(guide).unmarked)).toEqual([]);
    expect(snippets.filter((snippet) => snippet.kind === 'scaffold').length).toBeGreaterThan(5);
  });

  it('scaffold a plugin with `trellis plugin new`, as shown', async () => {
    const created = await run('node', [CLI, 'plugin', 'new', NAME, '--dir', plugin], { cwd: work });
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain(`Created plugin ${NAME} in ${NAME} (11 files)`);
    for (const snippet of snippets.filter((candidate) => candidate.kind === 'scaffold')) {
      expect(snippet.code, `${snippet.where} shows ${snippet.path} as written`).toBe(readFileSync(join(plugin, snippet.path), 'utf8'));
    }
  });

  it('type-check and build the scaffold, with lit left out of the UI module, and pass its test', async () => {
    linkDependencies();
    const output = await buildAndTest();
    expect(output).toMatch(/Tests\s+3 passed/);
    expect(existsSync(join(plugin, 'dist/server/index.js'))).toBe(true);
    const ui = readFileSync(join(plugin, 'dist/ui/index.js'), 'utf8');
    expect(ui).toMatch(/from\s*["']lit["']/);
    expect(ui).toContain('customElements.define("customer-feedback-panel"');
    expect(ui).toContain('customElements.define("customer-feedback-overview"');
    expect(ui).not.toContain('lit-html');
  }, 90_000);

  it('list, install and enable the scaffold with the CLI, as shown', async () => {
    const listed = await cli('plugin', 'list');
    expect(listed.code, listed.output).toBe(0);
    expect(listed.output).toMatch(/^customer-feedback\s+0\.1\.0\s+-\s+discovered$/m);
    expect(await cli('plugin', 'install', NAME)).toEqual({
      code: 0,
      output: expect.stringContaining('Installed customer-feedback 0.1.0\n'),
    });
    expect(await cli('plugin', 'enable', NAME)).toEqual({ code: 0, output: 'Enabled customer-feedback 0.1.0\n' });
  }, 60_000);

  it("type-check and build the finished plugin from the guides' files, and pass all their tests", async () => {
    const files = new Map<string, Snippet>();
    for (const snippet of snippets.filter((candidate) => candidate.kind === 'file')) {
      const earlier = files.get(snippet.path);
      if (earlier) expect(snippet.code, `${snippet.where} and ${earlier.where} show different ${snippet.path}`).toBe(earlier.code);
      files.set(snippet.path, snippet);
      mkdirSync(dirname(join(plugin, snippet.path)), { recursive: true });
      writeFileSync(join(plugin, snippet.path), snippet.code);
    }
    const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
    for (const snippet of snippets.filter((candidate) => candidate.kind === 'fragment')) {
      const text = readFileSync(join(plugin, snippet.path), 'utf8');
      const where = `${snippet.where} quotes ${snippet.path}`;
      if (snippet.path.endsWith('.json')) expect(JSON.parse(text), where).toMatchObject(JSON.parse(snippet.code) as object);
      else expect(squash(text), where).toContain(squash(snippet.code));
    }
    const output = await buildAndTest();
    expect(output).toMatch(/Test Files\s+5 passed/);
  }, 120_000);

  it('upgrade the installation to the finished version with `trellis migrate`, as shown', async () => {
    const migrated = await cli('migrate');
    expect(migrated.code, migrated.output).toBe(0);
    expect(migrated.output).toContain('Upgraded customer-feedback from 0.1.0 to 0.2.0');
    expect((await cli('plugin', 'list')).output).toMatch(/^customer-feedback\s+0\.2\.0\s+0\.2\.0\s+enabled$/m);
  }, 60_000);
});
