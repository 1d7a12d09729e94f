import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, expectOk, expectProblem, qs, type Rec } from './support/api.js';
import { bearer, createUser, loginToken } from './support/auth-helpers.js';
import { startTestServer, type TestServer } from './support/server.js';

type Who = 'admin' | 'manager' | 'repA1' | 'repA2' | 'repB1' | 'reader' | 'nobody';

let server: TestServer;
const tokens = {} as Record<Who, string>;
const ids = {} as Record<Who, string>;
/** One company and one contact (linked to repA1's company) owned by each user. */
const company = {} as Record<Who, Rec>;
const contact = {} as Record<Who, Rec>;
const OWNERS: Who[] = ['admin', 'manager', 'repA1', 'repA2', 'repB1'];

function as(who: Who, method: string, path: string, body?: unknown) {
  return server.request(method, path, body, who === 'admin' ? {} : bearer(tokens[who]));
}

async function visible(who: Who, entity: string, params: Record<string, unknown> = {}): Promise<string[]> {
  const list = expectOk(await as(who, 'GET', `/api/records/${entity}${qs({ limit: 1000, ...params })}`));
  const counted = expectOk(await as(who, 'GET', `/api/records/${entity}/count${qs(params)}`));
  expect(counted.count).toBe(list.data.length);
  return (list.data as Rec[]).map((record) => record.id).sort();
}

function companiesOf(...owners: Who[]): string[] {
  return owners.map((owner) => company[owner].id).sort();
}

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'company',
    label: 'Company',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'country', type: 'text' },
      { name: 'revenue', type: 'integer' },
    ],
  });
  await createEntity(server, {
    name: 'contact',
    label: 'Contact',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'company', type: 'lookup', options: { target: 'company' } },
    ],
  });
  expectOk(
    await server.request('POST', '/api/meta/relation-types', {
      key: 'works_with',
      label: 'works with',
      symmetric: { key: 'worked_with_by', label: 'is worked with by' },
      subjectEntities: ['contact'],
      objectEntities: ['company'],
    }),
    201,
  );
  const teamA = expectOk(await server.request('POST', '/api/teams', { name: 'Team A' }), 201).data;
  const teamB = expectOk(await server.request('POST', '/api/teams', { name: 'Team B' }), 201).data;
  const users: Array<[Exclude<Who, 'admin'>, string[], string[]]> = [
    ['manager', ['manager'], [teamA.id]],
    ['repA1', ['sales_rep'], [teamA.id]],
    ['repA2', ['sales_rep'], [teamA.id]],
    ['repB1', ['sales_rep'], [teamB.id]],
    ['reader', ['read_only'], []],
    ['nobody', [], []],
  ];
  ids.admin = expectOk(await server.request('GET', '/api/auth/me')).data.id;
  for (const [who, roles, teams] of users) {
    const email = `${who.toLowerCase()}@example.com`;
    ids[who] = (await createUser(server, { email, name: who, roles, teams })).id;
    tokens[who] = await loginToken(server, email);
  }
  for (const owner of OWNERS) {
    company[owner] = expectOk(
      await server.request('POST', '/api/records/company', { name: `${owner} Co`, country: 'NL', revenue: 10, owner_id: ids[owner] }),
      201,
    ).data;
  }
  for (const owner of OWNERS) {
    contact[owner] = expectOk(
      await server.request('POST', '/api/records/contact', { name: `${owner} person`, company: company.repA1.id, owner_id: ids[owner] }),
      201,
    ).data;
    const relation = { type: 'works_with', object: { entity: 'company', id: company.repA1.id } };
    expectOk(await server.request('POST', `/api/records/contact/${contact[owner].id}/relations`, relation), 201);
  }
});
afterAll(() => server?.close());

