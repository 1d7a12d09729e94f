import { defineEntity, definePlugin, Tokens, ValidationError, type PrivacyApi } from '@trellis/sdk';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, createRecord, expectOk, expectProblem, type Rec } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

/** What the person is, spelled as they gave it; none of it may survive an erasure anywhere. */
const PERSON = { first_name: 'Augusta', last_name: 'Byron-Lovelace', email: 'Augusta.King@analytical.example', phone: '+44 20 7946 0958' };
const ERASED_VALUES = ['Augusta', 'Byron-Lovelace', 'augusta.king@analytical.example', '7946 0958', '+442079460958'];

/** Set while a test wants the plugin to refuse an erasure. */
let legalHold = false;

const calls = definePlugin({
  name: 'gdpr-calls',
  version: '1.0.0',
  entities: [
    defineEntity({
      name: 'gdpr_calls_call',
      label: 'Call',
      fields: [
        { name: 'contact_id', type: 'text' },
        { name: 'summary', type: 'text', personal: true },
      ],
    }),
  ],
  privacy: {
    async export(subject, ctx) {
      const found = await ctx.records.list('gdpr_calls_call', { filter: { contact_id: { eq: subject.id } } });
      return { calls: found.data.map((call) => ({ summary: call.summary as string })) };
    },
    async erase(subject, ctx) {
      if (legalHold) throw ValidationError.at('subject', `calls of ${subject.id} are under legal hold`);
      const found = await ctx.records.list('gdpr_calls_call', { filter: { contact_id: { eq: subject.id } } });
      for (const call of found.data) await ctx.records.delete('gdpr_calls_call', call.id);
    },
  },
});

let server: TestServer;
let acme: Rec;

const contactFields = [
  { name: 'first_name', type: 'text', personal: true, required: true },
  { name: 'last_name', type: 'text', personal: true },
  { name: 'email', type: 'email', personal: true },
  { name: 'phone', type: 'phone', personal: true },
  { name: 'segment', type: 'text' },
  { name: 'company', type: 'lookup', options: { target: 'company' } },
];

/** A person with a deal pointing at them, a relation, a timeline entry, a consent and a plugin call. */
async function person(): Promise<Rec> {
  const contact = await createRecord(server, 'contact', { ...PERSON, segment: 'vip', company: acme.id });
  await createRecord(server, 'deal', { title: 'Engine order', contact: contact.id });
  expectOk(
    await server.request('POST', `/api/records/contact/${contact.id}/relations`, {
      type: 'advises',
      object: { entity: 'company', id: acme.id },
    }),
    201,
  );
  expectOk(
    await server.request('POST', `/api/records/contact/${contact.id}/timeline`, { kind: 'note', title: `Met ${PERSON.first_name}` }),
    201,
  );
  const consent = {
    subject: { entity: 'contact', id: contact.id },
    purpose: 'newsletter',
    channel: 'email',
    status: 'granted',
    source: 'web_form',
    proof: { email: PERSON.email },
  };
  expectOk(await server.request('POST', '/api/privacy/consents', consent), 201);
  await createRecord(server, 'gdpr_calls_call', { contact_id: contact.id, summary: `${PERSON.first_name} asked about engines` });
  return contact;
}

/** Every table's rows, as text, that mention any of the values. */
async function tablesMentioning(values: string[]): Promise<string[]> {
  const knex = server.trellis.db.knex;
  const tables =
    server.dialect === 'sqlite'
      ? (await knex.raw<Array<{ name: string }>>("SELECT name FROM sqlite_master WHERE type = 'table'")).map((row) => row.name)
      : (
          await knex.raw<{ rows: Array<{ name: string }> }>(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
          )
        ).rows.map((row) => row.name);
  expect(tables).toEqual(expect.arrayContaining(['contact', 'trellis_audit', 'trellis_timeline', 'trellis_consents', 'gdpr_calls_call']));
  const hits: string[] = [];
  for (const table of tables) {
    const text = JSON.stringify(await knex(table).select('*')).toLowerCase();
    for (const value of values) if (text.includes(value.toLowerCase())) hits.push(`${table}: ${value}`);
  }
  return hits;
}

