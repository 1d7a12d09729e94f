import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, extname, resolve, sep } from 'node:path';
import Router from '@koa/router';
import { ForbiddenError, TrellisError } from '../../errors.js';
import type { PluginHost } from '../../plugins/plugin-host.js';
import type { TrellisContext, TrellisState } from '../context.js';

const STEPS = ['install', 'enable', 'disable', 'upgrade'] as const;

const MODULE_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

function assertAdmin(ctx: TrellisContext): void {
  if (!ctx.state.actor.isAdmin) throw new ForbiddenError('Only administrators may change plugins or read their settings');
}

function noRoute(ctx: TrellisContext, why: string): TrellisError {
  return new TrellisError(404, 'TRELLIS_ROUTE_NOT_FOUND', 'Not found', `No route for ${ctx.method} ${ctx.path}: ${why}`);
}

/**
 * `/api/plugins`: the plugin manager (list, lifecycle steps, settings, UI modules) and, under
 * `/api/plugins/<name>/…`, each enabled plugin's own routes. The manager's routes win; a
 * disabled or unknown plugin's paths answer 404.
 */
export function pluginsRouter(host: PluginHost): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/plugins' });

  router.get('/', async (ctx) => {
    ctx.body = { data: await host.list() };
  });
  router.get('/:name', async (ctx) => {
    ctx.body = { data: await host.get(ctx.params.name!) };
  });
  for (const step of STEPS) {
    router.post(`/:name/${step}`, async (ctx) => {
      assertAdmin(ctx);
      ctx.body = { data: await host[step](ctx.params.name!) };
    });
  }
  router.post('/:name/uninstall', async (ctx) => {
    assertAdmin(ctx);
    const name = ctx.params.name!;
    const { confirm } = (ctx.request.body ?? {}) as { confirm?: unknown };
    ctx.body = { data: await host.uninstall(name, { confirm: confirm === name }) };
  });
  router.post('/:name/demo', async (ctx) => {
    assertAdmin(ctx);
    ctx.body = { data: await host.seedDemoOf(ctx.params.name!) };
  });
  router.get('/:name/settings', async (ctx) => {
    assertAdmin(ctx);
    ctx.body = { data: await host.getSettings(ctx.params.name!) };
  });
  router.put('/:name/settings', async (ctx) => {
    assertAdmin(ctx);
    ctx.body = { data: await host.setSettings(ctx.params.name!, ctx.request.body) };
  });
  router.get('/:name/ui/:file', async (ctx) => {
    const module = host.uiFile(ctx.params.name!);
    if (!module) throw noRoute(ctx, `plugin "${ctx.params.name}" is not enabled or has no UI module`);
    // Only files beside the declared module, inside the plugin's package, are served.
    const folder = dirname(module);
    const file = resolve(folder, ctx.params.file!);
    const type = MODULE_TYPES[extname(file)];
    const found = file.startsWith(`${folder}${sep}`) && type ? await stat(file).catch(() => null) : null;
    if (!found?.isFile()) throw noRoute(ctx, 'no such file in the plugin’s UI folder');
    ctx.type = type as string;
    ctx.set('cache-control', 'no-cache');
    ctx.body = createReadStream(file);
  });
  router.all(['/:name', '/:name/*rest'], async (ctx, next) => {
    const name = ctx.params.name!;
    const mounted = await host.router(name);
    if (!mounted) throw noRoute(ctx, `plugin "${name}" is not enabled`);
    // The plugin's router reads its own parameters from the path.
    ctx.params = {};
    await mounted.middleware(ctx, next);
  });
  return router;
}
