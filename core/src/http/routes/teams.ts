import Router from '@koa/router';
import { adminsOnly } from '../../access/admin-only.js';
import type { TeamsService } from '../../access/teams-service.js';
import type { TrellisState } from '../context.js';

/** `/api/teams`: teams and their members, for administrators only. */
export function teamsRouter(teams: TeamsService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/teams' });
  router.use(adminsOnly('manage teams'));
  router.get('/', async (ctx) => {
    ctx.body = { data: await teams.list() };
  });
  router.post('/', async (ctx) => {
    ctx.status = 201;
    ctx.body = { data: await teams.create(ctx.request.body, ctx.state.actor) };
  });
  router.get('/:id', async (ctx) => {
    ctx.body = { data: await teams.get(ctx.params.id!) };
  });
  router.patch('/:id', async (ctx) => {
    ctx.body = { data: await teams.update(ctx.params.id!, ctx.request.body, ctx.state.actor) };
  });
  router.delete('/:id', async (ctx) => {
    await teams.delete(ctx.params.id!, ctx.state.actor);
    ctx.status = 204;
  });
  router.put('/:id/members', async (ctx) => {
    ctx.body = { data: await teams.setMembers(ctx.params.id!, ctx.request.body, ctx.state.actor) };
  });
  return router;
}