const erase = (id: string, body: unknown) => server.request('POST', `/api/privacy/subjects/contact/${id}/erase`, body);
const privacy = (): PrivacyApi =>
  server.trellis.plugins
    .servicesFor('gdpr-calls', { userId: null, name: '', isAdmin: true, via: 'plugin', plugin: 'gdpr-calls' })
    .get(Tokens.Privacy);

beforeAll(async () => {
  server = await startTestServer({ plugins: { plugins: [calls] } });
  await createEntity(server, { name: 'company', label: 'Company', fields: [{ name: 'name', type: 'text' }] });
  await createEntity(server, { name: 'contact', label: 'Contact', dataSubject: true, fields: contactFields });
  await createEntity(server, {
    name: 'deal',
    label: 'Deal',
    fields: [
      { name: 'title', type: 'text', personal: true },
      { name: 'contact', type: 'lookup', options: { target: 'contact' } },
    ],
  });
  expectOk(
    await server.request('POST', '/api/meta/relation-types', {
      key: 'advises',
      label: 'advises',
      symmetric: { key: 'advised_by', label: 'is advised by' },
    }),
    201,
  );
  expectOk(await server.request('POST', '/api/plugins/gdpr-calls/enable'));
  acme = await createRecord(server, 'company', { name: 'Acme' });
});
afterAll(() => server?.close());

describe('data-subject export', () => {
  it('holds the record, linked personal records, consents, timeline, audit and plugin data', async () => {
    const contact = await person();
    const doc = expectOk(await server.request('GET', `/api/privacy/subjects/contact/${contact.id}/export`)).data;
    expect(doc.subject).toEqual({ entity: 'contact', id: contact.id });
    expect(doc.record).toMatchObject({ id: contact.id, email: PERSON.email.toLowerCase(), last_name: PERSON.last_name });
    // The deal points to the person and has personal fields; the company has none and is left out.
    expect(doc.linked).toEqual([
      expect.objectContaining({ entity: 'deal', via: 'lookup:deal.contact', record: expect.objectContaining({ title: 'Engine order' }) }),
    ]);
    expect(doc.consents).toEqual([expect.objectContaining({ purpose: 'newsletter', status: 'granted', proof: { email: PERSON.email } })]);
    expect(doc.timeline.map((entry: { title: string }) => entry.title)).toEqual([`Met ${PERSON.first_name}`]);
    expect(doc.audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'record.created' })]));
    expect(doc.plugins).toEqual({ 'gdpr-calls': { calls: [{ summary: `${PERSON.first_name} asked about engines` }] } });
  });

  it('answers 404 for an unknown person or entity and 400 naming entity for a non-subject entity', async () => {
    expectProblem(await server.request('GET', `/api/privacy/subjects/contact/${randomUUID()}/export`), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('GET', `/api/privacy/subjects/nothing/${randomUUID()}/export`), 404, 'TRELLIS_NOT_FOUND');
    expectProblem(await server.request('GET', `/api/privacy/subjects/company/${acme.id}/export`), 400, 'TRELLIS_VALIDATION', 'entity');
  });
});

