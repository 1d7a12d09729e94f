import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bulkCreate,
  columnsOf,
  count,
  createEntity,
  createRecord,
  entityNames,
  expectOk,
  expectProblem,
  indexesOf,
  listAll,
  tableExists,
} from './support/api.js';
import { everyFieldType } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/server.js';

/** Fields as reads show them: with the plugin that declared each (none here: users added them all). */
const asRead = (fields: Array<Record<string, unknown>>) => fields.map((field) => ({ ...field, plugin: null }));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, { name: 'account', label: 'Account', fields: [{ name: 'name', type: 'text' }] });
});
afterAll(() => server?.close());

const SYSTEM = ['id', 'created_at', 'updated_at', 'created_by', 'owner_id'];

/** One field of every type, as a client declares them. */
const EVERY_TYPE = everyFieldType('account');

/** Asserts a refused entity left no trace: not listed, not readable, no table. */
async function expectNoEntity(name: string): Promise<void> {
  expect(await entityNames(server)).not.toContain(name);
  if (/^[\w ;]+$/.test(name)) expect((await server.request('GET', `/api/meta/entities/${encodeURIComponent(name)}`)).status).toBe(404);
  expect(await tableExists(server, name)).toBe(false);
}

describe('entities', () => {
  let created: any;

  it('creates an entity with a field of every type', async () => {
    const response = await server.request('POST', '/api/meta/entities', { name: 'deal', label: 'Deal', fields: EVERY_TYPE });
    created = expectOk(response, 201).data;
    expect(created.name).toBe('deal');
    expect(created.label).toBe('Deal');
    expect(created.pluralLabel).toBe('Deals');
    expect(created.fields.map((f: any) => f.name)).toEqual([...SYSTEM, ...EVERY_TYPE.map((f) => f.name)]);
    const byName = new Map<string, any>(created.fields.map((f: any) => [f.name, f]));
    for (const declared of EVERY_TYPE) {
      const field = byName.get(declared.name);
      expect(field.type).toBe(declared.type);
      expect(field.required).toBe(declared.required ?? false);
      expect(field.options).toEqual(declared.options ?? {});
    }
    expect(byName.get('due_on').label).toBe('Due on');
    expect(byName.get('starts_at').label).toBe('Starts at');
    // Every field is a real column; currency and phone keep their second column beside.
    expect(await columnsOf(server, 'deal')).toEqual([...SYSTEM, ...EVERY_TYPE.map((f) => f.name), 'price_currency', 'phone_e164'].sort());
    // Lookups are always indexed.
    expect(await indexesOf(server, 'deal')).toContain('ix_deal__account');
  });

  it('lists entities and reads one', async () => {
    const list = expectOk(await server.request('GET', '/api/meta/entities')).data;
    expect(list.map((e: any) => e.name)).toEqual(['account', 'deal']);
    const one = expectOk(await server.request('GET', '/api/meta/entities/deal')).data;
    // Reads add what the caller may do (an administrator may do everything) and who declared each field.
    const everything = { read: 'all', create: 'all', update: 'all', delete: 'all', export: 'all', readOnlyFields: [] };
    expect(one).toEqual({ ...created, fields: asRead(created.fields), access: everything });
    expect(list[1]).toEqual({ ...created, fields: asRead(created.fields), access: everything });
  });

  it('answers 404 for an entity that does not exist', async () => {
    expectProblem(await server.request('GET', '/api/meta/entities/nothing_here'), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('PATCH', '/api/meta/entities/nothing_here', { label: 'X' }), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('DELETE', '/api/meta/entities/nothing_here?confirm=nothing_here'), 404, 'TRELLIS_NOT_FOUND');
  });

  it('changes labels and description', async () => {
    const patched = expectOk(
      await server.request('PATCH', '/api/meta/entities/deal', {
        label: 'Opportunity',
        pluralLabel: 'Opportunities',
        description: 'Sales deals',
      }),
    ).data;
    expect(patched).toMatchObject({ name: 'deal', label: 'Opportunity', pluralLabel: 'Opportunities', description: 'Sales deals' });
    const read = expectOk(await server.request('GET', '/api/meta/entities/deal')).data;
    expect(read).toMatchObject({ label: 'Opportunity', pluralLabel: 'Opportunities', description: 'Sales deals' });
    expect(read.fields).toEqual(asRead(created.fields));
  });

  it('refuses to rename an entity or set an empty label through PATCH', async () => {
    expectProblem(await server.request('PATCH', '/api/meta/entities/deal', { name: 'other' }), 400, 'TRELLIS_VALIDATION', 'name');
    expectProblem(await server.request('PATCH', '/api/meta/entities/deal', { label: '' }), 400, 'TRELLIS_VALIDATION', 'label');
    const read = expectOk(await server.request('GET', '/api/meta/entities/deal')).data;
    expect(read).toMatchObject({ name: 'deal', label: 'Opportunity' });
  });

  it('refuses a second entity of the same name with 409', async () => {
    const body = expectProblem(
      await server.request('POST', '/api/meta/entities', { name: 'deal', label: 'Again' }),
      409,
      'TRELLIS_ENTITY_EXISTS',
    );
    expect(body.detail).toContain('deal');
    expect(expectOk(await server.request('GET', '/api/meta/entities/deal')).data.label).toBe('Opportunity');
  });
});