describe('record scopes', () => {
  it('lists and counts exactly the records each role may read', async () => {
    expect(await visible('admin', 'company')).toEqual(companiesOf(...OWNERS));
    expect(await visible('reader', 'company')).toEqual(companiesOf(...OWNERS));
    for (const who of ['manager', 'repA1', 'repA2'] as const)
      expect(await visible(who, 'company')).toEqual(companiesOf('manager', 'repA1', 'repA2'));
    expect(await visible('repB1', 'company')).toEqual(companiesOf('repB1'));
    expectProblem(await as('nobody', 'GET', '/api/records/company'), 403, 'TRELLIS_FORBIDDEN');
    expectProblem(await as('nobody', 'GET', '/api/records/company/count'), 403, 'TRELLIS_FORBIDDEN');
  });

  it('answers 404 for a record outside the read scope and 200 inside it', async () => {
    expectProblem(await as('repB1', 'GET', `/api/records/company/${company.repA1.id}`), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await as('nobody', 'GET', `/api/records/company/${company.repA1.id}`), 404, 'TRELLIS_NOT_FOUND');
    expect(expectOk(await as('repA2', 'GET', `/api/records/company/${company.repA1.id}`)).data.id).toBe(company.repA1.id);
  });

  it('answers 403 for an action outside its scope on a visible record, 404 outside the read scope', async () => {
    expectProblem(await as('repA1', 'PATCH', `/api/records/company/${company.repA2.id}`, { country: 'BE' }), 403, 'TRELLIS_FORBIDDEN');
    expectProblem(await as('repA1', 'PATCH', `/api/records/company/${company.repB1.id}`, { country: 'BE' }), 404);
    expectProblem(await as('reader', 'PATCH', `/api/records/company/${company.repA1.id}`, { country: 'BE' }), 403);
    expectProblem(await as('repA1', 'DELETE', `/api/records/company/${company.repA2.id}`), 403);
    expectProblem(await as('repB1', 'DELETE', `/api/records/company/${company.repA2.id}`), 404);
    expect(expectOk(await as('repA1', 'PATCH', `/api/records/company/${company.repA1.id}`, { country: 'BE' })).data.country).toBe('BE');
    expect(expectOk(await as('manager', 'PATCH', `/api/records/company/${company.repA2.id}`, { country: 'DE' })).data.country).toBe('DE');
    expectProblem(await as('manager', 'PATCH', `/api/records/company/${company.repB1.id}`, { country: 'DE' }), 404);
    const unchanged = expectOk(await server.request('GET', `/api/records/company/${company.repB1.id}`)).data;
    expect(unchanged.country).toBe('NL');
  });

  it('lets a rep give a record away only within the update scope', async () => {
    const path = `/api/records/company/${company.repA1.id}`;
    expectProblem(await as('repA1', 'PATCH', path, { owner_id: ids.repA2 }), 403, 'TRELLIS_FORBIDDEN', 'owner_id');
    expectProblem(await as('manager', 'POST', '/api/records/company', { name: 'X', owner_id: ids.repB1 }), 403, undefined, 'owner_id');
  });

  it('creates only with a create scope, one record or many', async () => {
    expectProblem(await as('reader', 'POST', '/api/records/company', { name: 'R' }), 403, 'TRELLIS_FORBIDDEN');
    expectProblem(await as('nobody', 'POST', '/api/records/company', [{ name: 'N1' }, { name: 'N2' }]), 403);
    const created = expectOk(await as('repB1', 'POST', '/api/records/company', [{ name: 'B2' }, { name: 'B3' }]), 201).data as Rec[];
    expect(created.map((record) => record.owner_id)).toEqual([ids.repB1, ids.repB1]);
    expect(await visible('repB1', 'company')).toEqual([company.repB1.id, ...created.map((record) => record.id)].sort());
    for (const record of created) expect((await as('repB1', 'DELETE', `/api/records/company/${record.id}`)).status).toBe(204);
  });
});

