import { createTestApp, type TestApp } from '@trellis/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRecords } from '../src/server/demo-data.js';
import contacts from '../src/server/index.js';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({ plugins: [contacts] });
});
afterAll(async () => {
  await app?.close();
});

const count = async (entity: string, filter?: unknown) =>
  (await app.client.get<any>(`/api/records/${entity}/count${filter ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`)).body
    .count as number;

describe('the contacts demo', () => {
  it('builds the same realistic records every time', () => {
    const first = demoRecords();
    expect(demoRecords()).toEqual(first);
    expect(first.companies).toHaveLength(18);
    expect(first.contacts).toHaveLength(120);
    expect(new Set(first.contacts.map((contact) => contact.email)).size).toBe(120);
    for (const contact of first.contacts) {
      expect(contact.email.endsWith(`@${first.companies[contact.companyIndex]?.domain}`)).toBe(true);
    }
  });

  it('seeds companies and contacts linked by lookup and by employs, once', async () => {
    expect(await app.plugins.seedDemo()).toEqual({ seeded: ['contacts'], failed: [] });
    expect(await count('company')).toBe(18);
    expect(await count('contact')).toBe(120);

    const french = await app.client.get<any>(
      `/api/records/contact?filter=${encodeURIComponent(JSON.stringify({ 'company.country': { eq: 'FR' } }))}&expand=company&limit=1000`,
    );
    expect(french.body.data.length).toBeGreaterThan(0);
    expect(french.body.data.every((contact: any) => contact.company.country === 'FR')).toBe(true);

    const [someone] = french.body.data;
    const employers = await app.client.get<any>(`/api/records/contact/${someone.id}/relations?type=employed_by`);
    expect(employers.body.data[0].relations).toEqual([
      expect.objectContaining({ object: expect.objectContaining({ id: someone.company.id }), attributes: { role: someone.job_title } }),
    ]);
    // Every contact works somewhere, by relation too.
    expect(await count('contact', { $relation: { type: 'employed_by' } })).toBe(120);

    expect(await app.plugins.seedDemo()).toEqual({ seeded: [], failed: [] });
    expect(await count('company')).toBe(18);
    expect(await count('contact')).toBe(120);
  });

  it('completes a run cut short instead of duplicating what is there', async () => {
    const { contacts: people } = demoRecords();
    const page = await app.client.get<any>(
      `/api/records/contact?filter=${encodeURIComponent(JSON.stringify({ email: { eq: people[0]?.email } }))}`,
    );
    expect((await app.client.delete(`/api/records/contact/${page.body.data[0].id}`)).status).toBe(204);
    await contacts.demo?.({ plugin: 'contacts', services: app.services });
    expect(await count('company')).toBe(18);
    expect(await count('contact')).toBe(120);
  });
});
