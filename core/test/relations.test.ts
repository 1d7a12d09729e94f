import { randomUUID } from 'node:crypto';
import type { RelationEvent } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RelationsService } from '../src/relations/relations-service.js';
import { CoreTokens } from '../src/tokens.js';
import { createEntity, createRecord, expectOk, expectProblem, qs, type Rec } from './support/api.js';
import { employsType } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let acme: Rec;
let globex: Rec;
let ada: Rec;
let grace: Rec;

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, { name: 'company', label: 'Company', fields: [{ name: 'name', type: 'text' }] });
  await createEntity(server, {
    name: 'contact',
    label: 'Contact',
    fields: [
      { name: 'score', type: 'integer' },
      { name: 'first_name', type: 'text' },
      { name: 'email', type: 'email' },
    ],
  });
  await createEntity(server, { name: 'meeting', label: 'Meeting', fields: [{ name: 'held_on', type: 'date' }] });
  const types = [
    employsType([
      { name: 'role', type: 'text', required: true },
      { name: 'since', type: 'date' },
      { name: 'work_email', type: 'email' },
      { name: 'referrer', type: 'lookup', options: { target: 'contact' } },
    ]),
    { key: 'colleague_of', label: 'is a colleague of', symmetric: 'self', subjectEntities: ['contact'] },
    { key: 'knows', label: 'knows', symmetric: { key: 'known_by', label: 'is known by' } },
  ];
  for (const type of types) expectOk(await server.request('POST', '/api/meta/relation-types', type), 201);
  acme = await createRecord(server, 'company', { name: 'Acme' });
  globex = await createRecord(server, 'company', { name: 'Globex' });
  ada = await createRecord(server, 'contact', { first_name: 'Ada', email: 'ada@example.com' });
  grace = await createRecord(server, 'contact', { first_name: 'Grace' });
});
afterAll(() => server?.close());

type Ref = { entity: string; id: string };
const ref = (entity: string, record: Rec): Ref => ({ entity, id: record.id });

function relate(subject: Ref, type: string, object: Ref, attributes?: Record<string, unknown>) {
  return server.request('POST', `/api/records/${subject.entity}/${subject.id}/relations`, { type, object, attributes });
}

async function groupsOf(record: Ref, params: Record<string, unknown> = {}): Promise<any[]> {
  return expectOk(await server.request('GET', `/api/records/${record.entity}/${record.id}/relations${qs(params)}`)).data;
}

/** Every stored row touching a record, straight from the database. */
function rowsOf(id: string): Promise<any[]> {
  return server.trellis.db.knex('trellis_relations').where({ subject_id: id }).orWhere({ object_id: id });
}

function relationsService(): RelationsService {
  return server.trellis.container.resolve<RelationsService>(CoreTokens.Relations);
}