describe('no leak through lookups and relations', () => {
  it('expands an unreadable lookup target to null', async () => {
    const own = expectOk(await as('repB1', 'GET', `/api/records/contact/${contact.repB1.id}?expand=company`)).data;
    expect(own.company).toBeNull();
    const listed = expectOk(await as('repB1', 'GET', `/api/records/contact?expand=company`)).data as Rec[];
    expect(listed.map((record) => [record.id, record.company])).toEqual([[contact.repB1.id, null]]);
    const teammate = expectOk(await as('repA2', 'GET', `/api/records/contact/${contact.repA2.id}?expand=company`)).data;
    expect(teammate.company.id).toBe(company.repA1.id);
  });

  it('filters through a lookup as if an unreadable target were absent', async () => {
    expect(await visible('repB1', 'contact', { filter: JSON.stringify({ 'company.name': 'repA1 Co' }) })).toEqual([]);
    expect(await visible('repB1', 'contact', { filter: JSON.stringify({ 'company.name': { isNull: true } }) })).toEqual([contact.repB1.id]);
    expect(await visible('repA2', 'contact', { filter: JSON.stringify({ 'company.name': 'repA1 Co' }) })).toEqual(
      [contact.manager.id, contact.repA1.id, contact.repA2.id].sort(),
    );
  });

  it('matches $relation filters only through readable records', async () => {
    const filter = JSON.stringify({ $relation: { type: 'works_with' } });
    expect(await visible('repB1', 'contact', { filter })).toEqual([]);
    const none = JSON.stringify({ $relation: { type: 'works_with', exists: false } });
    expect(await visible('repB1', 'contact', { filter: none })).toEqual([contact.repB1.id]);
    expect(await visible('repA1', 'contact', { filter })).toEqual([contact.manager.id, contact.repA1.id, contact.repA2.id].sort());
  });

  it('lists only relations whose other end is readable, of records the user may read', async () => {
    const own = expectOk(await as('repB1', 'GET', `/api/records/contact/${contact.repB1.id}/relations`)).data;
    expect(own).toEqual([]);
    const teammate = expectOk(await as('repA2', 'GET', `/api/records/contact/${contact.repA1.id}/relations`)).data;
    expect(teammate[0].relations[0].object.id).toBe(company.repA1.id);
    expectProblem(await as('repB1', 'GET', `/api/records/contact/${contact.repA1.id}/relations`), 404);
    const back = expectOk(await as('repB1', 'GET', `/api/records/company/${company.repB1.id}/relations`)).data;
    expect(back).toEqual([]);
  });

  it('adds and removes relations only with update on the subject and read on the object', async () => {
    const body = { type: 'works_with', object: { entity: 'company', id: company.repA1.id } };
    const fresh = expectOk(await as('repB1', 'POST', '/api/records/contact', { name: 'new' }), 201).data;
    expectProblem(await as('repB1', 'POST', `/api/records/contact/${fresh.id}/relations`, body), 400, 'TRELLIS_VALIDATION', 'object.id');
    expectProblem(await as('repA1', 'POST', `/api/records/contact/${contact.repA2.id}/relations`, body), 403);
    const mine = { type: 'works_with', object: { entity: 'company', id: company.repB1.id } };
    const added = expectOk(await as('repB1', 'POST', `/api/records/contact/${fresh.id}/relations`, mine), 201).data;
    const [relation] = expectOk(await server.request('GET', `/api/records/contact/${contact.repA2.id}/relations`)).data[0].relations;
    expectProblem(await as('repA1', 'DELETE', `/api/records/contact/${contact.repA2.id}/relations/${relation.id}`), 403);
    expect((await as('repB1', 'DELETE', `/api/records/contact/${fresh.id}/relations/${added.id}`)).status).toBe(204);
  });

  it('shows a timeline only to who may read the record', async () => {
    expectOk(await server.request('POST', `/api/records/company/${company.repA1.id}/timeline`, { kind: 'note', title: 'Called' }), 201);
    expectProblem(await as('repB1', 'GET', `/api/records/company/${company.repA1.id}/timeline`), 404);
    expectProblem(await as('repB1', 'POST', `/api/records/company/${company.repA1.id}/timeline`, { kind: 'note', title: 'x' }), 404);
    expect(expectOk(await as('repA2', 'GET', `/api/records/company/${company.repA1.id}/timeline`)).data).toHaveLength(1);
  });
});

describe('administration routes', () => {
  it('keeps metadata, plugins, roles and teams writes for administrators', async () => {
    expectOk(await as('repA1', 'GET', '/api/meta/entities'));
    expectProblem(await as('repA1', 'POST', '/api/meta/entities', { name: 'thing', label: 'Thing', fields: [] }), 403);
    expectProblem(await as('manager', 'POST', '/api/meta/entities/company/fields', { name: 'x', type: 'text' }), 403);
    expectProblem(await as('manager', 'DELETE', '/api/meta/relation-types/works_with'), 403);
    expectProblem(await as('manager', 'POST', '/api/plugins/anything/install'), 403);
    for (const path of ['/api/roles', '/api/teams']) {
      expectProblem(await as('manager', 'GET', path), 403);
      expectProblem(await as('reader', 'POST', path, { name: 'x', label: 'X' }), 403);
    }
  });

  it('lists the system roles and protects them', async () => {
    const roles = expectOk(await server.request('GET', '/api/roles')).data as Rec[];
    expect(roles.map((role) => role.name)).toEqual(['admin', 'manager', 'read_only', 'sales_rep']);
    expect(roles.every((role) => role.system)).toBe(true);
    expectProblem(await server.request('PATCH', '/api/roles/admin', { label: 'Boss' }), 403);
    expectProblem(await server.request('DELETE', '/api/roles/sales_rep'), 403);
    expectProblem(await server.request('PATCH', '/api/roles/sales_rep', { name: 'rep' }), 400, 'TRELLIS_VALIDATION', 'name');
    expectProblem(await server.request('GET', '/api/roles/ghost'), 404);
  });

  it('validates permissions against metadata, naming the path', async () => {
    const bad = (permissions: unknown) => server.request('POST', '/api/roles', { name: 'odd', label: 'Odd', permissions });
    expectProblem(await bad({ ghost: { read: 'all' } }), 400, 'TRELLIS_VALIDATION', 'permissions.ghost');
    expectProblem(await bad({ company: { read: 'some' } }), 400, 'TRELLIS_VALIDATION', 'permissions.company.read');
    expectProblem(await bad({ company: { approve: 'all' } }), 400, 'TRELLIS_VALIDATION', 'permissions.company.approve');
    expectProblem(await bad({ company: { hiddenFields: ['nope'] } }), 400, 'TRELLIS_VALIDATION', 'permissions.company.hiddenFields[0]');
    expectProblem(await server.request('POST', '/api/roles', { name: 'Bad Name', label: 'x' }), 400, 'TRELLIS_VALIDATION', 'name');
    expectProblem(await server.request('POST', '/api/roles', { name: 'manager', label: 'x' }), 409);
  });

  it('applies a team change to the next request', async () => {
    const teams = expectOk(await server.request('GET', '/api/teams')).data as Rec[];
    const teamB = teams.find((team) => team.name === 'Team B') as Rec;
    expectOk(await server.request('PUT', `/api/teams/${teamB.id}/members`, { userIds: [ids.repB1, ids.repA2] }));
    expect(await visible('repB1', 'company')).toEqual(companiesOf('repA2', 'repB1'));
    expectOk(await server.request('PUT', `/api/teams/${teamB.id}/members`, { userIds: [ids.repB1] }));
    expect(await visible('repB1', 'company')).toEqual(companiesOf('repB1'));
    expectProblem(
      await server.request('PUT', `/api/teams/${teamB.id}/members`, { userIds: ['ghost'] }),
      400,
      'TRELLIS_VALIDATION',
      'userIds[0]',
    );
  });
});

