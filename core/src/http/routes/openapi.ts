import Router from '@koa/router';
import type { MetadataStore } from '../../entities/metadata-store.js';
import { buildOpenApi } from '../openapi/build-openapi.js';
import type { PluginRoutes } from '../../plugins/plugin-router.js';
import type { TrellisState } from '../context.js';

/** What the document needs of the plugin host: the enabled plugins' routes, and a version that moves when they change. */
export interface PluginRoutesSource {
  readonly routesVersion: number;
  routes(): PluginRoutes[];
}

/**
 * `GET /api/openapi.json`, generated from the metadata and enabled plugins of the moment
 * (cached until either changes).
 */
export function openApiRouter(store: MetadataStore, plugins?: PluginRoutesSource): Router<TrellisState> {
  const router = new Router<TrellisState>();
  let cached: { version: string; document: unknown } | undefined;
  router.get('/api/openapi.json', (ctx) => {
    const version = `${store.version}:${plugins?.routesVersion ?? 0}`;
    if (cached?.version !== version) {
      const entities = store.list().map((entity) => entity.meta);
      const relationTypes = store.relationTypes.list().map((type) => type.meta);
      cached = { version, document: buildOpenApi(entities, relationTypes, plugins?.routes()) };
    }
    ctx.body = cached.document;
  });
  return router;
}
