import { Tokens, ValidationError, type TimelineEntry } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginActor } from '../src/auth/actor.js';
import type { RecordHooksRegistry } from '../src/records/record-hooks.js';
import { timelineApi } from '../src/timeline/timeline-api.js';
import type { TimelineService } from '../src/timeline/timeline-service.js';
import { CoreTokens } from '../src/tokens.js';
import { createEntity, createRecord, expectOk, expectProblem, qs, type Rec } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let ada: Rec;
let bo: Rec;

const MISSING = '0190a000-0000-7000-8000-000000000000';
const path = (record: Rec, entity = 'contact') => `/api/records/${entity}/${record.id}/timeline`;
const post = (record: Rec, body: unknown) => server.request('POST', path(record), body);
const service = () => server.trellis.container.resolve<TimelineService>(CoreTokens.Timeline);

/** Every entry of a record's timeline, following `page.next`. */
async function all(record: Rec, limit: number): Promise<{ entries: TimelineEntry[]; pages: number }> {
  const entries: TimelineEntry[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages < 100; pages++) {
    const body = expectOk(await server.request('GET', `${path(record)}${qs({ limit, cursor })}`));
    entries.push(...body.data);
    if (!body.page.next) return { entries, pages };
    cursor = body.page.next;
  }
  throw new Error('the timeline never ended');
}

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, { name: 'contact', label: 'Contact', fields: [{ name: 'name', type: 'text' }] });
  ada = await createRecord(server, 'contact', { name: 'Ada' });
  bo = await createRecord(server, 'contact', { name: 'Bo' });
});
afterAll(() => server?.close());

