import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelationTypeService } from '../src/relations/relation-type-service.js';
import { CoreTokens } from '../src/tokens.js';
import { createEntity, createRecord, entityNames, expectOk, expectProblem, indexesOf } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { employsType } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/server.js';

let database: TestDatabase;
let server: TestServer;
/** A second process on the same database. */
let other: TestServer;

const EMPLOYS = employsType();

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database });
  other = await startTestServer({ database });
  await createEntity(server, { name: 'company', label: 'Company', fields: [{ name: 'name', type: 'text' }] });
  await createEntity(server, { name: 'contact', label: 'Contact', fields: [{ name: 'first_name', type: 'text' }] });
  await createEntity(server, { name: 'project', label: 'Project', fields: [{ name: 'title', type: 'text' }] });
});
afterAll(async () => {
  await server?.close();
  await other?.close();
  await database?.drop();
});

function createType(body: unknown, through: TestServer = server) {
  return through.request('POST', '/api/meta/relation-types', body);
}

function relate(subject: { entity: string; id: string }, body: Record<string, unknown>) {
  return server.request('POST', `/api/records/${subject.entity}/${subject.id}/relations`, body);
}

/** The stored rows of the given relation types, straight from the database. */
function storedRelations(...types: string[]): Promise<any[]> {
  return server.trellis.db.knex('trellis_relations').whereIn('type', types);
}

describe('creating relation types', () => {
  it('creates both directions, each with its own key, label, entities and cardinality', async () => {
    const created = expectOk(await createType(EMPLOYS), 201).data;
    expect(created).toEqual({
      key: 'employs',
      label: 'employs',
      symmetric: { key: 'employed_by', label: 'is employed by' },
      subjectEntities: ['company'],
      objectEntities: ['contact'],
      cardinality: { subject: 'many', object: 'one' },
      fields: [expect.objectContaining({ name: 'role', type: 'text', label: 'Role', required: false, unique: false, indexed: false })],
      system: false,
    });
    const twin = expectOk(await server.request('GET', '/api/meta/relation-types/employed_by')).data;
    expect(twin).toMatchObject({
      key: 'employed_by',
      label: 'is employed by',
      symmetric: { key: 'employs', label: 'employs' },
      subjectEntities: ['contact'],
      objectEntities: ['company'],
      cardinality: { subject: 'one', object: 'many' },
      system: false,
    });
    expect(twin.fields).toEqual(created.fields);
    const keys = expectOk(await server.request('GET', '/api/meta/relation-types')).data.map((t: any) => t.key);
    expect(keys).toEqual(expect.arrayContaining(['employs', 'employed_by']));
  });

  it('stores one row per direction, each naming the other', async () => {
    const rows = await server.trellis.db.knex('trellis_relation_types').whereIn('key', ['employs', 'employed_by']).orderBy('key');
    expect(rows.map((row: any) => [row.key, row.symmetric_key, row.cardinality])).toEqual([
      ['employed_by', 'employs', 'one'],
      ['employs', 'employed_by', 'many'],
    ]);
    expect(await indexesOf(server, 'trellis_relations')).toEqual(
      expect.arrayContaining(['ux_trellis_relations__edge', 'ix_trellis_relations__object']),
    );
  });

  it('creates a type that is its own symmetric as one direction', async () => {
    const created = expectOk(
      await createType({ key: 'colleague_of', label: 'is a colleague of', symmetric: 'self', subjectEntities: ['contact'] }),
      201,
    ).data;
    expect(created).toMatchObject({
      key: 'colleague_of',
      symmetric: { key: 'colleague_of', label: 'is a colleague of' },
      subjectEntities: ['contact'],
      objectEntities: ['contact'],
      cardinality: { subject: 'many', object: 'many' },
    });
    expect(await server.trellis.db.knex('trellis_relation_types').where({ symmetric_key: 'colleague_of' })).toHaveLength(1);
  });

  it('defaults to any entity and many on both sides', async () => {
    const created = expectOk(
      await createType({ key: 'mentions', label: 'mentions', symmetric: { key: 'mentioned_by', label: 'is mentioned by' } }),
      201,
    ).data;
    expect(created).toMatchObject({
      subjectEntities: [],
      objectEntities: [],
      cardinality: { subject: 'many', object: 'many' },
      fields: [],
    });
  });

  it('refuses a key that exists, on either side', async () => {
    expectProblem(await createType(EMPLOYS), 409, 'TRELLIS_RELATION_TYPE_EXISTS');
    const body = { ...EMPLOYS, key: 'hires', symmetric: { key: 'employed_by', label: 'x' } };
    expect(expectProblem(await createType(body), 409, 'TRELLIS_RELATION_TYPE_EXISTS').detail).toContain('employed_by');
    expectProblem(await createType({ key: 'colleague_of', label: 'x', symmetric: 'self' }), 409, 'TRELLIS_RELATION_TYPE_EXISTS');
    expectProblem(await server.request('GET', '/api/meta/relation-types/hires'), 404, 'TRELLIS_NOT_FOUND');
  });

  it('is visible through another process at once', async () => {
    expectOk(
      await createType({ key: 'sponsors', label: 'sponsors', symmetric: { key: 'sponsored_by', label: 'is sponsored by' } }, other),
      201,
    );
    const company = await createRecord(server, 'company', { name: 'Sponsor' });
    const project = await createRecord(server, 'project', { title: 'Sponsored' });
    // No read in between: the add itself notices the newer metadata.
    expectOk(await relate({ entity: 'company', id: company.id }, { type: 'sponsors', object: { entity: 'project', id: project.id } }), 201);
    const groups = expectOk(await other.request('GET', `/api/records/project/${project.id}/relations`)).data;
    expect(groups.map((g: any) => g.type.key)).toEqual(['sponsored_by']);
  });
});

