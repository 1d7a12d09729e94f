import { defineEntity, definePlugin, defineRelationType, Tokens, type DomainEvent, type PluginContext } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, expectOk, expectProblem, pause } from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

const heard: DomainEvent[] = [];
const jobRuns: Array<{ people: number; actor: string }> = [];

const tools = definePlugin({
  name: 'crm-tools',
  version: '1.0.0',
  entities: [
    defineEntity({ name: 'crm_tools_company', label: 'Company', fields: [{ name: 'name', type: 'text' }] }),
    defineEntity({ name: 'crm_tools_person', label: 'Person', fields: [{ name: 'name', type: 'text' }] }),
  ],
  relationTypes: [
    defineRelationType({
      key: 'crm_tools_employs',
      label: 'employs',
      symmetric: { key: 'crm_tools_employed_by', label: 'is employed by' },
      subjectEntities: ['crm_tools_company'],
      objectEntities: ['crm_tools_person'],
      fields: [{ name: 'role', type: 'text' }],
    }),
  ],
  subscribers: [
    {
      event: 'record.created',
      entity: 'crm_tools_person',
      handle: (event, ctx: PluginContext) => {
        if ('record' in event) ctx.services.get(Tokens.Events).emit('person_added', { id: event.record.id });
      },
    },
    { event: 'crm-tools.person_added', handle: (event) => void heard.push(event) },
  ],
  jobs: [
    {
      name: 'count_people',
      async run(_payload, ctx) {
        const people = await ctx.services.get(Tokens.Records).count('crm_tools_person');
        jobRuns.push({ people, actor: ctx.plugin });
      },
    },
  ],
  routes(router) {
    router.post('/link', async (ctx) => {
      const { company, person } = ctx.request.body as { company: string; person: string };
      const relations = ctx.services.get(Tokens.Relations);
      ctx.body = {
        data: await relations.add(
          { entity: 'crm_tools_company', id: company },
          'crm_tools_employs',
          { entity: 'crm_tools_person', id: person },
          { role: 'CTO' },
        ),
      };
    });
    router.get('/relations/:company', async (ctx) => {
      const subject = { entity: 'crm_tools_company', id: ctx.params.company ?? '' };
      ctx.body = await ctx.services.get(Tokens.Relations).list(subject, { type: 'crm_tools_employs' });
    });
    router.post('/count-later', async (ctx) => {
      ctx.status = 202;
      ctx.body = { data: await ctx.services.get(Tokens.Jobs).enqueue('count_people') };
    });
    router.post('/note/:person', async (ctx) => {
      const timeline = ctx.services.get(Tokens.Timeline);
      const record = { entity: 'crm_tools_person', id: ctx.params.person ?? '' };
      await timeline.post({ record, kind: 'note', title: 'Met at the fair' });
      ctx.body = await timeline.list(record);
    });
    router.get('/types', (ctx) => {
      ctx.body = {
        data: ctx.services
          .get(Tokens.Metadata)
          .relationTypes()
          .map((type) => type.key),
      };
    });
  },
});

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ plugins: { plugins: [tools] } });
  expectOk(await server.request('POST', '/api/plugins/crm-tools/enable'));
});
afterAll(async () => {
  await server?.close();
});

describe('core services as plugins see them', () => {
  it('creates the plugin’s relation types, usable through Relations, owned by the plugin', async () => {
    expect(expectOk(await server.request('GET', '/api/plugins/crm-tools/types')).data).toEqual([
      'crm_tools_employed_by',
      'crm_tools_employs',
    ]);
    const company = await createRecord(server, 'crm_tools_company', { name: 'Acme' });
    const person = await createRecord(server, 'crm_tools_person', { name: 'Ada' });
    const relation = expectOk(await server.request('POST', '/api/plugins/crm-tools/link', { company: company.id, person: person.id })).data;
    expect(relation).toMatchObject({
      type: 'crm_tools_employs',
      subject: { entity: 'crm_tools_company', id: company.id },
      object: { entity: 'crm_tools_person', id: person.id },
      attributes: { role: 'CTO' },
    });
    const listed = expectOk(await server.request('GET', `/api/plugins/crm-tools/relations/${company.id}`));
    expect(listed.data.map((item: { id: string }) => item.id)).toEqual([relation.id]);
    expect(listed.page).toEqual({ next: null });
    const refused = expectProblem(await server.request('PATCH', '/api/meta/relation-types/crm_tools_employs', { label: 'hires' }), 409);
    expect(refused).toMatchObject({ code: 'TRELLIS_PLUGIN_OWNED', detail: expect.stringContaining('plugin "crm-tools"') });
  });

  it('announces the plugin’s own events as <plugin>.<name> to subscribers filtered by entity', async () => {
    heard.length = 0;
    await createRecord(server, 'crm_tools_company', { name: 'Not a person' });
    const person = await createRecord(server, 'crm_tools_person', { name: 'Grace' });
    for (let tries = 0; tries < 50 && heard.length === 0; tries++) await pause(10);
    expect(heard).toEqual([{ type: 'crm-tools.person_added', plugin: 'crm-tools', payload: { id: person.id } }]);
  });

  it('runs the plugin’s jobs under their qualified name, as the plugin', async () => {
    expectOk(await server.request('POST', '/api/plugins/crm-tools/count-later'), 202);
    await server.trellis.jobs.drain();
    expect(jobRuns).toEqual([{ people: 2, actor: 'crm-tools' }]);
  });

  it('posts to a record’s timeline as the plugin', async () => {
    const person = await createRecord(server, 'crm_tools_person', { name: 'Linus' });
    const entries = expectOk(await server.request('POST', `/api/plugins/crm-tools/note/${person.id}`)).data;
    expect(entries).toMatchObject([{ kind: 'note', title: 'Met at the fair', plugin: 'crm-tools' }]);
  });

  it('drops the plugin’s relation types and their relations on uninstall', async () => {
    expectOk(await server.request('POST', '/api/plugins/crm-tools/uninstall', { confirm: 'crm-tools' }));
    expectProblem(await server.request('GET', '/api/meta/relation-types/crm_tools_employs'), 404);
    expect(await server.trellis.db.knex('trellis_relations').count<Array<{ n: number }>>({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