describe('fields', () => {
  beforeAll(async () => {
    await createEntity(server, {
      name: 'gadget',
      label: 'Gadget',
      fields: [
        { name: 'label', type: 'text' },
        { name: 'code', type: 'text' },
        { name: 'size', type: 'integer' },
      ],
    });
  });

  it('adds a field that records can use at once', async () => {
    const response = await server.request('POST', '/api/meta/entities/gadget/fields', {
      name: 'colour',
      type: 'select',
      options: { choices: ['red', 'blue'] },
    });
    const field = expectOk(response, 201).data;
    expect(field).toMatchObject({
      name: 'colour',
      type: 'select',
      label: 'Colour',
      required: false,
      unique: false,
      options: { choices: ['red', 'blue'] },
    });
    const meta = expectOk(await server.request('GET', '/api/meta/entities/gadget')).data;
    expect(meta.fields.map((f: any) => f.name)).toEqual([...SYSTEM, 'label', 'code', 'size', 'colour']);
    const record = await createRecord(server, 'gadget', { label: 'G1', colour: 'red' });
    expect(record.colour).toBe('red');
    expectProblem(await server.request('POST', '/api/records/gadget', { colour: 'green' }), 400, 'TRELLIS_VALIDATION', 'colour');
  });

  it('changes a field label', async () => {
    const field = expectOk(await server.request('PATCH', '/api/meta/entities/gadget/fields/size', { label: 'Size (cm)' })).data;
    expect(field).toMatchObject({ name: 'size', type: 'integer', label: 'Size (cm)' });
    const meta = expectOk(await server.request('GET', '/api/meta/entities/gadget')).data;
    expect(meta.fields.find((f: any) => f.name === 'size').label).toBe('Size (cm)');
  });

  it('refuses to change a field type or name, or a system field', async () => {
    expectProblem(
      await server.request('PATCH', '/api/meta/entities/gadget/fields/size', { type: 'text' }),
      400,
      'TRELLIS_VALIDATION',
      'type',
    );
    expectProblem(
      await server.request('PATCH', '/api/meta/entities/gadget/fields/size', { name: 'width' }),
      400,
      'TRELLIS_VALIDATION',
      'name',
    );
    expectProblem(await server.request('PATCH', '/api/meta/entities/gadget/fields/id', { label: 'Key' }), 400, 'TRELLIS_VALIDATION', 'id');
    expectProblem(await server.request('PATCH', '/api/meta/entities/gadget/fields/nope', { label: 'Nope' }), 404, 'TRELLIS_NOT_FOUND');
    const meta = expectOk(await server.request('GET', '/api/meta/entities/gadget')).data;
    expect(meta.fields.find((f: any) => f.name === 'size').type).toBe('integer');
    expect(meta.fields.find((f: any) => f.name === 'id').label).toBe('ID');
  });

  it('adds and removes an index when `indexed` is toggled', async () => {
    expect(await indexesOf(server, 'gadget')).not.toContain('ix_gadget__size');
    const on = expectOk(await server.request('PATCH', '/api/meta/entities/gadget/fields/size', { indexed: true })).data;
    expect(on.indexed).toBe(true);
    expect(await indexesOf(server, 'gadget')).toContain('ix_gadget__size');
    const off = expectOk(await server.request('PATCH', '/api/meta/entities/gadget/fields/size', { indexed: false })).data;
    expect(off.indexed).toBe(false);
    expect(await indexesOf(server, 'gadget')).not.toContain('ix_gadget__size');
    const meta = expectOk(await server.request('GET', '/api/meta/entities/gadget')).data;
    expect(meta.fields.find((f: any) => f.name === 'size').indexed).toBe(false);
  });

  it('enforces uniqueness while `unique` is on, and not after', async () => {
    await createRecord(server, 'gadget', { label: 'U1', code: 'U-1' });
    const on = expectOk(await server.request('PATCH', '/api/meta/entities/gadget/fields/code', { unique: true })).data;
    expect(on).toMatchObject({ unique: true, indexed: true });
    const duplicate = expectProblem(
      await server.request('POST', '/api/records/gadget', { label: 'U2', code: 'U-1' }),
      409,
      'TRELLIS_DUPLICATE',
      'code',
    );
    expect(duplicate.errors).toHaveLength(1);
    expect(await count(server, 'gadget', { filter: { code: 'U-1' } })).toBe(1);

    const off = expectOk(await server.request('PATCH', '/api/meta/entities/gadget/fields/code', { unique: false })).data;
    expect(off.unique).toBe(false);
    await createRecord(server, 'gadget', { label: 'U2', code: 'U-1' });
    expect(await count(server, 'gadget', { filter: { code: 'U-1' } })).toBe(2);
  });

  it('refuses to make a field unique while records share a value, and changes nothing', async () => {
    // `code` now holds "U-1" twice.
    const before = expectOk(await server.request('GET', '/api/meta/entities/gadget')).data;
    const indexesBefore = await indexesOf(server, 'gadget');
    const body = expectProblem(
      await server.request('PATCH', '/api/meta/entities/gadget/fields/code', { unique: true, label: 'Code' }),
      409,
      'TRELLIS_DUPLICATE_VALUES',
    );
    expect(body.detail).toMatch(/unique/);
    const after = expectOk(await server.request('GET', '/api/meta/entities/gadget')).data;
    expect(after).toEqual(before);
    expect(await indexesOf(server, 'gadget')).toEqual(indexesBefore);
    // Still not unique: a third copy is accepted.
    await createRecord(server, 'gadget', { label: 'U3', code: 'U-1' });
    expect(await count(server, 'gadget', { filter: { code: 'U-1' } })).toBe(3);
  });

  it('refuses to add a field whose name is taken', async () => {
    expectProblem(
      await server.request('POST', '/api/meta/entities/gadget/fields', { name: 'code', type: 'integer' }),
      409,
      'TRELLIS_FIELD_EXISTS',
    );
    expectProblem(
      await server.request('POST', '/api/meta/entities/gadget/fields', { name: 'created_at', type: 'text' }),
      400,
      'TRELLIS_VALIDATION',
      'name',
    );
    const meta = expectOk(await server.request('GET', '/api/meta/entities/gadget')).data;
    expect(meta.fields.find((f: any) => f.name === 'code').type).toBe('text');
  });

  it('refuses a field whose derived column collides with an existing one', async () => {
    expectOk(await server.request('POST', '/api/meta/entities/gadget/fields', { name: 'cost', type: 'currency' }), 201);
    const before = await columnsOf(server, 'gadget');
    const clash = expectProblem(
      await server.request('POST', '/api/meta/entities/gadget/fields', { name: 'cost_currency', type: 'text' }),
      400,
      'TRELLIS_VALIDATION',
      'name',
    );
    expect(clash.errors[0].message).toContain('cost');
    // The other way round: a currency whose second column would be an existing text field.
    expectOk(await server.request('POST', '/api/meta/entities/gadget/fields', { name: 'fee_currency', type: 'text' }), 201);
    expectProblem(
      await server.request('POST', '/api/meta/entities/gadget/fields', { name: 'fee', type: 'currency' }),
      400,
      'TRELLIS_VALIDATION',
      'name',
    );
    expect(await columnsOf(server, 'gadget')).toEqual([...before, 'fee_currency'].sort());
    const meta = expectOk(await server.request('GET', '/api/meta/entities/gadget')).data;
    expect(meta.fields.map((f: any) => f.name)).not.toContain('fee');
  });

  it('answers 404 when adding a field to an unknown entity', async () => {
    expectProblem(
      await server.request('POST', '/api/meta/entities/nothing_here/fields', { name: 'x', type: 'text' }),
      404,
      'TRELLIS_NOT_FOUND',
    );
  });

  it('drops a field only with ?confirm=<field>, and its column with it', async () => {
    expectOk(await server.request('POST', '/api/meta/entities/gadget/fields', { name: 'weight', type: 'decimal' }), 201);
    const record = await createRecord(server, 'gadget', { label: 'W', weight: 1.5 });

    const missing = expectProblem(
      await server.request('DELETE', '/api/meta/entities/gadget/fields/weight'),
      400,
      'TRELLIS_VALIDATION',
      'confirm',
    );
    expect(missing.errors[0].message).toContain('confirm=weight');
    expectProblem(
      await server.request('DELETE', '/api/meta/entities/gadget/fields/weight?confirm=size'),
      400,
      'TRELLIS_VALIDATION',
      'confirm',
    );
    expect(await columnsOf(server, 'gadget')).toContain('weight');
    expect(expectOk(await server.request('GET', `/api/records/gadget/${record.id}`)).data.weight).toBe(1.5);

    const dropped = await server.request('DELETE', '/api/meta/entities/gadget/fields/weight?confirm=weight');
    expect(dropped.status).toBe(204);
    expect(await columnsOf(server, 'gadget')).not.toContain('weight');
    const meta = expectOk(await server.request('GET', '/api/meta/entities/gadget')).data;
    expect(meta.fields.map((f: any) => f.name)).not.toContain('weight');
    const read = expectOk(await server.request('GET', `/api/records/gadget/${record.id}`)).data;
    expect(read).not.toHaveProperty('weight');
    expect(read.label).toBe('W');
    expectProblem(await server.request('POST', '/api/records/gadget', { weight: 2 }), 400, 'TRELLIS_VALIDATION', 'weight');
    expectProblem(await server.request('DELETE', '/api/meta/entities/gadget/fields/weight?confirm=weight'), 404, 'TRELLIS_NOT_FOUND');
  });

  it('drops both columns of a two-column field', async () => {
    expect(await columnsOf(server, 'gadget')).toContain('cost_currency');
    expect((await server.request('DELETE', '/api/meta/entities/gadget/fields/cost?confirm=cost')).status).toBe(204);
    const columns = await columnsOf(server, 'gadget');
    expect(columns).not.toContain('cost');
    expect(columns).not.toContain('cost_currency');
  });

  it('refuses to drop a system field', async () => {
    expectProblem(
      await server.request('DELETE', '/api/meta/entities/gadget/fields/created_at?confirm=created_at'),
      400,
      'TRELLIS_VALIDATION',
    );
    expect(await columnsOf(server, 'gadget')).toContain('created_at');
  });
});

