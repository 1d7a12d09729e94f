import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createEntity, createRecord, expectOk, expectProblem, listPage, pause, type Rec } from './support/api.js';
import { everyFieldType } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let firm: Rec;

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'firm',
    label: 'Firm',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'country', type: 'text' },
    ],
  });
  await createEntity(server, {
    name: 'item',
    label: 'Item',
    fields: everyFieldType('firm', [
      { name: 'email', type: 'email', unique: true },
      { name: 'stage', type: 'select', options: { choices: ['new', { value: 'won', label: 'Won', color: 'green' }, 'lost'] } },
    ]),
  });
  firm = await createRecord(server, 'firm', { name: 'Acme', country: 'FR' });
});
afterAll(() => server?.close());

const USER_FIELDS = [
  'title',
  'notes',
  'quantity',
  'ratio',
  'price',
  'discount',
  'active',
  'due_on',
  'starts_at',
  'email',
  'phone',
  'website',
  'stage',
  'tags',
  'extra',
  'firm',
];

describe('values of every type', () => {
  let created: Rec;
  let expected: Record<string, unknown>;

  it('come back from create exactly, normalised where the type says so', async () => {
    const input = {
      title: 'Widget',
      notes: 'first line\nsecond line — with “quotes”',
      quantity: 42,
      ratio: 12.34,
      price: { amount: 1234.5, currency: 'EUR' },
      discount: 12.5,
      active: false,
      due_on: '2026-02-28',
      starts_at: '2026-03-01T10:00:00+02:00',
      email: 'Jane.Doe@Example.COM',
      phone: '06 12 34 56 78',
      website: 'https://example.com/path?q=1#top',
      stage: 'won',
      tags: ['a', 'b'],
      extra: { nested: { list: [1, 'two', null, true], n: 1.5 }, empty: {} },
      firm: firm.id,
    };
    expected = {
      ...input,
      email: 'jane.doe@example.com',
      starts_at: '2026-03-01T08:00:00.000Z',
      phone: { number: '06 12 34 56 78', e164: '+33612345678' },
    };
    created = await createRecord(server, 'item', input);
    expect(created).toMatchObject(expected);
    expect(created.active).toBe(false);
    expect(Object.keys(created).sort()).toEqual(['id', 'created_at', 'updated_at', 'created_by', 'owner_id', ...USER_FIELDS].sort());
  });

  it('come back the same from GET', async () => {
    const read = expectOk(await server.request('GET', `/api/records/item/${created.id}`)).data;
    expect(read).toEqual(created);
    for (const [name, value] of Object.entries(expected)) expect(read[name], name).toStrictEqual(value);
  });

  it('come back the same from a list', async () => {
    const page = await listPage(server, 'item', { filter: { id: created.id } });
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toEqual(created);
  });

  it('expand a lookup into the record it points to', async () => {
    const read = expectOk(await server.request('GET', `/api/records/item/${created.id}?expand=firm`)).data;
    expect(read.firm).toEqual(firm);
    const page = await listPage(server, 'item', { filter: { id: created.id }, expand: 'firm' });
    expect(page.data[0]!.firm).toEqual(firm);
    expectProblem(await server.request('GET', `/api/records/item/${created.id}?expand=title`), 400, 'TRELLIS_VALIDATION', 'expand');
  });

  it('return only the asked fields (and id)', async () => {
    const read = expectOk(await server.request('GET', `/api/records/item/${created.id}?fields=title,price`)).data;
    expect(read).toEqual({ id: created.id, title: 'Widget', price: { amount: 1234.5, currency: 'EUR' } });
    expectProblem(await server.request('GET', `/api/records/item/${created.id}?fields=title,nope`), 400, 'TRELLIS_VALIDATION', 'fields');
  });

  it('are cleared by null through PATCH', async () => {
    const nulls = Object.fromEntries(USER_FIELDS.filter((name) => name !== 'title').map((name) => [name, null]));
    const patched = expectOk(await server.request('PATCH', `/api/records/item/${created.id}`, nulls)).data;
    const read = expectOk(await server.request('GET', `/api/records/item/${created.id}`)).data;
    for (const name of Object.keys(nulls)) {
      expect(patched[name], name).toBeNull();
      expect(read[name], name).toBeNull();
    }
    expect(read.title).toBe('Widget');
    expect(
      await count(server, 'item', {
        filter: { id: created.id, price: { isNull: true }, phone: { isNull: true }, active: { isNull: true } },
      }),
    ).toBe(1);
  });

  it('change through PATCH, one field at a time', async () => {
    const patch = async (body: Record<string, unknown>) =>
      expectOk(await server.request('PATCH', `/api/records/item/${created.id}`, body)).data;
    expect((await patch({ active: true })).active).toBe(true);
    expect((await patch({ active: false })).active).toBe(false);
    expect((await patch({ price: { amount: 0, currency: 'JPY' } })).price).toEqual({ amount: 0, currency: 'JPY' });
    expect((await patch({ phone: { number: '+44 20 7946 0958' } })).phone).toEqual({ number: '+44 20 7946 0958', e164: '+442079460958' });
    expect((await patch({ tags: [] })).tags).toEqual([]);
    const read = expectOk(await server.request('GET', `/api/records/item/${created.id}`)).data;
    expect(read).toMatchObject({
      active: false,
      price: { amount: 0, currency: 'JPY' },
      phone: { e164: '+442079460958' },
      tags: [],
      title: 'Widget',
    });
  });

  it('keep numbers at the edges of their range', async () => {
    const record = await createRecord(server, 'item', {
      title: 'Edges',
      quantity: Number.MAX_SAFE_INTEGER,
      ratio: -0.005,
      discount: 0,
      price: { amount: -99999.99, currency: 'USD' },
    });
    const read = expectOk(await server.request('GET', `/api/records/item/${record.id}`)).data;
    expect(read).toMatchObject({
      quantity: Number.MAX_SAFE_INTEGER,
      ratio: -0.005,
      discount: 0,
      price: { amount: -99999.99, currency: 'USD' },
    });
  });

  it('keep any JSON value in a json field', async () => {
    const values: unknown[] = ['hello', 42, true, [1, [2, { three: 3 }]], { 'key with spaces': 'é ü 中文' }];
    for (const value of values) {
      const record = await createRecord(server, 'item', { title: 'JSON', extra: value });
      expect(record.extra).toEqual(value);
      const read = expectOk(await server.request('GET', `/api/records/item/${record.id}`)).data;
      expect(read.extra, JSON.stringify(value)).toEqual(value);
    }
  });
});

