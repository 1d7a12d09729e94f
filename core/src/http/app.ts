import { randomUUID } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../logger.js';
import { TrellisError } from '../errors.js';
import type { TrellisState } from './context.js';
import { problemMiddleware } from './problem.js';

/** What the HTTP layer is assembled from. */
export interface HttpParts {
  logger: Logger;
  bodyLimitBytes: number;
  /** Whether X-Forwarded-Proto/For from a reverse proxy are believed. */
  trustProxy: boolean;
  /** Routers reachable without signing in (health, login). */
  publicRouters: Router<TrellisState>[];
  /** Rejects /api requests without valid credentials; sets ctx.state.actor. */
  authGate: Koa.Middleware<TrellisState>;
  /** Routers behind the gate. */
  routers: Router<TrellisState>[];
  /** Serves the admin UI for non-API paths, when it is built. */
  staticFiles?: Koa.Middleware<TrellisState>;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Builds the Koa application: request id, problem+json errors, JSON bodies, auth gate, routers. */
export function createHttpApp(parts: HttpParts): Koa<TrellisState> {
  const app = new Koa<TrellisState>({ proxy: parts.trustProxy });
  app.silent = true;

  app.use(async (ctx, next) => {
    const given = ctx.get('x-request-id');
    ctx.state.requestId = given && given.length <= 100 ? given : randomUUID();
    ctx.set('x-request-id', ctx.state.requestId);
    await next();
  });
  app.use(problemMiddleware(parts.logger));
  app.use(async (ctx, next) => {
    // A body that is not JSON would otherwise be silently ignored and read as {}.
    if (ctx.path.startsWith('/api') && BODY_METHODS.has(ctx.method) && ctx.request.length && !ctx.is('json')) {
      throw new TrellisError(415, 'TRELLIS_UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the body as application/json');
    }
    await next();
  });
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: parts.bodyLimitBytes, encoding: 'utf-8' }));
  for (const router of parts.publicRouters) app.use(router.routes()).use(router.allowedMethods());
  if (parts.staticFiles) app.use(parts.staticFiles);
  app.use(parts.authGate);
  for (const router of parts.routers) app.use(router.routes()).use(router.allowedMethods());
  return app;
}