describe('relation type validation', () => {
  const base = { key: 'owns', label: 'owns', symmetric: { key: 'owned_by', label: 'is owned by' } };
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a missing key', { label: 'x', symmetric: 'self' }, 'key'],
    ['a missing symmetric', { key: 'owns', label: 'owns' }, 'symmetric'],
    ['a key that is not snake case', { ...base, key: 'Owns' }, 'key'],
    ['a key over 40 characters', { ...base, key: 'o'.repeat(41) }, 'key'],
    ['a reserved key', { ...base, key: 'select' }, 'key'],
    ['an empty label', { ...base, label: '' }, 'label'],
    ['a symmetric without label', { ...base, symmetric: { key: 'owned_by' } }, 'symmetric.label'],
    ['a bad symmetric key', { ...base, symmetric: { key: 'Owned By', label: 'x' } }, 'symmetric.key'],
    ['a symmetric key equal to the key', { ...base, symmetric: { key: 'owns', label: 'x' } }, 'symmetric.key'],
    ['a symmetric that is neither self nor an object', { ...base, symmetric: 'mirror' }, 'symmetric'],
    ['an unknown subject entity', { ...base, subjectEntities: ['company', 'nothing'] }, 'subjectEntities[1]'],
    ['an unknown object entity', { ...base, objectEntities: ['nothing'] }, 'objectEntities[0]'],
    ['an unknown cardinality', { ...base, cardinality: { subject: 'several' } }, 'cardinality.subject'],
    [
      'an unknown field type',
      {
        ...base,
        fields: [
          { name: 'since', type: 'date' },
          { name: 'role', type: 'texte' },
        ],
      },
      'fields[1].type',
    ],
    ['a bad field name', { ...base, fields: [{ name: 'Role', type: 'text' }] }, 'fields[0].name'],
    ['a unique attribute', { ...base, fields: [{ name: 'role', type: 'text', unique: true }] }, 'fields[0].unique'],
    [
      'an attribute declared twice',
      {
        ...base,
        fields: [
          { name: 'role', type: 'text' },
          { name: 'role', type: 'date' },
        ],
      },
      'fields[1].name',
    ],
    [
      'a lookup attribute to nothing',
      { ...base, fields: [{ name: 'via', type: 'lookup', options: { target: 'nothing' } }] },
      'fields[0].options.target',
    ],
    ['an invalid attribute default', { ...base, fields: [{ name: 'share', type: 'integer', default: 'all' }] }, 'fields[0].default'],
    [
      'a self type with other object entities',
      { key: 'twin_of', label: 'x', symmetric: 'self', subjectEntities: ['contact'], objectEntities: ['company'] },
      'objectEntities',
    ],
    [
      'a self type with two cardinalities',
      { key: 'twin_of', label: 'x', symmetric: 'self', cardinality: { subject: 'one', object: 'many' } },
      'cardinality.object',
    ],
    ['system: true', { ...base, system: true }, 'system'],
    ['an unknown property', { ...base, colour: 'red' }, 'colour'],
  ];

  it.each(cases)('refuses %s, naming the path', async (_, body, path) => {
    expectProblem(await createType(body), 400, 'TRELLIS_VALIDATION', path);
    const key = typeof body.key === 'string' ? body.key : 'owns';
    expectProblem(await server.request('GET', `/api/meta/relation-types/${encodeURIComponent(key)}`), 404);
  });

  it('reports every problem at once', async () => {
    const body = expectProblem(
      await createType({ key: 'Bad', label: 'x', symmetric: { key: 'Worse', label: 'y' }, subjectEntities: ['nothing'] }),
      400,
      'TRELLIS_VALIDATION',
    );
    expect(body.errors.map((e: any) => e.path)).toEqual(['key', 'symmetric.key', 'subjectEntities[0]']);
  });

  it('refuses a body that is not an object', async () => {
    expectProblem(await server.request('POST', '/api/meta/relation-types', ['employs']), 400, 'TRELLIS_VALIDATION', 'body');
  });
});

