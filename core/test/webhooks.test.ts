import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport, { type FormatsPlugin } from 'ajv-formats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import type { SessionService } from '../src/auth/sessions.js';
import type { DomainEvents } from '../src/events/domain-events.js';
import { newRecordId } from '../src/records/record-ids.js';
import { CoreTokens } from '../src/tokens.js';
import { createEntity, createRecord, expectOk, expectProblem, pause, qs } from './support/api.js';
import { startTestServer, type TestResponse, type TestServer } from './support/server.js';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, which is the plugin.
const addFormats = addFormatsImport as unknown as FormatsPlugin;

const SECRET = 'a-very-secret-signing-key';
const RETRIES = 1;

/** One request a receiver got, as it arrived on the wire. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on a free loopback port, answering each request with the next status of its script. */
interface Receiver {
  url: string;
  requests: Received[];
  close(): Promise<void>;
}

const receivers: Receiver[] = [];

async function startReceiver(statuses: number[] = [], otherwise = 200): Promise<Receiver> {
  const requests: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses.shift() ?? otherwise;
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status < 300 ? 'thanks' : `receiver broke (${status})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  receivers.push(receiver);
  return receiver;
}

/** What a receiver does with a request: recompute the signature and compare in constant time. */
function signatureValid(secret: string, received: Received): boolean {
  const timestamp = String(received.headers['x-trellis-timestamp']);
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${received.body}`).digest('hex')}`);
  const given = Buffer.from(String(received.headers['x-trellis-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(25);
  }
}

let server: TestServer;
let userToken: string;

async function createWebhook(body: Record<string, unknown>): Promise<any> {
  return expectOk(await server.request('POST', '/api/webhooks', body), 201).data;
}

async function deliveries(webhookId: string, params: Record<string, unknown> = {}): Promise<any[]> {
  return expectOk(await server.request('GET', `/api/webhooks/${webhookId}/deliveries${qs(params)}`)).data;
}

/** Waits until the webhook's newest delivery is settled (succeeded or failed) and returns it. */
function settled(webhookId: string, count = 1): Promise<any[]> {
  return until(`${count} settled deliveries of ${webhookId}`, async () => {
    const log = await deliveries(webhookId);
    return log.length >= count && log.every((delivery) => delivery.status !== 'pending') ? log : undefined;
  });
}

beforeAll(async () => {
  server = await startTestServer({ config: { webhookRetries: RETRIES, webhookBackoffSeconds: 1 } });
  await createEntity(server, { name: 'company', label: 'Company', fields: [{ name: 'name', type: 'text' }] });
  await createEntity(server, { name: 'contact', label: 'Contact', fields: [{ name: 'first_name', type: 'text' }] });
  const relationType = { key: 'employs', label: 'employs', symmetric: { key: 'employed_by', label: 'is employed by' } };
  expectOk(await server.request('POST', '/api/meta/relation-types', relationType), 201);
  const { knex } = server.trellis.db;
  const now = new Date().toISOString();
  const userId = newRecordId();
  await knex('trellis_users').insert({
    id: userId,
    email: 'user@example.com',
    name: 'Plain user',
    password_hash: await hashPassword('not an admin at all'),
    is_admin: false,
    active: true,
    created_at: now,
    updated_at: now,
  });
  userToken = (await server.trellis.container.resolve<SessionService>(CoreTokens.Sessions).create(userId)).token;
});
// Each test watches its own webhooks; earlier ones would keep receiving (and retrying) later tests' events.
afterEach(async () => {
  for (const webhook of expectOk(await server.request('GET', '/api/webhooks')).data) {
    expect((await server.request('DELETE', `/api/webhooks/${webhook.id}`)).status).toBe(204);
  }
});
afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await server?.close();
});

describe('webhook delivery', () => {
  it('POSTs a signed record.created to the receiver and logs the delivery', async () => {
    const receiver = await startReceiver();
    const webhook = await createWebhook({ url: receiver.url, events: ['record.created'], secret: SECRET });
    const ada = await createRecord(server, 'contact', { first_name: 'Ada' });

    const [delivery] = await settled(webhook.id);
    expect(receiver.requests).toHaveLength(1);
    const [received] = receiver.requests as [Received];
    expect(signatureValid(SECRET, received)).toBe(true);
    expect(signatureValid('another-secret-of-some-length', received)).toBe(false);
    expect(received.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Trellis-Webhooks',
      'x-trellis-event': 'record.created',
      'x-trellis-delivery': delivery.id,
    });
    expect(Math.abs(Number(received.headers['x-trellis-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    const body = JSON.parse(received.body);
    expect(body).toEqual({
      id: expect.any(String),
      type: 'record.created',
      occurredAt: expect.any(String),
      data: {
        entity: 'contact',
        record: expect.objectContaining({ id: ada.id, first_name: 'Ada' }),
        actor: expect.objectContaining({ email: 'admin@example.com', via: 'bearer' }),
      },
    });
    expect(delivery).toMatchObject({
      webhookId: webhook.id,
      eventType: 'record.created',
      eventId: body.id,
      payload: body,
      attempt: 1,
      status: 'succeeded',
      responseStatus: 200,
      responseBody: 'thanks',
      error: null,
      deliveredAt: expect.any(String),
    });
    expect(delivery.attempts).toEqual([expect.objectContaining({ attempt: 1, status: 'succeeded', responseStatus: 200 })]);
  });

  it('retries a failing receiver with back-off, with the same delivery id and body, and logs each attempt', async () => {
    const receiver = await startReceiver([500]);
    const webhook = await createWebhook({ url: receiver.url, events: ['record.updated'], secret: SECRET });
    const grace = await createRecord(server, 'contact', { first_name: 'Grace' });
    expectOk(await server.request('PATCH', `/api/records/contact/${grace.id}`, { first_name: 'Grace H.' }));

    const [delivery] = await settled(webhook.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempt: 2, responseStatus: 200 });
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 'failed', responseStatus: 500, responseBody: 'receiver broke (500)' }),
      expect.objectContaining({ attempt: 2, status: 'succeeded', responseStatus: 200, error: null }),
    ]);
    expect(delivery.attempts[0].error).toContain('500');
    const [first, second] = receiver.requests as [Received, Received];
    expect(second.headers['x-trellis-delivery']).toBe(first.headers['x-trellis-delivery']);
    expect(second.body).toBe(first.body);
    expect(signatureValid(SECRET, second)).toBe(true);
    expect(JSON.parse(first.body).data).toMatchObject({
      entity: 'contact',
      changed: ['first_name'],
      before: { id: grace.id, first_name: 'Grace' },
      record: { id: grace.id, first_name: 'Grace H.' },
    });
  });

  it('gives up after the last retry, whether the receiver fails or cannot be reached', async () => {
    const failing = await startReceiver([], 503);
    const gone = await startReceiver();
    await gone.close();
    const failingHook = await createWebhook({ url: failing.url, events: ['record.deleted'], secret: SECRET });
    const goneHook = await createWebhook({ url: gone.url, events: ['record.deleted'], secret: SECRET });
    const doomed = await createRecord(server, 'contact', { first_name: 'Doomed' });
    expect((await server.request('DELETE', `/api/records/contact/${doomed.id}`)).status).toBe(204);

    const [failed] = await settled(failingHook.id);
    expect(failed).toMatchObject({ status: 'failed', attempt: RETRIES + 1, responseStatus: 503, deliveredAt: null });
    expect(failed.attempts.map((attempt: any) => attempt.status)).toEqual(Array(RETRIES + 1).fill('failed'));
    expect(failing.requests).toHaveLength(RETRIES + 1);
    const [unreachable] = await settled(goneHook.id);
    expect(unreachable).toMatchObject({ status: 'failed', attempt: RETRIES + 1, responseStatus: null });
    expect(unreachable.error).toContain('ECONNREFUSED');
  });

  it('does not send a queued retry once the webhook is switched off', async () => {
    const receiver = await startReceiver([500]);
    const webhook = await createWebhook({ url: receiver.url, events: ['record.created'], entities: ['company'], secret: SECRET });
    await createRecord(server, 'company', { name: 'Switched off' });
    await until('the first attempt', async () => ((await deliveries(webhook.id))[0]?.attempt === 1 ? true : undefined));
    expectOk(await server.request('PATCH', `/api/webhooks/${webhook.id}`, { active: false }));

    const [delivery] = await settled(webhook.id);
    expect(delivery).toMatchObject({ status: 'failed', attempt: 1 });
    expect(delivery.error).toContain('switched off');
    expect(receiver.requests).toHaveLength(1);
  });
});

describe('which events a webhook receives', () => {
  it('filters by event type, entity and active flag', async () => {
    const receiver = await startReceiver();
    const hook = (body: Record<string, unknown>) => createWebhook({ url: receiver.url, secret: SECRET, ...body });
    const contacts = await hook({ events: ['record.*'], entities: ['contact'] });
    const deletions = await hook({ events: ['record.deleted'] });
    const relations = await hook({ events: ['relation.added'], entities: ['contact'] });
    const companies = await hook({ events: ['relation.*'], entities: ['company'], description: 'company relations only' });
    const everything = await hook({ events: ['*'], active: false });

    const acme = await createRecord(server, 'company', { name: 'Acme' });
    const lin = await createRecord(server, 'contact', { first_name: 'Lin' });
    const relation = { type: 'employs', object: { entity: 'contact', id: lin.id } };
    expectOk(await server.request('POST', `/api/records/company/${acme.id}/relations`, relation), 201);
    expect((await server.request('DELETE', `/api/records/contact/${lin.id}`)).status).toBe(204);

    const typesOf = async (webhookId: string, count: number) =>
      (await settled(webhookId, count)).map((delivery) => `${delivery.eventType} ${delivery.payload.data.entity ?? ''}`.trim()).sort();
    expect(await typesOf(contacts.id, 2)).toEqual(['record.created contact', 'record.deleted contact']);
    expect(await typesOf(relations.id, 1)).toEqual(['relation.added']);
    // Deleting Lin removed the relation too.
    expect(await typesOf(companies.id, 2)).toEqual(['relation.added', 'relation.removed']);
    expect(await typesOf(deletions.id, 1)).toEqual(['record.deleted contact']);
    expect(await deliveries(everything.id)).toEqual([]);
    const [added] = await deliveries(relations.id);
    expect(added.payload.data.relation).toMatchObject({ type: 'employs', object: { entity: 'contact', id: lin.id } });
  });

  it('delivers plugin events by name or namespace; entity filters leave them alone', async () => {
    const receiver = await startReceiver();
    const byName = await createWebhook({ url: receiver.url, events: ['sales.deal_won'], entities: ['contact'] });
    const byNamespace = await createWebhook({ url: receiver.url, events: ['sales.*'] });
    const other = await createWebhook({ url: receiver.url, events: ['tickets.*'] });
    const events = server.trellis.container.resolve<DomainEvents>(CoreTokens.Events);
    events.emit({ type: 'sales.deal_won', plugin: 'sales', payload: { dealId: 'd-1', amount: 1200 } });

    const [delivery] = await settled(byName.id);
    expect(delivery.payload).toMatchObject({ type: 'sales.deal_won', data: { plugin: 'sales', payload: { dealId: 'd-1', amount: 1200 } } });
    const [again] = await settled(byNamespace.id);
    expect(again.eventId).toBe(delivery.eventId);
    expect(again.id).not.toBe(delivery.id);
    expect(await deliveries(other.id)).toEqual([]);
  });
});

describe('the webhooks API', () => {
  it('shows a secret once, when the webhook is created, and generates one when none is given', async () => {
    const receiver = await startReceiver();
    const created = await createWebhook({ url: receiver.url, events: ['record.created'] });
    expect(created.secret).toMatch(/^whsec_.{32}$/);
    expect(created).toMatchObject({ active: true, entities: null, description: '', createdBy: expect.any(String) });
    for (const path of ['/api/webhooks', `/api/webhooks/${created.id}`]) {
      const response = expectOk(await server.request('GET', path));
      expect(JSON.stringify(response)).not.toContain(created.secret);
      expect(JSON.stringify(response)).not.toContain('"secret"');
    }
    const patched = expectOk(await server.request('PATCH', `/api/webhooks/${created.id}`, { secret: 'a-brand-new-secret-value' })).data;
    expect(patched).not.toHaveProperty('secret');

    const ping = expectOk(await server.request('POST', `/api/webhooks/${created.id}/test`)).data;
    expect(ping).toMatchObject({ eventType: 'webhook.ping', status: 'succeeded', attempt: 1, responseStatus: 200 });
    const [received] = receiver.requests as [Received];
    expect(received.headers['x-trellis-event']).toBe('webhook.ping');
    expect(signatureValid('a-brand-new-secret-value', received)).toBe(true);
    expect(signatureValid(created.secret, received)).toBe(false);
    expect(JSON.parse(received.body).data.webhook).toEqual({
      id: created.id,
      url: receiver.url,
      events: ['record.created'],
      entities: null,
    });
  });

  it('pings inactive webhooks too, once, and reports a refusal at once', async () => {
    const receiver = await startReceiver([], 410);
    const webhook = await createWebhook({ url: receiver.url, events: ['record.created'], active: false });
    const ping = expectOk(await server.request('POST', `/api/webhooks/${webhook.id}/test`)).data;
    expect(ping).toMatchObject({ status: 'failed', attempt: 1, responseStatus: 410 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('lists, changes and deletes webhooks; a deleted webhook takes its log with it', async () => {
    const receiver = await startReceiver();
    const webhook = await createWebhook({ url: receiver.url, events: ['record.created'], description: 'CRM sync' });
    const changed = expectOk(
      await server.request('PATCH', `/api/webhooks/${webhook.id}`, { events: ['record.updated', 'record.updated'], entities: ['contact'] }),
    ).data;
    expect(changed).toMatchObject({ events: ['record.updated'], entities: ['contact'], description: 'CRM sync', url: receiver.url });
    expect(changed.updatedAt >= webhook.updatedAt).toBe(true);
    const list = expectOk(await server.request('GET', '/api/webhooks')).data;
    expect(list.map((item: any) => item.id)).toContain(webhook.id);

    expectOk(await server.request('POST', `/api/webhooks/${webhook.id}/test`));
    expect((await server.request('DELETE', `/api/webhooks/${webhook.id}`)).status).toBe(204);
    expectProblem(await server.request('GET', `/api/webhooks/${webhook.id}`), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('DELETE', `/api/webhooks/${webhook.id}`), 404);
    expectProblem(await server.request('GET', `/api/webhooks/${webhook.id}/deliveries`), 404);
    expectProblem(await server.request('POST', `/api/webhooks/${webhook.id}/test`), 404);
    const left = await server.trellis.db.knex('trellis_webhook_deliveries').where({ webhook_id: webhook.id });
    expect(left).toEqual([]);
  });

  it('pages the delivery log newest first by cursor', async () => {
    const receiver = await startReceiver();
    const webhook = await createWebhook({ url: receiver.url, events: ['record.created'] });
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      ids.push(expectOk(await server.request('POST', `/api/webhooks/${webhook.id}/test`)).data.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = expectOk(await server.request('GET', `/api/webhooks/${webhook.id}/deliveries${qs({ limit: 2, cursor })}`));
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((delivery: any) => delivery.id));
      cursor = page.page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const path = `/api/webhooks/${webhook.id}/deliveries`;
    expectProblem(await server.request('GET', `${path}?cursor=garbage`), 400, 'TRELLIS_VALIDATION', 'cursor');
    expectProblem(await server.request('GET', `${path}?limit=0`), 400, 'TRELLIS_VALIDATION', 'limit');
    expectProblem(await server.request('GET', `${path}?limit=2&limit=3`), 400, 'TRELLIS_VALIDATION', 'limit');
  });

  it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
    const url = 'https://hooks.example.com/trellis';
    const refused = async (body: unknown, path: string, method = 'POST', target = '/api/webhooks') => {
      const problem = expectProblem(await server.request(method, target, body), 400, 'TRELLIS_VALIDATION');
      expect(
        problem.errors.map((error: any) => error.path),
        JSON.stringify(problem),
      ).toContain(path);
      return problem;
    };
    const before = expectOk(await server.request('GET', '/api/webhooks')).data.length;
    await refused({ events: ['record.created'] }, 'url');
    await refused({ url: 'ftp://files.example.com/in', events: ['record.created'] }, 'url');
    await refused({ url: '/relative/path', events: ['record.created'] }, 'url');
    await refused({ url: 'https://user:pass@hooks.example.com/', events: ['record.created'] }, 'url');
    await refused({ url }, 'events');
    await refused({ url, events: [] }, 'events');
    await refused({ url, events: ['record.created', 'record.exploded'] }, 'events[1]');
    await refused({ url, events: ['webhook.ping'] }, 'events[0]');
    await refused({ url, events: ['Not An Event'] }, 'events[0]');
    await refused({ url, events: ['*'], secret: 'too-short' }, 'secret');
    await refused({ url, events: ['*'], entities: ['contact', 'unicorn'] }, 'entities[1]');
    await refused({ url, events: ['*'], entities: [] }, 'entities');
    await refused({ url, events: ['*'], active: 'yes' }, 'active');
    await refused({ url, events: ['*'], colour: 'blue' }, 'colour');
    await refused([{ url, events: ['*'] }], 'body');
    expect(expectOk(await server.request('GET', '/api/webhooks')).data).toHaveLength(before);

    const webhook = await createWebhook({ url, events: ['*'] });
    await refused({ url: 'mailto:ops@example.com' }, 'url', 'PATCH', `/api/webhooks/${webhook.id}`);
    await refused({ secret: 'short' }, 'secret', 'PATCH', `/api/webhooks/${webhook.id}`);
    expect(expectOk(await server.request('GET', `/api/webhooks/${webhook.id}`)).data).toEqual(withoutSecret(webhook));
    expectProblem(await server.request('PATCH', '/api/webhooks/no-such-webhook', { active: false }), 404);
  });

  it('is for administrators only', async () => {
    const webhook = await createWebhook({ url: 'https://hooks.example.com/', events: ['*'] });
    const asUser = (method: string, path: string, body?: unknown): Promise<TestResponse> =>
      server.request(method, path, body, { headers: { authorization: `Bearer ${userToken}` } });
    expectOk(await asUser('GET', '/api/auth/me'));
    expectProblem(await asUser('GET', '/api/webhooks'), 403, 'TRELLIS_FORBIDDEN');
    expectProblem(await asUser('POST', '/api/webhooks', { url: 'https://evil.example.com/', events: ['*'] }), 403);
    expectProblem(await asUser('GET', `/api/webhooks/${webhook.id}`), 403);
    expectProblem(await asUser('PATCH', `/api/webhooks/${webhook.id}`, { url: 'https://evil.example.com/' }), 403);
    expectProblem(await asUser('DELETE', `/api/webhooks/${webhook.id}`), 403);
    expectProblem(await asUser('GET', `/api/webhooks/${webhook.id}/deliveries`), 403);
    expectProblem(await asUser('POST', `/api/webhooks/${webhook.id}/test`), 403);
    expectProblem(await server.request('GET', '/api/webhooks', undefined, { auth: false }), 401);
    expect(expectOk(await server.request('GET', `/api/webhooks/${webhook.id}`)).data.url).toBe('https://hooks.example.com/');
  });

  it('is described in the OpenAPI document, with schemas that match what it answers', async () => {
    const document = expectOk(await server.request('GET', '/api/openapi.json'));
    expect(Object.keys(document.paths['/api/webhooks'])).toEqual(['get', 'post']);
    expect(document.paths['/api/webhooks/{id}/deliveries'].get).toBeDefined();
    expect(document.paths['/api/webhooks/{id}/test'].post).toBeDefined();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ components: document.components }, 'openapi');
    const check = (schema: string, value: unknown) => {
      const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`)!;
      expect(validate(value), `${schema}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const receiver = await startReceiver([], 500);
    const created = await createWebhook({ url: receiver.url, events: ['record.created'], entities: ['contact'] });
    check('WebhookCreated', created);
    check('Webhook', expectOk(await server.request('GET', `/api/webhooks/${created.id}`)).data);
    check('WebhookDelivery', expectOk(await server.request('POST', `/api/webhooks/${created.id}/test`)).data);
    check('WebhookDefinition', { url: receiver.url, events: ['*'], secret: SECRET });
  });
});

function withoutSecret(webhook: Record<string, unknown>): Record<string, unknown> {
  const { secret: _secret, ...rest } = webhook;
  return rest;
}
