import type { TestApp } from '@trellis/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, defaultBoard, salesApp, signedInUser } from './helpers.js';

let app: TestApp;
let board: Awaited<ReturnType<typeof defaultBoard>>;
let rep: { id: string; token: string };
let other: { id: string; token: string };

const deal = async (body: Record<string, unknown>) => {
  const response = await app.client.post<any>('/api/records/sales_deal', body);
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.data;
};

beforeAll(async () => {
  app = await salesApp();
  board = await defaultBoard(app);
  rep = await signedInUser(app, 'rep@example.com', ['sales_rep']);
  other = await signedInUser(app, 'other@example.com', ['sales_rep']);
  // The rep's: 3 in Qualification, 1 in Proposal; another rep's: 2 in Proposal; one won, one lost.
  for (const [i, amount] of [1000, 2000, 3000].entries())
    await deal({ title: `Rep Q${i}`, amount: { amount, currency: 'EUR' }, expected_close: '2026-03-10', owner_id: rep.id });
  await deal({
    title: 'Rep P',
    amount: { amount: 10_000, currency: 'EUR' },
    expected_close: '2026-04-02',
    stage: board.stages.Proposal,
    owner_id: rep.id,
  });
  for (const amount of [5000, 7000])
    await deal({
      title: 'Other P',
      amount: { amount, currency: 'EUR' },
      expected_close: '2026-03-20',
      stage: board.stages.Proposal,
      owner_id: other.id,
    });
  await deal({ title: 'Won', amount: { amount: 9000, currency: 'EUR' }, stage: board.stages.Won, owner_id: rep.id });
  await deal({
    title: 'Lost',
    amount: { amount: 4000, currency: 'EUR' },
    stage: board.stages.Lost,
    lost_reason: 'No budget',
    owner_id: other.id,
  });
});
afterAll(() => app?.close());

const column = (body: any, name: string) => body.data.stages.find((stage: any) => stage.name === name);

describe('GET /pipelines/:id/board', () => {
  it('gives the stages in order with counts, sums, weighted sums and the first page of deals', async () => {
    const response = await app.client.get<any>(`/api/plugins/sales/pipelines/${board.pipeline}/board?limit=2`);
    expect(response.status).toBe(200);
    expect(response.body.data.stages.map((stage: any) => stage.name)).toEqual(['Qualification', 'Proposal', 'Negotiation', 'Won', 'Lost']);
    const qualification = column(response.body, 'Qualification');
    expect(qualification).toMatchObject({ count: 3, amount: 6000, weighted: 600 });
    expect(qualification.deals).toHaveLength(2);
    expect(qualification.deals[0]).toMatchObject({ title: 'Rep Q2', rotting: false, days_in_stage: 0 });
    expect(column(response.body, 'Proposal')).toMatchObject({ count: 3, amount: 22_000, weighted: 8800 });
    const rest = await app.client.get<any>(
      `/api/plugins/sales/stages/${qualification.id}/deals?limit=2&cursor=${encodeURIComponent(qualification.next)}`,
    );
    expect(rest.body.data.map((d: any) => d.title)).toEqual(['Rep Q0']);
    expect(rest.body.page.next).toBeNull();
  });

  it('filters by owner and by the filter grammar', async () => {
    const mine = await app.client.get<any>(`/api/plugins/sales/pipelines/${board.pipeline}/board?owner=${other.id}`);
    expect(column(mine.body, 'Proposal')).toMatchObject({ count: 2, amount: 12_000 });
    expect(column(mine.body, 'Qualification')).toMatchObject({ count: 0, amount: 0, deals: [] });
    const big = await app.client.get<any>(
      `/api/plugins/sales/pipelines/${board.pipeline}/board?filter=${encodeURIComponent('{"amount":{"gte":5000}}')}`,
    );
    expect(column(big.body, 'Proposal').count).toBe(3);
    expect(column(big.body, 'Qualification').count).toBe(0);
  });

  it('flags deals that sat in an open stage longer than its rotting days', async () => {
    const old = await deal({ title: 'Forgotten', owner_id: other.id });
    await app.client.patch(`/api/records/sales_deal/${old.id}`, { stage_entered_at: new Date(Date.now() - 20 * 86_400_000).toISOString() });
    const response = await app.client.get<any>(`/api/plugins/sales/pipelines/${board.pipeline}/board`);
    const forgotten = column(response.body, 'Qualification').deals.find((d: any) => d.title === 'Forgotten');
    expect(forgotten).toMatchObject({ rotting: true, days_in_stage: 20 });
    await app.client.delete(`/api/records/sales_deal/${old.id}`);
  });

  it.each([
    ['filter=nope', 'filter'],
    [`filter=${encodeURIComponent('{"nope":{"eq":1}}')}`, 'filter.nope'],
    ['limit=0', 'limit'],
    ['owner=' + 'x'.repeat(100), 'owner'],
  ])('refuses %s with a 400 naming %s', async (query, path) => {
    const response = await app.client.get<any>(`/api/plugins/sales/pipelines/${board.pipeline}/board?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path })]);
  });

  it('is a 404 for an unknown pipeline', async () => {
    expect((await app.client.get(`/api/plugins/sales/pipelines/01900000-0000-7000-8000-000000000000/board`)).status).toBe(404);
  });

  it('shows a rep only the deals in their scope, counts and sums included', async () => {
    const response = await as(app, rep.token, 'GET', `/api/plugins/sales/pipelines/${board.pipeline}/board`);
    expect(response.status).toBe(200);
    expect(column(response.body, 'Qualification')).toMatchObject({ count: 3, amount: 6000 });
    expect(column(response.body, 'Proposal')).toMatchObject({ count: 1, amount: 10_000 });
    expect(column(response.body, 'Proposal').deals.map((d: any) => d.title)).toEqual(['Rep P']);
  });
});

describe('GET /forecast', () => {
  it('weights open deals by probability, by month of expected close, by stage and by owner', async () => {
    const response = await app.client.get<any>('/api/plugins/sales/forecast');
    expect(response.status).toBe(200);
    const { total, byMonth, byStage, byOwner } = response.body.data;
    expect(total).toEqual({ count: 6, amount: 28_000, weighted: 600 + 8800 });
    expect(byMonth).toEqual([
      { month: '2026-03', count: 5, amount: 18_000, weighted: 600 + 4800 },
      { month: '2026-04', count: 1, amount: 10_000, weighted: 4000 },
    ]);
    expect(byStage.map((row: any) => [row.stage.name, row.weighted])).toEqual([
      ['Qualification', 600],
      ['Proposal', 8800],
    ]);
    expect(byOwner).toEqual(
      expect.arrayContaining([
        { owner: rep.id, count: 4, amount: 16_000, weighted: 4600 },
        { owner: other.id, count: 2, amount: 12_000, weighted: 4800 },
      ]),
    );
  });

  it('narrows by months, and a rep sees only their scope', async () => {
    const march = await app.client.get<any>('/api/plugins/sales/forecast?from=2026-03&to=2026-03');
    expect(march.body.data.total).toMatchObject({ count: 5 });
    const asRep = await as(app, rep.token, 'GET', '/api/plugins/sales/forecast');
    expect(asRep.body.data.total).toEqual({ count: 4, amount: 16_000, weighted: 4600 });
    expect(asRep.body.data.byOwner.map((row: any) => row.owner)).toEqual([rep.id]);
  });

  it.each([
    ['from=2026-13', 'from'],
    ['to=March', 'to'],
    ['from=2026-05&to=2026-04', 'from'],
  ])('refuses %s with a 400 naming %s', async (query, path) => {
    const response = await app.client.get<any>(`/api/plugins/sales/forecast?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path })]);
  });
});