describe('dropping entities', () => {
  beforeAll(async () => {
    await createEntity(server, { name: 'vendor', label: 'Vendor', fields: [{ name: 'name', type: 'text' }] });
    await createEntity(server, {
      name: 'part',
      label: 'Part',
      fields: [
        { name: 'name', type: 'text' },
        { name: 'vendor', type: 'lookup', options: { target: 'vendor' } },
        { name: 'replaces', type: 'lookup', options: { target: 'part' } },
      ],
    });
    const vendor = await createRecord(server, 'vendor', { name: 'Acme' });
    await createRecord(server, 'part', { name: 'Bolt', vendor: vendor.id });
  });

  it('needs ?confirm=<entity>', async () => {
    const body = expectProblem(await server.request('DELETE', '/api/meta/entities/part'), 400, 'TRELLIS_VALIDATION', 'confirm');
    expect(body.errors[0].message).toContain('confirm=part');
    expectProblem(await server.request('DELETE', '/api/meta/entities/part?confirm=vendor'), 400, 'TRELLIS_VALIDATION', 'confirm');
    expect(await entityNames(server)).toContain('part');
    expect(await count(server, 'part')).toBe(1);
  });

  it('refuses to drop an entity that a lookup targets', async () => {
    const body = expectProblem(
      await server.request('DELETE', '/api/meta/entities/vendor?confirm=vendor'),
      409,
      'TRELLIS_ENTITY_REFERENCED',
    );
    expect(body.detail).toContain('part.vendor');
    expect(await entityNames(server)).toContain('vendor');
    expect(await count(server, 'vendor')).toBe(1);
  });

  it('drops an entity with a lookup to itself, and its records', async () => {
    const response = await server.request('DELETE', '/api/meta/entities/part?confirm=part');
    expect(response.status).toBe(204);
    expect(await entityNames(server)).not.toContain('part');
    expectProblem(await server.request('GET', '/api/meta/entities/part'), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('GET', '/api/records/part'), 404, 'TRELLIS_NOT_FOUND');
    expect(await tableExists(server, 'part')).toBe(false);
  });

  it('drops the former target once nothing points to it', async () => {
    expect((await server.request('DELETE', '/api/meta/entities/vendor?confirm=vendor')).status).toBe(204);
    await expectNoEntity('vendor');
    // The name is free again.
    await createEntity(server, { name: 'vendor', label: 'Vendor' });
    expect(await count(server, 'vendor')).toBe(0);
  });
});