describe('field-level permissions', () => {
  let token: string;
  beforeAll(async () => {
    const permissions = {
      company: { read: 'all', create: 'all', update: 'all', hiddenFields: ['revenue'], readOnlyFields: ['country'] },
      '*': { read: 'all' },
    };
    expectOk(await server.request('POST', '/api/roles', { name: 'analyst', label: 'Analyst', permissions }), 201);
    await createUser(server, { email: 'analyst@example.com', name: 'Analyst', roles: ['analyst'] });
    token = await loginToken(server, 'analyst@example.com');
  });
  const analyst = (method: string, path: string, body?: unknown) => server.request(method, path, body, bearer(token));

  it('leaves hidden fields out of every output', async () => {
    const listed = expectOk(await analyst('GET', '/api/records/company')).data as Rec[];
    expect(listed.length).toBe(OWNERS.length);
    expect(listed.every((record) => !('revenue' in record) && 'country' in record)).toBe(true);
    expect(expectOk(await analyst('GET', `/api/records/company/${company.admin.id}`)).data).not.toHaveProperty('revenue');
    const expanded = expectOk(await analyst('GET', `/api/records/contact/${contact.admin.id}?expand=company`)).data;
    expect(expanded.company).not.toHaveProperty('revenue');
    const created = expectOk(await analyst('POST', '/api/records/company', { name: 'Mine' }), 201).data;
    expect(created).not.toHaveProperty('revenue');
  });

  it('treats hidden fields as unknown in queries and bodies', async () => {
    expectProblem(
      await analyst('GET', `/api/records/company${qs({ filter: JSON.stringify({ revenue: 10 }) })}`),
      400,
      'TRELLIS_VALIDATION',
      'filter.revenue',
    );
    expectProblem(
      await analyst('GET', `/api/records/contact${qs({ filter: JSON.stringify({ 'company.revenue': 10 }) })}`),
      400,
      undefined,
      'filter.company.revenue',
    );
    expectProblem(await analyst('GET', '/api/records/company?sort=revenue'), 400, 'TRELLIS_VALIDATION', 'sort');
    expectProblem(await analyst('GET', '/api/records/company?fields=name,revenue'), 400, 'TRELLIS_VALIDATION', 'fields');
    expectProblem(await analyst('POST', '/api/records/company', { name: 'x', revenue: 3 }), 400, 'TRELLIS_VALIDATION', 'revenue');
  });

  it('refuses read-only fields in writes with 403 naming the field', async () => {
    expectProblem(
      await analyst('PATCH', `/api/records/company/${company.admin.id}`, { country: 'FR' }),
      403,
      'TRELLIS_FORBIDDEN',
      'country',
    );
    expectProblem(
      await analyst('POST', '/api/records/company', [{ name: 'a' }, { name: 'b', country: 'FR' }]),
      403,
      undefined,
      '[1].country',
    );
    expect(expectOk(await analyst('PATCH', `/api/records/company/${company.admin.id}`, { name: 'Renamed' })).data.name).toBe('Renamed');
  });
});
