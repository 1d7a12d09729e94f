import Router from '@koa/router';
import type { IndexService } from '../../entities/index-service.js';
import type { MetadataService } from '../../entities/metadata-service.js';
import type { MetadataStore } from '../../entities/metadata-store.js';
import type { AccessControl } from '../../access/access-control.js';
import { adminWritesOnly } from '../../access/admin-only.js';
import { entityView } from '../../access/entity-view.js';
import { NotFoundError } from '../../errors.js';
import type { TrellisState } from '../context.js';

/**
 * `/api/meta/entities`: entities and fields. Reads answer with the caller's view: entities they
 * may not read are left out, fields hidden from them too, and each entity says what they may do.
 */
export function metaRouter(
  store: MetadataStore,
  service: MetadataService,
  indexes: IndexService,
  access: AccessControl,
): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/meta/entities' });
  // Everyone signed in reads metadata (forms need it); only administrators change it.
  router.use(adminWritesOnly('change entities and fields'));

  // Metadata reads are rare and must show changes made through other processes: check the version.
  router.get('/', async (ctx) => {
    await store.refreshIfStale();
    const grants = await access.grants(ctx.state.actor);
    ctx.body = { data: store.list().flatMap((entity) => entityView(entity, grants) ?? []) };
  });
  router.post('/', async (ctx) => {
    ctx.status = 201;
    ctx.body = { data: await service.createEntity(ctx.request.body) };
  });
  router.get('/:entity', async (ctx) => {
    await store.refreshIfStale();
    const name = ctx.params.entity!;
    const view = entityView(store.get(name), await access.grants(ctx.state.actor));
    // Like an unknown entity: a user without read rights learns nothing more from its metadata.
    if (!view) throw new NotFoundError(`Entity "${name}"`);
    ctx.body = { data: view };
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
  router.post('/:entity/indexes', async (ctx) => {
    ctx.status = 201;
    ctx.body = { data: await indexes.addIndex(ctx.params.entity!, ctx.request.body) };
  });
  router.delete('/:entity/indexes/:index', async (ctx) => {
    await indexes.dropIndex(ctx.params.entity!, ctx.params.index!);
    ctx.status = 204;
  });
  return router;
}
