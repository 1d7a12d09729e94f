import { createTestApp, type TestApp } from '@trellis/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin, { note } from '../src/server/index.js';

describe('{{name}}', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ plugins: [plugin] });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers GET /hello', async () => {
    const response = await app.client.get('/api/plugins/{{name}}/hello');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { message: 'Hello from {{name}}', notes: 0 } });
  });

  it('stores a note, trimmed by its hook', async () => {
    const created = await app.client.post<{ data: { title: string } }>(`/api/records/${note.name}`, { title: '  First note ' });
    expect(created.status).toBe(201);
    expect(created.body.data.title).toBe('First note');
  });

  it('refuses a blank title, naming the field', async () => {
    const refused = await app.client.post<{ errors: Array<{ path: string }> }>(`/api/records/${note.name}`, { title: '   ' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ path: 'title' }));
  });
});