describe('values of the wrong type', () => {
  /** [field, value, the path the problem names: the field, or the part of it that is wrong]. */
  const cases: Array<[string, unknown, string?]> = [
    ['title', 123],
    ['quantity', 'five'],
    ['quantity', '5'],
    ['quantity', 1.5],
    ['ratio', 'abc'],
    ['discount', '10%'],
    ['active', 'maybe'],
    ['active', 1],
    ['due_on', '2026-02-30'],
    ['due_on', '28/02/2026'],
    ['due_on', '2026-02-28T10:00:00Z'],
    ['starts_at', '2026-03-01'],
    ['starts_at', '2026-03-01T10:00:00'],
    ['starts_at', 'yesterday'],
    ['starts_at', '2024-12-31T23:59:60Z'],
    ['email', 'not-an-email'],
    ['phone', '12345'],
    ['phone', 'call me'],
    ['website', 'example.com'],
    ['stage', 'maybe'],
    ['stage', 'Won'],
    ['tags', ['a', 'zzz'], 'tags[1]'],
    ['tags', 'a'],
    ['tags', ['a', 'a']],
    ['price', { amount: 10, currency: 'XXX' }],
    ['price', { amount: 10, currency: 'ZZZ' }],
    ['price', { amount: 10, currency: 'eur' }, 'price.currency'],
    ['price', { amount: '10', currency: 'EUR' }, 'price.amount'],
    ['price', { amount: 10 }, 'price.currency'],
    ['price', 10],
    ['firm', 'not-an-id'],
    ['firm', randomUUID()],
  ];

  it.each(cases)('%s = %j is refused with a 400 naming the field', async (field, value, path = field) => {
    const before = await count(server, 'item');
    const body = expectProblem(
      await server.request('POST', '/api/records/item', { title: 'Wrong', [field]: value }),
      400,
      'TRELLIS_VALIDATION',
      path,
    );
    expect(body.errors.map((e: any) => e.path)).toEqual([path]);
    expect(await count(server, 'item')).toBe(before);
  });

  it.each(cases.filter(([field]) => field !== 'title'))(
    '%s = %j is refused by PATCH too, leaving the record as it was',
    async (field, value, path = field) => {
      const record = await createRecord(server, 'item', { title: 'Target' });
      expectProblem(await server.request('PATCH', `/api/records/item/${record.id}`, { [field]: value }), 400, 'TRELLIS_VALIDATION', path);
      expect(expectOk(await server.request('GET', `/api/records/item/${record.id}`)).data).toEqual(record);
    },
  );

  it('names every wrong field at once', async () => {
    const body = expectProblem(
      await server.request('POST', '/api/records/item', { title: 'Many', quantity: 'x', active: 'y', stage: 'z' }),
      400,
      'TRELLIS_VALIDATION',
    );
    expect(body.errors.map((e: any) => e.path).sort()).toEqual(['active', 'quantity', 'stage']);
  });
});