describe('identifier validation', () => {
  const badEntityNames: Array<[string, unknown]> = [
    ['uppercase', 'Contact'],
    ['a space', 'my contact'],
    ['a leading digit', '1contact'],
    ['SQL', 'x; drop table y'],
    ['a quote', 'x"y'],
    ['a hyphen', 'my-contact'],
    ['a double underscore', 'my__contact'],
    ['a trailing underscore', 'contact_'],
    ['a reserved word (select)', 'select'],
    ['a reserved word (order)', 'order'],
    ['a reserved word (user)', 'user'],
    ['the trellis_ prefix', 'trellis_contact'],
    ['the trellis prefix alone', 'trellis'],
    ['a name too long', 'a'.repeat(25)],
    ['an empty name', ''],
    ['a number', 42],
  ];
  it.each(badEntityNames)('refuses an entity name with %s', async (_what, name) => {
    const body = expectProblem(
      await server.request('POST', '/api/meta/entities', { name, label: 'Bad' }),
      400,
      'TRELLIS_VALIDATION',
      'name',
    );
    expect(body.errors).toHaveLength(1);
    if (typeof name === 'string' && name) await expectNoEntity(name);
  });

  it('accepts the longest allowed entity name', async () => {
    const name = 'a'.repeat(24);
    await createEntity(server, { name, label: 'Long', fields: [{ name: 'b'.repeat(32), type: 'text', indexed: true, unique: true }] });
    expect(await entityNames(server)).toContain(name);
    expect(await tableExists(server, name)).toBe(true);
  });

  const badFieldNames: Array<[string, unknown]> = [
    ['uppercase', 'FirstName'],
    ['a space', 'first name'],
    ['a leading digit', '2nd_name'],
    ['SQL', 'x; drop table y'],
    ['a reserved word (select)', 'select'],
    ['a reserved word (order)', 'order'],
    ['a reserved word (user)', 'user'],
    ['a system field name (id)', 'id'],
    ['a system field name (created_at)', 'created_at'],
    ['a system field name (owner_id)', 'owner_id'],
    ['a filter keyword (and)', 'and'],
    ['a name too long', 'f'.repeat(33)],
    ['an empty name', ''],
  ];
  it.each(badFieldNames)('refuses a field name with %s, naming fields[2].name', async (_what, name) => {
    const fields = [
      { name: 'nickname', type: 'text' },
      { name: 'age', type: 'integer' },
      { name, type: 'text' },
    ];
    const body = expectProblem(
      await server.request('POST', '/api/meta/entities', { name: 'badfields', label: 'Bad', fields }),
      400,
      'TRELLIS_VALIDATION',
      'fields[2].name',
    );
    expect(body.errors).toHaveLength(1);
    await expectNoEntity('badfields');
  });

  it('refuses two fields of the same name', async () => {
    const fields = [
      { name: 'email', type: 'email' },
      { name: 'phone', type: 'phone' },
      { name: 'email', type: 'text' },
    ];
    const body = expectProblem(
      await server.request('POST', '/api/meta/entities', { name: 'badfields', label: 'Bad', fields }),
      400,
      'TRELLIS_VALIDATION',
      'fields[2].name',
    );
    expect(body.errors[0].message).toContain('email');
    await expectNoEntity('badfields');
  });

  it.each([
    [
      'a text after the currency',
      [
        { name: 'price', type: 'currency' },
        { name: 'title', type: 'text' },
        { name: 'price_currency', type: 'text' },
      ],
      'fields[2].name',
    ],
    [
      'a currency after the text',
      [
        { name: 'title', type: 'text' },
        { name: 'price_currency', type: 'text' },
        { name: 'price', type: 'currency' },
      ],
      'fields[2].name',
    ],
    [
      'a phone and its e164 column',
      [
        { name: 'mobile', type: 'phone' },
        { name: 'mobile_e164', type: 'text' },
      ],
      'fields[1].name',
    ],
  ])('refuses fields whose columns collide: %s', async (_what, fields, path) => {
    expectProblem(
      await server.request('POST', '/api/meta/entities', { name: 'badfields', label: 'Bad', fields }),
      400,
      'TRELLIS_VALIDATION',
      path,
    );
    await expectNoEntity('badfields');
  });

  it('refuses an unknown field type, naming fields[1].type', async () => {
    const fields = [
      { name: 'title', type: 'text' },
      { name: 'weird', type: 'hologram' },
    ];
    expectProblem(
      await server.request('POST', '/api/meta/entities', { name: 'badfields', label: 'Bad', fields }),
      400,
      'TRELLIS_VALIDATION',
      'fields[1].type',
    );
    await expectNoEntity('badfields');
  });

  it('refuses a lookup to an entity that does not exist, naming fields[1].options.target', async () => {
    const fields = [
      { name: 'title', type: 'text' },
      { name: 'owner', type: 'lookup', options: { target: 'ghost' } },
    ];
    const body = expectProblem(
      await server.request('POST', '/api/meta/entities', { name: 'badfields', label: 'Bad', fields }),
      400,
      'TRELLIS_VALIDATION',
      'fields[1].options.target',
    );
    expect(body.errors[0].message).toContain('ghost');
    await expectNoEntity('badfields');
    const noTarget = [{ name: 'owner', type: 'lookup' }];
    expectProblem(
      await server.request('POST', '/api/meta/entities', { name: 'badfields', label: 'Bad', fields: noTarget }),
      400,
      'TRELLIS_VALIDATION',
      'fields[0].options.target',
    );
    await expectNoEntity('badfields');
  });

  it.each([
    ['an integer default "abc"', { name: 'n', type: 'integer', default: 'abc' }],
    ['an integer default 1.5', { name: 'n', type: 'integer', default: 1.5 }],
    ['a select default that is not a choice', { name: 's', type: 'select', options: { choices: ['x', 'y'] }, default: 'z' }],
    ['a date default that is not a date', { name: 'd', type: 'date', default: '2026-02-30' }],
    ['a boolean default "yes"', { name: 'b', type: 'boolean', default: 'yes' }],
    ['a currency default with an unknown code', { name: 'c', type: 'currency', default: { amount: 1, currency: 'ZZZ' } }],
    ['a phone default that is no phone number', { name: 'p', type: 'phone', default: '12' }],
  ])('refuses %s, naming fields[1].default', async (_what, field) => {
    const fields = [{ name: 'title', type: 'text' }, field];
    expectProblem(
      await server.request('POST', '/api/meta/entities', { name: 'badfields', label: 'Bad', fields }),
      400,
      'TRELLIS_VALIDATION',
      'fields[1].default',
    );
    await expectNoEntity('badfields');
  });

  it('refuses a select without choices and unknown options', async () => {
    expectProblem(
      await server.request('POST', '/api/meta/entities', { name: 'badfields', label: 'Bad', fields: [{ name: 's', type: 'select' }] }),
      400,
      'TRELLIS_VALIDATION',
      'fields[0].options.choices',
    );
    expectProblem(
      await server.request('POST', '/api/meta/entities', {
        name: 'badfields',
        label: 'Bad',
        fields: [{ name: 's', type: 'text', options: { colour: 'red' } }],
      }),
      400,
      'TRELLIS_VALIDATION',
      'fields[0].options.colour',
    );
    await expectNoEntity('badfields');
  });

  it('refuses an entity without a label', async () => {
    expectProblem(await server.request('POST', '/api/meta/entities', { name: 'badfields' }), 400, 'TRELLIS_VALIDATION', 'label');
    await expectNoEntity('badfields');
  });

  it('validates fields added later the same way', async () => {
    const add = (body: unknown) => server.request('POST', '/api/meta/entities/account/fields', body);
    const before = await columnsOf(server, 'account');
    expectProblem(await add({ name: 'Bad Name', type: 'text' }), 400, 'TRELLIS_VALIDATION', 'name');
    expectProblem(await add({ name: 'user', type: 'text' }), 400, 'TRELLIS_VALIDATION', 'name');
    expectProblem(await add({ name: 'size', type: 'hologram' }), 400, 'TRELLIS_VALIDATION', 'type');
    expectProblem(await add({ name: 'size', type: 'integer', default: 'abc' }), 400, 'TRELLIS_VALIDATION', 'default');
    expectProblem(await add({ name: 'parent', type: 'lookup', options: { target: 'ghost' } }), 400, 'TRELLIS_VALIDATION', 'options.target');
    expect(await columnsOf(server, 'account')).toEqual(before);
    const meta = expectOk(await server.request('GET', '/api/meta/entities/account')).data;
    expect(meta.fields.map((f: any) => f.name)).toEqual([...SYSTEM, 'name']);
  });
});

