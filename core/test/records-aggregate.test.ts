import { ConflictError, Tokens, defineEntity, definePlugin, type RecordsApi } from '@trellis/sdk';
import { createTestApp, type TestApp } from '@trellis/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * RecordsApi.aggregate and the `expectedUpdatedAt` precondition of RecordsApi.update, through
 * a plugin as plugins use them: as the caller in a route (read scope applied) and as the system.
 */
const plugin = definePlugin({
  name: 'agg',
  version: '1.0.0',
  entities: [
    defineEntity({
      name: 'agg_deal',
      label: 'Deal',
      fields: [
        { name: 'stage', type: 'select', indexed: true, options: { choices: ['open', 'won'] } },
        { name: 'amount', type: 'currency', options: { defaultCurrency: 'EUR' } },
        { name: 'probability', type: 'percent' },
        { name: 'closes', type: 'date', indexed: true },
        { name: 'closed_at', type: 'datetime' },
        { name: 'hot', type: 'boolean' },
        { name: 'notes', type: 'json' },
      ],
    }),
  ],
  routes(router) {
    router.post('/aggregate', async (ctx) => {
      ctx.body = await ctx.services.get(Tokens.Records).aggregate('agg_deal', ctx.request.body as never);
    });
  },
});

let app: TestApp;
let records: RecordsApi;

const GOOD_PASSWORD = 'a long enough passphrase';

beforeAll(async () => {
  app = await createTestApp({ plugins: [plugin] });
  records = app.services.get(Tokens.Records);
  const rows = [
    { stage: 'open', amount: { amount: 1000 }, probability: 10, closes: '2026-01-15', closed_at: '2026-01-15T23:30:00-02:00', hot: true },
    { stage: 'open', amount: { amount: 3000 }, probability: 50, closes: '2026-01-31', hot: false },
    { stage: 'won', amount: { amount: 500 }, probability: 100, closes: '2026-02-01', closed_at: '2026-02-01T10:00:00Z', hot: true },
    { stage: 'open', amount: { amount: 200 }, probability: 20, closes: null },
  ];
  for (const row of rows) await records.create('agg_deal', row);
});
afterAll(() => app?.close());

