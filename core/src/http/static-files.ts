import type { Middleware } from 'koa';
import type { TrellisState } from './context.js';

/** Serves the built admin UI (placeholder until the admin-ui package is wired in). */
export function staticFiles(dir: string | undefined): Middleware<TrellisState> | undefined {
  void dir;
  return undefined;
}
