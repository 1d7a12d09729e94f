import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createRecord, entityNames, expectOk, expectProblem, listAll } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startTestServer, type TestServer } from './support/server.js';

/** Two Trellis processes on one database, as behind a load balancer. */
let database: TestDatabase;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  a = await startTestServer({ database });
  b = await startTestServer({ database });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await database?.drop();
});

describe('metadata changed through one instance', () => {
  it('a new entity is usable through the other at once', async () => {
    expectOk(
      await a.request('POST', '/api/meta/entities', { name: 'deal', label: 'Deal', fields: [{ name: 'title', type: 'text' }] }),
      201,
    );
    const created = await createRecord(b, 'deal', { title: 'Made through B' });
    expect(expectOk(await a.request('GET', `/api/records/deal/${created.id}`)).data.title).toBe('Made through B');
  });

  it('a new field can be written through the other right after the response', async () => {
    expectOk(
      await a.request('POST', '/api/meta/entities/deal/fields', { name: 'stage', type: 'select', options: { choices: ['open', 'won'] } }),
      201,
    );
    const created = await createRecord(b, 'deal', { title: 'Staged', stage: 'won' });
    expect(created.stage).toBe('won');
    expect(expectOk(await a.request('GET', `/api/records/deal/${created.id}`)).data.stage).toBe('won');
    // The new field's rules hold on B too.
    expectProblem(await b.request('POST', '/api/records/deal', { title: 'Bad stage', stage: 'lost' }), 400, 'TRELLIS_VALIDATION', 'stage');
  });

  it('a new field can be filtered on through the other right after the response', async () => {
    expectOk(await a.request('POST', '/api/meta/entities/deal/fields', { name: 'amount', type: 'integer' }), 201);
    for (const amount of [3, 8, 13]) await createRecord(a, 'deal', { title: `Amount ${amount}`, amount });
    const found = await listAll(b, 'deal', { filter: { amount: { gt: 5 } }, sort: 'amount' });
    expect(found.map((r) => r.amount)).toEqual([8, 13]);
    expect(await count(b, 'deal', { filter: { amount: { isNull: true } } })).toBe(2);
  });

  it('a new field can be sorted on through the other right after the response', async () => {
    expectOk(await a.request('POST', '/api/meta/entities/deal/fields', { name: 'rank', type: 'integer', default: 0 }), 201);
    await createRecord(a, 'deal', { title: 'Ranked', rank: 5 });
    const page = expectOk(await b.request('GET', '/api/records/deal?sort=-rank&limit=1')).data;
    expect(page.map((r: any) => r.title)).toEqual(['Ranked']);
  });

  it('a dropped field is refused through the other', async () => {
    expect((await a.request('DELETE', '/api/meta/entities/deal/fields/stage?confirm=stage')).status).toBe(204);
    expectProblem(await b.request('POST', '/api/records/deal', { title: 'Late', stage: 'open' }), 400, 'TRELLIS_VALIDATION', 'stage');
    const all = await listAll(b, 'deal');
    expect(all.length).toBe(6);
    for (const record of all) expect(record).not.toHaveProperty('stage');
  });

  it('a dropped entity is gone on the other', async () => {
    expect((await a.request('DELETE', '/api/meta/entities/deal?confirm=deal')).status).toBe(204);
    expectProblem(await b.request('GET', '/api/records/deal'), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await b.request('POST', '/api/records/deal', { title: 'Too late' }), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await b.request('GET', '/api/records/deal/count'), 404, 'TRELLIS_NOT_FOUND');
    expect(await entityNames(b)).not.toContain('deal');
    expectProblem(await b.request('GET', '/api/meta/entities/deal'), 404, 'TRELLIS_NOT_FOUND');
  });

  it('works the other way round too', async () => {
    expectOk(
      await b.request('POST', '/api/meta/entities', { name: 'ticket', label: 'Ticket', fields: [{ name: 'subject', type: 'text' }] }),
      201,
    );
    expectOk(await b.request('POST', '/api/meta/entities/ticket/fields', { name: 'urgent', type: 'boolean', default: false }), 201);
    const created = await createRecord(a, 'ticket', { subject: 'Through A', urgent: true });
    expect(created).toMatchObject({ subject: 'Through A', urgent: true });
    expect(await count(a, 'ticket', { filter: { urgent: true } })).toBe(1);
  });
});
