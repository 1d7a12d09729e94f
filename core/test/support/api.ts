import { expect } from 'vitest';
import type { TestResponse, TestServer } from './server.js';

/** A record as the API returns it. */
export type Rec = Record<string, any> & { id: string };

/** Builds a query string; objects (filters) are JSON-encoded, undefined values left out. */
export function qs(params: Record<string, unknown> = {}): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * Asserts a problem+json answer: its status, and when given its code and the path of its
 * first problem. Returns the body for further checks.
 */
export function expectProblem(response: TestResponse, status: number, code?: string, path?: string): any {
  const summary = JSON.stringify(response.body);
  expect(response.status, summary).toBe(status);
  expect(response.headers.get('content-type'), summary).toContain('application/problem+json');
  expect(response.body.status, summary).toBe(status);
  if (code !== undefined) expect(response.body.code, summary).toBe(code);
  if (path !== undefined) {
    expect(response.body.errors, summary).toBeInstanceOf(Array);
    expect(response.body.errors[0].path, summary).toBe(path);
  }
  return response.body;
}

/** Asserts a success status and returns the body. */
export function expectOk(response: TestResponse, status = 200): any {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body;
}

/** Creates an entity through the API and returns its metadata. */
export async function createEntity(server: TestServer, body: Record<string, unknown>): Promise<any> {
  return expectOk(await server.request('POST', '/api/meta/entities', body), 201).data;
}

/** Creates records in bulk requests of `batch`; returns them in order. */
export async function bulkCreate(server: TestServer, entity: string, records: Record<string, unknown>[], batch = 1000): Promise<Rec[]> {
  const out: Rec[] = [];
  for (let start = 0; start < records.length; start += batch) {
    const response = await server.request('POST', `/api/records/${entity}`, records.slice(start, start + batch));
    out.push(...(expectOk(response, 201).data as Rec[]));
  }
  return out;
}

/** Creates one record and returns it. */
export async function createRecord(server: TestServer, entity: string, body: Record<string, unknown>): Promise<Rec> {
  return expectOk(await server.request('POST', `/api/records/${entity}`, body), 201).data as Rec;
}

/** One page of a list. */
export async function listPage(
  server: TestServer,
  entity: string,
  params: Record<string, unknown> = {},
): Promise<{ data: Rec[]; page: { next: string | null } }> {
  return expectOk(await server.request('GET', `/api/records/${entity}${qs(params)}`));
}

/** Every record of a list, following `page.next` to the end. */
export async function listAll(server: TestServer, entity: string, params: Record<string, unknown> = {}, limit = 1000): Promise<Rec[]> {
  const out: Rec[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const body = await listPage(server, entity, { ...params, limit, cursor });
    out.push(...body.data);
    if (!body.page.next) return out;
    cursor = body.page.next;
  }
  throw new Error('the list never ended');
}

/** `GET /count`. */
export async function count(server: TestServer, entity: string, params: Record<string, unknown> = {}): Promise<number> {
  return expectOk(await server.request('GET', `/api/records/${entity}/count${qs(params)}`)).count as number;
}

/** Every record of an entity, ordered by id: compare two snapshots to prove nothing changed. */
export async function snapshot(server: TestServer, entity: string): Promise<Rec[]> {
  return (await listAll(server, entity)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Names of the entities the API lists. */
export async function entityNames(server: TestServer): Promise<string[]> {
  return (expectOk(await server.request('GET', '/api/meta/entities')).data as Array<{ name: string }>).map((entity) => entity.name);
}

/** Whether the database has a table of that name (looked up directly, not through the API). */
export function tableExists(server: TestServer, table: string): Promise<boolean> {
  return server.trellis.db.knex.schema.hasTable(table);
}

/** The columns of a table, straight from the database. */
export async function columnsOf(server: TestServer, table: string): Promise<string[]> {
  const info = await server.trellis.db.knex(table).columnInfo();
  return Object.keys(info).sort();
}

/** The names of the indexes of a table, straight from the database. */
export async function indexesOf(server: TestServer, table: string): Promise<string[]> {
  const { knex } = server.trellis.db;
  if (server.dialect === 'postgres') {
    const result = await knex.raw<{ rows: Array<{ name: string }> }>('SELECT indexname AS name FROM pg_indexes WHERE tablename = ?', [
      table,
    ]);
    return result.rows.map((row) => row.name).sort();
  }
  const rows = await knex.raw<Array<{ name: string }>>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`, [table]);
  return rows.map((row) => row.name).sort();
}

/** Waits a few milliseconds (timestamps have millisecond precision). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Byte-order comparison with NULLs first, the order both engines use for text. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}
