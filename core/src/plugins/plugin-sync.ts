import type { Database } from '../db/connect.js';
import { listenOnChannel } from '../entities/metadata-sync.js';
import type { Logger } from '../logger.js';
import { PLUGINS_CHANNEL } from './plugin-state.js';

/** How often a process on a SQLite file compares the plugin-state version (milliseconds). */
export const SQLITE_POLL_MS = 1_000;

/**
 * Keeps this process in step with plugin changes made by others on the same database:
 * PostgreSQL NOTIFYs on a channel; SQLite has no such thing, so the version row is compared
 * every {@link SQLITE_POLL_MS} (one indexed read). An in-memory database belongs to one process
 * and is not watched. `refresh` compares the version and does nothing when it has not moved.
 * Returns the function that stops following.
 */
export function followPluginChanges(db: Database, refresh: () => Promise<void>, logger: Logger): () => Promise<void> {
  if (db.dialect === 'postgres') return listenOnChannel(db, PLUGINS_CHANNEL, 'plugin state', refresh, logger);
  if (db.url === 'sqlite::memory:') return () => Promise.resolve();
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => logger.error('plugin state reload failed', { error }));
  }, SQLITE_POLL_MS);
  timer.unref();
  return () => Promise.resolve(clearInterval(timer));
}
