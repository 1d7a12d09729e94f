import type BetterSqlite3 from 'better-sqlite3';
import type { Knex } from 'knex';

/** A result row, keyed by column name. */
export type Row = Record<string, unknown>;

/** Runs one SQL statement with `?` bindings and returns its rows (none for writes without RETURNING). */
export interface SqlRunner {
  query(sql: string, bindings?: readonly unknown[]): Promise<Row[]>;
}

/** A runner that can also open a transaction; everything run through `tx` commits or rolls back together. */
export interface SqlAccess extends SqlRunner {
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

type Connection = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement<unknown[], Row>;

const MAX_CACHED_STATEMENTS = 1000;
const statements = new WeakMap<Connection, Map<string, Statement>>();

/**
 * Records SQL is generated from metadata, so the same few statement texts repeat endlessly;
 * preparing each once per connection (knex prepares on every call) is the largest saving on
 * SQLite's hot paths.
 */
function prepared(conn: Connection, sql: string): Statement {
  let cache = statements.get(conn);
  if (!cache) statements.set(conn, (cache = new Map<string, Statement>()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = conn.prepare<unknown[], Row>(sql);
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
    cache.set(sql, statement);
  }
  return statement;
}

function run(conn: Connection, sql: string, bindings: readonly unknown[]): Row[] {
  const statement = prepared(conn, sql);
  // SQLite binds no booleans; the API's true/false are stored as 1/0.
  const values = bindings.map((value) => (typeof value === 'boolean' ? Number(value) : value));
  if (statement.reader) return statement.all(values);
  statement.run(values);
  return [];
}

/**
 * SQLite: writes run on knex's single pooled connection, borrowed for the duration of a
 * statement or a transaction, so they queue behind (and never interleave with) knex's own work.
 * Reads outside a transaction go to a second, read-only connection when there is one: WAL lets
 * it read the last committed state while a write is under way, and it needs no pool round trip.
 */
function sqliteAccess(knex: Knex, reader: (() => Connection) | undefined): SqlAccess {
  const client = knex.client as { acquireConnection(): Promise<Connection>; releaseConnection(conn: Connection): Promise<void> };
  const borrow = async <T>(work: (conn: Connection) => Promise<T> | T): Promise<T> => {
    const conn = await client.acquireConnection();
    try {
      return await work(conn);
    } finally {
      await client.releaseConnection(conn);
    }
  };
  return {
    query(sql, bindings = []) {
      const conn = reader?.();
      if (conn && prepared(conn, sql).readonly) return Promise.resolve(run(conn, sql, bindings));
      return borrow((conn) => run(conn, sql, bindings));
    },
    transaction: (work) =>
      borrow(async (conn) => {
        prepared(conn, 'BEGIN IMMEDIATE').run();
        try {
          const result = await work({ query: (sql, bindings = []) => Promise.resolve(run(conn, sql, bindings)) });
          prepared(conn, 'COMMIT').run();
          return result;
        } catch (error) {
          if (conn.inTransaction) prepared(conn, 'ROLLBACK').run();
          throw error;
        }
      }),
  };
}

function pgRunner(knex: Knex): SqlRunner {
  return {
    async query(sql, bindings = []) {
      const result = await knex.raw<{ rows: Row[] }>(sql, bindings as Knex.RawBinding[]);
      return result.rows;
    },
  };
}

/** PostgreSQL: knex's pool and transactions, with raw SQL. */
function postgresAccess(knex: Knex): SqlAccess {
  return { ...pgRunner(knex), transaction: (work) => knex.transaction((trx) => work(pgRunner(trx))) };
}

/** The runner for records: prepared-statement cache on SQLite, knex on PostgreSQL. */
export function createSqlAccess(knex: Knex, dialect: 'sqlite' | 'postgres', reader?: () => Connection): SqlAccess {
  return dialect === 'sqlite' ? sqliteAccess(knex, reader) : postgresAccess(knex);
}
