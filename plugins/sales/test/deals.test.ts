import { Tokens } from '@trellis/sdk';
import type { TestApp } from '@trellis/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBoard, salesApp } from './helpers.js';

let app: TestApp;
let board: Awaited<ReturnType<typeof defaultBoard>>;

beforeAll(async () => {
  app = await salesApp();
  board = await defaultBoard(app);
});
afterAll(() => app?.close());

const createDeal = (body: Record<string, unknown>) => app.client.post<any>('/api/records/sales_deal', body);
const patchDeal = (id: string, body: Record<string, unknown>) => app.client.patch<any>(`/api/records/sales_deal/${id}`, body);
const move = (id: string, body: Record<string, unknown>) => app.client.post<any>(`/api/plugins/sales/deals/${id}/move`, body);

describe('the default pipeline', () => {
  it('is created on install with its five stages, probabilities, kinds and rotting days', async () => {
    const stages = await app.client.get<any>(
      `/api/records/sales_stage?sort=position&filter=${encodeURIComponent(JSON.stringify({ pipeline: { eq: board.pipeline } }))}`,
    );
    expect(stages.body.data.map((stage: any) => [stage.name, stage.probability, stage.kind, stage.rotting_days])).toEqual([
      ['Qualification', 10, 'open', 14],
      ['Proposal', 40, 'open', 21],
      ['Negotiation', 70, 'open', 14],
      ['Won', 100, 'won', null],
      ['Lost', 0, 'lost', null],
    ]);
  });
});

describe('deal rules (record hooks)', () => {
  it('puts a deal with no stage in the first stage of the default pipeline, with its probability', async () => {
    const deal = (await createDeal({ title: 'Plain', amount: { amount: 1000, currency: 'EUR' } })).body.data;
    expect(deal).toMatchObject({ stage: board.stages.Qualification, pipeline: board.pipeline, probability: 10, probability_manual: false });
    expect(deal.stage_entered_at).toEqual(expect.any(String));
  });

  it('lets probability follow the stage on a PATCH, and records the move on the timeline', async () => {
    const deal = (await createDeal({ title: 'Follows', stage: board.stages.Qualification })).body.data;
    const moved = await patchDeal(deal.id, { stage: board.stages.Proposal });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ probability: 40, pipeline: board.pipeline });
    const timeline = await app.services.get(Tokens.Timeline).list({ entity: 'sales_deal', id: deal.id });
    expect(timeline.data).toEqual([
      expect.objectContaining({
        kind: 'stage_change',
        plugin: 'sales',
        title: expect.stringMatching(/^Moved from Qualification to Proposal after \d+ s$/),
        data: expect.objectContaining({
          from: expect.objectContaining({ name: 'Qualification' }),
          to: expect.objectContaining({ name: 'Proposal' }),
          secondsInPreviousStage: expect.any(Number),
          by: expect.any(String),
        }),
      }),
    ]);
  });

  it('keeps a probability set by hand across stage moves, until it is handed back', async () => {
    const deal = (await createDeal({ title: 'Manual', stage: board.stages.Qualification })).body.data;
    const manual = (await patchDeal(deal.id, { probability: 55 })).body.data;
    expect(manual).toMatchObject({ probability: 55, probability_manual: true });
    const moved = await move(deal.id, { stage: board.stages.Negotiation, updated_at: manual.updated_at });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ stage: board.stages.Negotiation, probability: 55, probability_manual: true });
    const handedBack = (await patchDeal(deal.id, { probability_manual: false })).body.data;
    expect(handedBack).toMatchObject({ probability: 70, probability_manual: false });
  });

  it('stamps won_at on a won stage, and clears it when the deal is reopened', async () => {
    const deal = (await createDeal({ title: 'Winner' })).body.data;
    const won = (await patchDeal(deal.id, { stage: board.stages.Won })).body.data;
    expect(won).toMatchObject({ probability: 100, lost_at: null });
    expect(won.won_at).toEqual(expect.any(String));
    const reopened = (await patchDeal(deal.id, { stage: board.stages.Proposal })).body.data;
    expect(reopened).toMatchObject({ won_at: null, lost_at: null, probability: 40 });
  });

  it('refuses a lost stage without a reason with a 400 naming lost_reason, and accepts a listed one', async () => {
    const deal = (await createDeal({ title: 'Loser', stage: board.stages.Proposal })).body.data;
    const refused = await patchDeal(deal.id, { stage: board.stages.Lost });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'lost_reason' })]);
    const unlisted = await patchDeal(deal.id, { stage: board.stages.Lost, lost_reason: 'Aliens' });
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.errors).toEqual([expect.objectContaining({ path: 'lost_reason' })]);
    const lost = await patchDeal(deal.id, { stage: board.stages.Lost, lost_reason: 'No budget' });
    expect(lost.status).toBe(200);
    expect(lost.body.data).toMatchObject({
      lost_reason: 'No budget',
      probability: 0,
      lost_from_stage: board.stages.Proposal,
      won_at: null,
    });
    expect(lost.body.data.lost_at).toEqual(expect.any(String));
    // Nothing of the refused writes remained.
    const timeline = await app.services.get(Tokens.Timeline).list({ entity: 'sales_deal', id: deal.id });
    expect(timeline.data.map((entry) => entry.data.to)).toEqual([expect.objectContaining({ name: 'Lost' })]);
  });

  it('refuses a stage of another pipeline than the one given, and an unknown stage, naming stage', async () => {
    const other = (await app.client.post<any>('/api/records/sales_pipeline', { name: 'Renewals' })).body.data;
    const stage = (
      await app.client.post<any>('/api/records/sales_stage', { pipeline: other.id, name: 'Due', position: 10, probability: 80 })
    ).body.data;
    const mismatch = await createDeal({ title: 'Confused', pipeline: board.pipeline, stage: stage.id });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual([expect.objectContaining({ path: 'stage' })]);
    const unknown = await createDeal({ title: 'Lost in space', stage: '01900000-0000-7000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'stage' })]);
    const renewal = (await createDeal({ title: 'Renewal', pipeline: other.id })).body.data;
    expect(renewal).toMatchObject({ stage: stage.id, probability: 80 });
    const moveStage = await app.client.patch<any>(`/api/records/sales_stage/${stage.id}`, { pipeline: board.pipeline });
    expect(moveStage.status).toBe(400);
    expect(moveStage.body.errors).toEqual([expect.objectContaining({ path: 'pipeline' })]);
  });
});

