import Router from '@koa/router';
import type { Database } from '../../db/connect.js';
import { systemTablesReady } from '../../db/system-schema.js';

/** `/health` (the process answers) and `/ready` (the database answers and is migrated). */
export function healthRouter(db: Database): Router {
  const router = new Router();
  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/ready', async (ctx) => {
    try {
      await db.knex.raw('SELECT 1');
      const migrated = await systemTablesReady(db.knex);
      ctx.status = migrated ? 200 : 503;
      ctx.body = { status: migrated ? 'ready' : 'migrating', database: 'ok' };
    } catch {
      ctx.status = 503;
      ctx.body = { status: 'unavailable', database: 'unreachable' };
    }
  });
  return router;
}