describe('posting', () => {
  it('a user adds a note: 201 with the entry as stored', async () => {
    const body = { kind: 'note', title: 'Called back', body: 'Wants a demo next week', data: { minutes: 4, tags: ['demo'] } };
    const entry = expectOk(await post(ada, body), 201).data;
    expect(entry).toMatchObject({
      ...body,
      record: { entity: 'contact', id: ada.id },
      plugin: null,
      actor: { userId: expect.any(String), email: 'admin@example.com', isAdmin: true, via: 'bearer' },
    });
    expect(entry.occurred_at).toBe(entry.created_at);
    expect(expectOk(await server.request('GET', path(ada))).data[0]).toEqual(entry);
  });

  it('keeps a given occurredAt, in UTC', async () => {
    const entry = expectOk(await post(bo, { kind: 'call', title: 'Inbound call', occurredAt: '2024-03-01T10:00:00+02:00' }), 201).data;
    expect(entry).toMatchObject({ occurred_at: '2024-03-01T08:00:00.000Z', body: null, data: {} });
  });

  it('a plugin posts through the SDK TimelineApi, as itself', async () => {
    const timeline = timelineApi(service(), pluginActor('sales', 'job'), 'sales');
    const entry = await timeline.post({ record: { entity: 'contact', id: bo.id }, kind: 'stage_change', title: 'Lead → Qualified' });
    expect(entry).toMatchObject({ plugin: 'sales', actor: { userId: null, isAdmin: true, via: 'job', plugin: 'sales' } });
    const listed = await timeline.list({ entity: 'contact', id: bo.id }, { limit: 1 });
    expect(listed.data).toEqual([entry]);
  });

  it('404 for a record or an entity that does not exist', async () => {
    expectProblem(
      await server.request('POST', `/api/records/contact/${MISSING}/timeline`, { kind: 'note', title: 'x' }),
      404,
      'TRELLIS_NOT_FOUND',
    );
    expectProblem(await server.request('GET', `/api/records/contact/${MISSING}/timeline`), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('POST', `/api/records/nothing/${ada.id}/timeline`, { kind: 'note', title: 'x' }), 404);
    await expect(
      timelineApi(service(), pluginActor('sales'), 'sales').post({ record: { entity: 'contact', id: MISSING }, kind: 'note', title: 'x' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it.each([
    [{ title: 'no kind' }, 'kind'],
    [{ kind: 'Phone Call', title: 'x' }, 'kind'],
    [{ kind: 'note' }, 'title'],
    [{ kind: 'note', title: '' }, 'title'],
    [{ kind: 'note', title: '   ' }, 'title'],
    [{ kind: 'note', title: 'x'.repeat(501) }, 'title'],
    [{ kind: 'note', title: 'x', body: 'x'.repeat(20_001) }, 'body'],
    [{ kind: 'note', title: 'x', body: 42 }, 'body'],
    [{ kind: 'note', title: 'x', occurredAt: 'yesterday' }, 'occurredAt'],
    [{ kind: 'note', title: 'x', occurredAt: '2024-03-01T10:00:00' }, 'occurredAt'],
    [{ kind: 'note', title: 'x', occurredAt: '2024-12-31T23:59:60Z' }, 'occurredAt'],
    [{ kind: 'note', title: 'x', data: [1, 2] }, 'data'],
    [{ kind: 'note', title: 'x', data: { blob: 'x'.repeat(70_000) } }, 'data'],
    [{ kind: 'note', title: 'x', record: { entity: 'contact', id: MISSING } }, 'record'],
    [{ kind: 'note', title: 'x', colour: 'red' }, 'colour'],
  ])('400 naming the field for %j', async (body, field) => {
    const before = (await all(ada, 200)).entries.length;
    expectProblem(await post(ada, body), 400, 'TRELLIS_VALIDATION', field);
    expect((await all(ada, 200)).entries).toHaveLength(before);
  });

  it('reports every problem of a body at once', async () => {
    const body = expectProblem(await post(ada, { kind: 'Phone call', title: '', occurredAt: 'now' }), 400, 'TRELLIS_VALIDATION');
    expect(body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['kind', 'occurredAt', 'title']);
  });

  it('400 for a body that is not an object', async () => {
    expectProblem(await post(ada, ['note']), 400, 'TRELLIS_VALIDATION', 'body');
  });
});

describe('listing', () => {
  it('pages newest first, without skipping or repeating, ties broken by id', async () => {
    const carol = await createRecord(server, 'contact', { name: 'Carol' });
    const times = ['2024-01-05', '2024-01-01', '2024-01-03', '2024-01-03', '2024-01-03', '2024-01-04', '2024-01-02'];
    const posted: TimelineEntry[] = [];
    for (const [index, day] of times.entries())
      posted.push(expectOk(await post(carol, { kind: 'note', title: `n${index}`, occurredAt: `${day}T12:00:00Z` }), 201).data);
    const expected = [...posted].sort((a, b) =>
      a.occurred_at === b.occurred_at ? (a.id < b.id ? 1 : -1) : a.occurred_at < b.occurred_at ? 1 : -1,
    );
    const { entries, pages } = await all(carol, 2);
    expect(pages).toBe(4);
    expect(entries.map((entry) => entry.title)).toEqual(expected.map((entry) => entry.title));
    expect(entries[0]?.title).toBe('n0');
  });

  it('only lists the record’s own entries', async () => {
    const { entries } = await all(bo, 200);
    expect(entries.every((entry) => entry.record.id === bo.id)).toBe(true);
    expect(entries.length).toBeGreaterThan(0);
  });

  it('400 for a bad limit or cursor', async () => {
    expectProblem(await server.request('GET', `${path(ada)}?limit=0`), 400, 'TRELLIS_VALIDATION', 'limit');
    expectProblem(await server.request('GET', `${path(ada)}?limit=201`), 400, 'TRELLIS_VALIDATION', 'limit');
    expectProblem(await server.request('GET', `${path(ada)}?limit=ten`), 400, 'TRELLIS_VALIDATION', 'limit');
    expectProblem(await server.request('GET', `${path(ada)}?cursor=garbage`), 400, 'TRELLIS_VALIDATION', 'cursor');
  });
});

describe('with records', () => {
  it('deleting a record deletes its entries, and only its', async () => {
    const gone = await createRecord(server, 'contact', { name: 'Gone' });
    expectOk(await post(gone, { kind: 'note', title: 'soon gone' }), 201);
    expectOk(await post(gone, { kind: 'note', title: 'also gone' }), 201);
    const others = (await all(ada, 200)).entries.length;
    expect((await server.request('DELETE', `/api/records/contact/${gone.id}`)).status).toBe(204);
    const left = await server.trellis.db.knex('trellis_timeline').where({ record_id: gone.id });
    expect(left).toEqual([]);
    expect((await all(ada, 200)).entries).toHaveLength(others);
  });

  it('a hook posts in the write’s transaction: kept with it, gone when it rolls back', async () => {
    const registry = server.trellis.container.resolve<RecordHooksRegistry>(CoreTokens.RecordHooks);
    const remove = registry.add(
      'greeter',
      [
        {
          entity: 'contact',
          async afterCreate(record, ctx) {
            const title = `Welcome ${String(record.name)}`;
            await ctx.services.get(Tokens.Timeline).post({ record: { entity: 'contact', id: record.id }, kind: 'welcome', title });
            if (record.name === 'Refused') throw ValidationError.at('name', 'is refused');
          },
        },
      ],
      {
        // As the plugin host does: the timeline joins the write's transaction.
        services: (scope) => ({ get: <T>() => timelineApi(service(), scope.actor, 'greeter', scope.transaction) as T }),
        onFailure: () => undefined,
      },
    );
    try {
      const kept = await createRecord(server, 'contact', { name: 'Kept' });
      expect((await all(kept, 10)).entries.map((entry) => [entry.title, entry.plugin])).toEqual([['Welcome Kept', 'greeter']]);
      expectProblem(await server.request('POST', '/api/records/contact', { name: 'Refused' }), 400, 'TRELLIS_VALIDATION', 'name');
      expect(await server.trellis.db.knex('trellis_timeline').where({ title: 'Welcome Refused' })).toEqual([]);
    } finally {
      remove();
    }
  });

  it('the OpenAPI document describes the timeline paths', async () => {
    const document = expectOk(await server.request('GET', '/api/openapi.json'));
    const paths = document.paths['/api/records/contact/{id}/timeline'];
    expect(paths.get.operationId).toBe('listContactTimeline');
    expect(paths.post.operationId).toBe('postContactTimelineEntry');
    expect(document.components.schemas.TimelineEntry.required).toContain('occurred_at');
  });
});