describe('adding fields to a table that has records', () => {
  let seeded: Array<{ id: string; name: string; score: number }>;

  beforeAll(async () => {
    await createEntity(server, {
      name: 'member',
      label: 'Member',
      fields: [
        { name: 'name', type: 'text' },
        { name: 'score', type: 'integer' },
      ],
    });
    const input = Array.from({ length: 50 }, (_, i) => ({ name: `Member ${i}`, score: i * 7 }));
    seeded = (await bulkCreate(server, 'member', input)).map((r) => ({ id: r.id, name: r.name, score: r.score }));
  });

  async function all(): Promise<Map<string, any>> {
    return new Map((await listAll(server, 'member')).map((r) => [r.id, r]));
  }

  it('keeps every record and its values when a field is added', async () => {
    expectOk(await server.request('POST', '/api/meta/entities/member/fields', { name: 'nickname', type: 'text' }), 201);
    const records = await all();
    expect(records.size).toBe(50);
    for (const row of seeded) {
      expect(records.get(row.id)).toMatchObject({ name: row.name, score: row.score, nickname: null });
    }
  });

  it('writes the default of a new field into every existing record', async () => {
    const fields = [
      { name: 'level', type: 'integer', default: 3 },
      { name: 'vip', type: 'boolean', default: false },
      { name: 'tier', type: 'select', options: { choices: ['bronze', 'gold'] }, default: 'bronze' },
      { name: 'fee', type: 'currency', default: { amount: 9.5, currency: 'EUR' } },
      { name: 'joined_on', type: 'date', default: '2026-01-15' },
    ];
    for (const field of fields) expectOk(await server.request('POST', '/api/meta/entities/member/fields', field), 201);
    const records = await all();
    expect(records.size).toBe(50);
    for (const row of seeded) {
      expect(records.get(row.id)).toMatchObject({
        name: row.name,
        score: row.score,
        level: 3,
        vip: false,
        tier: 'bronze',
        fee: { amount: 9.5, currency: 'EUR' },
        joined_on: '2026-01-15',
      });
    }
    expect(await count(server, 'member', { filter: { level: 3, vip: false } })).toBe(50);
    // Records created later get it too, unless they say otherwise.
    const later = await createRecord(server, 'member', { name: 'Later', vip: true });
    expect(later).toMatchObject({ level: 3, vip: true, tier: 'bronze', fee: { amount: 9.5, currency: 'EUR' } });
  });

  it('leaves the table as it was when adding a field fails', async () => {
    const before = await columnsOf(server, 'member');
    const records = await all();
    expectProblem(
      await server.request('POST', '/api/meta/entities/member/fields', { name: 'rank', type: 'integer', default: 'first' }),
      400,
      'TRELLIS_VALIDATION',
      'default',
    );
    expectProblem(
      await server.request('POST', '/api/meta/entities/member/fields', { name: 'email', type: 'email', unique: true, default: 'a@b.co' }),
      400,
      'TRELLIS_VALIDATION',
      'default',
    );
    expect(await columnsOf(server, 'member')).toEqual(before);
    expect(await all()).toEqual(records);
  });
});
