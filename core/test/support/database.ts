import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A database made for one test file, and how to remove it afterwards. */
export interface TestDatabase {
  url: string;
  dialect: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

/**
 * With TRELLIS_TEST_DATABASE_URL=postgres://… each test file gets its own fresh PostgreSQL
 * database on that server; otherwise its own SQLite file in a temporary folder.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TRELLIS_TEST_DATABASE_URL;
  if (server?.startsWith('postgres')) {
    const name = `trellis_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      dialect: 'postgres',
      async drop() {
        const client = new pg.Client({ connectionString: server });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'trellis-test-'));
  return {
    url: `sqlite:${join(dir, 'trellis.db')}`,
    dialect: 'sqlite',
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}
