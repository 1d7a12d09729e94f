import { randomBytes } from 'node:crypto';
import type { TestApp, TestAppOptions } from '@trellis/sdk/testing';
import { createTrellis } from '../app.js';
import { firstAdminActor } from '../auth/bootstrap-admin.js';
import type { SessionService } from '../auth/sessions.js';
import { CoreTokens } from '../tokens.js';
import { createLogger } from '../logger.js';
import { dependencyOrder } from '../plugins/dependency-order.js';
import { testClient } from './test-client.js';
import { kitDatabase } from './test-database.js';

export { freshPostgresDatabase } from './test-database.js';
export type { KitDatabase } from './test-database.js';

const ADMIN_EMAIL = 'admin@example.com';

/**
 * Boots a full Trellis app in this process for plugin tests: the given plugins (and no others
 * from disk) on a fresh database, listening on a free loopback port, with a signed-in
 * administrator. The plugins are installed in dependency order, given their settings, then
 * enabled (unless `enable: false`). What `@trellis/sdk/testing` loads at run time.
 *
 * @example
 * ```ts
 * const app = await createTestApp({ plugins: [hello], settings: { hello: { greeting: 'Hi' } } });
 * const response = await app.client.get('/api/plugins/hello/hello');
 * await app.close();
 * ```
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // The same variable the core suite uses wins, so one CI pass on PostgreSQL covers plugin tests too.
  const database = await kitDatabase(options.databaseUrl, process.env.TRELLIS_TEST_DATABASE_URL ?? process.env.TRELLIS_DATABASE_URL);
  const password = randomBytes(18).toString('base64url');
  const plugins = options.plugins ?? [];
  const trellis = await createTrellis({
    env: {},
    logger: createLogger('silent'),
    plugins,
    discoverPlugins: false,
    config: {
      databaseUrl: database.url,
      port: 0,
      host: '127.0.0.1',
      adminEmail: ADMIN_EMAIL,
      adminPassword: password,
      adminUiDir: undefined,
      // The app holds exactly the plugins the test names, never the server's defaults.
      defaultPlugins: [],
    },
  }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const close = async () => {
    await trellis.close();
    await database.drop();
  };
  try {
    const url = await trellis.listen();
    // A session made directly: signing in over HTTP would only add a second password hash to every test app.
    const admin = await firstAdminActor(trellis.db);
    const { token } = await trellis.container.resolve<SessionService>(CoreTokens.Sessions).create(admin.userId as string);
    const host = trellis.plugins;
    const ordered = dependencyOrder(plugins.map((definition) => ({ definition })));
    for (const { definition } of ordered) {
      await host.install(definition.name);
      const settings = options.settings?.[definition.name];
      if (settings) await host.setSettings(definition.name, settings);
    }
    if (options.enable !== false) for (const { definition } of ordered) await host.enable(definition.name);
    return {
      url,
      client: testClient(url, token),
      token,
      services: host.servicesFor('core', { userId: null, name: '', isAdmin: true, via: 'system' }),
      plugins: {
        list: () => host.list(),
        enable: (name) => host.enable(name),
        disable: (name) => host.disable(name),
        seedDemo: () => host.seedDemo(),
      },
      drainJobs: () => trellis.jobs.drain(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
