import { definePlugin } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, qs } from './support/api.js';
import { ADMIN_EMAIL, startTestServer, type TestServer } from './support/server.js';

let server: TestServer;

beforeAll(async () => {
  const audited = definePlugin({
    name: 'audited',
    version: '1.2.0',
    description: 'A plugin whose lifecycle the audit log follows',
    entities: [{ name: 'audited_item', label: 'Item', fields: [{ name: 'name', type: 'text' }] }],
  });
  server = await startTestServer({ plugins: { plugins: [audited] } });
});
afterAll(() => server?.close());

describe('plugin lifecycle in the audit log', () => {
  it('records install, enable, disable and uninstall with the acting admin', async () => {
    for (const verb of ['install', 'enable', 'disable']) expectOk(await server.request('POST', `/api/plugins/audited/${verb}`));
    expectOk(await server.request('POST', '/api/plugins/audited/uninstall', { confirm: 'audited' }));
    const { data } = expectOk(await server.request('GET', `/api/audit${qs({ action: 'plugin.*' })}`));
    expect(data.map((entry: { action: string }) => entry.action)).toEqual([
      'plugin.uninstalled',
      'plugin.disabled',
      'plugin.enabled',
      'plugin.installed',
    ]);
    expect(data[3]).toMatchObject({ actor: { email: ADMIN_EMAIL, via: 'bearer' }, details: { plugin: 'audited', version: '1.2.0' } });
    // The entity the plugin declared was created (and dropped) as part of its steps.
    const metadata = expectOk(await server.request('GET', `/api/audit${qs({ entity: 'audited_item', action: 'metadata.*' })}`)).data;
    expect(metadata.map((entry: { action: string }) => entry.action)).toEqual(['metadata.entity_dropped', 'metadata.entity_created']);
    expect(metadata[1].details).toEqual({ plugin: 'audited' });
  });
});
