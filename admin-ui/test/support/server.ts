import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'core/dist/cli/main.js');

/** The administrator every test server starts with. */
export const ADMIN = { email: 'admin@example.com', password: 'admin-password-for-tests' };

/** A Trellis server started the way `npm start` starts it, on a database of its own. */
export interface UiServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Calls the API as the administrator (a bearer session of its own). */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface UiServerOptions {
  /** Plugin folders (TRELLIS_PLUGIN_DIRS), relative to the repository root; none by default. */
  pluginDirs?: string[];
  /** More environment variables for the server (TRELLIS_DEMO, TRELLIS_DEFAULT_PLUGINS…). */
  env?: Record<string, string>;
}

/** A fresh database: a file under a temporary folder, or a new database on TRELLIS_TEST_DATABASE_URL's server. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = process.env.TRELLIS_TEST_DATABASE_URL;
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-ui-'));
    return { url: `sqlite:${join(dir, 'trellis.db')}`, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `trellis_ui_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

function waitForUrl(child: ChildProcess, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Trellis did not start in 60 s:\n${output.join('')}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const found = /listening on (http:\/\/\S+)/.exec(output.join(''));
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Trellis exited with ${code}:\n${output.join('')}`));
    });
  });
}

/**
 * Starts `trellis start` (the built core, serving the built admin UI) on a free port and a
 * fresh database, with {@link ADMIN} as its first administrator.
 */
export async function startServer(options: UiServerOptions = {}): Promise<UiServer> {
  const database = await freshDatabase();
  const child = spawn(process.execPath, [CLI, 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      TRELLIS_DATABASE_URL: database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      TRELLIS_ADMIN_EMAIL: ADMIN.email,
      TRELLIS_ADMIN_PASSWORD: ADMIN.password,
      TRELLIS_PLUGIN_DIRS: (options.pluginDirs ?? []).join(','),
      TRELLIS_JOBS_POLL_MS: '200',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let url: string;
  try {
    url = await waitForUrl(child, output);
  } catch (error) {
    child.kill('SIGKILL');
    await database.drop();
    throw error;
  }
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { token } = (await login.json()) as { token: string };

  return {
    url,
    async api<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await database.drop();
    },
  };
}