describe('erasure', () => {
  it('without confirm answers 409 listing what would be touched, and changes nothing', async () => {
    const contact = await person();
    const problem = expectProblem(await erase(contact.id, { mode: 'anonymise' }), 409, 'TRELLIS_CONFIRMATION_REQUIRED');
    expect(problem.detail).toContain('first_name, last_name, email, phone');
    expect(problem.detail).toContain('gdpr-calls');
    expectProblem(await erase(contact.id, { mode: 'delete', confirm: randomUUID() }), 409, 'TRELLIS_CONFIRMATION_REQUIRED');
    expect(expectOk(await server.request('GET', `/api/records/contact/${contact.id}`)).data.email).toBe(PERSON.email.toLowerCase());
  });

  it('rejects a bad mode or confirm naming the field, and unknown people with 404', async () => {
    const contact = await person();
    expectProblem(await erase(contact.id, { mode: 'shred', confirm: contact.id }), 400, 'TRELLIS_VALIDATION', 'mode');
    expectProblem(await erase(contact.id, { mode: 'delete', confirm: 42 }), 400, 'TRELLIS_VALIDATION', 'confirm');
    expectProblem(await erase(contact.id, []), 400, 'TRELLIS_VALIDATION', 'body');
    const missing = randomUUID();
    expectProblem(await erase(missing, { mode: 'delete', confirm: missing }), 404, 'TRELLIS_NOT_FOUND');
  });

  it('a plugin hook that throws aborts the whole erasure', async () => {
    const contact = await person();
    await createRecord(server, 'gdpr_calls_call', { contact_id: contact.id, summary: 'boom' });
    legalHold = true;
    try {
      expectProblem(await erase(contact.id, { mode: 'anonymise', confirm: contact.id }), 400, 'TRELLIS_VALIDATION', 'subject');
    } finally {
      legalHold = false;
    }
    expect(expectOk(await server.request('GET', `/api/records/contact/${contact.id}`)).data.email).toBe(PERSON.email.toLowerCase());
    expect(await privacy().isSuppressed(PERSON.email)).toBe(false);
  });

  for (const mode of ['anonymise', 'delete'] as const) {
    it(`${mode}: leaves no personal value in any table, redacts the audit, suppresses the person`, async () => {
      const contact = await person();
      expect((await tablesMentioning(ERASED_VALUES)).length).toBeGreaterThan(0);
      // Every other copy of the person from earlier tests goes first, so the scan sees them all.
      const others = await server.trellis.db.knex('contact').whereNot({ id: contact.id }).select('id');
      for (const { id } of others) expectOk(await erase(id as string, { mode, confirm: id }));
      const result = expectOk(await erase(contact.id, { mode, confirm: contact.id })).data;
      expect(result).toMatchObject({ mode, fields: ['first_name', 'last_name', 'email', 'phone'], suppressed: 2, plugins: ['gdpr-calls'] });
      expect(result.auditEntriesRedacted).toBeGreaterThan(0);
      expect(await tablesMentioning(ERASED_VALUES)).toEqual([]);

      const audit = await server.trellis.db
        .knex('trellis_audit')
        .where({ entity: 'contact', record_id: contact.id })
        .orderBy('occurred_at');
      expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['record.created', 'privacy.erased']));
      expect(JSON.parse(audit.find((entry) => entry.action === 'record.created').changes).email).toEqual({ after: '[redacted]' });
      const record = await server.request('GET', `/api/records/contact/${contact.id}`);
      if (mode === 'delete') expectProblem(record, 404, 'TRELLIS_NOT_FOUND');
      else {
        expect(expectOk(record).data).toMatchObject({
          first_name: 'erased',
          last_name: null,
          email: null,
          phone: null,
          segment: 'vip',
          company: acme.id,
        });
        const current = expectOk(await server.request('GET', `/api/privacy/subjects/contact/${contact.id}/consents`)).data;
        expect(current).toEqual([expect.objectContaining({ purpose: 'erasure', status: 'withdrawn', source: 'erasure', proof: {} })]);
        expect(expectOk(await server.request('GET', `/api/records/contact/${contact.id}/timeline`)).data).toEqual([]);
        expect(
          expectOk(await server.request('GET', `/api/records/contact/${contact.id}/relations`)).data.every(
            (group: { relations: unknown[] }) => group.relations.length === 0,
          ),
        ).toBe(true);
      }
      // The deal that pointed at the person stays; in delete mode its lookup is cleared.
      const [deal] = await server.trellis.db.knex('deal').orderBy('created_at', 'desc').limit(1);
      expect(deal.contact).toBe(mode === 'delete' ? null : contact.id);
      expect(await privacy().isSuppressed('  augusta.KING@analytical.example ')).toBe(true);
      expect(await privacy().isSuppressed('+44 (20) 7946-0958')).toBe(true);
      expect(await privacy().isSuppressed('someone.else@example.org')).toBe(false);
      // Core's mailer refuses the erased person before any SMTP server is involved.
      const mailer = server.trellis.plugins.servicesFor('any', { userId: null, name: '', isAdmin: true, via: 'plugin' }).get(Tokens.Mailer);
      const message = { to: ['someone.else@example.org', 'Augusta <Augusta.King@analytical.example>'], subject: 'News', text: 'Hello' };
      await expect(mailer.send(message)).rejects.toMatchObject({
        status: 409,
        code: 'TRELLIS_RECIPIENT_SUPPRESSED',
        errors: [{ path: 'to' }],
      });
    });
  }
});
