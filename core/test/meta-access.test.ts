import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, expectOk, expectProblem, type Rec } from './support/api.js';
import { bearer, createUser, loginToken } from './support/auth-helpers.js';
import { startTestServer, type TestServer } from './support/server.js';

// Metadata reads answer with the caller's view: what a screen built from them may show.

let server: TestServer;
let restricted: string;
let twoRoles: string;

function entitiesOf(token?: string) {
  return server.request('GET', '/api/meta/entities', undefined, token ? bearer(token) : {});
}

function fieldNames(entity: Rec): string[] {
  return (entity.fields as Array<{ name: string }>).map((field) => field.name);
}

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, { name: 'company', label: 'Company', fields: [{ name: 'name', type: 'text' }] });
  await createEntity(server, {
    name: 'contact',
    label: 'Contact',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'email', type: 'email' },
      { name: 'phone', type: 'phone' },
    ],
  });
  const role = {
    name: 'contact_clerk',
    label: 'Contact clerk',
    permissions: {
      contact: { read: 'team', create: 'own', update: 'own', hiddenFields: ['email'], readOnlyFields: ['phone'] },
    },
  };
  expectOk(await server.request('POST', '/api/roles', role), 201);
  // A second role that names contact without hiding email: hidden only when every role hides it.
  const reader = { name: 'contact_reader', label: 'Contact reader', permissions: { contact: { read: 'all' } } };
  expectOk(await server.request('POST', '/api/roles', reader), 201);
  await createUser(server, { email: 'clerk@example.com', name: 'Clerk', roles: ['contact_clerk'] });
  await createUser(server, { email: 'both@example.com', name: 'Both', roles: ['contact_clerk', 'contact_reader'] });
  restricted = await loginToken(server, 'clerk@example.com');
  twoRoles = await loginToken(server, 'both@example.com');
});
afterAll(() => server?.close());

describe('GET /api/meta/entities as a restricted user', () => {
  it('leaves out the entity they may not read and the field hidden from them', async () => {
    const list = expectOk(await entitiesOf(restricted)).data as Rec[];
    expect(list.map((entity) => entity.name)).toEqual(['contact']);
    const contact = list[0]!;
    expect(fieldNames(contact)).toContain('name');
    expect(fieldNames(contact)).toContain('phone');
    expect(fieldNames(contact)).not.toContain('email');
  });

  it('reports their scope for every action and their read-only fields', async () => {
    const contact = (expectOk(await entitiesOf(restricted)).data as Rec[])[0]!;
    expect(contact.access).toEqual({
      read: 'team',
      create: 'own',
      update: 'own',
      delete: 'none',
      export: 'none',
      readOnlyFields: ['phone'],
    });
  });

  it('answers the forbidden entity 404, as an unknown one, and the allowed one with the same view', async () => {
    expectProblem(await server.request('GET', '/api/meta/entities/company', undefined, bearer(restricted)), 404, 'TRELLIS_NOT_FOUND');
    const contact = expectOk(await server.request('GET', '/api/meta/entities/contact', undefined, bearer(restricted))).data;
    expect(fieldNames(contact)).not.toContain('email');
    expect(contact.access.read).toBe('team');
    expect(contact.access.readOnlyFields).toEqual(['phone']);
  });

  it('merges several roles: the widest scope wins, a field is hidden only when every role hides it', async () => {
    const contact = expectOk(await server.request('GET', '/api/meta/entities/contact', undefined, bearer(twoRoles))).data;
    expect(contact.access.read).toBe('all');
    expect(contact.access.update).toBe('own');
    expect(fieldNames(contact)).toContain('email');
    expect(contact.access.readOnlyFields).toEqual([]);
  });

  it('shows a change of role on the next read', async () => {
    const company = { company: { read: 'own' }, contact: { read: 'team', hiddenFields: ['email'], readOnlyFields: ['phone'] } };
    expectOk(await server.request('PATCH', '/api/roles/contact_clerk', { permissions: company }));
    try {
      const list = expectOk(await entitiesOf(restricted)).data as Rec[];
      expect(list.map((entity) => entity.name).sort()).toEqual(['company', 'contact']);
      expect(list.find((entity) => entity.name === 'company')!.access.read).toBe('own');
    } finally {
      const original = { contact: { read: 'team', create: 'own', update: 'own', hiddenFields: ['email'], readOnlyFields: ['phone'] } };
      expectOk(await server.request('PATCH', '/api/roles/contact_clerk', { permissions: original }));
    }
  });
});

describe('GET /api/meta/entities as an administrator', () => {
  it('shows every entity and field with every scope', async () => {
    const list = expectOk(await entitiesOf()).data as Rec[];
    expect(list.map((entity) => entity.name).sort()).toEqual(['company', 'contact']);
    const contact = list.find((entity) => entity.name === 'contact')!;
    expect(fieldNames(contact)).toEqual(expect.arrayContaining(['name', 'email', 'phone']));
    for (const entity of list)
      expect(entity.access).toEqual({ read: 'all', create: 'all', update: 'all', delete: 'all', export: 'all', readOnlyFields: [] });
    const company = expectOk(await server.request('GET', '/api/meta/entities/company')).data;
    expect(company.access.delete).toBe('all');
  });

  it('is described so in the OpenAPI document', async () => {
    const document = expectOk(await server.request('GET', '/api/openapi.json'));
    const listed = document.paths['/api/meta/entities'].get.responses['200'].content['application/json'].schema;
    expect(JSON.stringify(listed)).toContain('#/components/schemas/EntityView');
    const view = document.components.schemas.EntityView;
    expect(view.required).toContain('access');
    expect(view.properties.access.required).toEqual(['read', 'create', 'update', 'delete', 'export', 'readOnlyFields']);
  });
});