describe('adding a relation', () => {
  let added: any;

  it('answers 201 with the relation seen from the subject', async () => {
    added = expectOk(await relate(ref('company', acme), 'employs', ref('contact', ada), { role: 'CTO', since: '2024-02-01' }), 201).data;
    expect(added).toMatchObject({
      type: { key: 'employs', label: 'employs' },
      subject: { entity: 'company', id: acme.id },
      object: { entity: 'contact', id: ada.id, first_name: 'Ada', label: 'Ada' },
      attributes: { role: 'CTO', since: '2024-02-01', work_email: null, referrer: null },
      created_by: expect.any(String),
    });
    expect(added.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(added.created_at)).not.toBeNaN();
  });

  it('is visible from the other side under the symmetric type', async () => {
    const groups = await groupsOf(ref('contact', ada));
    expect(groups).toHaveLength(1);
    expect(groups[0].type).toEqual({ key: 'employed_by', label: 'is employed by' });
    expect(groups[0].page).toEqual({ next: null });
    expect(groups[0].relations).toHaveLength(1);
    const twin = groups[0].relations[0];
    expect(twin.object).toEqual({ entity: 'company', id: acme.id, name: 'Acme', label: 'Acme' });
    expect(twin.attributes).toEqual(added.attributes);
    expect(twin.created_at).toBe(added.created_at);
    expect(twin.id).not.toBe(added.id);
    const fromAcme = await groupsOf(ref('company', acme));
    expect(fromAcme.map((g) => [g.type.key, g.relations.map((r: any) => r.id)])).toEqual([['employs', [added.id]]]);
  });

  it('stores two rows that point at each other', async () => {
    const rows = await rowsOf(ada.id);
    expect(rows).toHaveLength(2);
    const forward = rows.find((row) => row.subject_id === acme.id);
    const backward = rows.find((row) => row.subject_id === ada.id);
    expect(forward).toMatchObject({
      id: added.id,
      type: 'employs',
      subject_entity: 'company',
      object_entity: 'contact',
      object_id: ada.id,
    });
    expect(backward).toMatchObject({ type: 'employed_by', subject_entity: 'contact', object_entity: 'company', object_id: acme.id });
    expect(forward.symmetric_id).toBe(backward.id);
    expect(backward.symmetric_id).toBe(forward.id);
  });

  it('refuses the same relation twice, from either side', async () => {
    expectProblem(await relate(ref('company', acme), 'employs', ref('contact', ada), { role: 'CEO' }), 409, 'TRELLIS_RELATION_EXISTS');
    expectProblem(await relate(ref('contact', ada), 'employed_by', ref('company', acme), { role: 'CEO' }), 409, 'TRELLIS_RELATION_EXISTS');
    expect(await rowsOf(ada.id)).toHaveLength(2);
  });

  it('relates records by a type that is its own symmetric, in both directions', async () => {
    const colleague = expectOk(await relate(ref('contact', ada), 'colleague_of', ref('contact', grace)), 201).data;
    expect(colleague.object).toMatchObject({ entity: 'contact', id: grace.id, label: 'Grace' });
    const fromGrace = (await groupsOf(ref('contact', grace))).find((g) => g.type.key === 'colleague_of');
    expect(fromGrace.type.label).toBe('is a colleague of');
    expect(fromGrace.relations.map((r: any) => r.object.id)).toEqual([ada.id]);
    const rows = await server.trellis.db.knex('trellis_relations').where({ type: 'colleague_of' });
    expect(rows.map((row: any) => [row.subject_id, row.object_id]).sort()).toEqual(
      [
        [ada.id, grace.id],
        [grace.id, ada.id],
      ].sort(),
    );
    // Already related the other way round: the same relation.
    expectProblem(await relate(ref('contact', grace), 'colleague_of', ref('contact', ada)), 409, 'TRELLIS_RELATION_EXISTS');
  });

  it('labels a record without a text field by its id', async () => {
    const meeting = await createRecord(server, 'meeting', { held_on: '2026-01-05' });
    const relation = expectOk(await relate(ref('contact', grace), 'knows', ref('meeting', meeting)), 201).data;
    expect(relation.object).toEqual({ entity: 'meeting', id: meeting.id, label: meeting.id });
  });
});

describe('what may be related', () => {
  it('refuses an object entity the type does not allow, saying which are', async () => {
    const body = expectProblem(
      await relate(ref('company', acme), 'employs', ref('company', globex), { role: 'x' }),
      400,
      'TRELLIS_VALIDATION',
      'object.entity',
    );
    expect(body.detail).toContain('company cannot be the object of employs; allowed: contact');
  });

  it('refuses a subject entity the type does not allow, naming the type', async () => {
    const body = expectProblem(
      await relate(ref('contact', grace), 'employs', ref('contact', ada), { role: 'x' }),
      400,
      'TRELLIS_VALIDATION',
      'type',
    );
    expect(body.detail).toContain('contact cannot be the subject of employs; allowed: company');
  });

  it.each([
    ['an unknown type', { type: 'hates', object: { entity: 'contact', id: randomUUID() } }, 'type'],
    ['a missing type', { object: { entity: 'contact', id: randomUUID() } }, 'type'],
    ['a missing object', { type: 'knows' }, 'object'],
    ['an object without id', { type: 'knows', object: { entity: 'contact' } }, 'object.id'],
    ['an unknown object entity', { type: 'knows', object: { entity: 'planet', id: randomUUID() } }, 'object.entity'],
    ['an object id that is not an id', { type: 'knows', object: { entity: 'contact', id: 'ada' } }, 'object.id'],
    ['an object that does not exist', { type: 'knows', object: { entity: 'contact', id: randomUUID() } }, 'object.id'],
    ['an unknown property', { type: 'knows', object: { entity: 'contact', id: randomUUID() }, note: 'x' }, 'note'],
  ])('refuses %s, naming the path', async (_, body, path) => {
    expectProblem(await server.request('POST', `/api/records/company/${acme.id}/relations`, body), 400, 'TRELLIS_VALIDATION', path);
  });

  it('refuses to relate a record to itself', async () => {
    expectProblem(await relate(ref('contact', grace), 'knows', ref('contact', grace)), 400, 'TRELLIS_VALIDATION', 'object.id');
  });

  it('answers 404 when the subject record or entity does not exist', async () => {
    expectProblem(await relate({ entity: 'contact', id: randomUUID() }, 'knows', ref('contact', grace)), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await relate({ entity: 'planet', id: randomUUID() }, 'knows', ref('contact', grace)), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('GET', `/api/records/contact/${randomUUID()}/relations`), 404, 'TRELLIS_NOT_FOUND');
  });
});

