import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport, { type FormatsPlugin } from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, createRecord, expectOk } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, which is the plugin.
const addFormats = addFormatsImport as unknown as FormatsPlugin;

let server: TestServer;
let companyId: string;

beforeAll(async () => {
  server = await startTestServer();
  const companyFields = [
    { name: 'name', type: 'text', required: true },
    { name: 'country', type: 'select', options: { choices: ['FR', 'DE'] } },
  ];
  await createEntity(server, { name: 'company', label: 'Company', fields: companyFields });
  await createEntity(server, {
    name: 'sales_lead',
    label: 'Sales lead',
    fields: [
      { name: 'title', type: 'text', required: true },
      { name: 'notes', type: 'long_text' },
      { name: 'score', type: 'integer', indexed: true },
      { name: 'ratio', type: 'decimal' },
      { name: 'budget', type: 'currency' },
      { name: 'discount', type: 'percent' },
      { name: 'active', type: 'boolean' },
      { name: 'due_on', type: 'date' },
      { name: 'meeting_at', type: 'datetime' },
      { name: 'email', type: 'email', unique: true },
      { name: 'phone', type: 'phone', required: true },
      { name: 'website', type: 'url' },
      { name: 'stage', type: 'select', required: true, default: 'new', options: { choices: ['new', 'won', 'lost'] } },
      { name: 'tags', type: 'multi_select', options: { choices: ['hot', 'cold'] } },
      { name: 'extra', type: 'json' },
      { name: 'company', type: 'lookup', options: { target: 'company' } },
    ],
  });
  companyId = (await createRecord(server, 'company', { name: 'Acme', country: 'FR' })).id;
  const relationTypes = [
    {
      key: 'employs',
      label: 'employs',
      symmetric: { key: 'employed_by', label: 'is employed by' },
      subjectEntities: ['company'],
      objectEntities: ['sales_lead'],
      fields: [
        { name: 'role', type: 'text', required: true },
        { name: 'since', type: 'date' },
      ],
    },
    { key: 'knows', label: 'knows', symmetric: { key: 'known_by', label: 'is known by' } },
    { key: 'partner_of', label: 'is a partner of', symmetric: 'self', subjectEntities: ['company'] },
  ];
  for (const type of relationTypes) expectOk(await server.request('POST', '/api/meta/relation-types', type), 201);
});
afterAll(() => server?.close());

async function openApi(): Promise<any> {
  return expectOk(await server.request('GET', '/api/openapi.json'));
}

/** Every `$ref` anywhere in a JSON value. */
function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsOf(item, out));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') out.push(inner);
      else refsOf(inner, out);
    }
  }
  return out;
}

/** What a local `$ref` (`#/components/...`) points to, or undefined. */
function resolve(document: unknown, reference: string): unknown {
  if (!reference.startsWith('#/')) return undefined;
  return reference
    .slice(2)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, segment) => (node && typeof node === 'object' ? node[segment] : undefined), document);
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

/** The HTTP methods a path item of the document holds. */
function methodsOf(item: any): string[] {
  return Object.keys(item).filter((key) => METHODS.includes(key));
}

/** The JSON body schema of an operation's request. */
function bodyOf(operation: any): any {
  return operation.requestBody.content['application/json'].schema;
}

/** An Ajv 2020 instance holding the document's components, as the schema tests use it. */
function ajvFor(document: any): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ components: document.components }, 'openapi');
  return ajv;
}

