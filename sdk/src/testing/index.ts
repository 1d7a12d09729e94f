/**
 * The plugin test kit, `@trellis/sdk/testing`: boots a full Trellis app in process for a
 * plugin's tests.
 *
 * @module testing
 */
import type { JsonObject } from '../json.js';
import type { DemoReport, PluginDefinition, PluginInfo } from '../plugins.js';
import type { Services } from '../services.js';

export type { DemoReport } from '../plugins.js';

/**
 * A response as the test client hands it back: status, headers and the parsed JSON body
 * (problem+json included), or the text when the body is not JSON.
 *
 * @example
 * ```ts
 * const response: TestResponse = await app.client.get('/api/plugins/hello/hello');
 * expect(response.status).toBe(200);
 * ```
 */
export interface TestResponse<T = unknown> {
  /** HTTP status. */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON body, the text of a non-JSON body, or null when empty. */
  body: T;
}

/**
 * An HTTP client against the test app, signed in as its administrator (bearer token).
 * Paths are relative to the app's URL.
 *
 * @example
 * ```ts
 * const created = await app.client.post('/api/records/hello_greeting', { message: 'Hi' });
 * ```
 */
export interface TestClient {
  /** GET. */
  get<T = unknown>(path: string): Promise<TestResponse<T>>;
  /** POST with a JSON body. */
  post<T = unknown>(path: string, body?: unknown): Promise<TestResponse<T>>;
  /** PUT with a JSON body. */
  put<T = unknown>(path: string, body?: unknown): Promise<TestResponse<T>>;
  /** PATCH with a JSON body. */
  patch<T = unknown>(path: string, body?: unknown): Promise<TestResponse<T>>;
  /** DELETE. */
  delete<T = unknown>(path: string): Promise<TestResponse<T>>;
}

/**
 * Options of {@link createTestApp}.
 *
 * @example
 * ```ts
 * const options: TestAppOptions = { plugins: [hello], settings: { hello: { greeting: 'Hi' } } };
 * ```
 */
export interface TestAppOptions {
  /** Plugins to install and enable, in any order (dependencies are sorted). */
  plugins?: PluginDefinition[];
  /** Database URL; defaults to `TRELLIS_TEST_DATABASE_URL`, then `TRELLIS_DATABASE_URL` (a PostgreSQL URL gets a fresh database per app), else a fresh in-memory SQLite database. */
  databaseUrl?: string;
  /** Settings to store per plugin before enabling it. */
  settings?: Record<string, JsonObject>;
  /** Leave plugins installed but disabled (to test enabling). */
  enable?: boolean;
}

/**
 * A full Trellis app running in this process on a free loopback port.
 *
 * @example
 * ```ts
 * const app = await createTestApp({ plugins: [hello] });
 * try {
 *   expect((await app.client.get('/api/plugins')).status).toBe(200);
 * } finally {
 *   await app.close();
 * }
 * ```
 */
export interface TestApp {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Client signed in as the administrator. */
  client: TestClient;
  /** The administrator's bearer token, for your own requests. */
  token: string;
  /** Core's services acting as the system (no user), e.g. to seed data. */
  services: Services;
  /** Drives the plugin lifecycle like the API does. */
  plugins: {
    /** Every known plugin with its state. */
    list(): Promise<PluginInfo[]>;
    /** Enables an installed plugin. */
    enable(name: string): Promise<PluginInfo>;
    /** Disables an enabled plugin. */
    disable(name: string): Promise<PluginInfo>;
    /**
     * Seeds the demo data of the enabled plugins not seeded yet, required plugins first, as
     * `trellis demo` does; resolves to what was seeded and what failed.
     */
    seedDemo(): Promise<DemoReport>;
  };
  /** Waits until every job queued so far has finished (or failed for good). */
  drainJobs(): Promise<void>;
  /** Stops the server and deletes the test database (when the kit created it). */
  close(): Promise<void>;
}

/** Core's implementation, resolved at run time: the SDK depends on nothing of Trellis at build time. */
const CORE_TESTING = '@trellis/core/testing';

/**
 * Boots a full Trellis app in process (real HTTP, real database) with the given plugins
 * installed and enabled, and an administrator client. Needs `@trellis/core` installed (a dev
 * dependency of the plugin).
 *
 * @example
 * ```ts
 * import { createTestApp } from '@trellis/sdk/testing';
 * import hello from '../src/server/index.js';
 *
 * const app = await createTestApp({ plugins: [hello] });
 * const response = await app.client.get('/api/plugins/hello/hello');
 * await app.close();
 * ```
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const core = (await import(CORE_TESTING)) as { createTestApp(options: TestAppOptions): Promise<TestApp> };
  return core.createTestApp(options);
}
