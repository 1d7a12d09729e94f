import Router from '@koa/router';
import type { MetadataService } from '../../entities/metadata-service.js';
import type { MetadataStore } from '../../entities/metadata-store.js';
import { adminWritesOnly } from '../../access/admin-only.js';
import type { TrellisState } from '../context.js';

/** `/api/meta/entities`: entities and fields. */
export function metaRouter(store: MetadataStore, service: MetadataService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/meta/entities' });
  // Everyone signed in reads metadata (forms need it); only administrators change it.
  router.use(adminWritesOnly('change entities and fields'));

  // Metadata reads are rare and must show changes made through other processes: check the version.
  router.get('/', async (ctx) => {
    await store.refreshIfStale();
    ctx.body = { data: store.list().map((entity) => entity.meta) };
  });
  router.post('/', async (ctx) => {
    ctx.status = 201;
    ctx.body = { data: await service.createEntity(ctx.request.body) };
  });
  router.get('/:entity', async (ctx) => {
    await store.refreshIfStale();
    ctx.body = { data: store.get(ctx.params.entity!).meta };
  });
  router.patch('/:entity', async (ctx) => {
    ctx.body = { data: await service.updateEntity(ctx.params.entity!, ctx.request.body) };
  });
  router.delete('/:entity', async (ctx) => {
    await service.dropEntity(ctx.params.entity!, ctx.query.confirm);
    ctx.status = 204;
  });
  router.post('/:entity/fields', async (ctx) => {
    ctx.status = 201;
    ctx.body = { data: await service.addField(ctx.params.entity!, ctx.request.body) };
  });
  router.patch('/:entity/fields/:field', async (ctx) => {
    ctx.body = { data: await service.updateField(ctx.params.entity!, ctx.params.field!, ctx.request.body) };
  });
  router.delete('/:entity/fields/:field', async (ctx) => {
    await service.dropField(ctx.params.entity!, ctx.params.field!, ctx.query.confirm);
    ctx.status = 204;
  });
  return router;
}
