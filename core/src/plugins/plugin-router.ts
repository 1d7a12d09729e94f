import Router, { type RouterContext } from '@koa/router';
import type { PluginContext, PluginDefinition, PluginRouter, RouteHandler, RouteOptions, RoutePermission, Services } from '@trellis/sdk';
import type { Middleware } from 'koa';
import type { AccessControl } from '../access/access-control.js';
import type { Grants } from '../access/grants.js';
import type { Actor } from '../auth/actor.js';
import { ForbiddenError } from '../errors.js';
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

/** What the router middleware leaves on the context for the permission check. */
interface PermissionState {
  actor: Actor;
  grants: Grants | null;
}

/** A route's required permission, checked before its handlers: 403 when unmet. */
function requirePermission(permission: RoutePermission): Middleware<TrellisState> {
  return async (ctx, next) => {
    const { actor, grants } = ctx as unknown as PermissionState;
    if (permission === 'admin') {
      if (!actor.isAdmin) throw new ForbiddenError('Only administrators may use this route');
    } else if (grants && !grants.allows(permission.entity, permission.action)) {
      throw new ForbiddenError(`You may not ${permission.action} ${permission.entity} records`);
    }
    await next();
  };
}

/**
 * Builds a fresh router for one enable of a plugin: every request through it gets `ctx.actor`
 * (the signed-in user), `ctx.services` bound to that user, `ctx.plugin` and `ctx.can` (answered
 * from the user's cached grants), which is what the SDK's RouteContext promises. A route's
 * `permission` option is checked before its handlers. Disabling drops the router, so nothing of
 * it survives.
 */
export function buildPluginRouter(
  definition: PluginDefinition,
  context: PluginContext,
  servicesFor: (actor: Actor) => Services,
  access: AccessControl,
): MountedRouter {
  const router = new Router<TrellisState>({ prefix: pluginPrefix(definition.name) });
  const routes: PluginRoute[] = [];
  router.use(async (ctx, next) => {
    const { actor } = ctx.state;
    const grants = await access.grants(actor);
    const can = (action: Parameters<Grants['allows']>[1], entity: string, record?: Parameters<Grants['allows']>[2]) =>
      grants ? grants.allows(entity, action, record) : true;
    Object.assign(ctx, { actor, grants, can, services: servicesFor(actor), plugin: definition.name });
    await next();
  });
  const facade = {} as PluginRouter;
  for (const method of METHODS) {
    facade[method] = (path: string, ...rest: Array<RouteOptions | RouteHandler>) => {
      routes.push({ method, path: `${pluginPrefix(definition.name)}${path}` });
      const [first, ...others] = rest;
      const options = typeof first === 'function' ? undefined : first;
      const handlers = (options ? others : rest) as RouteHandler[];
      const guard = options?.permission ? [requirePermission(options.permission)] : [];
      // RouteContext is the part of Koa's context plugins may rely on (plus what the middleware above adds).
      router[method](path, ...guard, ...(handlers as unknown as Middleware<TrellisState>[]));
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
