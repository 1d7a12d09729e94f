import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrellis, type Trellis } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const INDEX_HTML = '<!doctype html><title>Trellis</title><trellis-app></trellis-app>';
const APP_JS = 'console.log("admin ui");';
const SECRET = 'outside-the-admin-ui-folder';
const ADMIN = { email: 'admin@example.com', password: 'x-long-password' };

let base: string;
let database: TestDatabase;
let trellis: Trellis;
let url: string;

/** A GET sent with the path exactly as given: fetch would normalise `..` away. */
function rawGet(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET', headers: { accept: 'text/html' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  // base/secret.txt sits beside the served folder base/ui: nothing may reach it.
  base = mkdtempSync(join(tmpdir(), 'trellis-admin-ui-'));
  const ui = join(base, 'ui');
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), INDEX_HTML);
  writeFileSync(join(ui, 'assets', 'app-abc123.js'), APP_JS);
  writeFileSync(join(ui, '.env'), SECRET);
  writeFileSync(join(base, 'secret.txt'), SECRET);

  database = await createTestDatabase();
  trellis = await createTrellis({
    env: {},
    logger: createLogger('silent'),
    config: {
      databaseUrl: database.url,
      port: 0,
      host: '127.0.0.1',
      adminUiDir: ui,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
    },
  });
  url = await trellis.listen();
});

afterAll(async () => {
  await trellis?.close();
  await database?.drop();
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('the admin UI served by core', () => {
  it('serves index.html at / without letting it be cached stale', async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('answers client-side routes with index.html', async () => {
    const response = await fetch(`${url}/some/client/route?tab=fields`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves hashed assets with a long, immutable cache lifetime', async () => {
    const response = await fetch(`${url}/assets/app-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe(APP_JS);
  });

  it('answers a missing asset with 404, not with index.html', async () => {
    const response = await fetch(`${url}/assets/app-gone42.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toBe(INDEX_HTML);
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await fetch(`${url}/assets/app-abc123.js`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(APP_JS.length));
    expect(await response.text()).toBe('');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '/.env',
  ])('never serves a file outside the folder or a dotfile: %s', async (path) => {
    const response = await rawGet(path);
    expect(response.body).not.toContain(SECRET);
    expect([200, 400, 403, 404]).toContain(response.status);
    if (response.status === 200) expect(response.body).toBe(INDEX_HTML);
  });

  it('also refuses an absolute path smuggled into the URL', async () => {
    const response = await rawGet(`/${join(base, 'secret.txt')}`);
    expect(response.body).not.toContain(SECRET);
  });

  it('leaves /api to the API: problem+json, never HTML', async () => {
    const anonymous = await fetch(`${url}/api/unknown`, { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const signedIn = await fetch(`${url}/api/unknown`, { headers: { authorization: `Bearer ${token}`, accept: 'text/html' } });
    expect(signedIn.status).toBe(404);
    expect(signedIn.headers.get('content-type')).toContain('application/problem+json');
  });

  it('leaves /health and /ready to the server, and other methods to a plain 404', async () => {
    const health = await fetch(`${url}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const nested = await fetch(`${url}/health/anything`, { headers: { accept: 'text/html' } });
    expect(nested.status).toBe(404);
    const post = await fetch(`${url}/some/client/route`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect(await post.text()).not.toBe(INDEX_HTML);
  });
});