describe('RecordsApi.aggregate', () => {
  it('counts and sums per group, weighted sums included, ordered by the group with nulls first', async () => {
    const result = await records.aggregate('agg_deal', {
      groupBy: ['stage'],
      metrics: {
        deals: { fn: 'count' },
        amount: { fn: 'sum', field: 'amount' },
        weighted: { fn: 'sum', field: 'amount', times: 'probability' },
        average: { fn: 'avg', field: 'probability' },
        first: { fn: 'min', field: 'closes' },
      },
    });
    expect(result).toEqual({
      truncated: false,
      data: [
        { group: { stage: 'open' }, values: { deals: 3, amount: 4200, weighted: 164000, average: 80 / 3, first: '2026-01-15' } },
        { group: { stage: 'won' }, values: { deals: 1, amount: 500, weighted: 50000, average: 100, first: '2026-02-01' } },
      ],
    });
  });

  it('buckets dates and date-times by month in UTC, and groups booleans', async () => {
    const byMonth = await records.aggregate('agg_deal', {
      groupBy: [{ field: 'closes', by: 'month' }],
      metrics: { amount: { fn: 'sum', field: 'amount' } },
    });
    expect(byMonth.data).toEqual([
      { group: { closes: null }, values: { amount: 200 } },
      { group: { closes: '2026-01' }, values: { amount: 4000 } },
      { group: { closes: '2026-02' }, values: { amount: 500 } },
    ]);
    // 2026-01-15T23:30-02:00 is 2026-01-16 in UTC.
    const byDay = await records.aggregate('agg_deal', {
      filter: { closed_at: { isNull: false } },
      groupBy: [{ field: 'closed_at', by: 'day' }, 'hot'],
      metrics: { n: { fn: 'count' } },
    });
    expect(byDay.data).toEqual([
      { group: { closed_at: '2026-01-16', hot: true }, values: { n: 1 } },
      { group: { closed_at: '2026-02-01', hot: true }, values: { n: 1 } },
    ]);
  });

  it('returns one row of everything without groups, and says when groups were cut by the limit', async () => {
    expect((await records.aggregate('agg_deal', { filter: { probability: { gt: 100 } }, metrics: { n: { fn: 'count' } } })).data).toEqual([
      { group: {}, values: { n: 0 } },
    ]);
    const cut = await records.aggregate('agg_deal', { groupBy: ['closes'], metrics: { n: { fn: 'count' } }, limit: 2 });
    expect(cut.data).toHaveLength(2);
    expect(cut.truncated).toBe(true);
  });

  it.each([
    [{ metrics: {} }, 'metrics'],
    [{ metrics: { n: { fn: 'median' } } }, 'metrics.n.fn'],
    [{ metrics: { n: { fn: 'sum' } } }, 'metrics.n.field'],
    [{ metrics: { n: { fn: 'sum', field: 'stage' } } }, 'metrics.n.field'],
    [{ metrics: { n: { fn: 'sum', field: 'nope' } } }, 'metrics.n.field'],
    [{ metrics: { n: { fn: 'max', field: 'amount', times: 'probability' } } }, 'metrics.n.times'],
    [{ metrics: { n: { fn: 'sum', field: 'amount', times: 'stage' } } }, 'metrics.n.times'],
    [{ metrics: { 'Bad name': { fn: 'count' } } }, 'metrics.Bad name'],
    [{ groupBy: ['notes'], metrics: { n: { fn: 'count' } } }, 'groupBy[0]'],
    [{ groupBy: [{ field: 'stage', by: 'month' }], metrics: { n: { fn: 'count' } } }, 'groupBy[0].by'],
    [{ groupBy: [{ field: 'closes', by: 'week' }], metrics: { n: { fn: 'count' } } }, 'groupBy[0].by'],
    [{ groupBy: ['stage', 'stage'], metrics: { n: { fn: 'count' } } }, 'groupBy[1]'],
    [{ limit: 0, metrics: { n: { fn: 'count' } } }, 'limit'],
    [{ filter: { nope: { eq: 1 } }, metrics: { n: { fn: 'count' } } }, 'filter.nope'],
  ])('refuses %j with a 400 naming %s', async (body, path) => {
    const response = await app.client.post<any>('/api/plugins/agg/aggregate', body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors).toEqual([expect.objectContaining({ path })]);
  });

  it('limits a restricted caller to their read scope', async () => {
    const rep = await app.client.post<any>('/api/users', {
      email: 'rep@example.com',
      name: 'Rep',
      password: GOOD_PASSWORD,
      roles: ['sales_rep'],
    });
    expect(rep.status).toBe(201);
    await records.create('agg_deal', { stage: 'won', amount: { amount: 7 }, owner_id: rep.body.data.id });
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'rep@example.com', password: GOOD_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const asRep = await fetch(`${app.url}/api/plugins/agg/aggregate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ metrics: { n: { fn: 'count' }, amount: { fn: 'sum', field: 'amount' } } }),
    });
    expect(await asRep.json()).toEqual({ truncated: false, data: [{ group: {}, values: { n: 1, amount: 7 } }] });
    const asAdmin = await app.client.post<any>('/api/plugins/agg/aggregate', { metrics: { n: { fn: 'count' } } });
    expect(asAdmin.body.data[0].values.n).toBe(5);
  });
});

describe('RecordsApi.update with expectedUpdatedAt', () => {
  it('writes when the record is as read, and refuses a stale version with TRELLIS_STALE_RECORD, writing nothing', async () => {
    const deal = await records.create('agg_deal', { stage: 'open', probability: 10 });
    const first = await records.update('agg_deal', deal.id, { probability: 20 }, { expectedUpdatedAt: deal.updated_at as string });
    expect(first.probability).toBe(20);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await records.update('agg_deal', deal.id, { probability: 30 }, { expectedUpdatedAt: first.updated_at as string });
    const stale = records.update('agg_deal', deal.id, { probability: 40 }, { expectedUpdatedAt: first.updated_at as string });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ status: 409, code: 'TRELLIS_STALE_RECORD' });
    expect((await records.get('agg_deal', deal.id)).probability).toBe(30);
    expect(second.probability).toBe(30);
  });
});
