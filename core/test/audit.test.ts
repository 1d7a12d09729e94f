import { ValidationError, type RecordHooks } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordHooksRegistry } from '../src/records/record-hooks.js';
import { CoreTokens } from '../src/tokens.js';
import { createEntity, createRecord, expectOk, expectProblem, pause, qs } from './support/api.js';
import { employsType } from './support/fixtures.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from './support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'deal',
    label: 'Deal',
    fields: [
      { name: 'title', type: 'text', required: true },
      { name: 'amount', type: 'integer' },
      { name: 'secret', type: 'text', sensitive: true },
    ],
  });
  await createEntity(server, { name: 'company', label: 'Company', fields: [{ name: 'name', type: 'text' }] });
  await createEntity(server, { name: 'contact', label: 'Contact', fields: [{ name: 'name', type: 'text' }] });
  expectOk(await server.request('POST', '/api/meta/relation-types', employsType()), 201);
});
afterAll(() => server?.close());

const history = async (entity: string, id: string, params: Record<string, unknown> = {}) =>
  expectOk(await server.request('GET', `/api/records/${entity}/${id}/history${qs(params)}`));
const search = async (params: Record<string, unknown>) => expectOk(await server.request('GET', `/api/audit${qs(params)}`));

/** Entries written after commit (relations) land a moment after the response. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = await read();
    if (done(value) || attempt === 50) return value;
    await pause(20);
  }
}

describe('record writes', () => {
  it('answers who changed a deal amount, when and from what, in one history call', async () => {
    const deal = await createRecord(server, 'deal', { title: 'Big one', amount: 1000 });
    expectOk(
      await server.request('PATCH', `/api/records/deal/${deal.id}`, { amount: 1500 }, { headers: { 'x-request-id': 'req-amount-1' } }),
    );
    expectOk(await server.request('PATCH', `/api/records/deal/${deal.id}`, { title: 'Bigger one' }));
    const { data } = await history('deal', deal.id);
    expect(data.map((entry: { action: string }) => entry.action)).toEqual(['record.updated', 'record.updated', 'record.created']);
    const amountChange = data.find((entry: { changes: Record<string, unknown> }) => 'amount' in entry.changes);
    expect(amountChange).toMatchObject({
      entity: 'deal',
      recordId: deal.id,
      actor: { email: ADMIN_EMAIL, via: 'bearer', plugin: null },
      requestId: 'req-amount-1',
      changes: { amount: { before: 1000, after: 1500 } },
    });
    // Only the changed field is kept.
    expect(Object.keys(amountChange.changes)).toEqual(['amount']);
    expect(Date.parse(amountChange.occurredAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(data[2].changes).toMatchObject({ title: { after: 'Big one' }, amount: { after: 1000 } });
    expect(data[2].changes.title).not.toHaveProperty('before');
  });

  it('records a delete with the values it had; admins still read it, others get 404 for unknown records', async () => {
    const deal = await createRecord(server, 'deal', { title: 'Gone', amount: 5 });
    expectOk(await server.request('DELETE', `/api/records/deal/${deal.id}`), 204);
    const { data } = await history('deal', deal.id);
    expect(data[0]).toMatchObject({ action: 'record.deleted', changes: { title: { before: 'Gone' }, amount: { before: 5 } } });
    expect(data[0].changes.title).not.toHaveProperty('after');
    expectProblem(await server.request('GET', `/api/records/deal/0190a0a0-0000-7000-8000-000000000000/history`), 404);
  });

  it('does not record an update that changes nothing', async () => {
    const deal = await createRecord(server, 'deal', { title: 'Same', amount: 1 });
    expectOk(await server.request('PATCH', `/api/records/deal/${deal.id}`, { amount: 1 }));
    expect((await history('deal', deal.id)).data).toHaveLength(1);
  });

  it('redacts the values of sensitive fields but keeps the fact they changed', async () => {
    const deal = await createRecord(server, 'deal', { title: 'Hush', secret: 'pin 1234' });
    expectOk(await server.request('PATCH', `/api/records/deal/${deal.id}`, { secret: 'pin 9999' }));
    const { data } = await history('deal', deal.id);
    expect(data[0].changes).toEqual({ secret: { before: '[redacted]', after: '[redacted]' } });
    expect(data[1].changes.secret).toEqual({ after: '[redacted]' });
    expect(JSON.stringify(data)).not.toContain('pin ');
  });

  it('leaves no entry for a write a hook rolled back', async () => {
    const registry = server.trellis.container.resolve<RecordHooksRegistry>(CoreTokens.RecordHooks);
    const refuse: RecordHooks = {
      entity: 'deal',
      afterUpdate() {
        throw ValidationError.at('amount', 'is refused');
      },
    };
    const remove = registry.add('refuser', [refuse], { services: () => ({ get: () => undefined as never }), onFailure: () => undefined });
    try {
      const deal = await createRecord(server, 'deal', { title: 'Kept', amount: 7 });
      expectProblem(await server.request('PATCH', `/api/records/deal/${deal.id}`, { amount: 8 }), 400, undefined, 'amount');
      const { data } = await history('deal', deal.id);
      expect(data.map((entry: { action: string }) => entry.action)).toEqual(['record.created']);
    } finally {
      remove();
    }
  });

  it('tells a cookie session (the admin UI) from a bearer token', async () => {
    const login = await server.request('POST', '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, { auth: false });
    expectOk(login);
    const cookies = login.headers.getSetCookie().map((line) => line.split(';')[0] as string);
    const csrf = cookies.find((pair) => pair.startsWith('trellis_csrf='))?.split('=')[1] as string;
    const response = await server.request(
      'POST',
      '/api/records/deal',
      { title: 'From the UI' },
      { auth: false, headers: { cookie: cookies.join('; '), 'x-csrf-token': csrf } },
    );
    const deal = expectOk(response, 201).data;
    const { data } = await history('deal', deal.id);
    expect(data[0].actor.via).toBe('cookie');
    expect(data[0].requestId).toBe(response.headers.get('x-request-id'));
  });

  it('pages a long history newest first', async () => {
    const deal = await createRecord(server, 'deal', { title: 'Paged', amount: 0 });
    for (let amount = 1; amount <= 4; amount++) expectOk(await server.request('PATCH', `/api/records/deal/${deal.id}`, { amount }));
    const first = await history('deal', deal.id, { limit: 2 });
    const second = await history('deal', deal.id, { limit: 2, cursor: first.page.next });
    const third = await history('deal', deal.id, { limit: 2, cursor: second.page.next });
    const amounts = [...first.data, ...second.data, ...third.data].map((entry) => entry.changes.amount.after);
    expect(amounts).toEqual([4, 3, 2, 1, 0]);
    expect(third.page.next).toBeNull();
    expectProblem(await server.request('GET', `/api/records/deal/${deal.id}/history?limit=0`), 400, undefined, 'limit');
    expectProblem(await server.request('GET', `/api/records/deal/${deal.id}/history?cursor=nope`), 400, undefined, 'cursor');
  });
});

describe('relations and metadata', () => {
  it('records relations added and removed on the subject record', async () => {
    const company = await createRecord(server, 'company', { name: 'Acme' });
    const contact = await createRecord(server, 'contact', { name: 'Ada' });
    const added = expectOk(
      await server.request('POST', `/api/records/company/${company.id}/relations`, {
        type: 'employs',
        object: { entity: 'contact', id: contact.id },
      }),
      201,
    ).data;
    expectOk(await server.request('DELETE', `/api/records/company/${company.id}/relations/${added.id}`), 204);
    const { data } = await eventually(
      () => history('company', company.id),
      (page) => page.data.length === 3,
    );
    expect(data.map((entry: { action: string }) => entry.action)).toEqual(['relation.removed', 'relation.added', 'record.created']);
    expect(data[1]).toMatchObject({
      actor: { email: ADMIN_EMAIL, via: 'bearer' },
      details: { relationId: added.id, type: 'employs', object: { entity: 'contact', id: contact.id } },
    });
  });

  it('records entity and field creation, change and drop', async () => {
    await createEntity(server, { name: 'gadget', label: 'Gadget', fields: [{ name: 'name', type: 'text' }] });
    expectOk(await server.request('PATCH', '/api/meta/entities/gadget', { label: 'Gizmo' }));
    expectOk(await server.request('POST', '/api/meta/entities/gadget/fields', { name: 'size', type: 'integer' }), 201);
    expectOk(await server.request('PATCH', '/api/meta/entities/gadget/fields/size', { label: 'Size (cm)' }));
    expectOk(await server.request('DELETE', '/api/meta/entities/gadget/fields/size?confirm=size'), 204);
    expectOk(await server.request('DELETE', '/api/meta/entities/gadget?confirm=gadget'), 204);
    const { data } = await search({ entity: 'gadget', action: 'metadata.*' });
    expect(data.map((entry: { action: string }) => entry.action)).toEqual([
      'metadata.entity_dropped',
      'metadata.field_dropped',
      'metadata.field_updated',
      'metadata.field_added',
      'metadata.entity_updated',
      'metadata.entity_created',
    ]);
    expect(data[2]).toMatchObject({ actor: { email: ADMIN_EMAIL }, details: { field: 'size', changes: { label: 'Size (cm)' } } });
  });

  it('records relation type creation, change and deletion', async () => {
    const body = { key: 'mentors', label: 'mentors', symmetric: { key: 'mentored_by', label: 'is mentored by' } };
    expectOk(await server.request('POST', '/api/meta/relation-types', body), 201);
    expectOk(await server.request('PATCH', '/api/meta/relation-types/mentors', { fields: [{ name: 'topic', type: 'text' }] }));
    expectOk(await server.request('DELETE', '/api/meta/relation-types/mentors'), 204);
    const { data } = await search({ action: 'metadata.relation_type_*' });
    const mentors = data.filter((entry: { details: { key: string } }) => entry.details.key === 'mentors');
    expect(mentors.map((entry: { action: string; details: { key: string } }) => [entry.action, entry.details.key])).toEqual([
      ['metadata.relation_type_deleted', 'mentors'],
      ['metadata.relation_type_updated', 'mentors'],
      ['metadata.relation_type_created', 'mentors'],
    ]);
    expect(mentors[1]).toMatchObject({ actor: { email: ADMIN_EMAIL }, details: { fields: ['topic'] } });
  });
});

describe('the admin query', () => {
  it('filters by action, entity, record, actor, source and time', async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    const deal = await createRecord(server, 'deal', { title: 'Filtered' });
    const admin = (await search({ recordId: deal.id })).data[0].actor.userId as string;
    expect((await search({ action: 'record.created', entity: 'deal', recordId: deal.id })).data).toHaveLength(1);
    expect((await search({ action: 'record.deleted', recordId: deal.id })).data).toHaveLength(0);
    expect((await search({ actor: admin, recordId: deal.id, source: 'bearer', from: start })).data).toHaveLength(1);
    expect((await search({ actor: ADMIN_EMAIL, recordId: deal.id })).data).toHaveLength(1);
    expect((await search({ recordId: deal.id, source: 'cookie' })).data).toHaveLength(0);
    expect((await search({ recordId: deal.id, to: start })).data).toHaveLength(0);
    const page = await search({ limit: 1 });
    expect(page.data).toHaveLength(1);
    expect(page.page.next).toEqual(expect.any(String));
  });

  it('names the bad parameter', async () => {
    for (const [query, path] of [
      ['source=phone', 'source'],
      ['from=yesterday', 'from'],
      ['to=2024-13-45', 'to'],
      ['limit=1000', 'limit'],
      ['cursor=%%%', 'cursor'],
      ['colour=red', 'colour'],
      ['entity=', 'entity'],
      ['from=2025-01-02&to=2025-01-01', 'to'],
    ] as const) {
      expectProblem(await server.request('GET', `/api/audit?${query}`), 400, undefined, path);
    }
  });

  it('is append-only through the API', async () => {
    const deal = await createRecord(server, 'deal', { title: 'Fixed' });
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      expectProblem(await server.request(method, '/api/audit', {}), 405);
      expectProblem(await server.request(method, `/api/records/deal/${deal.id}/history`, {}), 405);
    }
  });
});
