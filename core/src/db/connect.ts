import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { createSqlAccess, type SqlAccess } from './sql-runner.js';
import { StatisticsKeeper } from './statistics.js';

/** The two SQL engines Trellis runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** An open database: the knex instance and what kind of engine is behind it. */
export interface Database {
  knex: Knex;
  dialect: Dialect;
  /** The connection string it was opened with (PostgreSQL needs it for LISTEN). */
  url: string;
  /** Raw SQL for the records engine (prepared-statement cache on SQLite). */
  sql: SqlAccess;
  /** Tells the planner's statistics keeper that rows were written to a table. */
  noteWrites(table: string, rows: number): void;
  close(): Promise<void>;
}

interface SqliteConnection {
  pragma(source: string): unknown;
}

let pgParsersSet = false;

/**
 * pg returns bigint, numeric and dates as strings or local-time Dates by default;
 * records must read the same on both engines, so they are parsed once here.
 */
function setPgTypeParsers(): void {
  if (pgParsersSet) return;
  pgParsersSet = true;
  const { types } = pg;
  types.setTypeParser(types.builtins.INT8, (value) => Number(value));
  types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value));
  types.setTypeParser(types.builtins.DATE, (value) => value);
  types.setTypeParser(types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());
  types.setTypeParser(types.builtins.TIMESTAMP, (value) => new Date(`${value}Z`).toISOString());
}

/** Opens the database named by a `sqlite:` or `postgres://` URL. */
export function openDatabase(url: string): Database {
  if (url.startsWith('sqlite:')) return openSqlite(url);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);
  throw new Error(`TRELLIS_DATABASE_URL must start with sqlite: or postgres://, got "${url}"`);
}

function openSqlite(url: string): Database {
  const location = url.slice('sqlite:'.length);
  const filename = location === ':memory:' ? ':memory:' : resolve(location);
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite has one writer, and a single handle keeps transactions serialised.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        conn.pragma('journal_mode = WAL');
        conn.pragma('synchronous = NORMAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        // 256 MiB of page cache and fewer, larger checkpoints: random-key indexes stay in memory.
        conn.pragma('cache_size = -262144');
        conn.pragma('wal_autocheckpoint = 10000');
        conn.pragma('temp_store = MEMORY');
        // Planner statistics decide between an equality index and the ORDER BY index at scale.
        conn.pragma('optimize = 0x10002');
        done(null, conn);
      },
    },
  });
  const statistics = new StatisticsKeeper(knex);
  // Opened on first use: the file exists (and is in WAL mode) once knex has migrated it.
  let reader: BetterSqlite3.Database | undefined;
  const openReader = () => {
    if (!reader) {
      reader = new BetterSqlite3(filename, { readonly: true, fileMustExist: true });
      reader.pragma('busy_timeout = 5000');
      reader.pragma('cache_size = -131072');
    }
    return reader;
  };
  return {
    knex,
    dialect: 'sqlite',
    url,
    // An in-memory database exists only on its one connection: no separate reader there.
    sql: createSqlAccess(knex, 'sqlite', filename === ':memory:' ? undefined : openReader),
    noteWrites: (table, rows) => statistics.note(table, rows),
    close: async () => {
      statistics.stop();
      reader?.close();
      await knex.destroy();
    },
  };
}

function openPostgres(url: string): Database {
  setPgTypeParsers();
  const knex = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 10 },
  });
  // PostgreSQL's autovacuum keeps planner statistics current by itself.
  return {
    knex,
    dialect: 'postgres',
    url,
    sql: createSqlAccess(knex, 'postgres'),
    noteWrites: () => undefined,
    close: () => knex.destroy(),
  };
}
