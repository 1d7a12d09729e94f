import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, createRecord, expectOk, expectProblem } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'deal',
    label: 'Deal',
    fields: [
      { name: 'title', type: 'text', required: true },
      { name: 'amount', type: 'currency' },
      { name: 'owner_phone', type: 'phone' },
    ],
  });
});
afterAll(() => server?.close());

describe('answers at the edges of the API', () => {
  it('answers a method a route does not support with a 405 problem', async () => {
    const response = await server.request('PUT', '/api/meta/entities/deal', { label: 'x' });
    expectProblem(response, 405, 'TRELLIS_METHOD_NOT_ALLOWED');
    expect(response.headers.get('allow')).toContain('PATCH');
  });

  it('says a bare JSON value is not an object or array', async () => {
    const response = await server.request('POST', '/api/records/deal', undefined, {
      raw: '42',
      headers: { 'content-type': 'application/json' },
    });
    const problem = expectProblem(response, 400, 'TRELLIS_INVALID_BODY', 'body');
    expect(problem.errors[0].message).toBe('must be a JSON object or array');
  });

  it('refuses to rename a field or change its type, saying why', async () => {
    const response = await server.request('PATCH', '/api/meta/entities/deal/fields/title', { name: 'headline', type: 'long_text' });
    const problem = expectProblem(response, 400, 'TRELLIS_VALIDATION', 'name');
    expect(problem.errors.map((error: { path: string }) => error.path)).toEqual(['name', 'type']);
    expect(problem.errors[0].message).toContain('cannot be changed');
  });

  it('reports the problems of every field of a new entity at once', async () => {
    const response = await server.request('POST', '/api/meta/entities', {
      name: 'ticket',
      label: 'Ticket',
      fields: [
        { name: 'Subject', type: 'text' },
        { name: 'queue', type: 'lookup', options: { target: 'nowhere' } },
      ],
    });
    const problem = expectProblem(response, 400, 'TRELLIS_VALIDATION', 'fields[0].name');
    expect(problem.errors.map((error: { path: string }) => error.path)).toEqual(['fields[0].name', 'fields[1].options.target']);
  });

  it('words type errors for people', async () => {
    const response = await server.request('POST', '/api/records/deal', { title: 12 });
    const problem = expectProblem(response, 400, 'TRELLIS_VALIDATION', 'title');
    expect(problem.errors[0].message).toBe('must be a string');
  });

  it('echoes a currency amount exactly as it will read back', async () => {
    const created = await createRecord(server, 'deal', { title: 'Rounding', amount: { amount: 1.23456, currency: 'EUR' } });
    expect(created.amount).toEqual({ amount: 1.2346, currency: 'EUR' });
    const read = expectOk(await server.request('GET', `/api/records/deal/${created.id}`)).data;
    expect(read.amount).toEqual(created.amount);
  });

  it('reports lookups and phones as indexed, created_by as not', async () => {
    const meta = expectOk(await server.request('GET', '/api/meta/entities/deal')).data;
    const byName = Object.fromEntries(meta.fields.map((field: { name: string; indexed: boolean }) => [field.name, field.indexed]));
    expect(byName).toMatchObject({ owner_phone: true, created_by: false, created_at: true, title: false });
  });
});