describe('POST /deals/:id/move', () => {
  it('moves a deal whose updated_at is current, and answers a stale one with 409 and the current deal', async () => {
    const deal = (await createDeal({ title: 'Contested' })).body.data;
    const first = await move(deal.id, { stage: board.stages.Proposal, updated_at: deal.updated_at });
    expect(first.status).toBe(200);
    const stale = await move(deal.id, { stage: board.stages.Negotiation, updated_at: deal.updated_at });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ status: 409, code: 'SALES_STALE_DEAL', current: { id: deal.id, stage: board.stages.Proposal } });
    expect(stale.body.current.updated_at).toBe(first.body.data.updated_at);
    expect((await app.client.get<any>(`/api/records/sales_deal/${deal.id}`)).body.data.stage).toBe(board.stages.Proposal);
  });

  it.each([
    [{ updated_at: '2026-01-01T00:00:00Z' }, 'stage'],
    [{ stage: 42, updated_at: '2026-01-01T00:00:00Z' }, 'stage'],
    [{ stage: 'x' }, 'updated_at'],
    [{ stage: 'x', updated_at: 'yesterday' }, 'updated_at'],
  ])('refuses %j with a 400 naming %s', async (body, path) => {
    const deal = (await createDeal({ title: 'Bad input' })).body.data;
    const response = await move(deal.id, body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path })]);
  });

  it('asks for the lost reason on a move to Lost (400), and takes it from the body', async () => {
    const deal = (await createDeal({ title: 'Dragged to lost' })).body.data;
    const refused = await move(deal.id, { stage: board.stages.Lost, updated_at: deal.updated_at });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'lost_reason' })]);
    const lost = await move(deal.id, { stage: board.stages.Lost, updated_at: deal.updated_at, lost_reason: 'Bad timing' });
    expect(lost.status).toBe(200);
    expect(lost.body.data.lost_reason).toBe('Bad timing');
  });

  it('is a 404 for a deal that does not exist', async () => {
    const response = await move('01900000-0000-7000-8000-000000000000', { stage: board.stages.Won, updated_at: '2026-01-01T00:00:00Z' });
    expect(response.status).toBe(404);
  });
});
