import { Tokens, ValidationError, type RecordHooks, type RecordsApi, type Services, type TrellisRecord } from '@trellis/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordHookScope, RecordHooksRegistry } from '../src/records/record-hooks.js';
import { CoreTokens } from '../src/tokens.js';
import { count, createEntity, createRecord, expectOk, expectProblem, snapshot } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let removers: Array<() => void> = [];
let failures: Array<{ plugin: string; error: unknown }> = [];

/** Services exposing only the hook's records, as the plugin host would. */
function servicesOf(records: RecordsApi): Services {
  return {
    get<T>(token: symbol): T {
      if (token === Tokens.Records) return records as T;
      throw new Error(`no service ${String(token)} in this test`);
    },
  };
}

/** Registers hooks as a plugin; removed after each test. */
function register(plugin: string, ...hooks: RecordHooks[]): () => void {
  const registry = server.trellis.container.resolve<RecordHooksRegistry>(CoreTokens.RecordHooks);
  const remove = registry.add(plugin, hooks, {
    services: (scope: RecordHookScope) => servicesOf(scope.records),
    onFailure: (error) => void failures.push({ plugin, error }),
  });
  removers.push(remove);
  return remove;
}

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'note',
    label: 'Note',
    fields: [
      { name: 'message', type: 'text', required: true },
      { name: 'score', type: 'integer' },
    ],
  });
  await createEntity(server, { name: 'audit', label: 'Audit', fields: [{ name: 'text', type: 'text', required: true }] });
});
afterAll(() => server?.close());
afterEach(() => {
  removers.forEach((remove) => remove());
  removers = [];
  failures = [];
});

const post = (entity: string, body: unknown) => server.request('POST', `/api/records/${entity}`, body);

describe('before hooks', () => {
  it('change the data about to be written, on create and update', async () => {
    let seenBefore: TrellisRecord | undefined;
    register('tidy', {
      entity: 'note',
      beforeCreate(data) {
        if (typeof data.message === 'string') data.message = data.message.trim();
        data.score ??= 1;
      },
      beforeUpdate(changes, ctx) {
        seenBefore = ctx.before;
        if (typeof changes.score === 'number') changes.score *= 10;
      },
    });
    const created = expectOk(await post('note', { message: '  spaced  ' }), 201).data;
    expect(created).toMatchObject({ message: 'spaced', score: 1 });
    expect(expectOk(await server.request('GET', `/api/records/note/${created.id}`)).data).toMatchObject({ message: 'spaced', score: 1 });
    const updated = expectOk(await server.request('PATCH', `/api/records/note/${created.id}`, { score: 4 })).data;
    expect(updated.score).toBe(40);
    expect(seenBefore).toMatchObject({ id: created.id, score: 1 });
  });

  it('reject with a ValidationError: a 400 naming the field, nothing written', async () => {
    register('strict', {
      entity: 'note',
      beforeCreate(data) {
        if (data.message === 'forbidden') throw ValidationError.at('message', 'must not be "forbidden"');
      },
    });
    const before = await count(server, 'note');
    const body = expectProblem(await post('note', { message: 'forbidden' }), 400, 'TRELLIS_VALIDATION', 'message');
    expect(body.errors[0].message).toBe('must not be "forbidden"');
    expect(await count(server, 'note')).toBe(before);
  });

  it('setting a bad value is a 400 naming the field: core checks the input again', async () => {
    register('sloppy', {
      entity: 'note',
      beforeCreate(data) {
        data.score = 'lots';
      },
    });
    expectProblem(await post('note', { message: 'checked again' }), 400, 'TRELLIS_VALIDATION', 'score');
    expect(await count(server, 'note', { filter: { message: { eq: 'checked again' } } })).toBe(0);
  });

  it('refuse a delete and the record stays', async () => {
    const note = await createRecord(server, 'note', { message: 'keep me' });
    register('keeper', {
      entity: 'note',
      beforeDelete(record) {
        if (record.message === 'keep me') throw ValidationError.at('id', 'this note is kept');
      },
    });
    expectProblem(await server.request('DELETE', `/api/records/note/${note.id}`), 400, 'TRELLIS_VALIDATION', 'id');
    expectOk(await server.request('GET', `/api/records/note/${note.id}`));
  });
});