describe('required fields and defaults', () => {
  beforeAll(async () => {
    await createEntity(server, {
      name: 'ticket',
      label: 'Ticket',
      fields: [
        { name: 'subject', type: 'text', required: true },
        { name: 'priority', type: 'integer', default: 3 },
        { name: 'state', type: 'select', required: true, options: { choices: ['open', 'closed'] }, default: 'open' },
        { name: 'urgent', type: 'boolean', default: false },
        { name: 'channel', type: 'text', default: 'web' },
        { name: 'budget', type: 'currency', default: { amount: 100, currency: 'EUR' } },
        { name: 'labels', type: 'multi_select', options: { choices: ['x', 'y'] }, default: ['x'] },
      ],
    });
  });

  it('refuses a record without a required field, naming it', async () => {
    const body = expectProblem(await server.request('POST', '/api/records/ticket', { priority: 1 }), 400, 'TRELLIS_VALIDATION', 'subject');
    expect(body.errors[0].message).toMatch(/required/);
    expectProblem(await server.request('POST', '/api/records/ticket', { subject: null }), 400, 'TRELLIS_VALIDATION', 'subject');
    expect(await count(server, 'ticket')).toBe(0);
  });

  it('refuses to clear a required field', async () => {
    const record = await createRecord(server, 'ticket', { subject: 'Keep me' });
    expectProblem(
      await server.request('PATCH', `/api/records/ticket/${record.id}`, { subject: null }),
      400,
      'TRELLIS_VALIDATION',
      'subject',
    );
    expect(expectOk(await server.request('GET', `/api/records/ticket/${record.id}`)).data.subject).toBe('Keep me');
  });

  it('applies defaults to fields left out', async () => {
    const record = await createRecord(server, 'ticket', { subject: 'Printer on fire' });
    const expected = {
      subject: 'Printer on fire',
      priority: 3,
      state: 'open',
      urgent: false,
      channel: 'web',
      budget: { amount: 100, currency: 'EUR' },
      labels: ['x'],
    };
    expect(record).toMatchObject(expected);
    expect(expectOk(await server.request('GET', `/api/records/ticket/${record.id}`)).data).toMatchObject(expected);
  });

  it('keeps values given instead of the defaults', async () => {
    const given = {
      subject: 'Given',
      priority: 1,
      state: 'closed',
      urgent: true,
      channel: 'phone',
      budget: { amount: 5, currency: 'GBP' },
      labels: ['y'],
    };
    const record = await createRecord(server, 'ticket', given);
    expect(record).toMatchObject(given);
    expect(expectOk(await server.request('GET', `/api/records/ticket/${record.id}`)).data).toMatchObject(given);
  });

  it('does not apply defaults on PATCH', async () => {
    const record = await createRecord(server, 'ticket', { subject: 'Patch me', priority: 9, channel: 'mail' });
    const patched = expectOk(await server.request('PATCH', `/api/records/ticket/${record.id}`, { subject: 'Patched' })).data;
    expect(patched).toMatchObject({ subject: 'Patched', priority: 9, channel: 'mail' });
  });
});