describe('cardinality', () => {
  it('refuses a second employer from either side, naming the type and the record', async () => {
    // Ada is employed by Acme; employed_by allows one.
    const fromCompany = expectProblem(
      await relate(ref('company', globex), 'employs', ref('contact', ada), { role: 'x' }),
      409,
      'TRELLIS_CARDINALITY',
    );
    expect(fromCompany.detail).toContain(ada.id);
    expect(fromCompany.detail).toContain('employed_by');
    expectProblem(await relate(ref('contact', ada), 'employed_by', ref('company', globex), { role: 'x' }), 409, 'TRELLIS_CARDINALITY');
    expect(await rowsOf(globex.id)).toHaveLength(0);
  });

  it('lets a company employ many contacts', async () => {
    expectOk(await relate(ref('company', acme), 'employs', ref('contact', grace), { role: 'Engineer' }), 201);
    const employs = (await groupsOf(ref('company', acme))).find((g) => g.type.key === 'employs');
    expect(employs.relations.map((r: any) => r.object.id)).toEqual([ada.id, grace.id]);
  });

  it('keeps one relation when ten companies employ the same contact at once', async () => {
    const lin = await createRecord(server, 'contact', { first_name: 'Lin' });
    const companies = await Promise.all(Array.from({ length: 10 }, (_, i) => createRecord(server, 'company', { name: `Rival ${i}` })));
    const responses = await Promise.all(
      companies.map((company) => relate(ref('company', company), 'employs', ref('contact', lin), { role: 'x' })),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 201)) expectProblem(response, 409, 'TRELLIS_CARDINALITY');
    expect(await rowsOf(lin.id)).toHaveLength(2);
  });
});

describe('attributes', () => {
  let linus: Rec;
  beforeAll(async () => {
    linus = await createRecord(server, 'contact', { first_name: 'Linus' });
  });

  it.each([
    ['a wrong type', { role: 5 }, 'attributes.role'],
    ['an impossible date', { role: 'x', since: '2024-02-30' }, 'attributes.since'],
    ['an invalid e-mail', { role: 'x', work_email: 'nope' }, 'attributes.work_email'],
    ['an unknown attribute', { role: 'x', nickname: 'L' }, 'attributes.nickname'],
    ['a missing required attribute', { since: '2024-01-01' }, 'attributes.role'],
    ['null for a required attribute', { role: null }, 'attributes.role'],
    ['a lookup to no record', { role: 'x', referrer: randomUUID() }, 'attributes.referrer'],
  ])('refuses %s, naming the path', async (_, attributes, path) => {
    expectProblem(await relate(ref('company', globex), 'employs', ref('contact', linus), attributes), 400, 'TRELLIS_VALIDATION', path);
    expect(await rowsOf(linus.id)).toHaveLength(0);
  });

  it('refuses attributes that are not an object, and attributes on a type without fields', async () => {
    expectProblem(
      await relate(ref('company', globex), 'employs', ref('contact', linus), 'CTO' as never),
      400,
      'TRELLIS_VALIDATION',
      'attributes',
    );
    expectProblem(
      await relate(ref('contact', linus), 'knows', ref('contact', grace), { since: '2020-01-01' }),
      400,
      'TRELLIS_VALIDATION',
      'attributes.since',
    );
  });

  it('names an unknown attribute as such', async () => {
    const body = expectProblem(await relate(ref('company', globex), 'employs', ref('contact', linus), { role: 'x', nickname: 'L' }), 400);
    expect(body.errors[0].message).toBe('is not an attribute of this relation type');
  });

  it('stores values normalised, as their field types do', async () => {
    const relation = expectOk(
      await relate(ref('company', globex), 'employs', ref('contact', linus), {
        role: 'Kernel',
        work_email: 'Linus@Example.COM',
        referrer: ada.id,
      }),
      201,
    ).data;
    expect(relation.attributes).toEqual({ role: 'Kernel', since: null, work_email: 'linus@example.com', referrer: ada.id });
  });
});

