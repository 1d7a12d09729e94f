import { definePlugin, Tokens } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, expectProblem } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

const tuned = definePlugin({
  name: 'tuned',
  version: '1.0.0',
  settings: {
    schema: {
      type: 'object',
      properties: {
        greeting: { type: 'string', minLength: 1, default: 'Hello' },
        retries: { type: 'integer', minimum: 0, maximum: 5, default: 3 },
        webhook: { type: 'object', properties: { url: { type: 'string', format: 'uri' } }, additionalProperties: false },
      },
      additionalProperties: false,
    },
  },
  routes(router) {
    router.get('/settings', async (ctx) => {
      ctx.body = { data: await ctx.services.get(Tokens.Settings).get() };
    });
  },
});

let server: TestServer;
const settings = (body?: unknown) => server.request(body === undefined ? 'GET' : 'PUT', '/api/plugins/tuned/settings', body);

beforeAll(async () => {
  server = await startTestServer({ plugins: { plugins: [tuned] } });
});
afterAll(async () => {
  await server?.close();
});

describe('plugin settings', () => {
  it('reads the schema’s defaults, and refuses writes before the plugin is installed', async () => {
    expect(expectOk(await settings()).data).toEqual({ greeting: 'Hello', retries: 3 });
    expectProblem(await settings({ greeting: 'Hi' }), 409, 'TRELLIS_PLUGIN_NOT_INSTALLED');
    expectOk(await server.request('POST', '/api/plugins/tuned/enable'));
  });

  it('validates writes against the schema, naming each offending setting', async () => {
    expectProblem(await settings({ retries: 9 }), 400, 'TRELLIS_VALIDATION', 'retries');
    expectProblem(await settings({ colour: 'red' }), 400, 'TRELLIS_VALIDATION', 'colour');
    expectProblem(await settings({ webhook: { url: 'not a url' } }), 400, 'TRELLIS_VALIDATION', 'webhook.url');
    expectProblem(await settings(['greeting']), 400, 'TRELLIS_VALIDATION', 'body');
    expect(expectOk(await settings()).data).toEqual({ greeting: 'Hello', retries: 3 });
  });

  it('stores valid settings with defaults filled in, for the plugin to read', async () => {
    expect(expectOk(await settings({ retries: 0 })).data).toEqual({ greeting: 'Hello', retries: 0 });
    expect(expectOk(await server.request('GET', '/api/plugins/tuned/settings')).data).toEqual({ greeting: 'Hello', retries: 0 });
    expect(expectOk(await settings({ greeting: 'Hi' })).data).toEqual({ greeting: 'Hi', retries: 3 });
  });

  it('keeps settings across disable and enable, and drops them on uninstall', async () => {
    expectOk(await server.request('POST', '/api/plugins/tuned/disable'));
    expectOk(await server.request('POST', '/api/plugins/tuned/enable'));
    expect(expectOk(await settings()).data.greeting).toBe('Hi');
    expectOk(await server.request('POST', '/api/plugins/tuned/uninstall', { confirm: 'tuned' }));
    expect(expectOk(await settings()).data).toEqual({ greeting: 'Hello', retries: 3 });
  });
});
