import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkCreate, compareValues, count, createEntity, expectOk, expectProblem, listPage, qs, type Rec } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let rows: Rec[] = [];

const TOTAL = 3000;
const LIMIT = 97;
const NAMES = [
  'Adams',
  'Baker',
  'Clark',
  'Davis',
  'Evans',
  'Fisher',
  'Garcia',
  'Hill',
  'Irwin',
  'Jones',
  'King',
  'Lewis',
  'Moore',
  'Nash',
  'Owens',
  'Price',
];

/** A deterministic spread of values with many duplicates and some NULLs. */
function seed(i: number): Record<string, unknown> {
  const mix = (i * 2_654_435_761) % 4_294_967_296;
  return {
    first_name: `P${i}`,
    last_name: mix % 19 === 0 ? null : NAMES[mix % NAMES.length],
    score: mix % 13 === 0 ? null : mix % 50,
    region: mix % 7 === 0 ? null : ['north', 'south', 'east', 'west'][mix % 4],
  };
}

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'lead',
    label: 'Lead',
    fields: [
      { name: 'first_name', type: 'text' },
      { name: 'last_name', type: 'text', indexed: true },
      { name: 'score', type: 'integer', indexed: true },
      { name: 'region', type: 'select', options: { choices: ['north', 'south', 'east', 'west'] } },
      { name: 'tags', type: 'multi_select', options: { choices: ['x'] } },
    ],
  });
  rows = await bulkCreate(
    server,
    'lead',
    Array.from({ length: TOTAL }, (_, i) => seed(i)),
    1000,
  );
});
afterAll(() => server?.close());

/**
 * The order the API promises: each key ascending with NULLs first, or descending with NULLs
 * last; ties broken by id in the direction of the last key. No sort means newest id first.
 */
function comparator(sort: string | undefined): (a: Rec, b: Rec) => number {
  const keys = (sort ?? '')
    .split(',')
    .filter(Boolean)
    .map((term) => ({ field: term.replace(/^[-+]/, ''), desc: term.startsWith('-') }));
  const idDesc = keys.length === 0 ? true : keys.at(-1)!.desc;
  return (a, b) => {
    for (const key of keys) {
      const order = compareValues(a[key.field], b[key.field]);
      if (order !== 0) return key.desc ? -order : order;
    }
    const byId = compareValues(a.id, b.id);
    return idDesc ? -byId : byId;
  };
}

/** Follows `page.next` to the end, running `between` after each page. */
async function walk(
  params: Record<string, unknown>,
  between?: (page: number) => Promise<void>,
): Promise<{ records: Rec[]; pages: number }> {
  const records: Rec[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const body = await listPage(server, 'lead', { ...params, limit: LIMIT, cursor });
    pages++;
    expect(body.data.length).toBeLessThanOrEqual(LIMIT);
    records.push(...body.data);
    if (!body.page.next) return { records, pages };
    expect(body.data).toHaveLength(LIMIT);
    cursor = body.page.next;
    await between?.(pages);
    if (pages > TOTAL) throw new Error('the pages never end');
  }
}

describe('keyset pages', () => {
  it('start from a seed with duplicates and NULLs in every sort field', () => {
    expect(rows).toHaveLength(TOTAL);
    for (const field of ['last_name', 'score', 'region']) {
      const values = rows.map((row) => row[field]);
      expect(values.filter((v) => v === null).length, field).toBeGreaterThan(50);
      expect(new Set(values).size, field).toBeLessThan(100);
    }
  });

  it.each([
    ['last_name'],
    ['-last_name'],
    ['score'],
    ['-score'],
    ['-score,last_name'],
    ['last_name,-score'],
    ['region,-score,first_name'],
    ['-created_at'],
    ['id'],
    [undefined],
  ])('sort=%s visits every record once, in order', async (sort) => {
    const { records, pages } = await walk({ sort });
    expect(pages).toBe(Math.ceil(TOTAL / LIMIT));
    const got = records.map((r) => r.id);
    expect(new Set(got).size).toBe(TOTAL);
    const expected = [...rows].sort(comparator(sort)).map((r) => r.id);
    expect(got).toEqual(expected);
  });

  it.each([
    [{ score: { gte: 10, lt: 30 } }, 'last_name'],
    [{ last_name: { in: ['Baker', 'King'] } }, '-score'],
    [{ or: [{ score: { isNull: true } }, { last_name: { isNull: true } }] }, '-score,last_name'],
  ])('with filter %j and sort=%s, visits every match once, in order', async (filter, sort) => {
    const { records } = await walk({ filter, sort });
    const keep = (r: Rec): boolean => {
      if ('or' in filter) return r.score === null || r.last_name === null;
      if ('score' in filter) return r.score !== null && r.score >= 10 && r.score < 30;
      return ['Baker', 'King'].includes(r.last_name);
    };
    const expected = rows
      .filter(keep)
      .sort(comparator(sort))
      .map((r) => r.id);
    expect(expected.length).toBeGreaterThan(LIMIT);
    expect(records.map((r) => r.id)).toEqual(expected);
    expect(await count(server, 'lead', { filter })).toBe(expected.length);
  });

  it('ends without an empty page when the last page is exactly full', async () => {
    const filter = { last_name: 'Adams', score: { isNull: false } };
    const total = await count(server, 'lead', { filter });
    expect(total).toBeGreaterThan(1);
    const page = await listPage(server, 'lead', { filter, limit: total, sort: 'score' });
    expect(page.data).toHaveLength(total);
    expect(page.page.next).toBeNull();
    const short = await listPage(server, 'lead', { filter, limit: total - 1, sort: 'score' });
    expect(short.data).toHaveLength(total - 1);
    const rest = await listPage(server, 'lead', { filter, limit: total, sort: 'score', cursor: short.page.next });
    expect(rest.data).toHaveLength(1);
    expect(rest.page.next).toBeNull();
  });

  it('defaults to 50 records a page', async () => {
    const page = await listPage(server, 'lead');
    expect(page.data).toHaveLength(50);
    expect(page.page.next).toEqual(expect.any(String));
    const fullPage = await listPage(server, 'lead', { limit: 1000 });
    expect(fullPage.data).toHaveLength(1000);
  });

  it('counts with and without a filter', async () => {
    expect(await count(server, 'lead')).toBe(TOTAL);
    expect(await count(server, 'lead', { filter: { score: { isNull: true } } })).toBe(rows.filter((r) => r.score === null).length);
    expect(await count(server, 'lead', { filter: { region: 'north', score: { gt: 25 } } })).toBe(
      rows.filter((r) => r.region === 'north' && r.score !== null && r.score > 25).length,
    );
  });
});

