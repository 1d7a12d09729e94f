import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database for one test app, and how to get rid of it. */
export interface KitDatabase {
  url: string;
  /** Deletes the database when the kit created it; otherwise does nothing. */
  drop(): Promise<void>;
}

const IN_MEMORY = 'sqlite::memory:';

/**
 * The database of one test app: the URL given to createTestApp as it is; otherwise, with
 * TRELLIS_DATABASE_URL naming a PostgreSQL server, a fresh database created on it (and dropped
 * on close), so tests never see each other's data; otherwise TRELLIS_DATABASE_URL as it is,
 * or a new in-memory SQLite database.
 */
export async function kitDatabase(given: string | undefined, env: string | undefined): Promise<KitDatabase> {
  if (given) return { url: given, drop: () => Promise.resolve() };
  if (env?.startsWith('postgres://') || env?.startsWith('postgresql://')) return freshPostgresDatabase(env);
  return { url: env || IN_MEMORY, drop: () => Promise.resolve() };
}

/** Creates a database with a random name on the server of `serverUrl`. */
export async function freshPostgresDatabase(serverUrl: string): Promise<KitDatabase> {
  const name = `trellis_kit_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