function operations(document: any): Array<{ path: string; method: string; operation: any; shared: any[] }> {
  return Object.entries<any>(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method], shared: item.parameters ?? [] })),
  );
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document behind the auth gate, accepting a bearer token or the session cookie', async () => {
    const document = await openApi();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Trellis API', version: expect.any(String) });
    expect(document.servers).toEqual([{ url: '/' }]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'trellis_session' });
    expect(document.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(document.components.schemas.Problem.properties).toHaveProperty('errors');
    expect((await server.request('GET', '/api/openapi.json', undefined, { auth: false })).status).toBe(401);
  });

  it('holds together: every $ref resolves, operation ids are unique, path parameters are declared', async () => {
    const document = await openApi();
    const refs = [...new Set(refsOf(document))];
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((reference) => resolve(document, reference) === undefined)).toEqual([]);
    const all = operations(document);
    const ids = all.map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);

    for (const { path, method, operation, shared } of all) {
      const declared = [...shared, ...(operation.parameters ?? [])]
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(declared, `${method} ${path}`).toEqual(templated);
      expect(Object.keys(operation.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      for (const response of Object.values<any>(operation.responses)) expect(response.$ref ?? response.description).toBeTruthy();
    }
  });

  it('describes auth, metadata and service routes', async () => {
    const { paths } = await openApi();
    expect(Object.keys(paths['/api/auth/login'])).toEqual(['post']);
    expect(paths['/api/auth/login'].post.security).toEqual([]);
    expect(paths['/api/auth/login'].post.responses).toHaveProperty('429');
    expect(paths['/api/auth/logout'].post).toBeDefined();
    expect(paths['/api/auth/me'].get).toBeDefined();
    expect(Object.keys(paths['/api/meta/entities'])).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/meta/entities/{entity}']).filter((key) => METHODS.includes(key))).toEqual(['get', 'patch', 'delete']);
    expect(paths['/api/meta/entities/{entity}/fields'].post).toBeDefined();
    expect(Object.keys(paths['/api/meta/entities/{entity}/fields/{field}']).filter((key) => METHODS.includes(key))).toEqual([
      'patch',
      'delete',
    ]);
    expect(paths['/api/meta/entities/{entity}'].delete.parameters).toContainEqual(
      expect.objectContaining({ name: 'confirm', in: 'query', required: true }),
    );
    expect(paths['/api/openapi.json'].get).toBeDefined();
    expect(paths['/health'].get.security).toEqual([]);
    expect(paths['/ready'].get.responses).toHaveProperty('503');
  });

  it('gives each entity concrete records paths with stable operation ids', async () => {
    const { paths, components } = await openApi();
    const list = paths['/api/records/sales_lead'];
    expect(list.get.operationId).toBe('listSalesLead');
    expect(list.post.operationId).toBe('createSalesLead');
    expect(paths['/api/records/sales_lead/count'].get.operationId).toBe('countSalesLead');
    const one = paths['/api/records/sales_lead/{id}'];
    expect([one.get.operationId, one.patch.operationId, one.delete.operationId]).toEqual([
      'getSalesLead',
      'updateSalesLead',
      'deleteSalesLead',
    ]);

    const parameters = Object.fromEntries(list.get.parameters.map((p: any) => [p.name, p]));
    expect(Object.keys(parameters).sort()).toEqual(['cursor', 'expand', 'fields', 'filter', 'limit', 'q', 'sort']);
    expect(parameters.limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(parameters.filter.description).toContain('`score` (integer)');
    expect(parameters.filter.description).toContain('`company` (lookup)');
    expect(parameters.expand.description).toContain('`company`');
    expect(one.get.parameters.map((p: any) => p.name).sort()).toEqual(['expand', 'fields']);

    const body = list.post.requestBody.content['application/json'].schema;
    expect(body.oneOf).toEqual([{ $ref: '#/components/schemas/SalesLeadInput' }, expect.objectContaining({ type: 'array' })]);
    expect(list.post.parameters).toContainEqual(expect.objectContaining({ name: 'Prefer', in: 'header' }));
    expect(Object.keys(list.post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '409', '413', '415']));
    expect(list.post.responses['400']).toEqual({ $ref: '#/components/responses/BadRequest' });
    expect(Object.keys(components.responses.BadRequest.content)).toEqual(['application/problem+json']);
  });

  it('describes records as they are written and read', async () => {
    const { schemas } = (await openApi()).components;
    const input = schemas.SalesLeadInput;
    // `stage` is required but has a default, so a body may leave it out.
    expect(input.required).toEqual(['title', 'phone']);
    expect(input.additionalProperties).toBe(false);
    expect(input.properties.stage.default).toBe('new');
    expect(schemas.SalesLeadPatch.required).toBeUndefined();
    expect(schemas.SalesLeadPatch.properties).not.toHaveProperty('id');

    const record = schemas.SalesLead;
    expect(record.required).toEqual(
      expect.arrayContaining(['id', 'created_at', 'updated_at', 'created_by', 'owner_id', 'title', 'company']),
    );
    expect(record.properties.phone.properties).toHaveProperty('e164');
    expect(input.properties.phone.type).toEqual(['string', 'object']);
    expect(record.properties.budget.anyOf[0].required).toEqual(['amount', 'currency']);
    expect(record.properties.tags.type).toEqual(['array', 'null']);
    expect(record.properties.active.type).toEqual(['boolean', 'null']);
    expect(input.properties.company.description).toContain('company');
    expect(record.properties.company.description).toContain('company');
    expect(refsOf(record.properties.company)).toContain('#/components/schemas/Company');
  });

  it('has schemas that are valid JSON Schema and match what the API answers', async () => {
    const document = await openApi();
    const ajv = ajvFor(document);
    const check = (schema: string, value: unknown) => {
      const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`)!;
      expect(validate(value), `${schema}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };

    const written = {
      title: 'Big deal',
      notes: 'Met at the fair',
      score: 42,
      ratio: 0.25,
      budget: { amount: 1200.5, currency: 'EUR' },
      discount: 12.5,
      active: true,
      due_on: '2026-03-01',
      meeting_at: '2026-03-01T09:00:00Z',
      email: 'Ada@Example.com',
      phone: '+33 6 12 34 56 78',
      website: 'https://example.com/ada',
      tags: ['hot'],
      extra: { source: 'fair', visits: [1, 2] },
      company: companyId,
    };
    check('SalesLeadInput', written);
    check('SalesLeadInput', { title: 'Phone as an object', phone: { number: '+49 30 123456' } });
    check('SalesLeadPatch', { score: null });
    const created = await createRecord(server, 'sales_lead', written);
    check('SalesLead', created);
    const sparse = await createRecord(server, 'sales_lead', { title: 'Almost empty', phone: '+33 1 23 45 67 89' });
    check('SalesLead', sparse);
    check('SalesLead', expectOk(await server.request('GET', `/api/records/sales_lead/${created.id}?expand=company`)).data);
    for (const record of expectOk(await server.request('GET', '/api/records/sales_lead?limit=10')).data) check('SalesLead', record);

    const problem = await server.request('POST', '/api/records/sales_lead', { title: 'No phone' });
    expect(problem.status).toBe(400);
    check('Problem', problem.body);
    check('EntityMetadata', expectOk(await server.request('GET', '/api/meta/entities/sales_lead')).data);
    check('User', expectOk(await server.request('GET', '/api/auth/me')).data);
    for (const role of expectOk(await server.request('GET', '/api/roles')).data) check('Role', role);
    const team = expectOk(await server.request('POST', '/api/teams', { name: 'Sales West' }), 201).data;
    check('Team', team);
  });

  it('describes the roles and teams routes', async () => {
    const { paths } = await openApi();
    expect(Object.keys(paths['/api/roles'])).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/roles/{name}']).filter((key) => METHODS.includes(key))).toEqual(['get', 'patch', 'delete']);
    expect(Object.keys(paths['/api/teams/{id}']).filter((key) => METHODS.includes(key))).toEqual(['get', 'patch', 'delete']);
    expect(paths['/api/teams/{id}/members'].put.operationId).toBe('teamsSetMembers');
  });

  it('keeps its own schemas apart from entities named like them', async () => {
    await createEntity(server, { name: 'problem', label: 'Problem', fields: [{ name: 'summary', type: 'text' }] });
    const document = await openApi();
    expect(document.components.schemas.Problem.properties).toHaveProperty('code');
    expect(document.components.schemas.Problem_.properties).toHaveProperty('summary');
    expect(document.paths['/api/records/problem'].get.operationId).toBe('listProblem_');
  });

  it('follows metadata changes: added fields appear, dropped entities disappear', async () => {
    const before = await openApi();
    expect(before.components.schemas.SalesLead.properties).not.toHaveProperty('source');

    expectOk(await server.request('POST', '/api/meta/entities/sales_lead/fields', { name: 'source', type: 'text', required: true }), 201);
    const after = await openApi();
    expect(after.components.schemas.SalesLead.properties).toHaveProperty('source');
    expect(after.components.schemas.SalesLeadInput.required).toContain('source');
    expect(after.paths['/api/records/sales_lead'].get.parameters.find((p: any) => p.name === 'filter').description).toContain(
      '`source` (text)',
    );

    await createEntity(server, { name: 'scratch_pad', label: 'Scratch pad', fields: [{ name: 'text', type: 'long_text' }] });
    const withPad = await openApi();
    expect(Object.keys(withPad.paths)).toEqual(
      expect.arrayContaining(['/api/records/scratch_pad', '/api/records/scratch_pad/count', '/api/records/scratch_pad/{id}']),
    );
    expect(withPad.components.schemas).toHaveProperty('ScratchPadInput');

    expect((await server.request('DELETE', '/api/meta/entities/scratch_pad?confirm=scratch_pad')).status).toBe(204);
    const withoutPad = await openApi();
    expect(Object.keys(withoutPad.paths).filter((path) => path.startsWith('/api/records/scratch_pad'))).toEqual([]);
    expect(Object.keys(withoutPad.components.schemas).filter((name) => name.startsWith('ScratchPad'))).toEqual([]);
    expect(withoutPad.paths).toHaveProperty(['/api/records/sales_lead']);
  });
});

