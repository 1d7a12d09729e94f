import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('a fresh server', () => {
  it('answers /health without credentials', async () => {
    const response = await server.request('GET', '/health', undefined, { auth: false });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('refuses the API without credentials, as problem+json', async () => {
    const response = await server.request('GET', '/api/meta/entities', undefined, { auth: false });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe('TRELLIS_UNAUTHENTICATED');
  });
});