describe('changing attributes', () => {
  let relation: any;
  let sam: Rec;

  beforeAll(async () => {
    sam = await createRecord(server, 'contact', { first_name: 'Sam' });
    relation = expectOk(
      await relate(ref('company', globex), 'employs', ref('contact', sam), { role: 'Intern', since: '2025-09-01' }),
      201,
    ).data;
  });

  it('updates the given attributes on both sides', async () => {
    const patched = expectOk(
      await server.request('PATCH', `/api/records/company/${globex.id}/relations/${relation.id}`, { attributes: { role: 'Engineer' } }),
    ).data;
    expect(patched.attributes).toEqual({ role: 'Engineer', since: '2025-09-01', work_email: null, referrer: null });
    const fromSam = (await groupsOf(ref('contact', sam)))[0];
    expect(fromSam.relations[0].attributes).toEqual(patched.attributes);
    const twinId = fromSam.relations[0].id;
    // Patched through the other side, read from the first.
    expectOk(await server.request('PATCH', `/api/records/contact/${sam.id}/relations/${twinId}`, { attributes: { since: null } }));
    const fromGlobex = (await groupsOf(ref('company', globex))).find((g) => g.type.key === 'employs');
    expect(fromGlobex.relations.find((r: any) => r.id === relation.id).attributes).toMatchObject({ role: 'Engineer', since: null });
  });

  it('refuses invalid attributes and changes nothing', async () => {
    const path = `/api/records/company/${globex.id}/relations/${relation.id}`;
    expectProblem(await server.request('PATCH', path, { attributes: { role: 7 } }), 400, 'TRELLIS_VALIDATION', 'attributes.role');
    expectProblem(await server.request('PATCH', path, { attributes: { role: null } }), 400, 'TRELLIS_VALIDATION', 'attributes.role');
    expectProblem(await server.request('PATCH', path, { attributes: { mood: 'ok' } }), 400, 'TRELLIS_VALIDATION', 'attributes.mood');
    const misplaced = expectProblem(await server.request('PATCH', path, { role: 'x' }), 400, 'TRELLIS_VALIDATION', 'attributes');
    expect(misplaced.errors[1].path).toBe('role');
    const fromSam = (await groupsOf(ref('contact', sam)))[0];
    expect(fromSam.relations[0].attributes.role).toBe('Engineer');
  });

  it("answers 404 for a relation that is not the record's", async () => {
    expectProblem(
      await server.request('PATCH', `/api/records/contact/${sam.id}/relations/${relation.id}`, { attributes: { role: 'x' } }),
      404,
      'TRELLIS_NOT_FOUND',
    );
    expectProblem(
      await server.request('PATCH', `/api/records/company/${globex.id}/relations/${randomUUID()}`, { attributes: { role: 'x' } }),
      404,
      'TRELLIS_NOT_FOUND',
    );
  });
});

describe('removing a relation', () => {
  it('removes both rows, from either side', async () => {
    const kim = await createRecord(server, 'contact', { first_name: 'Kim' });
    const relation = expectOk(await relate(ref('contact', kim), 'knows', ref('contact', grace)), 201).data;
    const twinId = (await groupsOf(ref('contact', grace)))
      .find((g) => g.type.key === 'known_by')
      .relations.find((r: any) => r.object.id === kim.id).id;
    // The relation's id is not one of Grace's relations.
    expectProblem(await server.request('DELETE', `/api/records/contact/${grace.id}/relations/${relation.id}`), 404, 'TRELLIS_NOT_FOUND');
    expect((await server.request('DELETE', `/api/records/contact/${grace.id}/relations/${twinId}`)).status).toBe(204);
    expect(await rowsOf(kim.id)).toHaveLength(0);
    expect(await groupsOf(ref('contact', kim))).toEqual([]);
    expectProblem(await server.request('DELETE', `/api/records/contact/${kim.id}/relations/${relation.id}`), 404, 'TRELLIS_NOT_FOUND');
  });
});