describe('unique fields', () => {
  it('refuses a second record with the same value (whatever its case, for e-mail) with 409 naming the field', async () => {
    await createRecord(server, 'item', { title: 'First', email: 'unique@example.com' });
    const before = await count(server, 'item');
    const body = expectProblem(
      await server.request('POST', '/api/records/item', { title: 'Second', email: 'UNIQUE@example.com' }),
      409,
      'TRELLIS_DUPLICATE',
      'email',
    );
    expect(body.errors).toHaveLength(1);
    expect(await count(server, 'item')).toBe(before);
  });

  it('refuses a PATCH that would duplicate a value', async () => {
    const other = await createRecord(server, 'item', { title: 'Other', email: 'other@example.com' });
    expectProblem(
      await server.request('PATCH', `/api/records/item/${other.id}`, { email: 'unique@example.com' }),
      409,
      'TRELLIS_DUPLICATE',
      'email',
    );
    expect(expectOk(await server.request('GET', `/api/records/item/${other.id}`)).data.email).toBe('other@example.com');
  });

  it('allows many records without a value', async () => {
    await createRecord(server, 'item', { title: 'No mail 1' });
    await createRecord(server, 'item', { title: 'No mail 2', email: null });
  });
});

describe('system fields', () => {
  it('keeps an id given by the client', async () => {
    const id = randomUUID();
    const record = await createRecord(server, 'item', { id, title: 'Imported' });
    expect(record.id).toBe(id);
    expect(expectOk(await server.request('GET', `/api/records/item/${id}`)).data.title).toBe('Imported');
    expectProblem(await server.request('POST', '/api/records/item', { id, title: 'Again' }), 409, 'TRELLIS_DUPLICATE', 'id');
    expectProblem(await server.request('POST', '/api/records/item', { id: 'my-own-id', title: 'Bad id' }), 400, 'TRELLIS_VALIDATION', 'id');
    expect(await count(server, 'item', { filter: { title: { in: ['Again', 'Bad id'] } } })).toBe(0);
  });

  it('sets created_by and owner_id to the signed-in user, and ids are time-ordered UUIDs', async () => {
    const me = expectOk(await server.request('GET', '/api/auth/me')).data;
    const first = await createRecord(server, 'item', { title: 'Mine' });
    const second = await createRecord(server, 'item', { title: 'Mine too' });
    expect(first.created_by).toBe(me.id);
    expect(first.owner_id).toBe(me.id);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.id > first.id).toBe(true);
  });

  it.each(['created_at', 'updated_at', 'created_by'])('refuses %s in a create body', async (name) => {
    const before = await count(server, 'item');
    const body = expectProblem(
      await server.request('POST', '/api/records/item', {
        title: 'Sneaky',
        [name]: name === 'created_by' ? randomUUID() : '2020-01-01T00:00:00Z',
      }),
      400,
      'TRELLIS_VALIDATION',
      name,
    );
    expect(body.errors[0].message).toMatch(/server/);
    expect(await count(server, 'item')).toBe(before);
  });

  it.each(['id', 'created_at', 'updated_at', 'created_by'])('refuses %s in a PATCH body', async (name) => {
    const record = await createRecord(server, 'item', { title: 'Patch target' });
    const value = name === 'id' || name === 'created_by' ? randomUUID() : '2020-01-01T00:00:00Z';
    expectProblem(
      await server.request('PATCH', `/api/records/item/${record.id}`, { title: 'Changed', [name]: value }),
      400,
      'TRELLIS_VALIDATION',
      name,
    );
    expect(expectOk(await server.request('GET', `/api/records/item/${record.id}`)).data).toEqual(record);
  });

  it('PATCH moves updated_at forward and leaves created_at alone', async () => {
    const record = await createRecord(server, 'item', { title: 'Timestamps' });
    expect(record.created_at).toBe(record.updated_at);
    expect(Date.parse(record.created_at)).toBeGreaterThan(Date.now() - 60_000);
    await pause(15);
    const patched = expectOk(await server.request('PATCH', `/api/records/item/${record.id}`, { title: 'Timestamps 2' })).data;
    expect(patched.created_at).toBe(record.created_at);
    expect(Date.parse(patched.updated_at)).toBeGreaterThan(Date.parse(record.updated_at));
    const read = expectOk(await server.request('GET', `/api/records/item/${record.id}`)).data;
    expect(read.created_at).toBe(record.created_at);
    expect(read.updated_at).toBe(patched.updated_at);
  });
});
