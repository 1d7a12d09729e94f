import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_JOB } from '../src/privacy/index.js';
import { createEntity, createRecord, expectOk, expectProblem, type Rec } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
const OLD = '2020-01-01T00:00:00.000Z';

const policy = (entity: string) => `/api/privacy/retention/${entity}`;

/** Moves a record's last change into the past. */
async function backdate(entity: string, record: Rec): Promise<void> {
  await server.trellis.db.knex(entity).where({ id: record.id }).update({ updated_at: OLD });
}

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'lead',
    label: 'Lead',
    dataSubject: true,
    fields: [
      { name: 'email', type: 'email', personal: true },
      { name: 'source', type: 'text' },
    ],
  });
  await createEntity(server, { name: 'visit', label: 'Visit', fields: [{ name: 'page', type: 'text' }] });
});
afterAll(() => server?.close());

describe('retention policies', () => {
  it('sets, reads, replaces and removes a policy', async () => {
    expectProblem(await server.request('GET', policy('lead')), 404, 'TRELLIS_NOT_FOUND');
    expect(expectOk(await server.request('PUT', policy('lead'), { days: 30, action: 'delete' })).data).toMatchObject({
      entity: 'lead',
      days: 30,
      action: 'delete',
    });
    expectOk(await server.request('PUT', policy('lead'), { days: 365, action: 'anonymise' }));
    expect(expectOk(await server.request('GET', policy('lead'))).data).toMatchObject({ days: 365, action: 'anonymise' });
    expectOk(await server.request('DELETE', policy('lead')), 204);
    expectProblem(await server.request('DELETE', policy('lead')), 404, 'TRELLIS_NOT_FOUND');
  });

  it.each([
    [{ days: -1, action: 'delete' }, 'days'],
    [{ days: 1.5, action: 'delete' }, 'days'],
    [{ days: '30', action: 'delete' }, 'days'],
    [{ days: 30, action: 'archive' }, 'action'],
  ])('rejects %j naming %s', async (body, path) => {
    expectProblem(await server.request('PUT', policy('lead'), body), 400, 'TRELLIS_VALIDATION', path);
  });

  it('refuses anonymise for an entity without personal fields, and unknown entities', async () => {
    expectProblem(await server.request('PUT', policy('visit'), { days: 1, action: 'anonymise' }), 400, 'TRELLIS_VALIDATION', 'action');
    expectProblem(await server.request('PUT', policy('nothing'), { days: 1, action: 'delete' }), 404, 'TRELLIS_NOT_FOUND');
  });
});

describe('applying policies', () => {
  it('run now anonymises and deletes only records unchanged for longer than the period, and reports counts', async () => {
    const oldLead = await createRecord(server, 'lead', { email: 'old@example.org', source: 'fair' });
    const newLead = await createRecord(server, 'lead', { email: 'new@example.org', source: 'web' });
    const oldVisits = [await createRecord(server, 'visit', { page: '/a' }), await createRecord(server, 'visit', { page: '/b' })];
    const newVisit = await createRecord(server, 'visit', { page: '/c' });
    await backdate('lead', oldLead);
    for (const visit of oldVisits) await backdate('visit', visit);
    expectOk(await server.request('PUT', policy('lead'), { days: 90, action: 'anonymise' }));
    expectOk(await server.request('PUT', policy('visit'), { days: 90, action: 'delete' }));

    const report = expectOk(await server.request('POST', '/api/privacy/retention/run')).data;
    expect(report).toEqual([
      { entity: 'lead', days: 90, action: 'anonymise', processed: 1 },
      { entity: 'visit', days: 90, action: 'delete', processed: 2 },
    ]);
    expect(expectOk(await server.request('GET', `/api/records/lead/${oldLead.id}`)).data).toMatchObject({ email: null, source: 'fair' });
    expect(expectOk(await server.request('GET', `/api/records/lead/${newLead.id}`)).data.email).toBe('new@example.org');
    expectProblem(await server.request('GET', `/api/records/visit/${oldVisits[0]!.id}`), 404, 'TRELLIS_NOT_FOUND');
    expectOk(await server.request('GET', `/api/records/visit/${newVisit.id}`));
    // Retention is not a person's request: their address is not put on the suppression list.
    expect(Number((await server.trellis.db.knex('trellis_suppressions').count({ n: '*' }))[0]!.n)).toBe(0);
    const again = expectOk(await server.request('POST', '/api/privacy/retention/run')).data;
    expect(again.map((outcome: { processed: number }) => outcome.processed)).toEqual([0, 0]);
  });

  it('a policy of 0 days applies to everything, through the scheduled core job too', async () => {
    await createRecord(server, 'visit', { page: '/d' });
    expectOk(await server.request('PUT', policy('visit'), { days: 0, action: 'delete' }));
    await server.trellis.jobs.enqueue(RETENTION_JOB, {});
    await server.trellis.jobs.drain();
    expect(
      await server.trellis.db
        .knex('visit')
        .count({ n: '*' })
        .then((rows) => Number(rows[0]!.n)),
    ).toBe(0);
  });
});