describe('relations in /api/openapi.json', () => {
  it('gives each entity relations paths with stable operation ids', async () => {
    const { paths } = await openApi();
    for (const [entity, name] of [
      ['company', 'Company'],
      ['sales_lead', 'SalesLead'],
    ]) {
      const list = paths[`/api/records/${entity}/{id}/relations`];
      const one = paths[`/api/records/${entity}/{id}/relations/{relationId}`];
      expect(methodsOf(list), entity).toEqual(['get', 'post']);
      expect(methodsOf(one), entity).toEqual(['patch', 'delete']);
      expect([list.get.operationId, list.post.operationId, one.patch.operationId, one.delete.operationId]).toEqual([
        `list${name}Relations`,
        `add${name}Relation`,
        `update${name}Relation`,
        `remove${name}Relation`,
      ]);
      expect(list.get.parameters.map((p: any) => p.name)).toEqual(['type', 'limit', 'cursor']);
      expect(list.get.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
      expect(Object.keys(list.post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '404', '409']));
      expect(one.delete.responses).toHaveProperty('204');
    }
    expect(methodsOf(paths['/api/meta/relation-types'])).toEqual(['get', 'post']);
    expect(methodsOf(paths['/api/meta/relation-types/{key}'])).toEqual(['get', 'patch', 'delete']);
    expect(paths['/api/meta/relation-types/{key}'].delete.parameters).toContainEqual(
      expect.objectContaining({ name: 'confirm', in: 'query' }),
    );
    expect(bodyOf(paths['/api/meta/relation-types'].post)).toEqual({ $ref: '#/components/schemas/RelationTypeDefinition' });
  });

  it('names the relation types each entity may be the subject of', async () => {
    const document = await openApi();
    const add = (entity: string) => bodyOf(document.paths[`/api/records/${entity}/{id}/relations`].post);
    expect(add('company').properties.type.enum).toEqual(['employs', 'known_by', 'knows', 'partner_of']);
    expect(add('sales_lead').properties.type.enum).toEqual(['employed_by', 'known_by', 'knows']);
    expect(add('company').properties.type.description).toContain('`employs` (employs): to sales_lead');
    expect(add('company').properties.type.description).toContain('`knows` (knows): to any entity');
    const listType = document.paths['/api/records/sales_lead/{id}/relations'].get.parameters[0];
    expect(listType.schema.enum).toEqual(['employed_by', 'known_by', 'knows']);

    const employs = add('company').oneOf.find((branch: any) => branch.properties.type.const === 'employs');
    expect(employs.properties.attributes).toEqual({ $ref: '#/components/schemas/EmploysRelationAttributes', required: ['role'] });
    expect(employs.required).toEqual(['attributes']);
    const attributes = document.components.schemas.EmploysRelationAttributes;
    expect(Object.keys(attributes.properties)).toEqual(['role', 'since']);
    expect(attributes.additionalProperties).toBe(false);
    expect(document.components.schemas).toHaveProperty('EmployedByRelationAttributes');

    expect(document['x-trellis-relation-types'].map((type: any) => type.key)).toEqual([
      'employed_by',
      'employs',
      'known_by',
      'knows',
      'partner_of',
    ]);
    expect(document['x-trellis-relation-types'][1]).toMatchObject({
      key: 'employs',
      symmetric: { key: 'employed_by', label: 'is employed by' },
      objectEntities: ['sales_lead'],
      attributesSchema: '#/components/schemas/EmploysRelationAttributes',
    });

    const filter = document.paths['/api/records/sales_lead'].get.parameters.find((p: any) => p.name === 'filter');
    expect(filter.description).toContain('$relation');
    expect(filter.description).toContain('`employed_by` (is employed by): to company');
    expect(filter.description).not.toContain('`employs`');
  });

  it('follows relation types created and deleted through the API', async () => {
    const mentors = {
      key: 'mentors',
      label: 'mentors',
      symmetric: { key: 'mentored_by', label: 'is mentored by' },
      subjectEntities: ['sales_lead'],
      objectEntities: ['sales_lead'],
      fields: [{ name: 'topic', type: 'text' }],
    };
    expectOk(await server.request('POST', '/api/meta/relation-types', mentors), 201);
    const withType = await openApi();
    const addLead = bodyOf(withType.paths['/api/records/sales_lead/{id}/relations'].post);
    expect(addLead.properties.type.enum).toEqual(expect.arrayContaining(['mentors', 'mentored_by']));
    expect(withType.components.schemas.MentorsRelationAttributes.properties).toHaveProperty('topic');
    expect(withType['x-trellis-relation-types'].map((type: any) => type.key)).toContain('mentors');
    expect(bodyOf(withType.paths['/api/records/company/{id}/relations'].post).properties.type.enum).not.toContain('mentors');
    const refs = [...new Set(refsOf(withType))];
    expect(refs.filter((reference) => resolve(withType, reference) === undefined)).toEqual([]);

    expect((await server.request('DELETE', '/api/meta/relation-types/mentors')).status).toBe(204);
    const without = await openApi();
    expect(bodyOf(without.paths['/api/records/sales_lead/{id}/relations'].post).properties.type.enum).toEqual([
      'employed_by',
      'known_by',
      'knows',
    ]);
    expect(without.components.schemas).not.toHaveProperty('MentorsRelationAttributes');
    expect(without['x-trellis-relation-types'].map((type: any) => type.key)).not.toContain('mentored_by');
  });

  it('keeps relation operation ids apart from entities named like them', async () => {
    await createEntity(server, { name: 'company_relation', label: 'Company relation', fields: [{ name: 'note', type: 'text' }] });
    const document = await openApi();
    expect(document.paths['/api/records/company_relation/{id}'].patch.operationId).toBe('updateCompanyRelation_');
    expect(document.paths['/api/records/company/{id}/relations/{relationId}'].patch.operationId).toBe('updateCompanyRelation');
    const ids = operations(document).map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has relation schemas that compile and match what the API answers', async () => {
    const document = await openApi();
    const ajv = ajvFor(document);
    const check = (schema: string, value: unknown) => {
      const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`)!;
      expect(validate(value), `${schema}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    // Inline schemas refer to `#/components/…`: compile them inside a copy of the document's components.
    const inline = (schema: unknown) => ajv.compile({ ...(schema as object), components: document.components });
    const relations = (entity: string) => document.paths[`/api/records/${entity}/{id}/relations`];

    const lead = await createRecord(server, 'sales_lead', { title: 'Related', phone: '+33 1 23 45 67 89', source: 'fair' });
    const body = { type: 'employs', object: { entity: 'sales_lead', id: lead.id }, attributes: { role: 'CTO', since: '2024-02-01' } };
    const addCompany = inline(bodyOf(relations('company').post));
    expect(addCompany(body), JSON.stringify(addCompany.errors)).toBe(true);
    expect(addCompany({ ...body, attributes: { since: '2024-02-01' } })).toBe(false);
    expect(addCompany({ ...body, type: 'employed_by' })).toBe(false);
    expect(addCompany({ ...body, attributes: { role: 'CTO', salary: 1 } })).toBe(false);
    check('EmploysRelationAttributes', body.attributes);

    const added = await server.request('POST', `/api/records/company/${companyId}/relations`, body);
    const created = inline(relations('company').post.responses['201'].content['application/json'].schema);
    expect(created(expectOk(added, 201)), JSON.stringify(created.errors)).toBe(true);
    check('RelationDetail', added.body.data);

    const other = await createRecord(server, 'company', { name: 'Globex' });
    expectOk(
      await server.request('POST', `/api/records/company/${companyId}/relations`, {
        type: 'partner_of',
        object: { entity: 'company', id: other.id },
      }),
      201,
    );
    const patch = { attributes: { role: 'CEO' } };
    expect(inline(bodyOf(document.paths['/api/records/company/{id}/relations/{relationId}'].patch))(patch)).toBe(true);
    check(
      'RelationDetail',
      expectOk(await server.request('PATCH', `/api/records/company/${companyId}/relations/${added.body.data.id}`, patch)).data,
    );

    const listed = await server.request('GET', `/api/records/company/${companyId}/relations`);
    const list = inline(relations('company').get.responses['200'].content['application/json'].schema);
    expect(list(expectOk(listed)), JSON.stringify(list.errors)).toBe(true);
    expect(listed.body.data.map((group: any) => group.type.key)).toEqual(['employs', 'partner_of']);
    const fromLead = expectOk(await server.request('GET', `/api/records/sales_lead/${lead.id}/relations?type=employed_by&limit=1`));
    expect(list(fromLead), JSON.stringify(list.errors)).toBe(true);

    check('RelationTypeMetadata', expectOk(await server.request('GET', '/api/meta/relation-types/employs')).data);
    for (const type of expectOk(await server.request('GET', '/api/meta/relation-types')).data) check('RelationTypeMetadata', type);
    for (const type of document['x-trellis-relation-types']) check('RelationTypeMetadata', type);
    check('RelationTypeChanges', { label: 'hires', fields: [{ name: 'team', type: 'text' }] });
    const problem = await server.request('POST', `/api/records/company/${companyId}/relations`, { type: 'nope', object: body.object });
    expect(problem.status).toBe(400);
    check('Problem', problem.body);
  });
});