describe('changing relation types', () => {
  let company: any;
  let contact: any;

  beforeAll(async () => {
    company = await createRecord(server, 'company', { name: 'Acme' });
    contact = await createRecord(server, 'contact', { first_name: 'Ada' });
    expectOk(await relate({ entity: 'company', id: company.id }, { type: 'employs', object: { entity: 'contact', id: contact.id } }), 201);
  });

  it('changes the labels of both sides', async () => {
    const changed = expectOk(
      await server.request('PATCH', '/api/meta/relation-types/employed_by', { label: 'works for', symmetric: { label: 'has on staff' } }),
    ).data;
    expect(changed).toMatchObject({ key: 'employed_by', label: 'works for', symmetric: { key: 'employs', label: 'has on staff' } });
    expect(expectOk(await server.request('GET', '/api/meta/relation-types/employs')).data).toMatchObject({
      label: 'has on staff',
      symmetric: { label: 'works for' },
    });
  });

  it('refuses to change a key', async () => {
    expectProblem(await server.request('PATCH', '/api/meta/relation-types/employs', { key: 'hires' }), 400, 'TRELLIS_VALIDATION', 'key');
    expectProblem(
      await server.request('PATCH', '/api/meta/relation-types/employs', { symmetric: { key: 'hired_by' } }),
      400,
      'TRELLIS_VALIDATION',
      'symmetric.key',
    );
    expectProblem(await server.request('PATCH', '/api/meta/relation-types/employs', { system: true }), 400, 'TRELLIS_VALIDATION', 'system');
  });

  it('adds attribute fields to both sides, giving existing relations their default', async () => {
    const changed = expectOk(
      await server.request('PATCH', '/api/meta/relation-types/employs', {
        fields: [{ name: 'full_time', type: 'boolean', default: true }],
      }),
    ).data;
    expect(changed.fields.map((f: any) => f.name)).toEqual(['role', 'full_time']);
    const twin = expectOk(await server.request('GET', '/api/meta/relation-types/employed_by')).data;
    expect(twin.fields.map((f: any) => f.name)).toEqual(['role', 'full_time']);
    const groups = expectOk(await server.request('GET', `/api/records/contact/${contact.id}/relations`)).data;
    expect(groups[0].relations[0].attributes).toEqual({ role: null, full_time: true });
  });

  it('refuses to redefine an existing attribute', async () => {
    expectProblem(
      await server.request('PATCH', '/api/meta/relation-types/employs', { fields: [{ name: 'role', type: 'integer' }] }),
      400,
      'TRELLIS_VALIDATION',
      'fields[0].name',
    );
  });

  it('refuses narrower entities that existing relations break, accepts those they fit', async () => {
    await createEntity(server, { name: 'supplier', label: 'Supplier', fields: [{ name: 'name', type: 'text' }] });
    const refused = expectProblem(
      await server.request('PATCH', '/api/meta/relation-types/employs', { subjectEntities: ['supplier'] }),
      409,
      'TRELLIS_RELATION_TYPE_IN_USE',
      'subjectEntities',
    );
    expect(refused.detail).toContain('company');
    // The same constraint seen from the other direction.
    expectProblem(
      await server.request('PATCH', '/api/meta/relation-types/employed_by', { objectEntities: ['supplier'] }),
      409,
      'TRELLIS_RELATION_TYPE_IN_USE',
      'objectEntities',
    );
    const widened = expectOk(
      await server.request('PATCH', '/api/meta/relation-types/employs', { subjectEntities: ['company', 'supplier'] }),
    ).data;
    expect(widened.subjectEntities).toEqual(['company', 'supplier']);
    expect(expectOk(await server.request('GET', '/api/meta/relation-types/employed_by')).data.objectEntities).toEqual([
      'company',
      'supplier',
    ]);
    expectOk(await server.request('PATCH', '/api/meta/relation-types/employs', { subjectEntities: ['company'] }));
  });

  it('refuses a cardinality of one that existing relations break', async () => {
    const other = await createRecord(server, 'contact', { first_name: 'Grace' });
    expectOk(await relate({ entity: 'company', id: company.id }, { type: 'employs', object: { entity: 'contact', id: other.id } }), 201);
    const body = expectProblem(
      await server.request('PATCH', '/api/meta/relation-types/employs', { cardinality: { subject: 'one' } }),
      409,
      'TRELLIS_CARDINALITY',
      'cardinality.subject',
    );
    expect(body.detail).toContain(company.id);
    expect(expectOk(await server.request('GET', '/api/meta/relation-types/employs')).data.cardinality).toEqual({
      subject: 'many',
      object: 'one',
    });
    // Nothing breaks "one" on the contact side yet: each contact has one employer.
    const relaxed = expectOk(await server.request('PATCH', '/api/meta/relation-types/employs', { cardinality: { object: 'many' } })).data;
    expect(relaxed.cardinality).toEqual({ subject: 'many', object: 'many' });
    const strict = expectOk(
      await server.request('PATCH', '/api/meta/relation-types/employed_by', { cardinality: { subject: 'one' } }),
    ).data;
    expect(strict.cardinality).toEqual({ subject: 'one', object: 'many' });
  });

  it('keeps a type that is its own symmetric consistent', async () => {
    const changed = expectOk(await server.request('PATCH', '/api/meta/relation-types/colleague_of', { label: 'works with' })).data;
    expect(changed).toMatchObject({ label: 'works with', symmetric: { key: 'colleague_of', label: 'works with' } });
    expectProblem(
      await server.request('PATCH', '/api/meta/relation-types/colleague_of', { subjectEntities: ['contact'], objectEntities: ['company'] }),
      400,
      'TRELLIS_VALIDATION',
      'objectEntities',
    );
    const widened = expectOk(
      await server.request('PATCH', '/api/meta/relation-types/colleague_of', { subjectEntities: ['contact', 'company'] }),
    ).data;
    expect(widened.objectEntities).toEqual(['contact', 'company']);
  });

  it('answers 404 for an unknown type and 400 for a bad body', async () => {
    expectProblem(await server.request('PATCH', '/api/meta/relation-types/nothing', { label: 'x' }), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('PATCH', '/api/meta/relation-types/employs', { label: '' }), 400, 'TRELLIS_VALIDATION', 'label');
    expectProblem(
      await server.request('PATCH', '/api/meta/relation-types/employs', { subjectEntities: ['nothing'] }),
      400,
      'TRELLIS_VALIDATION',
      'subjectEntities[0]',
    );
  });
});

