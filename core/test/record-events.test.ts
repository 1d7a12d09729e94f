import { ValidationError, type DomainEvent } from '@trellis/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DomainEvents } from '../src/events/domain-events.js';
import { createLogger } from '../src/logger.js';
import type { RecordHooksRegistry } from '../src/records/record-hooks.js';
import { CoreTokens } from '../src/tokens.js';
import { createEntity, createRecord, expectOk, expectProblem } from './support/api.js';
import { COLLEAGUE_TYPE } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let events: DomainEvent[] = [];
/** For each event, whether its record was stored (as the event says) when it was announced. */
let committed: boolean[] = [];
let cleanup: Array<() => void> = [];

const ADMIN = { userId: expect.any(String), email: 'admin@example.com', isAdmin: true, via: 'bearer' };

function bus(): DomainEvents {
  return server.trellis.container.resolve<DomainEvents>(CoreTokens.Events);
}

/** Whether the database holds the record with the given score right now (another connection's view). */
async function stored(entity: string, id: string, score: unknown): Promise<boolean> {
  const row = await server.trellis.db.knex(entity).where({ id }).first<{ score: number } | undefined>('score');
  return score === undefined ? row === undefined : row?.score === score;
}

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'contact',
    label: 'Contact',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'score', type: 'integer' },
      { name: 'tags', type: 'multi_select', options: { choices: ['a', 'b'] } },
    ],
  });
  expectOk(await server.request('POST', '/api/meta/relation-types', COLLEAGUE_TYPE), 201);
});
afterAll(() => server?.close());
afterEach(() => {
  cleanup.forEach((stop) => stop());
  cleanup = [];
  events = [];
  committed = [];
});

/** Records every event; checks, as it is announced, that the change is visible to others. */
function listen(): void {
  cleanup.push(
    bus().onAny(async (event) => {
      events.push(event);
      if (!('entity' in event)) return;
      if (event.type === 'record.created' || event.type === 'record.updated')
        committed.push(await stored(event.entity, event.record.id, event.record.score));
      if (event.type === 'record.deleted') committed.push(await stored(event.entity, event.record.id, undefined));
    }),
  );
}

const recordEvents = () => events.filter((event) => event.type.startsWith('record.'));

