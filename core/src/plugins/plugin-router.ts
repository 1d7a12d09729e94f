import Router, { type RouterContext } from '@koa/router';
import type { PluginContext, PluginDefinition, PluginRouter, RouteHandler, Services } from '@trellis/sdk';
import type { Middleware } from 'koa';
import type { Actor } from '../auth/actor.js';
import type { TrellisState } from '../http/context.js';

/** A route a plugin declared, for the OpenAPI document. */
export interface PluginRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Full path, `/api/plugins/<name>/…`, in the router's `:param` syntax. */
  path: string;
}

/** The routes of one enabled plugin, as the plugin host reports them. */
export interface PluginRoutes {
  plugin: string;
  description: string;
  routes: PluginRoute[];
}

/** A plugin's mounted router and what it declared. */
export interface MountedRouter {
  /** Dispatches a request under `/api/plugins/<name>`; calls next when no route matches. */
  middleware: Middleware<TrellisState>;
  routes: PluginRoute[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The mount point of a plugin's routes. */
export function pluginPrefix(name: string): string {
  return `/api/plugins/${name}`;
}

/**
 * Builds a fresh router for one enable of a plugin: every request through it gets `ctx.actor`
 * (the signed-in user), `ctx.services` bound to that user and `ctx.plugin`, which is what the
 * SDK's RouteContext promises. Disabling drops the router, so nothing of it survives.
 */
export function buildPluginRouter(
  definition: PluginDefinition,
  context: PluginContext,
  servicesFor: (actor: Actor) => Services,
): MountedRouter {
  const router = new Router<TrellisState>({ prefix: pluginPrefix(definition.name) });
  const routes: PluginRoute[] = [];
  router.use(async (ctx, next) => {
    const { actor } = ctx.state;
    Object.assign(ctx, { actor, services: servicesFor(actor), plugin: definition.name });
    await next();
  });
  const facade = {} as PluginRouter;
  for (const method of METHODS) {
    facade[method] = (path: string, ...handlers: RouteHandler[]) => {
      routes.push({ method, path: `${pluginPrefix(definition.name)}${path}` });
      // RouteContext is the part of Koa's context plugins may rely on (plus what the middleware above adds).
      router[method](path, ...(handlers as unknown as Middleware<TrellisState>[]));
      return facade;
    };
  }
  definition.routes?.(facade, context);
  const dispatch = router.routes();
  const allowed = router.allowedMethods();
  return {
    routes,
    // The dispatcher is plain Koa middleware; the router's own context type only adds what it sets itself.
    middleware: async (ctx, next) => {
      const routed = ctx as RouterContext<TrellisState>;
      await dispatch(routed, async () => {
        await allowed(routed, next);
      });
    },
  };
}