describe('deleting a record', () => {
  it('removes its relations, both rows of each, and leaves the others alone', async () => {
    const doomed = await createRecord(server, 'contact', { first_name: 'Doomed' });
    const other = await createRecord(server, 'contact', { first_name: 'Other' });
    const company = await createRecord(server, 'company', { name: 'Employer' });
    expectOk(await relate(ref('company', company), 'employs', ref('contact', doomed), { role: 'x' }), 201);
    expectOk(await relate(ref('contact', doomed), 'colleague_of', ref('contact', other)), 201);
    expectOk(await relate(ref('contact', other), 'knows', ref('contact', doomed)), 201);
    expectOk(await relate(ref('company', company), 'employs', ref('contact', other), { role: 'y' }), 201);
    const total = await server.trellis.db.knex('trellis_relations').count<{ n: number | string }[]>({ n: '*' });
    expect(await rowsOf(doomed.id)).toHaveLength(6);

    expect((await server.request('DELETE', `/api/records/contact/${doomed.id}`)).status).toBe(204);
    expect(await rowsOf(doomed.id)).toHaveLength(0);
    const after = await server.trellis.db.knex('trellis_relations').count<{ n: number | string }[]>({ n: '*' });
    expect(Number(after[0]!.n)).toBe(Number(total[0]!.n) - 6);
    const left = await groupsOf(ref('contact', other));
    expect(left.map((g) => [g.type.key, g.relations.map((r: any) => r.object.id)])).toEqual([['employed_by', [company.id]]]);
    expect((await groupsOf(ref('company', company)))[0].relations.map((r: any) => r.object.id)).toEqual([other.id]);
  });
});

describe('concurrent adds', () => {
  it('of the same relation leave exactly one, and its twin', async () => {
    const a = await createRecord(server, 'contact', { first_name: 'Racer A' });
    const b = await createRecord(server, 'contact', { first_name: 'Racer B' });
    const responses = await Promise.all(Array.from({ length: 10 }, () => relate(ref('contact', a), 'knows', ref('contact', b))));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 201)) expectProblem(response, 409, 'TRELLIS_RELATION_EXISTS');
    const rows = await rowsOf(a.id);
    expect(rows.map((row) => row.type).sort()).toEqual(['known_by', 'knows']);
  });
});

describe('listing relations', () => {
  let hub: Rec;
  let known: string[];
  let colleagues: string[];

  beforeAll(async () => {
    hub = await createRecord(server, 'contact', { first_name: 'Hub' });
    const people = expectOk(
      await server.request(
        'POST',
        '/api/records/contact',
        Array.from({ length: 67 }, (_, i) => ({ first_name: `Person ${i}` })),
      ),
      201,
    ).data as Rec[];
    known = [];
    for (const person of people.slice(0, 60))
      known.push(expectOk(await relate(ref('contact', hub), 'knows', ref('contact', person)), 201).data.id);
    colleagues = [];
    for (const person of people.slice(60)) {
      colleagues.push(expectOk(await relate(ref('contact', hub), 'colleague_of', ref('contact', person)), 201).data.id);
    }
  });

  it('groups by type, each group one page of up to 25 by default', async () => {
    const groups = await groupsOf(ref('contact', hub));
    expect(groups.map((g) => g.type.key)).toEqual(['colleague_of', 'knows']);
    const [colleague, knows] = groups;
    expect(colleague.relations.map((r: any) => r.id)).toEqual(colleagues);
    expect(colleague.page.next).toBeNull();
    expect(knows.relations.map((r: any) => r.id)).toEqual(known.slice(0, 25));
    expect(knows.page.next).toEqual(expect.any(String));
  });

  it('walks every relation of a type exactly once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const groups = await groupsOf(ref('contact', hub), { type: 'knows', limit: 7, cursor });
      expect(groups).toHaveLength(1);
      expect(groups[0].relations.length).toBeLessThanOrEqual(7);
      seen.push(...groups[0].relations.map((r: any) => r.id));
      cursor = groups[0].page.next ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual(known);
  });

  it('lists an empty group when asked for one type', async () => {
    const groups = await groupsOf(ref('contact', hub), { type: 'employed_by' });
    expect(groups).toEqual([{ type: { key: 'employed_by', label: 'is employed by' }, relations: [], page: { next: null } }]);
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 201 }, 'limit'],
    [{ limit: 'many' }, 'limit'],
    [{ cursor: 'abc' }, 'cursor'],
    [{ type: 'knows', cursor: 'abc' }, 'cursor'],
    [{ type: 'hates' }, 'type'],
  ])('refuses %j, naming the parameter', async (params, path) => {
    expectProblem(await server.request('GET', `/api/records/contact/${hub.id}/relations${qs(params)}`), 400, 'TRELLIS_VALIDATION', path);
  });

  it('accepts up to 200 per type', async () => {
    const knows = (await groupsOf(ref('contact', hub), { limit: 200 })).find((g) => g.type.key === 'knows');
    expect(knows.relations).toHaveLength(60);
    expect(knows.page.next).toBeNull();
  });
});

