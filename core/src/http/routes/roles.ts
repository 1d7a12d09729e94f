import Router from '@koa/router';
import { adminsOnly } from '../../access/admin-only.js';
import type { RolesService } from '../../access/roles-service.js';
import type { TrellisState } from '../context.js';

/** `/api/roles`: roles and their permissions, for administrators only. */
export function rolesRouter(roles: RolesService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/roles' });
  router.use(adminsOnly('manage roles'));
  router.get('/', async (ctx) => {
    ctx.body = { data: await roles.list() };
  });
  router.post('/', async (ctx) => {
    ctx.status = 201;
    ctx.body = { data: await roles.create(ctx.request.body, ctx.state.actor) };
  });
  router.get('/:name', async (ctx) => {
    ctx.body = { data: await roles.get(ctx.params.name!) };
  });
  router.patch('/:name', async (ctx) => {
    ctx.body = { data: await roles.update(ctx.params.name!, ctx.request.body, ctx.state.actor) };
  });
  router.delete('/:name', async (ctx) => {
    await roles.delete(ctx.params.name!, ctx.state.actor);
    ctx.status = 204;
  });
  return router;
}