describe('after hooks and ctx.records', () => {
  it('write another record in the same transaction, and see their own write', async () => {
    const seen: unknown[] = [];
    register('auditor', {
      entity: 'note',
      async afterCreate(record, ctx) {
        seen.push(await ctx.records.get('note', record.id));
        await ctx.records.create('audit', { text: `created ${record.id} by ${ctx.plugin} for ${ctx.actor.email}` });
      },
    });
    const note = expectOk(await post('note', { message: 'audited' }), 201).data;
    expect(seen).toEqual([note]);
    const audits = await snapshot(server, 'audit');
    expect(audits.map((a) => a.text)).toContain(`created ${note.id} by auditor for admin@example.com`);
    // The hook acts as the signed-in user.
    expect(audits.find((a) => a.text.includes(note.id))?.created_by).toBe(note.created_by);
  });

  it('roll back both writes when the hook fails after writing', async () => {
    register('half', {
      entity: 'note',
      async afterCreate(record, ctx) {
        await ctx.records.create('audit', { text: `orphan ${String(record.message)}` });
        throw ValidationError.at('message', 'changed my mind');
      },
    });
    const notes = await snapshot(server, 'note');
    expectProblem(await post('note', { message: 'never' }), 400, 'TRELLIS_VALIDATION', 'message');
    expect(await snapshot(server, 'note')).toEqual(notes);
    expect(await count(server, 'audit', { filter: { text: { eq: 'orphan never' } } })).toBe(0);
  });

  it('run on update with before and changed, and on delete with the record as it was', async () => {
    const calls: unknown[] = [];
    const note = await createRecord(server, 'note', { message: 'watched', score: 1 });
    register('watcher', {
      entity: 'note',
      afterUpdate(record, ctx) {
        calls.push(['afterUpdate', ctx.before.score, record.score, ctx.changed]);
      },
      async afterDelete(record, ctx) {
        calls.push(['afterDelete', record.message]);
        // Gone inside the transaction already.
        await expect(ctx.records.get('note', record.id)).rejects.toMatchObject({ status: 404 });
      },
    });
    expectOk(await server.request('PATCH', `/api/records/note/${note.id}`, { score: 2 }));
    expect((await server.request('DELETE', `/api/records/note/${note.id}`)).status).toBe(204);
    expect(calls).toEqual([
      ['afterUpdate', 1, 2, ['score']],
      ['afterDelete', 'watched'],
    ]);
  });
});

describe('a hook that throws something else', () => {
  it('answers 500 naming the plugin, reports it, writes nothing; writes work once its hooks are removed', async () => {
    const remove = register('buggy', {
      entity: 'note',
      beforeCreate() {
        throw new Error('undefined is not a function');
      },
    });
    const before = await count(server, 'note');
    const body = expectProblem(await post('note', { message: 'boom' }), 500, 'TRELLIS_PLUGIN_HOOK_FAILED');
    expect(body.detail).toContain('"buggy"');
    expect(JSON.stringify(body)).not.toContain('undefined is not a function');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ plugin: 'buggy', error: { message: 'undefined is not a function' } });
    expect(await count(server, 'note')).toBe(before);
    remove();
    expectOk(await post('note', { message: 'fine again' }), 201);
  });

  it('blames the plugin whose hook failed, even inside another plugin’s write', async () => {
    register('outer', {
      entity: 'note',
      async afterCreate(record, ctx) {
        await ctx.records.create('audit', { text: `from ${record.id}` });
      },
    });
    register('inner', {
      entity: 'audit',
      afterCreate() {
        throw new TypeError('broken audit hook');
      },
    });
    const before = { notes: await count(server, 'note'), audits: await count(server, 'audit') };
    const body = expectProblem(await post('note', { message: 'nested' }), 500, 'TRELLIS_PLUGIN_HOOK_FAILED');
    expect(body.detail).toContain('"inner"');
    expect(failures.map((f) => f.plugin)).toEqual(['inner']);
    expect({ notes: await count(server, 'note'), audits: await count(server, 'audit') }).toEqual(before);
  });
});

describe('bulk create', () => {
  it('runs the hooks once per record', async () => {
    const seen: string[] = [];
    register('counter', {
      entity: 'note',
      beforeCreate(data) {
        seen.push(`before ${String(data.message)}`);
        data.message = String(data.message).toUpperCase();
      },
      afterCreate(record) {
        seen.push(`after ${String(record.message)}`);
      },
    });
    const created = expectOk(await post('note', [{ message: 'a' }, { message: 'b' }, { message: 'c' }]), 201).data;
    expect(created.map((r: TrellisRecord) => r.message)).toEqual(['A', 'B', 'C']);
    expect(seen).toEqual(['before a', 'before b', 'before c', 'after A', 'after B', 'after C']);
  });

  it('is all or nothing when a hook refuses one record, and names it', async () => {
    register('picky', {
      entity: 'note',
      beforeCreate(data) {
        if (data.message === 'bad') throw ValidationError.at('message', 'is refused');
      },
    });
    const notes = await snapshot(server, 'note');
    const body = expectProblem(await post('note', [{ message: 'ok 1' }, { message: 'ok 2' }, { message: 'bad' }]), 400);
    expect(body.errors).toEqual([{ path: '[2].message', message: 'is refused' }]);
    expect(await snapshot(server, 'note')).toEqual(notes);
  });
});

describe('registration', () => {
  it("'*' hooks watch every entity", async () => {
    const entities: string[] = [];
    register('everything', {
      entity: '*',
      afterCreate(_record, ctx) {
        entities.push(ctx.entity);
      },
    });
    await createRecord(server, 'note', { message: 'star' });
    await createRecord(server, 'audit', { text: 'star' });
    expect(entities).toEqual(['note', 'audit']);
  });

  it('hooks run in registration order and stop once removed', async () => {
    const order: string[] = [];
    const removeFirst = register('first', { entity: 'note', beforeCreate: () => void order.push('first') });
    register('second', { entity: 'note', beforeCreate: () => void order.push('second') });
    await createRecord(server, 'note', { message: 'ordered' });
    expect(order).toEqual(['first', 'second']);
    removeFirst();
    await createRecord(server, 'note', { message: 'ordered again' });
    expect(order).toEqual(['first', 'second', 'second']);
  });
});