describe('record events', () => {
  it('record.created for each record, after commit, with the actor', async () => {
    listen();
    const one = await createRecord(server, 'contact', { name: 'Ada', score: 1 });
    const many = expectOk(
      await server.request('POST', '/api/records/contact', [
        { name: 'Bo', score: 2 },
        { name: 'Cy', score: 3 },
      ]),
      201,
    ).data;
    await vi.waitFor(() => expect(committed).toHaveLength(3));
    expect(events).toEqual([one, ...many].map((record) => ({ type: 'record.created', entity: 'contact', record, actor: ADMIN })));
    expect(committed).toEqual([true, true, true]);
  });

  it('record.updated names the changed fields, with the record before and after', async () => {
    const ada = await createRecord(server, 'contact', { name: 'Ada', score: 1, tags: ['a'] });
    listen();
    const after = expectOk(
      await server.request('PATCH', `/api/records/contact/${ada.id}`, { score: 5, tags: ['a', 'b'], name: 'Ada' }),
    ).data;
    await vi.waitFor(() => expect(committed).toHaveLength(1));
    expect(events).toEqual([
      { type: 'record.updated', entity: 'contact', changed: ['score', 'tags'], before: ada, record: after, actor: ADMIN },
    ]);
    expect(committed).toEqual([true]);
  });

  it('nothing for an update that changes no value', async () => {
    const ada = await createRecord(server, 'contact', { name: 'Same', score: 1, tags: ['a'] });
    listen();
    expectOk(await server.request('PATCH', `/api/records/contact/${ada.id}`, { score: 1, tags: ['a'] }));
    expectOk(await server.request('PATCH', `/api/records/contact/${ada.id}`, {}));
    await createRecord(server, 'contact', { name: 'Marker' });
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events.map((event) => event.type)).toEqual(['record.created']);
  });

  it('record.deleted carries the record as it was, after its relations are removed', async () => {
    const ada = await createRecord(server, 'contact', { name: 'Leaving', score: 7 });
    const bo = await createRecord(server, 'contact', { name: 'Staying' });
    expectOk(
      await server.request('POST', `/api/records/contact/${ada.id}/relations`, {
        type: 'colleague_of',
        object: { entity: 'contact', id: bo.id },
      }),
      201,
    );
    listen();
    expect((await server.request('DELETE', `/api/records/contact/${ada.id}`)).status).toBe(204);
    await vi.waitFor(() => expect(committed).toHaveLength(1));
    expect(events.map((event) => event.type)).toEqual(['relation.removed', 'record.deleted']);
    expect(events[1]).toEqual({ type: 'record.deleted', entity: 'contact', record: ada, actor: ADMIN });
    expect(committed).toEqual([true]);
  });

  it('nothing for writes that were refused or rolled back', async () => {
    const ada = await createRecord(server, 'contact', { name: 'Guarded', score: 1 });
    const registry = server.trellis.container.resolve<RecordHooksRegistry>(CoreTokens.RecordHooks);
    cleanup.push(
      registry.add(
        'guard',
        [
          {
            entity: 'contact',
            async afterCreate(record, ctx) {
              // A write of the hook itself: rolled back with the rest.
              await ctx.records.update('contact', ada.id, { score: 99 });
              if (record.name === 'Refused') throw ValidationError.at('name', 'is refused');
            },
          },
        ],
        {
          services: () => ({
            get: () => {
              throw new Error('unused');
            },
          }),
          onFailure: () => undefined,
        },
      ),
    );
    listen();
    expectProblem(await server.request('POST', '/api/records/contact', { name: 'Refused' }), 400, 'TRELLIS_VALIDATION', 'name');
    expectProblem(await server.request('POST', '/api/records/contact', [{ name: 'Fine' }, { name: 'Bad', score: 'x' }]), 400);
    expectProblem(await server.request('PATCH', `/api/records/contact/${ada.id}`, { score: 'x' }), 400);
    expect((await server.request('DELETE', '/api/records/contact/0190a000-0000-7000-8000-000000000000')).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual([]);
    expect(expectOk(await server.request('GET', `/api/records/contact/${ada.id}`)).data.score).toBe(1);
  });

  it('writes made by a hook are announced too, once the whole transaction committed', async () => {
    const ada = await createRecord(server, 'contact', { name: 'Counter', score: 0 });
    const registry = server.trellis.container.resolve<RecordHooksRegistry>(CoreTokens.RecordHooks);
    cleanup.push(
      registry.add(
        'bump',
        [
          {
            entity: 'contact',
            async afterCreate(record, ctx) {
              if (record.id !== ada.id) await ctx.records.update('contact', ada.id, { score: 1 });
            },
          },
        ],
        {
          services: () => ({
            get: () => {
              throw new Error('unused');
            },
          }),
          onFailure: () => undefined,
        },
      ),
    );
    listen();
    const bo = await createRecord(server, 'contact', { name: 'Trigger' });
    await vi.waitFor(() => expect(committed).toHaveLength(2));
    expect(recordEvents().map((event) => [event.type, 'record' in event ? event.record.id : null])).toEqual([
      ['record.updated', ada.id],
      ['record.created', bo.id],
    ]);
    expect(committed).toEqual([true, true]);
  });
});

describe('relation events on the bus', () => {
  it('relation.added and relation.removed', async () => {
    const ada = await createRecord(server, 'contact', { name: 'Rel A' });
    const bo = await createRecord(server, 'contact', { name: 'Rel B' });
    listen();
    const relation = expectOk(
      await server.request('POST', `/api/records/contact/${ada.id}/relations`, {
        type: 'colleague_of',
        object: { entity: 'contact', id: bo.id },
      }),
      201,
    ).data;
    expect((await server.request('DELETE', `/api/records/contact/${ada.id}/relations/${relation.id}`)).status).toBe(204);
    await vi.waitFor(() => expect(events).toHaveLength(2));
    expect(events.map((event) => [event.type, 'relation' in event ? event.relation.id : null])).toEqual([
      ['relation.added', relation.id],
      ['relation.removed', relation.id],
    ]);
  });
});

describe('listens', () => {
  it('tells whether anyone would hear a type, so writers skip events nobody hears', () => {
    const events = new DomainEvents(createLogger('silent'));
    expect(events.listens('record.updated')).toBe(false);
    const stop = events.on('record.updated', () => undefined);
    expect(events.listens('record.updated')).toBe(true);
    expect(events.listens('record.created')).toBe(false);
    stop();
    const stopAny = events.onAny(() => undefined);
    expect(events.listens('record.created')).toBe(true);
    stopAny();
    expect(events.listens('record.created')).toBe(false);
  });

  it('a listener to every event may narrow its interest, and hears only what it wants', () => {
    const events = new DomainEvents(createLogger('silent'));
    const heard: string[] = [];
    const wanted = new Set(['record.created']);
    events.onAny(
      (event) => void heard.push(event.type),
      (type) => wanted.has(type),
    );
    expect([events.listens('record.created'), events.listens('record.updated')]).toEqual([true, false]);
    events.emit({ type: 'sales.deal_won', plugin: 'sales', payload: {} });
    events.emit({ type: 'relation.removed', relation: {} as never });
    wanted.add('relation.removed');
    events.emit({ type: 'relation.removed', relation: {} as never });
    expect(heard).toEqual(['relation.removed']);
  });
});
