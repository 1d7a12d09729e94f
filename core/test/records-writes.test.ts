import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createEntity, createRecord, expectOk, expectProblem, listAll, snapshot, type Rec } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

const BODY_LIMIT = 256 * 1024;
const BULK_LIMIT = 1500;

let server: TestServer;
let acme: Rec;

beforeAll(async () => {
  server = await startTestServer({ config: { bodyLimitBytes: BODY_LIMIT, bulkLimit: BULK_LIMIT } });
  await createEntity(server, {
    name: 'company',
    label: 'Company',
    fields: [{ name: 'name', type: 'text', required: true }],
  });
  await createEntity(server, {
    name: 'contact',
    label: 'Contact',
    fields: [
      { name: 'first_name', type: 'text' },
      { name: 'last_name', type: 'text' },
      { name: 'email', type: 'email', unique: true },
      { name: 'score', type: 'integer' },
      { name: 'company', type: 'lookup', options: { target: 'company' } },
    ],
  });
  acme = await createRecord(server, 'company', { name: 'Acme' });
  for (let i = 0; i < 5; i++)
    await createRecord(server, 'contact', { first_name: `Seed${i}`, email: `seed${i}@example.com`, company: acme.id });
});
afterAll(() => server?.close());

/** Runs a request that must fail, then proves the contacts are exactly as they were. */
async function unchanged(run: () => Promise<void>): Promise<void> {
  const before = await snapshot(server, 'contact');
  await run();
  expect(await snapshot(server, 'contact')).toEqual(before);
}

const contacts = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ first_name: `${tag}${i}`, email: `${tag.toLowerCase()}${i}@example.com`, score: i }));

describe('bulk create', () => {
  it('creates every record of an array in order', async () => {
    const input = contacts(100, 'Bulk');
    const created = expectOk(await server.request('POST', '/api/records/contact', input), 201).data;
    expect(created).toHaveLength(100);
    created.forEach((record: Rec, i: number) => expect(record).toMatchObject(input[i]!));
    expect(await count(server, 'contact', { filter: { first_name: { startsWith: 'Bulk' } } })).toBe(100);
  });

  it('creates more records than fit in one SQL statement', async () => {
    const input = contacts(1200, 'Big');
    const created = expectOk(await server.request('POST', '/api/records/contact', input), 201).data;
    expect(created).toHaveLength(1200);
    expect(new Set(created.map((r: Rec) => r.id)).size).toBe(1200);
    expect(await count(server, 'contact', { filter: { first_name: { startsWith: 'Big' } } })).toBe(1200);
  });

  it('writes nothing when one record of 100 is invalid, and names it', async () => {
    await unchanged(async () => {
      const input: Record<string, unknown>[] = contacts(100, 'Bad');
      input[57] = { ...input[57], score: 'lots' };
      const body = expectProblem(await server.request('POST', '/api/records/contact', input), 400, 'TRELLIS_VALIDATION', '[57].score');
      expect(body.errors).toHaveLength(1);
    });
    expect(await count(server, 'contact', { filter: { first_name: { startsWith: 'Bad' } } })).toBe(0);
  });

  it('names every invalid record of a bulk', async () => {
    await unchanged(async () => {
      const input: unknown[] = contacts(10, 'Many');
      input[2] = { first_name: 'x', nickname: 'X' };
      input[5] = 'not an object';
      input[8] = { email: 'nope' };
      const body = expectProblem(await server.request('POST', '/api/records/contact', input), 400, 'TRELLIS_VALIDATION');
      expect(body.errors.map((e: any) => e.path)).toEqual(['[2].nickname', '[5]', '[8].email']);
    });
  });

  it('refuses two records of one bulk sharing a unique value, naming the second', async () => {
    await unchanged(async () => {
      const input = contacts(50, 'Twin');
      input[42] = { ...input[42]!, email: input[10]!.email.toUpperCase() };
      const body = expectProblem(await server.request('POST', '/api/records/contact', input), 409, 'TRELLIS_DUPLICATE', '[42].email');
      expect(body.errors).toHaveLength(1);
    });
  });

  it('refuses two records of one bulk with the same id, naming the second', async () => {
    await unchanged(async () => {
      const id = randomUUID();
      const input = [{ id, first_name: 'A' }, { first_name: 'B' }, { id, first_name: 'C' }];
      expectProblem(await server.request('POST', '/api/records/contact', input), 409, 'TRELLIS_DUPLICATE', '[2].id');
    });
  });

  it('writes nothing when a record clashes with an existing one', async () => {
    await unchanged(async () => {
      const input = contacts(1200, 'Clash');
      // Far enough to land in a later INSERT statement than the first records.
      input[1100] = { ...input[1100]!, email: 'seed3@example.com' };
      const body = expectProblem(await server.request('POST', '/api/records/contact', input), 409, 'TRELLIS_DUPLICATE');
      expect(body.errors[0].path).toMatch(/email$/);
    });
    expect(await count(server, 'contact', { filter: { first_name: { startsWith: 'Clash' } } })).toBe(0);
  });

  it('writes nothing when a lookup points nowhere, and names the record and field', async () => {
    await unchanged(async () => {
      const input: Record<string, unknown>[] = contacts(5, 'Orphan').map((c) => ({ ...c, company: acme.id }));
      input[3] = { ...input[3], company: randomUUID() };
      const body = expectProblem(await server.request('POST', '/api/records/contact', input), 400, 'TRELLIS_VALIDATION', '[3].company');
      expect(body.errors).toHaveLength(1);
    });
  });

  it('refuses an empty array', async () => {
    await unchanged(async () => {
      expectProblem(await server.request('POST', '/api/records/contact', []), 400, 'TRELLIS_VALIDATION', 'body');
    });
  });

  it(`refuses more than the bulk limit (${BULK_LIMIT})`, async () => {
    await unchanged(async () => {
      const input = Array.from({ length: BULK_LIMIT + 1 }, () => ({}));
      const body = expectProblem(await server.request('POST', '/api/records/contact', input), 400, 'TRELLIS_VALIDATION', 'body');
      expect(body.errors[0].message).toContain(String(BULK_LIMIT));
    });
  });
});

