import { afterAll, describe, expect, it } from 'vitest';
import { createTrellis } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { createTestDatabase } from './support/database.js';

const database = await createTestDatabase();
afterAll(() => database.drop());

async function boot() {
  return createTrellis({
    env: {},
    logger: createLogger('silent'),
    config: { databaseUrl: database.url, port: 0, demo: true, adminPassword: 'demo-password-123' },
  });
}

describe('demo data on request', () => {
  it('seeds companies and contacts linked to them, once', async () => {
    const first = await boot();
    const url = await first.listen();
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'demo-password-123' }),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const count = async (entity: string) =>
      ((await (await fetch(`${url}/api/records/${entity}/count`, { headers: auth })).json()) as { count: number }).count;
    expect(await count('company')).toBe(18);
    expect(await count('contact')).toBe(120);
    const filter = encodeURIComponent(JSON.stringify({ 'company.country': { eq: 'FR' } }));
    const french = (await (
      await fetch(`${url}/api/records/contact?filter=${filter}&expand=company&limit=1000`, { headers: auth })
    ).json()) as {
      data: Array<{ company: { country: string } }>;
    };
    expect(french.data.length).toBeGreaterThan(0);
    expect(french.data.every((contact) => contact.company.country === 'FR')).toBe(true);
    await first.close();

    const second = await boot();
    await second.listen();
    const [row] = await second.db.knex('contact').count({ n: '*' });
    expect(Number(row?.n)).toBe(120);
    await second.close();
  });
});