describe('deleting relation types', () => {
  it('needs ?confirm=<key> when relations exist, then deletes both directions and their relations', async () => {
    expectOk(await createType({ key: 'funds', label: 'funds', symmetric: { key: 'funded_by', label: 'is funded by' } }), 201);
    const company = await createRecord(server, 'company', { name: 'Funder' });
    const project = await createRecord(server, 'project', { title: 'Funded' });
    expectOk(await relate({ entity: 'company', id: company.id }, { type: 'funds', object: { entity: 'project', id: project.id } }), 201);
    expect(await storedRelations('funds', 'funded_by')).toHaveLength(2);

    const body = expectProblem(await server.request('DELETE', '/api/meta/relation-types/funded_by'), 400, 'TRELLIS_VALIDATION', 'confirm');
    expect(body.errors[0].message).toContain('confirm=funded_by');
    expectProblem(await server.request('DELETE', '/api/meta/relation-types/funded_by?confirm=funds'), 400, 'TRELLIS_VALIDATION', 'confirm');
    expect(await storedRelations('funds', 'funded_by')).toHaveLength(2);

    expect((await server.request('DELETE', '/api/meta/relation-types/funded_by?confirm=funded_by')).status).toBe(204);
    expect(await storedRelations('funds', 'funded_by')).toHaveLength(0);
    expectProblem(await server.request('GET', '/api/meta/relation-types/funds'), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await other.request('GET', '/api/meta/relation-types/funded_by'), 404, 'TRELLIS_NOT_FOUND');
    expect(expectOk(await server.request('GET', `/api/records/company/${company.id}/relations`)).data).toEqual([]);
  });

  it('deletes an unused type without confirmation', async () => {
    expectOk(await createType({ key: 'likes', label: 'likes', symmetric: 'self' }), 201);
    expect((await server.request('DELETE', '/api/meta/relation-types/likes')).status).toBe(204);
    expectProblem(await server.request('DELETE', '/api/meta/relation-types/likes'), 404, 'TRELLIS_NOT_FOUND');
  });
});