describe('single writes', () => {
  it('refuses a lookup to a record that does not exist, naming the field', async () => {
    await unchanged(async () => {
      expectProblem(
        await server.request('POST', '/api/records/contact', { first_name: 'Lost', company: randomUUID() }),
        400,
        'TRELLIS_VALIDATION',
        'company',
      );
      const seed = (await listAll(server, 'contact', { filter: { first_name: 'Seed0' } }))[0]!;
      expectProblem(
        await server.request('PATCH', `/api/records/contact/${seed.id}`, { company: randomUUID() }),
        400,
        'TRELLIS_VALIDATION',
        'company',
      );
    });
  });

  it('refuses a field the entity does not have, naming it', async () => {
    await unchanged(async () => {
      const body = expectProblem(
        await server.request('POST', '/api/records/contact', { first_name: 'X', nickname: 'Y' }),
        400,
        'TRELLIS_VALIDATION',
        'nickname',
      );
      expect(body.errors).toHaveLength(1);
      const seed = (await listAll(server, 'contact', { filter: { first_name: 'Seed1' } }))[0]!;
      expectProblem(
        await server.request('PATCH', `/api/records/contact/${seed.id}`, { nickname: 'Y' }),
        400,
        'TRELLIS_VALIDATION',
        'nickname',
      );
    });
  });

  it('stores SQL-looking values as they are', async () => {
    const values = ["Robert'); DROP TABLE contact;--", "' OR '1'='1", '"; DELETE FROM company; --', 'x\\y', '%_%'];
    for (const value of values) {
      const created = await createRecord(server, 'contact', { first_name: value, last_name: value });
      const read = expectOk(await server.request('GET', `/api/records/contact/${created.id}`)).data;
      expect(read.first_name).toBe(value);
      expect(read.last_name).toBe(value);
      const found = await listAll(server, 'contact', { filter: { first_name: value } });
      expect(found.map((r) => r.id)).toEqual([created.id]);
    }
    expect(await count(server, 'company')).toBe(1);
    expectOk(await server.request('GET', '/api/records/contact?limit=1'));
  });

  it('answers Prefer: return=minimal with ids only', async () => {
    const one = await server.request('POST', '/api/records/contact', { first_name: 'Minimal' }, { headers: { prefer: 'return=minimal' } });
    expect(expectOk(one, 201)).toEqual({ data: { id: expect.any(String) } });
    expect(expectOk(await server.request('GET', `/api/records/contact/${one.body.data.id}`)).data.first_name).toBe('Minimal');

    const many = await server.request('POST', '/api/records/contact', contacts(3, 'Min'), { headers: { prefer: 'return=minimal' } });
    const data = expectOk(many, 201).data;
    expect(data).toHaveLength(3);
    for (const item of data) expect(Object.keys(item)).toEqual(['id']);
    const stored = await listAll(server, 'contact', { filter: { id: { in: data.map((d: Rec) => d.id) } }, sort: 'first_name' });
    expect(stored.map((r) => r.first_name)).toEqual(['Min0', 'Min1', 'Min2']);
  });

  it('returns the full record without Prefer', async () => {
    const created = await createRecord(server, 'contact', { first_name: 'Full', score: 3 });
    expect(created).toMatchObject({ first_name: 'Full', score: 3, email: null, created_at: expect.any(String) });
  });

  it('accepts an empty PATCH and changes nothing', async () => {
    const created = await createRecord(server, 'contact', { first_name: 'Still' });
    expect(expectOk(await server.request('PATCH', `/api/records/contact/${created.id}`, {})).data).toEqual(created);
  });
});

