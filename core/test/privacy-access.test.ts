import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, createRecord, expectOk, expectProblem, type Rec } from './support/api.js';
import { bearer, createUser, GOOD_PASSWORD, loginToken } from './support/auth-helpers.js';
import { startTestServer, type TestServer } from './support/server.js';

/** Privacy routes apply the same permissions as the records they are about. */
let server: TestServer;
let rep: ReturnType<typeof bearer>;
let reader: ReturnType<typeof bearer>;
let repsOwn: Rec;
let someoneElses: Rec;

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'contact',
    label: 'Contact',
    dataSubject: true,
    fields: [{ name: 'name', type: 'text', personal: true }],
  });
  const repUser = await createUser(server, { email: 'rep@example.com', name: 'Rep', password: GOOD_PASSWORD, roles: ['sales_rep'] });
  await createUser(server, { email: 'reader@example.com', name: 'Reader', password: GOOD_PASSWORD, roles: ['read_only'] });
  rep = bearer(await loginToken(server, 'rep@example.com'));
  reader = bearer(await loginToken(server, 'reader@example.com'));
  repsOwn = await createRecord(server, 'contact', { name: 'Ada', owner_id: repUser.id });
  someoneElses = await createRecord(server, 'contact', { name: 'Bo' });
});
afterAll(() => server?.close());

const consent = (id: string) => ({
  subject: { entity: 'contact', id },
  purpose: 'newsletter',
  channel: 'email',
  status: 'granted',
  source: 'phone_call',
});

describe('consents', () => {
  it('are recorded by whoever may change the person, and refused as an unknown subject otherwise', async () => {
    expectOk(await server.request('POST', '/api/privacy/consents', consent(repsOwn.id), rep), 201);
    expectProblem(
      await server.request('POST', '/api/privacy/consents', consent(someoneElses.id), rep),
      400,
      'TRELLIS_VALIDATION',
      'subject',
    );
    expectProblem(await server.request('POST', '/api/privacy/consents', consent(someoneElses.id), reader), 403, 'TRELLIS_FORBIDDEN');
  });

  it('of one person are read by whoever may read the person; everyone’s only by administrators', async () => {
    const own = expectOk(await server.request('GET', `/api/privacy/subjects/contact/${repsOwn.id}/consents`, undefined, rep));
    expect(own.data).toHaveLength(1);
    expectProblem(
      await server.request('GET', `/api/privacy/subjects/contact/${someoneElses.id}/consents`, undefined, rep),
      404,
      'TRELLIS_NOT_FOUND',
    );
    expectOk(await server.request('GET', `/api/privacy/consents?entity=contact&id=${repsOwn.id}`, undefined, reader));
    expectProblem(await server.request('GET', '/api/privacy/consents', undefined, reader), 403, 'TRELLIS_FORBIDDEN');
    expectOk(await server.request('GET', '/api/privacy/consents'));
  });
});

describe('export and erasure', () => {
  it('export needs the export permission on a visible person', async () => {
    // sales_rep: export none; read_only: read all, export none; admin: everything.
    expectProblem(
      await server.request('GET', `/api/privacy/subjects/contact/${repsOwn.id}/export`, undefined, rep),
      403,
      'TRELLIS_FORBIDDEN',
    );
    expectProblem(
      await server.request('GET', `/api/privacy/subjects/contact/${someoneElses.id}/export`, undefined, rep),
      404,
      'TRELLIS_NOT_FOUND',
    );
    const exported = expectOk(await server.request('GET', `/api/privacy/subjects/contact/${repsOwn.id}/export`));
    expect(JSON.stringify(exported.data)).toContain('Ada');
  });

  it('erasure is for administrators only', async () => {
    const body = { mode: 'delete', confirm: repsOwn.id };
    expectProblem(await server.request('POST', `/api/privacy/subjects/contact/${repsOwn.id}/erase`, body, rep), 403, 'TRELLIS_FORBIDDEN');
    expectOk(await server.request('GET', `/api/records/contact/${repsOwn.id}`, undefined, rep));
  });
});