describe('system relation types', () => {
  const definition = {
    key: 'handles',
    label: 'handles',
    symmetric: { key: 'handled_by', label: 'is handled by' },
    subjectEntities: ['contact'],
    objectEntities: ['project'],
  };
  let service: RelationTypeService;

  beforeAll(() => {
    service = server.trellis.container.resolve<RelationTypeService>(CoreTokens.RelationTypes);
  });

  it('are created through the service, once', async () => {
    const created = await service.ensureRelationType(definition);
    expect(created).toMatchObject({ key: 'handles', system: true });
    const again = await service.ensureRelationType({ ...definition, label: 'takes care of' });
    expect(again).toEqual(created);
    expect(await server.trellis.db.knex('trellis_relation_types').whereIn('key', ['handles', 'handled_by'])).toHaveLength(2);
    expect(expectOk(await server.request('GET', '/api/meta/relation-types/handled_by')).data.system).toBe(true);
  });

  it('cannot be changed or deleted through the API, from either side', async () => {
    for (const key of ['handles', 'handled_by']) {
      expectProblem(await server.request('PATCH', `/api/meta/relation-types/${key}`, { label: 'x' }), 403, 'TRELLIS_SYSTEM_RELATION_TYPE');
      expectProblem(await server.request('DELETE', `/api/meta/relation-types/${key}?confirm=${key}`), 403, 'TRELLIS_SYSTEM_RELATION_TYPE');
    }
    expect(expectOk(await server.request('GET', '/api/meta/relation-types/handles')).data.label).toBe('handles');
  });

  it('can still be used to relate records', async () => {
    const contact = await createRecord(server, 'contact', { first_name: 'Lin' });
    const project = await createRecord(server, 'project', { title: 'Migration' });
    expectOk(await relate({ entity: 'contact', id: contact.id }, { type: 'handles', object: { entity: 'project', id: project.id } }), 201);
  });

  it('do not take over a type a user defined', async () => {
    await expect(service.ensureRelationType({ key: 'employs', label: 'employs', symmetric: 'self' })).rejects.toMatchObject({
      code: 'TRELLIS_RELATION_TYPE_EXISTS',
    });
  });
});

describe('dropping entities that relation types use', () => {
  it('is refused while a type names the entity, naming the types', async () => {
    const body = expectProblem(
      await server.request('DELETE', '/api/meta/entities/project?confirm=project'),
      409,
      'TRELLIS_ENTITY_REFERENCED',
    );
    expect(body.detail).toContain('handles');
    expect(await entityNames(server)).toContain('project');
  });

  it('removes the relations a type open to any entity had with its records, and the type keeps working', async () => {
    await createEntity(server, { name: 'memo', label: 'Memo', fields: [{ name: 'subject', type: 'text' }] });
    const memo = await createRecord(server, 'memo', { subject: 'Kick-off' });
    const company = await createRecord(server, 'company', { name: 'Mentioned' });
    const project = await createRecord(server, 'project', { title: 'Mentioned too' });
    for (const object of [
      { entity: 'company', id: company.id },
      { entity: 'project', id: project.id },
    ]) {
      expectOk(await relate({ entity: 'memo', id: memo.id }, { type: 'mentions', object }), 201);
    }
    expectOk(await relate({ entity: 'company', id: company.id }, { type: 'mentions', object: { entity: 'project', id: project.id } }), 201);
    expect(await storedRelations('mentions', 'mentioned_by')).toHaveLength(6);

    expect((await server.request('DELETE', '/api/meta/entities/memo?confirm=memo')).status).toBe(204);
    const left = await storedRelations('mentions', 'mentioned_by');
    expect(left).toHaveLength(2);
    for (const row of left) expect([row.subject_entity, row.object_entity]).not.toContain('memo');
    const groups = expectOk(await server.request('GET', `/api/records/project/${project.id}/relations`)).data;
    const mentionedBy = groups.find((g: any) => g.type.key === 'mentioned_by');
    expect(mentionedBy.relations.map((r: any) => r.object.id)).toEqual([company.id]);
  });
});