describe('deleting', () => {
  it('deletes a record once; the second time is 404', async () => {
    const created = await createRecord(server, 'contact', { first_name: 'Gone' });
    const first = await server.request('DELETE', `/api/records/contact/${created.id}`);
    expect(first.status).toBe(204);
    expectProblem(await server.request('GET', `/api/records/contact/${created.id}`), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('DELETE', `/api/records/contact/${created.id}`), 404, 'TRELLIS_NOT_FOUND');
    expect(await count(server, 'contact', { filter: { id: created.id } })).toBe(0);
  });

  it('clears the lookups that pointed to a deleted record', async () => {
    const doomed = await createRecord(server, 'company', { name: 'Doomed' });
    const other = await createRecord(server, 'company', { name: 'Other' });
    const linked = [];
    for (let i = 0; i < 3; i++) linked.push(await createRecord(server, 'contact', { first_name: `Linked${i}`, company: doomed.id }));
    const bystander = await createRecord(server, 'contact', { first_name: 'Bystander', company: other.id });

    expect((await server.request('DELETE', `/api/records/company/${doomed.id}`)).status).toBe(204);
    for (const record of linked) {
      const read = expectOk(await server.request('GET', `/api/records/contact/${record.id}`)).data;
      expect(read.company).toBeNull();
      expect(read.first_name).toBe(record.first_name);
    }
    expect(expectOk(await server.request('GET', `/api/records/contact/${bystander.id}`)).data.company).toBe(other.id);
    expect(await count(server, 'contact', { filter: { company: doomed.id } })).toBe(0);
  });

  it('clears lookups added after the table was created, too', async () => {
    expectOk(
      await server.request('POST', '/api/meta/entities/company/fields', { name: 'parent', type: 'lookup', options: { target: 'company' } }),
      201,
    );
    const parent = await createRecord(server, 'company', { name: 'Parent' });
    const child = await createRecord(server, 'company', { name: 'Child', parent: parent.id });
    expect((await server.request('DELETE', `/api/records/company/${parent.id}`)).status).toBe(204);
    expect(expectOk(await server.request('GET', `/api/records/company/${child.id}`)).data.parent).toBeNull();
  });
});

describe('unknown things', () => {
  it.each([
    ['GET', '/api/records/nothing'],
    ['GET', '/api/records/nothing/count'],
    ['POST', '/api/records/nothing'],
    ['GET', `/api/records/nothing/${randomUUID()}`],
    ['PATCH', `/api/records/nothing/${randomUUID()}`],
    ['DELETE', `/api/records/nothing/${randomUUID()}`],
  ])('%s %s → 404 for an unknown entity', async (method, path) => {
    const body = method === 'POST' || method === 'PATCH' ? { first_name: 'x' } : undefined;
    expectProblem(await server.request(method, path, body), 404, 'TRELLIS_NOT_FOUND');
  });

  it.each([['GET'], ['PATCH'], ['DELETE']])('%s of an unknown record id → 404', async (method) => {
    await unchanged(async () => {
      for (const id of [randomUUID(), 'not-a-uuid', "1' OR '1'='1"]) {
        const body = method === 'PATCH' ? { first_name: 'x' } : undefined;
        expectProblem(await server.request(method, `/api/records/contact/${encodeURIComponent(id)}`, body), 404, 'TRELLIS_NOT_FOUND');
      }
    });
  });
});

