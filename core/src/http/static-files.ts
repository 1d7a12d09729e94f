import { statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { relative, resolve, sep } from 'node:path';
import type { Middleware, Next } from 'koa';
import serve from 'koa-static';
import type { TrellisState } from './context.js';

/** Paths owned by the server; the admin UI never answers for them, not even with its index page. */
const SERVER_PREFIXES = ['/api', '/health', '/ready'];

/** Vite writes content-hashed bundles (and only those) to `assets/`: they never change. */
const ASSETS_PREFIX = '/assets/';
const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
/** Everything else (index.html first) is revalidated, so a new build is picked up at once. */
const REVALIDATE = 'no-cache';

function isServerPath(path: string): boolean {
  return SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

function directoryExists(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Serves the built admin UI (a single-page app) from `dir` for GET and HEAD requests outside
 * `/api`, `/health` and `/ready`. A path that names no file gets `index.html`, so client-side
 * routes survive a reload; a missing file under `/assets/` stays a 404, since HTML in place of
 * a script only hides a stale deployment behind a MIME-type error.
 *
 * Paths are resolved by koa-send, which refuses anything that escapes `dir` (`..`, encoded
 * or not, absolute paths, NUL bytes) and never serves dotfiles.
 *
 * Returns undefined when `dir` is not set or does not exist (the admin UI is not built): then
 * non-API paths fall through to a plain 404.
 */
export function staticFiles(dir: string | undefined): Middleware<TrellisState> | undefined {
  if (!dir) return undefined;
  const root = resolve(dir);
  if (!directoryExists(root)) return undefined;

  const setHeaders = (res: ServerResponse, path: string) => {
    const served = `/${relative(root, path).split(sep).join('/')}`;
    res.setHeader('Cache-Control', served.startsWith(ASSETS_PREFIX) ? HASHED_ASSET_CACHE : REVALIDATE);
  };
  const send = serve(root, { index: 'index.html', hidden: false, gzip: false, brotli: false, setHeaders });

  /** Runs koa-static; resolves to false when it found no file (it would have called next). */
  const trySend = async (ctx: Parameters<Middleware<TrellisState>>[0]): Promise<boolean> => {
    let missed = false;
    await send(ctx, () => {
      missed = true;
      return Promise.resolve();
    });
    return !missed;
  };

  return async function adminUi(ctx, next: Next) {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || isServerPath(ctx.path)) {
      await next();
      return;
    }
    if (await trySend(ctx)) return;
    if (ctx.path.startsWith(ASSETS_PREFIX) || !ctx.accepts('html')) {
      await next();
      return;
    }
    // Client-side route: answer with the app's shell. The path is put back afterwards so that
    // logs and later middleware see what the client asked for.
    const asked = ctx.path;
    ctx.path = '/index.html';
    try {
      if (await trySend(ctx)) return;
    } finally {
      ctx.path = asked;
    }
    await next();
  };
}
