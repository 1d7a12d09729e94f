import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens, type PrivacyApi } from '@trellis/sdk';
import { createEntity, createRecord, expectOk, expectProblem, qs, type Rec } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let ada: Rec;
let bo: Rec;
let acme: Rec;

const consent = (subject: Rec, extra: Record<string, unknown> = {}) => ({
  subject: { entity: 'contact', id: subject.id },
  purpose: 'newsletter',
  channel: 'email',
  status: 'granted',
  source: 'web_form',
  ...extra,
});
const post = (body: unknown) => server.request('POST', '/api/privacy/consents', body);
const privacy = (): PrivacyApi =>
  server.trellis.plugins.servicesFor('any', { userId: null, name: '', isAdmin: true, via: 'plugin' }).get(Tokens.Privacy);

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'contact',
    label: 'Contact',
    dataSubject: true,
    fields: [{ name: 'name', type: 'text', personal: true }],
  });
  await createEntity(server, { name: 'company', label: 'Company', fields: [{ name: 'name', type: 'text' }] });
  ada = await createRecord(server, 'contact', { name: 'Ada' });
  bo = await createRecord(server, 'contact', { name: 'Bo' });
  acme = await createRecord(server, 'company', { name: 'Acme' });
});
afterAll(() => server?.close());

describe('recording consents', () => {
  it('stores a consent with its proof and time, in UTC', async () => {
    const proof = { ip: '192.0.2.1', form: 'Yes, send me news' };
    const body = consent(ada, { proof, recordedAt: '2024-05-01T10:00:00+02:00' });
    const stored = expectOk(await post(body), 201).data;
    expect(stored).toEqual({
      id: expect.any(String),
      subject: body.subject,
      purpose: 'newsletter',
      channel: 'email',
      status: 'granted',
      source: 'web_form',
      proof,
      recorded_at: '2024-05-01T08:00:00.000Z',
    });
  });

  it.each([
    [{ purpose: 'News Letter' }, 'purpose'],
    [{ channel: '' }, 'channel'],
    [{ status: 'maybe' }, 'status'],
    [{ source: ' ' }, 'source'],
    [{ proof: 'signed' }, 'proof'],
    [{ recordedAt: 'yesterday' }, 'recordedAt'],
    [{ subject: 'ada' }, 'subject'],
    [{ colour: 'blue' }, 'colour'],
  ])('rejects %j naming %s', async (extra, path) => {
    expectProblem(await post(consent(ada, extra)), 400, 'TRELLIS_VALIDATION', path);
  });

  it('rejects a subject that does not exist or is not a data subject, naming subject', async () => {
    expectProblem(await post(consent(ada, { subject: { entity: 'contact', id: randomUUID() } })), 400, 'TRELLIS_VALIDATION', 'subject');
    expectProblem(await post(consent(ada, { subject: { entity: 'company', id: acme.id } })), 400, 'TRELLIS_VALIDATION', 'subject');
    expectProblem(await post(consent(ada, { subject: { entity: 'nothing', id: acme.id } })), 400, 'TRELLIS_VALIDATION', 'subject');
    expectProblem(await post([consent(ada)]), 400, 'TRELLIS_VALIDATION', 'body');
  });
});

describe('current status and history', () => {
  it('the latest per purpose and channel wins; the history keeps every change, newest first, paged', async () => {
    expectOk(await post(consent(bo, { recordedAt: '2024-01-01T00:00:00Z' })), 201);
    expectOk(await post(consent(bo, { status: 'withdrawn', recordedAt: '2024-02-01T00:00:00Z' })), 201);
    expectOk(await post(consent(bo, { purpose: 'phone_calls', channel: 'any', recordedAt: '2024-03-01T00:00:00Z' })), 201);
    const current = expectOk(await server.request('GET', `/api/privacy/subjects/contact/${bo.id}/consents`)).data;
    expect(current.map((c: { purpose: string; status: string }) => `${c.purpose}:${c.status}`)).toEqual([
      'phone_calls:granted',
      'newsletter:withdrawn',
    ]);

    const first = expectOk(await server.request('GET', `/api/privacy/consents${qs({ entity: 'contact', id: bo.id, limit: 2 })}`));
    expect(first.data.map((c: { recorded_at: string }) => c.recorded_at)).toEqual(['2024-03-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z']);
    const second = expectOk(
      await server.request('GET', `/api/privacy/consents${qs({ entity: 'contact', id: bo.id, limit: 2, cursor: first.page.next })}`),
    );
    expect(second.data.map((c: { status: string }) => c.status)).toEqual(['granted']);
    expect(second.page.next).toBeNull();
    const withdrawn = expectOk(await server.request('GET', `/api/privacy/consents${qs({ status: 'withdrawn' })}`)).data;
    expect(withdrawn.map((c: { subject: { id: string } }) => c.subject.id)).toEqual([bo.id]);
  });

  it('plugins read the current status through Tokens.Privacy; any-channel consents match every channel', async () => {
    const api = privacy();
    const ref = { entity: 'contact', id: bo.id };
    expect(await api.consent(ref, 'newsletter', 'email')).toBe('withdrawn');
    expect(await api.consent(ref, 'newsletter', 'sms')).toBeNull();
    expect(await api.consent(ref, 'phone_calls', 'phone')).toBe('granted');
    expect(await api.consent(ref, 'newsletter')).toBe('withdrawn');
    expect(await api.consent(ref, 'surveys')).toBeNull();
    expect(await api.isSuppressed('bo@example.org')).toBe(false);
  });

  it('rejects bad history queries naming the parameter, and unknown subjects with 404', async () => {
    expectProblem(await server.request('GET', '/api/privacy/consents?limit=0'), 400, 'TRELLIS_VALIDATION', 'limit');
    expectProblem(await server.request('GET', '/api/privacy/consents?limit=x'), 400, 'TRELLIS_VALIDATION', 'limit');
    expectProblem(await server.request('GET', '/api/privacy/consents?cursor=nope'), 400, 'TRELLIS_VALIDATION', 'cursor');
    expectProblem(await server.request('GET', `/api/privacy/consents?id=${bo.id}`), 400, 'TRELLIS_VALIDATION', 'entity');
    expectProblem(await server.request('GET', '/api/privacy/consents?purpose=a&purpose=b'), 400, 'TRELLIS_VALIDATION', 'purpose');
    expectProblem(await server.request('GET', `/api/privacy/subjects/contact/${randomUUID()}/consents`), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('GET', `/api/privacy/subjects/company/${acme.id}/consents`), 400, 'TRELLIS_VALIDATION', 'entity');
  });

  it('deleting the person deletes their consents', async () => {
    expectOk(await server.request('DELETE', `/api/records/contact/${bo.id}`), 204);
    expect(expectOk(await server.request('GET', `/api/privacy/consents${qs({ entity: 'contact', id: bo.id })}`)).data).toEqual([]);
  });
});