describe('bad request bodies', () => {
  let target: Rec;
  beforeAll(async () => {
    target = await createRecord(server, 'contact', { first_name: 'Target', email: 'target@example.com' });
  });

  const json = { 'content-type': 'application/json' };

  it.each([['{"first_name": "x"'], ['{first_name: "x"}'], ["{'first_name': 'x'}"], ['[1, 2,]']])(
    'invalid JSON %s → 400 TRELLIS_INVALID_JSON',
    async (raw) => {
      await unchanged(async () => {
        expectProblem(await server.request('POST', '/api/records/contact', undefined, { raw, headers: json }), 400, 'TRELLIS_INVALID_JSON');
        expectProblem(
          await server.request('PATCH', `/api/records/contact/${target.id}`, undefined, { raw, headers: json }),
          400,
          'TRELLIS_INVALID_JSON',
        );
      });
    },
  );

  it.each([
    ['text/plain', 'first_name=x'],
    ['application/x-www-form-urlencoded', 'first_name=x'],
    ['text/csv', 'first_name\nx'],
    ['application/xml', '<contact><first_name>x</first_name></contact>'],
  ])('a %s body → 415', async (type, raw) => {
    await unchanged(async () => {
      expectProblem(
        await server.request('POST', '/api/records/contact', undefined, { raw, headers: { 'content-type': type } }),
        415,
        'TRELLIS_UNSUPPORTED_MEDIA_TYPE',
      );
      expectProblem(
        await server.request('PATCH', `/api/records/contact/${target.id}`, undefined, { raw, headers: { 'content-type': type } }),
        415,
        'TRELLIS_UNSUPPORTED_MEDIA_TYPE',
      );
    });
  });

  it('a body over the size limit → 413', async () => {
    await unchanged(async () => {
      const huge = { first_name: 'x'.repeat(BODY_LIMIT + 10) };
      expectProblem(await server.request('POST', '/api/records/contact', huge), 413, 'TRELLIS_BODY_TOO_LARGE');
      const many = contacts(BULK_LIMIT, 'Huge').map((c) => ({ ...c, last_name: 'y'.repeat(200) }));
      expectProblem(await server.request('POST', '/api/records/contact', many), 413, 'TRELLIS_BODY_TOO_LARGE');
      expectProblem(await server.request('PATCH', `/api/records/contact/${target.id}`, huge), 413, 'TRELLIS_BODY_TOO_LARGE');
    });
  });

  it.each([['"hello"'], ['42'], ['true'], ['null']])('a JSON %s body → 400', async (raw) => {
    await unchanged(async () => {
      // Only an object (or, to create in bulk, an array) is a request body.
      expectProblem(await server.request('POST', '/api/records/contact', undefined, { raw, headers: json }), 400, undefined, 'body');
      expectProblem(
        await server.request('PATCH', `/api/records/contact/${target.id}`, undefined, { raw, headers: json }),
        400,
        undefined,
        'body',
      );
    });
  });

  it('an array body on PATCH → 400', async () => {
    await unchanged(async () => {
      const body = expectProblem(
        await server.request('PATCH', `/api/records/contact/${target.id}`, [{ first_name: 'x' }]),
        400,
        'TRELLIS_VALIDATION',
        'body',
      );
      expect(body.errors[0].message).toMatch(/object/);
    });
  });

  it('a record that is not an object → 400', async () => {
    await unchanged(async () => {
      expectProblem(await server.request('POST', '/api/records/contact', [{ first_name: 'ok' }, 7]), 400, 'TRELLIS_VALIDATION', '[1]');
    });
  });

  it('the target record is still intact', async () => {
    expect(expectOk(await server.request('GET', `/api/records/contact/${target.id}`)).data).toEqual(target);
  });
});
