import { createTrellis, type CreateTrellisOptions, type Trellis } from '../../src/app.js';
import type { TrellisConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** What a request through {@link TestServer.request} returned. */
export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A Trellis listening on a free loopback port, with a signed-in admin. */
export interface TestServer {
  url: string;
  token: string;
  dialect: 'sqlite' | 'postgres';
  trellis: Trellis;
  database: TestDatabase;
  /** Sends a request; JSON bodies are encoded, the admin's bearer token is added unless `auth: false`. */
  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options?: { auth?: boolean; headers?: Record<string, string>; raw?: string },
  ): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /** A database to share with other servers (it is then not dropped on close). */
  database?: TestDatabase;
  /** Settings that win over the test defaults (a small body limit, for instance). */
  config?: Partial<TrellisConfig>;
  /** Inline plugins, and whether to look for plugin packages on disk (default: no). */
  plugins?: Pick<CreateTrellisOptions, 'plugins' | 'discoverPlugins'>;
}

/** Starts a server on its own fresh database (SQLite file, or PostgreSQL when configured). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const trellis = await createTrellis({
    env: {},
    logger: createLogger('silent'),
    discoverPlugins: false,
    ...options.plugins,
    config: {
      databaseUrl: database.url,
      port: 0,
      host: '127.0.0.1',
      adminEmail: ADMIN_EMAIL,
      adminPassword: ADMIN_PASSWORD,
      // A test server holds the plugins its test names; a test of default plugins sets them.
      defaultPlugins: [],
      ...options.config,
    },
  });
  const url = await trellis.listen();
  const request: TestServer['request'] = async (method, path, body, requestOptions = {}) => {
    const headers: Record<string, string> = { ...requestOptions.headers };
    if (requestOptions.auth !== false && server.token) headers.authorization ??= `Bearer ${server.token}`;
    let payload: string | undefined = requestOptions.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${url}${path}`, { method, headers, body: payload ?? null });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (HTML of the admin UI, for instance): keep the text.
    }
    return { status: response.status, headers: response.headers, body: parsed as never };
  };
  const server: TestServer = {
    url,
    token: '',
    dialect: database.dialect,
    trellis,
    database,
    request,
    async close() {
      await trellis.close();
      if (!options.database) await database.drop();
    },
  };
  const login = await request('POST', '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, { auth: false });
  if (login.status !== 200) throw new Error(`test login failed: ${login.status} ${JSON.stringify(login.body)}`);
  server.token = login.body.token as string;
  return server;
}
