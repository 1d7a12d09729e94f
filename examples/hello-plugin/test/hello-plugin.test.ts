import { Tokens } from '@trellis/sdk';
import { createTestApp, type TestApp } from '@trellis/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import hello from '../src/server/index.js';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({ plugins: [hello], settings: { hello: { greeting: 'Bonjour' } } });
});
afterAll(async () => {
  await app?.close();
});

const createGreeting = (body: Record<string, unknown>) => app.client.post<any>('/api/records/hello_greeting', body);
const greet = (body: unknown) => app.client.post<any>('/api/plugins/hello/greet', body);
const randomGreeting = () => app.client.get<any>('/api/plugins/hello/greetings/random');
/** Every greeting's message, oldest first. */
const messages = async () =>
  (await app.client.get<any>('/api/records/hello_greeting?sort=id&limit=1000')).body.data.map((row: any) => row.message);

describe('the hello plugin', () => {
  it('installs its greeting entity', async () => {
    const entity = await app.client.get<any>('/api/meta/entities/hello_greeting');
    expect(entity.status).toBe(200);
    const fields = Object.fromEntries(entity.body.data.fields.map((field: any) => [field.name, field]));
    expect(fields.message).toMatchObject({ type: 'text', required: true });
    expect(fields.language).toMatchObject({ type: 'select' });
    expect(fields.language.options.choices.map((choice: any) => choice.value)).toEqual(['en', 'fr', 'de', 'es']);
    expect(fields.times_greeted).toMatchObject({ type: 'integer', default: 0 });
  });

  it('answers with the configured greeting, to the world until someone is greeted', async () => {
    expect((await randomGreeting()).body).toEqual({ data: { id: null, message: 'Bonjour, world!' } });
    const greeted = await greet({ name: ' Ada ', language: 'fr' });
    expect(greeted.status).toBe(201);
    expect(greeted.body.data).toMatchObject({ message: 'Bonjour, Ada!', language: 'fr', times_greeted: 0 });
    expect(greeted.body.job.id).toEqual(expect.any(String));
    expect((await randomGreeting()).body.data).toEqual({ id: greeted.body.data.id, message: 'Bonjour, Ada!' });
  });

  it('refuses to greet nobody or in an unknown language, naming the field', async () => {
    const before = await messages();
    const nameless = await greet({ name: '  ' });
    expect(nameless.status).toBe(400);
    expect(nameless.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);
    const klingon = await greet({ name: 'Worf', language: 'tlh' });
    expect(klingon.status).toBe(400);
    expect(klingon.body.errors).toEqual([expect.objectContaining({ path: 'language' })]);
    expect(await messages()).toEqual(before);
  });

  it('trims messages in its hook and refuses blank ones with a 400 naming `message`', async () => {
    const created = await createGreeting({ message: '  Hi there  ' });
    expect(created.status).toBe(201);
    expect(created.body.data.message).toBe('Hi there');

    const blank = await createGreeting({ message: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.headers['content-type']).toContain('application/problem+json');
    expect(blank.body.errors).toEqual([{ path: 'message', message: 'must not be blank' }]);

    const blanked = await app.client.patch<any>(`/api/records/hello_greeting/${created.body.data.id}`, { message: ' ' });
    expect(blanked.status).toBe(400);
    expect(blanked.body.errors).toEqual([expect.objectContaining({ path: 'message' })]);
    expect((await app.client.get<any>(`/api/records/hello_greeting/${created.body.data.id}`)).body.data.message).toBe('Hi there');
  });

  it('posts a timeline entry on each new greeting', async () => {
    const created = await createGreeting({ message: 'Guten Tag', language: 'de' });
    const timeline = await app.services.get(Tokens.Timeline).list({ entity: 'hello_greeting', id: created.body.data.id });
    expect(timeline.data).toEqual([expect.objectContaining({ kind: 'note', title: 'Greeting created: Guten Tag', plugin: 'hello' })]);
  });

  it('counts a greeting in a background job', async () => {
    const greeted = await greet({ name: 'Grace' });
    await app.drainJobs();
    const stored = await app.client.get<any>(`/api/records/hello_greeting/${greeted.body.data.id}`);
    expect(stored.body.data.times_greeted).toBe(1);
  });

  it('goes quiet when disabled, keeps its data, and comes back when enabled', async () => {
    const before = await messages();
    expect((await app.plugins.disable('hello')).state).toBe('disabled');

    expect((await randomGreeting()).status).toBe(404);
    expect((await greet({ name: 'Linus' })).status).toBe(404);
    // The hook is silent: nothing trims the message any more.
    const untrimmed = await createGreeting({ message: '  As typed  ' });
    expect(untrimmed.status).toBe(201);
    expect(untrimmed.body.data.message).toBe('  As typed  ');
    expect(await messages()).toEqual([...before, '  As typed  ']);

    expect((await app.plugins.enable('hello')).state).toBe('enabled');
    expect(await messages()).toEqual([...before, '  As typed  ']);
    const random = await randomGreeting();
    expect(random.status).toBe(200);
    expect([...before, '  As typed  ']).toContain(random.body.data.message);
    expect((await createGreeting({ message: ' Trimmed again ' })).body.data.message).toBe('Trimmed again');
  });
});
