import Router from '@koa/router';
import type { MetadataStore } from '../../entities/metadata-store.js';
import { buildOpenApi } from '../openapi/build-openapi.js';
import type { TrellisState } from '../context.js';

/** `GET /api/openapi.json`, generated from the metadata of the moment (cached per metadata version). */
export function openApiRouter(store: MetadataStore): Router<TrellisState> {
  const router = new Router<TrellisState>();
  let cached: { version: number; document: unknown } | undefined;
  router.get('/api/openapi.json', (ctx) => {
    if (cached?.version !== store.version) {
      const entities = store.list().map((entity) => entity.meta);
      const relationTypes = store.relationTypes.list().map((type) => type.meta);
      cached = { version: store.version, document: buildOpenApi(entities, relationTypes) };
    }
    ctx.body = cached.document;
  });
  return router;
}