describe('pages while records are being added', () => {
  it.each([['last_name'], ['-score,last_name'], [undefined]])(
    'sort=%s never skips nor repeats a record that existed before',
    async (sort) => {
      const existing = new Set(rows.map((r) => r.id));
      let added = 0;
      const { records } = await walk({ sort }, async (page) => {
        // New records land before, among and after the ones already read.
        const batch = Array.from({ length: 6 }, (_, k) => seed(TOTAL + page * 10 + k));
        const response = await server.request('POST', '/api/records/lead', batch);
        expect(response.status).toBe(201);
        added += batch.length;
      });
      const got = records.map((r) => r.id);
      expect(new Set(got).size).toBe(got.length);
      const seen = got.filter((id) => existing.has(id));
      expect(seen).toHaveLength(existing.size);
      // Whatever was returned is still in order.
      const order = comparator(sort);
      for (let i = 1; i < records.length; i++) expect(order(records[i - 1]!, records[i]!)).toBeLessThan(0);
      expect(await count(server, 'lead')).toBe(existing.size + added);
      rows = (await walk({ limit: 1000 })).records;
    },
  );
});

describe('bad paging parameters', () => {
  it('refuses a cursor made for another sort', async () => {
    const page = await listPage(server, 'lead', { sort: 'last_name', limit: 10 });
    const body = expectProblem(
      await server.request('GET', `/api/records/lead${qs({ sort: '-last_name', cursor: page.page.next! })}`),
      400,
      'TRELLIS_VALIDATION',
      'cursor',
    );
    expect(body.errors).toHaveLength(1);
    expectProblem(await server.request('GET', `/api/records/lead${qs({ cursor: page.page.next! })}`), 400, 'TRELLIS_VALIDATION', 'cursor');
    expectProblem(
      await server.request('GET', `/api/records/lead${qs({ sort: 'last_name,score', cursor: page.page.next! })}`),
      400,
      'TRELLIS_VALIDATION',
      'cursor',
    );
    // The same cursor with its own sort (and another filter or limit) is fine.
    const next = await listPage(server, 'lead', { sort: 'last_name', limit: 5, cursor: page.page.next! });
    expect(next.data).toHaveLength(5);
  });

  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    ['not base64 at all', 'garbage!!'],
    ['base64 of text', Buffer.from('hello').toString('base64url')],
    ['base64 of null', forged(null)],
    ['base64 of a number', forged(7)],
    ['base64 of an array', forged(['-id', ['x']])],
    ['no values', forged({ s: '-score,-id' })],
    ['too few values', forged({ s: '-score,-id', v: ['01900000-0000-7000-8000-000000000000'] })],
    ['an object as a value', forged({ s: '-score,-id', v: [{ gt: 1 }, '01900000-0000-7000-8000-000000000000'] })],
    ['a text where the score goes', forged({ s: '-score,-id', v: ['abc', '01900000-0000-7000-8000-000000000000'] })],
    ['a number where the id goes', forged({ s: '-score,-id', v: [5, 12] })],
  ])('refuses a damaged cursor (%s)', async (_what, cursor) => {
    const response = await server.request('GET', `/api/records/lead${qs({ sort: '-score', cursor })}`);
    expectProblem(response, 400, 'TRELLIS_VALIDATION', 'cursor');
  });

  it.each([['0'], ['1001'], ['x'], ['-1'], ['1.5'], ['']])('refuses limit=%s', async (limit) => {
    const body = expectProblem(await server.request('GET', `/api/records/lead?limit=${limit}`), 400, 'TRELLIS_VALIDATION', 'limit');
    expect(body.errors[0].message).toContain('1000');
  });

  it.each([
    ['an unknown field', 'nope'],
    ['a field that cannot be sorted', 'tags'],
    ['a field named twice', 'score,-score'],
    ['too many fields', 'first_name,last_name,score,region,created_at'],
    ['a SQL-looking field', 'score; DROP TABLE lead'],
  ])('refuses a sort on %s', async (_what, sort) => {
    expectProblem(await server.request('GET', `/api/records/lead${qs({ sort })}`), 400, 'TRELLIS_VALIDATION', 'sort');
  });

  it('left the records alone', async () => {
    expect(await count(server, 'lead')).toBe(rows.length);
    expectOk(await server.request('GET', '/api/meta/entities/lead'));
  });
});
