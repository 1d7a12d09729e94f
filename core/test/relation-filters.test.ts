import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkCreate, createEntity, expectOk, expectProblem, qs, type Rec } from './support/api.js';
import { COLLEAGUE_TYPE, employsType } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * `$relation` filters against sets computed by hand from the seed below:
 *   companies: Acme (FR, 120 staff), Bistro (FR, 8), Corp (DE, 300)
 *   contacts employed by: ada → Acme, bob → Bistro, cyd → Corp, dan → Acme; eve has no employer
 *   colleagues (self-symmetric): ada–bob, ada–cyd, ada–dan, bob–cyd
 */
let server: TestServer;
let companies: Record<string, Rec>;
let contacts: Record<string, Rec>;

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'company',
    label: 'Company',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'country', type: 'text', indexed: true },
      { name: 'employees', type: 'integer' },
    ],
  });
  await createEntity(server, { name: 'contact', label: 'Contact', fields: [{ name: 'first_name', type: 'text' }] });
  const types = [employsType(), COLLEAGUE_TYPE];
  for (const type of types) expectOk(await server.request('POST', '/api/meta/relation-types', type), 201);
  const companyRows = await bulkCreate(server, 'company', [
    { name: 'Acme', country: 'FR', employees: 120 },
    { name: 'Bistro', country: 'FR', employees: 8 },
    { name: 'Corp', country: 'DE', employees: 300 },
  ]);
  companies = Object.fromEntries(companyRows.map((row) => [row.name as string, row]));
  const contactRows = await bulkCreate(
    server,
    'contact',
    ['ada', 'bob', 'cyd', 'dan', 'eve'].map((first_name) => ({ first_name })),
  );
  contacts = Object.fromEntries(contactRows.map((row) => [row.first_name as string, row]));
  const employ: Array<[string, string]> = [
    ['ada', 'Acme'],
    ['bob', 'Bistro'],
    ['cyd', 'Corp'],
    ['dan', 'Acme'],
  ];
  for (const [person, company] of employ) {
    const body = { type: 'employed_by', object: { entity: 'company', id: companies[company]!.id } };
    expectOk(await server.request('POST', `/api/records/contact/${contacts[person]!.id}/relations`, body), 201);
  }
  const colleagues: Array<[string, string]> = [
    ['ada', 'bob'],
    ['ada', 'cyd'],
    ['ada', 'dan'],
    ['bob', 'cyd'],
  ];
  for (const [a, b] of colleagues) {
    const body = { type: 'colleague_of', object: { entity: 'contact', id: contacts[b]!.id } };
    expectOk(await server.request('POST', `/api/records/contact/${contacts[a]!.id}/relations`, body), 201);
  }
});
afterAll(() => server?.close());

async function names(filter: unknown): Promise<string[]> {
  const page = expectOk(await server.request('GET', `/api/records/contact${qs({ filter, limit: 100 })}`));
  return (page.data as Rec[]).map((row) => row.first_name as string).sort();
}

describe('$relation filters', () => {
  it('finds records that have a relation of a type, or none', async () => {
    expect(await names({ $relation: { type: 'employed_by' } })).toEqual(['ada', 'bob', 'cyd', 'dan']);
    expect(await names({ $relation: { type: 'employed_by', exists: false } })).toEqual(['eve']);
  });

  it('finds records related to one given record', async () => {
    expect(await names({ $relation: { type: 'employed_by', to: { entity: 'company', id: companies.Acme!.id } } })).toEqual(['ada', 'dan']);
  });

  it('filters on the related records: contacts of French companies with more than 50 employees', async () => {
    const filter = { $relation: { type: 'employed_by', where: { country: { eq: 'FR' }, employees: { gt: 50 } } } };
    expect(await names(filter)).toEqual(['ada', 'dan']);
  });

  it('compares the number of relations', async () => {
    expect(await names({ $relation: { type: 'colleague_of', count: { gte: 2 } } })).toEqual(['ada', 'bob', 'cyd']);
    expect(await names({ $relation: { type: 'colleague_of', count: { eq: 0 } } })).toEqual(['eve']);
    expect(await names({ $relation: { type: 'colleague_of', count: { gt: 1, lt: 3 } } })).toEqual(['bob', 'cyd']);
  });

  it('combines with and, or, not and field filters, and counts alike', async () => {
    const filter = {
      or: [{ and: [{ $relation: { type: 'employed_by', where: { country: 'DE' } } }] }, { not: { $relation: { type: 'colleague_of' } } }],
      first_name: { ne: 'zed' },
    };
    expect(await names(filter)).toEqual(['cyd', 'eve']);
    const count = expectOk(await server.request('GET', `/api/records/contact/count${qs({ filter })}`));
    expect(count.count).toBe(2);
  });

  it('sees a relation removed on the other side at once', async () => {
    const list = expectOk(await server.request('GET', `/api/records/company/${companies.Bistro!.id}/relations`));
    const relation = list.data.find((group: { type: { key: string } }) => group.type.key === 'employs').relations[0];
    expect(relation.object.id).toBe(contacts.bob!.id);
    expect((await server.request('DELETE', `/api/records/company/${companies.Bistro!.id}/relations/${relation.id}`)).status).toBe(204);
    expect(await names({ $relation: { type: 'employed_by', exists: false } })).toEqual(['bob', 'eve']);
  });

  it("refuses to list a type the record's entity cannot have", async () => {
    const response = await server.request('GET', `/api/records/company/${companies.Acme!.id}/relations${qs({ type: 'colleague_of' })}`);
    expectProblem(response, 400, 'TRELLIS_VALIDATION', 'type');
  });

  it('names the path of every mistake', async () => {
    const cases: Array<[unknown, string]> = [
      [{ $relation: { type: 'nope' } }, 'filter.$relation.type'],
      [{ $relation: { type: 'employs' } }, 'filter.$relation.type'],
      [{ $relation: {} }, 'filter.$relation.type'],
      [{ $relation: 'employed_by' }, 'filter.$relation'],
      [{ $relation: { type: 'employed_by', where: { nope: 1 } } }, 'filter.$relation.where.nope'],
      [{ $relation: { type: 'employed_by', count: { gte: -1 } } }, 'filter.$relation.count.gte'],
      [{ $relation: { type: 'employed_by', count: { like: 1 } } }, 'filter.$relation.count.like'],
      [{ $relation: { type: 'employed_by', exists: 'no' } }, 'filter.$relation.exists'],
      [{ $relation: { type: 'employed_by', to: 'x' } }, 'filter.$relation.to'],
      [{ $relation: { type: 'employed_by', to: { id: 'not-an-id' } } }, 'filter.$relation.to.id'],
      [{ $relation: { type: 'employed_by', entity: 'contact', where: {} } }, 'filter.$relation.entity'],
      [{ $relation: { type: 'employed_by', depth: 2 } }, 'filter.$relation.depth'],
    ];
    for (const [filter, path] of cases) {
      expectProblem(await server.request('GET', `/api/records/contact${qs({ filter })}`), 400, 'TRELLIS_VALIDATION', path);
    }
  });
});
