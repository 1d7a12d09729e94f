import pg from 'pg';
import type { Database } from '../db/connect.js';
import type { Logger } from '../logger.js';
import { METADATA_CHANNEL, type MetadataStore } from './metadata-store.js';

const RECONNECT_MS = 1_000;

/**
 * On PostgreSQL, several processes share one database: each listens on the metadata channel
 * and reloads its cache when another one commits a change. (A request that meets an unknown
 * name also checks the version, so correctness never waits for this message.)
 */
export function listenForMetadataChanges(db: Database, store: MetadataStore, logger: Logger): () => Promise<void> {
  return listenOnChannel(db, METADATA_CHANNEL, 'metadata', () => store.refreshIfStale(), logger);
}

/**
 * Calls `refresh` whenever another process NOTIFYs the channel, and once after every
 * (re)connection so changes made while the listener was down are picked up. PostgreSQL only:
 * elsewhere it does nothing. Returns the function that stops listening.
 */
export function listenOnChannel(
  db: Database,
  channel: string,
  what: string,
  refresh: () => Promise<unknown>,
  logger: Logger,
): () => Promise<void> {
  if (db.dialect !== 'postgres') return () => Promise.resolve();
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString: db.url });
    next.on('notification', () => {
      refresh().catch((error: unknown) => logger.error(`${what} reload failed`, { error }));
    });
    next.on('error', (error) => {
      logger.warn(`${what} listener lost its connection`, { error });
      retry();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      if (stopped) return void (await next.end());
      client = next;
      // Changes made while the listener was down are picked up now.
      await refresh();
    } catch (error) {
      logger.warn(`${what} listener could not connect`, { error });
      retry();
    }
  };
  const retry = () => {
    client = undefined;
    if (!stopped && !timer) timer = setTimeout(() => void ((timer = undefined), connect()), RECONNECT_MS);
  };
  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => undefined);
  };
}
