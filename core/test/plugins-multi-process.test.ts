import { defineEntity, defineFieldType, definePlugin } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, expectOk, expectProblem, pause } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startTestServer, type TestResponse, type TestServer } from './support/server.js';
import { greetingsPlugin } from './fixtures/plugins/definitions.js';

const stars = definePlugin({
  name: 'stars',
  version: '1.0.0',
  fieldTypes: [
    defineFieldType({ name: 'stars.count', label: 'Stars', base: 'integer', schema: { type: 'integer', minimum: 0, maximum: 5 } }),
  ],
  entities: [defineEntity({ name: 'stars_review', label: 'Review', fields: [{ name: 'stars', type: 'stars.count' }] })],
});

let database: TestDatabase;
let first: TestServer;
let second: TestServer;

/** Two core processes on one database (two instances in this process, each with its own connections). */
beforeAll(async () => {
  database = await createTestDatabase();
  const plugins = { plugins: [greetingsPlugin(), stars] };
  first = await startTestServer({ database, plugins });
  second = await startTestServer({ database, plugins });
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await database?.drop();
});

/** Repeats a request until `done` holds: followers catch up within a poll interval (SQLite) or a NOTIFY (PostgreSQL). */
async function eventually(request: () => Promise<TestResponse>, done: (response: TestResponse) => boolean): Promise<TestResponse> {
  let response = await request();
  for (let tries = 0; tries < 60 && !done(response); tries++) {
    await pause(50);
    response = await request();
  }
  return response;
}

describe('plugin state shared by several processes', () => {
  it('serves a plugin’s routes in one process as soon as another enables it', async () => {
    expectProblem(await second.request('GET', '/api/plugins/greetings/hello'), 404, 'TRELLIS_ROUTE_NOT_FOUND');
    expectOk(await first.request('POST', '/api/plugins/greetings/enable'));
    expect(expectOk(await second.request('GET', '/api/plugins/greetings/hello')).data.plugin).toBe('greetings');
    expect(expectOk(await second.request('GET', '/api/plugins/greetings')).data.state).toBe('enabled');
  });

  it('runs its hooks in the other process too', async () => {
    const record = await eventually(
      () => second.request('POST', '/api/records/greetings_message', { message: 'from two' }),
      (response) => response.body?.data?.shouted === 'FROM TWO',
    );
    expect(expectOk(record, 201).data.shouted).toBe('FROM TWO');
  });

  it('unmounts it in the other process when one disables it', async () => {
    expectOk(await first.request('POST', '/api/plugins/greetings/disable'));
    const response = await eventually(
      () => second.request('GET', '/api/plugins/greetings/hello'),
      (answer) => answer.status === 404,
    );
    expectProblem(response, 404, 'TRELLIS_ROUTE_NOT_FOUND');
    expect((await createRecord(second, 'greetings_message', { message: 'quiet' })).shouted).toBeNull();
  });

  it('knows the field types another process installed', async () => {
    expectOk(await first.request('POST', '/api/plugins/stars/install'));
    expectProblem(await second.request('POST', '/api/records/stars_review', { stars: 9 }), 400, 'TRELLIS_VALIDATION', 'stars');
    expect((await createRecord(second, 'stars_review', { stars: 4 })).stars).toBe(4);
  });
});