describe('GET /analytics/win-loss', () => {
  it('gives win rates and lost reasons in total, per period, per owner and per stage lost from', async () => {
    const response = await app.client.get<any>('/api/plugins/sales/analytics/win-loss');
    expect(response.status).toBe(200);
    const { total, byPeriod, byOwner, lostReasons, lostByStage } = response.body.data;
    expect(total).toEqual({ won: 1, lost: 1, wonAmount: 9000, lostAmount: 4000, winRate: 0.5 });
    expect(byPeriod).toEqual([expect.objectContaining({ period: new Date().toISOString().slice(0, 7), won: 1, lost: 1 })]);
    expect(byOwner).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ owner: rep.id, winRate: 1 }),
        expect.objectContaining({ owner: other.id, winRate: 0 }),
      ]),
    );
    expect(lostReasons).toEqual([{ reason: 'No budget', count: 1, amount: 4000 }]);
    expect(lostByStage).toEqual([{ stage: null, count: 1, amount: 4000, reasons: [{ reason: 'No budget', count: 1 }] }]);
    expect((await app.client.get<any>('/api/plugins/sales/analytics/win-loss?period=week')).body.errors).toEqual([
      expect.objectContaining({ path: 'period' }),
    ]);
  });

  it('tells a rep the configured lost reasons, which the settings (administrators only) would not', async () => {
    await app.client.put('/api/plugins/sales/settings', { requireLostReason: true, lostReasons: ['Price', 'Timing'] });
    expect((await as(app, rep.token, 'GET', '/api/plugins/sales/settings')).status).toBe(403);
    const response = await as(app, rep.token, 'GET', '/api/plugins/sales/lost-reasons');
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ reasons: ['Price', 'Timing'], required: true });
    await app.client.put('/api/plugins/sales/settings', {});
    expect((await as(app, rep.token, 'GET', '/api/plugins/sales/lost-reasons')).body.data.reasons).toContain('No budget');
  });

  it('refuses a sales route to a user with no right on deals (403)', async () => {
    const nobody = await signedInUser(app, 'nobody@example.com', []);
    expect((await as(app, nobody.token, 'GET', '/api/plugins/sales/lost-reasons')).status).toBe(403);
    expect((await as(app, nobody.token, 'GET', '/api/plugins/sales/forecast')).status).toBe(403);
    expect((await as(app, nobody.token, 'GET', `/api/plugins/sales/pipelines/${board.pipeline}/board`)).status).toBe(403);
  });
});