describe('relation events', () => {
  it('announce an add after it has committed', async () => {
    const events: RelationEvent[] = [];
    let storedWhenAnnounced: number | undefined;
    const off = relationsService().on('relation.added', async (event) => {
      events.push(event);
      storedWhenAnnounced = (await server.trellis.db.knex('trellis_relations').where({ id: event.relation.id })).length;
    });
    try {
      const a = await createRecord(server, 'contact', { first_name: 'Event A' });
      const relation = expectOk(await relate(ref('company', acme), 'employs', ref('contact', a), { role: 'Analyst' }), 201).data;
      await vi.waitFor(() => expect(storedWhenAnnounced).toBeDefined());
      expect(events).toHaveLength(1);
      expect(events[0]).toEqual({
        type: 'relation.added',
        relation: {
          id: relation.id,
          type: 'employs',
          subject: { entity: 'company', id: acme.id },
          object: { entity: 'contact', id: a.id },
          attributes: relation.attributes,
          created_at: relation.created_at,
          created_by: relation.created_by,
        },
      });
      expect(storedWhenAnnounced).toBe(1);
    } finally {
      off();
    }
  });

  it('are not announced for adds that were rolled back', async () => {
    const events: RelationEvent[] = [];
    const off = relationsService().on('relation.added', (event) => void events.push(event));
    try {
      const a = await createRecord(server, 'contact', { first_name: 'Rolled A' });
      const b = await createRecord(server, 'contact', { first_name: 'Rolled B' });
      const responses = await Promise.all(Array.from({ length: 10 }, () => relate(ref('contact', a), 'knows', ref('contact', b))));
      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
      // A refused add: Ada already has an employer.
      expectProblem(await relate(ref('company', globex), 'employs', ref('contact', ada), { role: 'x' }), 409);
      expect(events.map((e) => e.relation.subject.id)).toEqual([a.id]);
    } finally {
      off();
    }
  });

  it('announce removals, including those of a deleted record, once they are gone', async () => {
    const events: RelationEvent[] = [];
    const stillStored: number[] = [];
    const off = relationsService().on('relation.removed', async (event) => {
      events.push(event);
      stillStored.push((await server.trellis.db.knex('trellis_relations').where({ id: event.relation.id })).length);
    });
    try {
      const a = await createRecord(server, 'contact', { first_name: 'Leaving' });
      const relation = expectOk(await relate(ref('contact', a), 'knows', ref('contact', grace)), 201).data;
      expectOk(await relate(ref('contact', a), 'colleague_of', ref('contact', ada)), 201);
      expect((await server.request('DELETE', `/api/records/contact/${a.id}/relations/${relation.id}`)).status).toBe(204);
      expect((await server.request('DELETE', `/api/records/contact/${a.id}`)).status).toBe(204);
      await vi.waitFor(() => expect(stillStored).toHaveLength(2));
      expect(events.map((e) => [e.type, e.relation.type, e.relation.subject.id])).toEqual([
        ['relation.removed', 'knows', a.id],
        ['relation.removed', 'colleague_of', a.id],
      ]);
      expect(stillStored).toEqual([0, 0]);
    } finally {
      off();
    }
  });
});
