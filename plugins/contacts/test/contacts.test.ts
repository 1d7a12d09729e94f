import { createTestApp, type TestApp } from '@trellis/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import contacts from '../src/server/index.js';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({ plugins: [contacts] });
});
afterAll(async () => {
  await app?.close();
});

const createCompany = (body: Record<string, unknown>) => app.client.post<any>('/api/records/company', body);
const createContact = (body: Record<string, unknown>) => app.client.post<any>('/api/records/contact', body);
const fieldsOf = (entity: any) => Object.fromEntries(entity.fields.map((field: any) => [field.name, field]));

describe('the contacts plugin', () => {
  it('installs company and contact, with the fields other plugins rely on', async () => {
    const company = await app.client.get<any>('/api/meta/entities/company');
    expect(company.status).toBe(200);
    expect(company.body.data).toMatchObject({ label: 'Company', pluralLabel: 'Companies', dataSubject: false });
    const companyFields = fieldsOf(company.body.data);
    expect(companyFields.name).toMatchObject({ type: 'text', required: true, indexed: true });
    expect(companyFields.domain).toMatchObject({ type: 'text', indexed: true });
    expect(companyFields.website).toMatchObject({ type: 'url' });
    expect(companyFields.industry).toMatchObject({ type: 'select' });
    expect(companyFields.country).toMatchObject({ type: 'text', indexed: true });
    expect(companyFields.employees).toMatchObject({ type: 'integer', indexed: true });
    expect(companyFields.phone).toMatchObject({ type: 'phone' });

    const contact = await app.client.get<any>('/api/meta/entities/contact');
    expect(contact.body.data).toMatchObject({ label: 'Contact', dataSubject: true });
    const contactFields = fieldsOf(contact.body.data);
    expect(contactFields.first_name).toMatchObject({ type: 'text', required: true, personal: true });
    expect(contactFields.last_name).toMatchObject({ type: 'text', required: true, indexed: true });
    expect(contactFields.email).toMatchObject({ type: 'email', unique: true, personal: true });
    expect(contactFields.company).toMatchObject({ type: 'lookup', options: { target: 'company' } });
    expect(contactFields.status).toMatchObject({ type: 'select', default: 'new' });
    expect(contactFields.status.options.choices.map((choice: any) => choice.value)).toEqual(['new', 'active', 'customer', 'lost']);
  });

  it('installs the employs / employed_by relation type with a role', async () => {
    const employs = await app.client.get<any>('/api/meta/relation-types/employs');
    expect(employs.status).toBe(200);
    expect(employs.body.data).toMatchObject({
      key: 'employs',
      label: 'employs',
      symmetric: { key: 'employed_by', label: 'is employed by' },
      subjectEntities: ['company'],
      objectEntities: ['contact'],
      cardinality: { subject: 'many', object: 'many' },
    });
    expect(employs.body.data.fields.map((field: any) => [field.name, field.type])).toEqual([['role', 'text']]);
    expect((await app.client.get<any>('/api/meta/relation-types/employed_by')).body.data).toMatchObject({ label: 'is employed by' });
  });

  it('gives the system roles default rights on its entities', async () => {
    const roles = (await app.client.get<any>('/api/roles')).body.data as Array<{ name: string; permissions: any }>;
    const rep = roles.find((role) => role.name === 'sales_rep');
    expect(rep?.permissions.contact).toMatchObject({ read: 'team', create: 'all', update: 'team', delete: 'own', export: 'none' });
    expect(rep?.permissions.company).toMatchObject({ read: 'all', update: 'all', delete: 'own' });
    expect(roles.find((role) => role.name === 'read_only')?.permissions.contact).toMatchObject({ read: 'all' });
  });

  it('refuses a second contact with the same e-mail, whatever its case, with a 409 naming email', async () => {
    const first = await createContact({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@analytical.example' });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ email: 'ada@analytical.example', status: 'new' });
    const twin = await createContact({ first_name: 'Augusta', last_name: 'King', email: 'ADA@Analytical.Example' });
    expect(twin.status).toBe(409);
    expect(twin.headers['content-type']).toContain('application/problem+json');
    expect(twin.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
    const count = await app.client.get<any>(`/api/records/contact/count?filter=${encodeURIComponent('{"last_name":{"eq":"King"}}')}`);
    expect(count.body.count).toBe(0);
  });

  it('refuses a contact without its names, naming each field', async () => {
    const nameless = await createContact({ email: 'nobody@example.com' });
    expect(nameless.status).toBe(400);
    expect(nameless.body.errors.map((error: any) => error.path).sort()).toEqual(['first_name', 'last_name']);
  });

  it('stores a company domain lower-case and bare, and refuses one that is not a domain', async () => {
    const acme = await createCompany({ name: 'Acme', domain: ' https://WWW.Acme.Example/about ' });
    expect(acme.status).toBe(201);
    expect(acme.body.data.domain).toBe('acme.example');

    const bad = await createCompany({ name: 'Nowhere', domain: 'not a domain' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'domain', message: expect.stringContaining('web domain') })]);

    const renamed = await app.client.patch<any>(`/api/records/company/${acme.body.data.id}`, { domain: 'ACME.example.org' });
    expect(renamed.body.data.domain).toBe('acme.example.org');
    const refused = await app.client.patch<any>(`/api/records/company/${acme.body.data.id}`, { domain: 'localhost' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'domain' })]);
    expect((await app.client.get<any>(`/api/records/company/${acme.body.data.id}`)).body.data.domain).toBe('acme.example.org');
  });

  it('takes the domain from the website when none is given, and keeps one given', async () => {
    const derived = await createCompany({ name: 'Blue Harbor', website: 'https://www.Blue-Harbor.example/en' });
    expect(derived.body.data.domain).toBe('blue-harbor.example');
    const own = await createCompany({ name: 'Cobalt', domain: 'cobalt.example', website: 'https://cobalt-analytics.example' });
    expect(own.body.data.domain).toBe('cobalt.example');
    const later = await createCompany({ name: 'Delta' });
    expect(later.body.data.domain).toBeNull();
    const updated = await app.client.patch<any>(`/api/records/company/${later.body.data.id}`, { website: 'https://delta.example' });
    expect(updated.body.data.domain).toBe('delta.example');
    const moved = await app.client.patch<any>(`/api/records/company/${own.body.data.id}`, { website: 'https://elsewhere.example' });
    expect(moved.body.data.domain).toBe('cobalt.example');
  });

  it('links a contact to a company by lookup and by employs with a role', async () => {
    const company = await createCompany({ name: 'Fjord Capital', domain: 'fjord.example' });
    const person = await createContact({ first_name: 'Grace', last_name: 'Hopper', company: company.body.data.id });
    const linked = await app.client.post<any>(`/api/records/company/${company.body.data.id}/relations`, {
      type: 'employs',
      object: { entity: 'contact', id: person.body.data.id },
      attributes: { role: 'CTO' },
    });
    expect(linked.status).toBe(201);
    const employers = await app.client.get<any>(`/api/records/contact/${person.body.data.id}/relations?type=employed_by`);
    expect(employers.body.data[0].relations[0]).toMatchObject({ object: { id: company.body.data.id }, attributes: { role: 'CTO' } });
    const wrongWay = await app.client.post<any>(`/api/records/contact/${person.body.data.id}/relations`, {
      type: 'employs',
      object: { entity: 'company', id: company.body.data.id },
    });
    expect(wrongWay.status).toBe(400);
  });
});
