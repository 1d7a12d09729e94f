import Router from '@koa/router';
import { adminWritesOnly } from '../../access/admin-only.js';
import type { MetadataStore } from '../../entities/metadata-store.js';
import type { RelationTypeService } from '../../relations/relation-type-service.js';
import type { TrellisState } from '../context.js';

/** `/api/meta/relation-types`: relation types, each direction under its own key. */
export function relationTypesRouter(store: MetadataStore, service: RelationTypeService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/meta/relation-types' });
  router.use(adminWritesOnly('change relation types'));

  // Metadata reads are rare and must show changes made through other processes: check the version.
  router.get('/', async (ctx) => {
    await store.refreshIfStale();
    ctx.body = { data: store.relationTypes.list().map((type) => type.meta) };
  });
  router.post('/', async (ctx) => {
    ctx.status = 201;
    ctx.body = { data: await service.create(ctx.request.body) };
  });
  router.get('/:key', async (ctx) => {
    await store.refreshIfStale();
    ctx.body = { data: store.relationTypes.get(ctx.params.key!).meta };
  });
  router.patch('/:key', async (ctx) => {
    ctx.body = { data: await service.update(ctx.params.key!, ctx.request.body) };
  });
  router.delete('/:key', async (ctx) => {
    await service.delete(ctx.params.key!, ctx.query.confirm);
    ctx.status = 204;
  });
  return router;
}
