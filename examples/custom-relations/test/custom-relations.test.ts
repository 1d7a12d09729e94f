import { createTestApp, type TestApp } from '@trellis/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import customRelations from '../src/server/index.js';

let app: TestApp;
let people: Record<string, any>;
let companies: Record<string, any>;

const filterQuery = (filter: unknown, extra = '') => `?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`;
const peopleWhere = async (filter: unknown, extra = '') => {
  const response = await app.client.get<any>(`/api/records/cr_person${filterQuery(filter, extra)}`);
  expect(response.status).toBe(200);
  return response.body.data.map((row: any) => row.name);
};
const relate = (subject: { entity: string; id: string }, body: Record<string, unknown>) =>
  app.client.post<any>(`/api/records/${subject.entity}/${subject.id}/relations`, body);
const ref = (entity: string, record: any) => ({ entity, id: record.id as string });

beforeAll(async () => {
  app = await createTestApp({ plugins: [customRelations] });
  const created = await app.client.post<any>('/api/records/cr_person', [
    { name: 'Ada', rating: 5 },
    { name: 'Grace', rating: 4 },
    { name: 'Linus', rating: 2 },
    { name: 'Barbara' },
  ]);
  expect(created.status).toBe(201);
  people = Object.fromEntries(created.body.data.map((row: any) => [row.name, row]));
  const sponsors = await app.client.post<any>('/api/records/cr_company', [{ name: 'Acme' }, { name: 'Globex' }]);
  companies = Object.fromEntries(sponsors.body.data.map((row: any) => [row.name, row]));
});
afterAll(async () => {
  await app?.close();
});

describe('relation types declared by a plugin', () => {
  it('exist after install, labelled in both directions, with their attributes and cardinality', async () => {
    const mentors = await app.client.get<any>('/api/meta/relation-types/cr_mentors');
    expect(mentors.status).toBe(200);
    expect(mentors.body.data).toMatchObject({
      key: 'cr_mentors',
      label: 'mentors',
      symmetric: { key: 'cr_mentored_by', label: 'is mentored by' },
      subjectEntities: ['cr_person'],
      objectEntities: ['cr_person'],
      system: true,
    });
    expect(mentors.body.data.fields.map((field: any) => [field.name, field.type])).toEqual([
      ['since', 'date'],
      ['topic', 'text'],
    ]);
    const mentoredBy = await app.client.get<any>('/api/meta/relation-types/cr_mentored_by');
    expect(mentoredBy.body.data).toMatchObject({ label: 'is mentored by', symmetric: { key: 'cr_mentors', label: 'mentors' } });

    const sponsoredBy = await app.client.get<any>('/api/meta/relation-types/cr_sponsored_by');
    expect(sponsoredBy.body.data).toMatchObject({
      label: 'is sponsored by',
      subjectEntities: ['cr_person'],
      objectEntities: ['cr_company'],
      cardinality: { subject: 'one', object: 'many' },
    });
  });

  it('cannot be changed by users', async () => {
    const changed = await app.client.patch<any>('/api/meta/relation-types/cr_mentors', { label: 'teaches' });
    expect(changed.status).toBe(409);
    expect(changed.body.detail).toContain('custom-relations');
    expect((await app.client.delete<any>('/api/meta/relation-types/cr_mentors')).status).toBe(409);
    expect((await app.client.get<any>('/api/meta/relation-types/cr_mentors')).body.data.label).toBe('mentors');
  });

  it('take relations with attributes, filterable with $relation from either side', async () => {
    const added = await relate(ref('cr_person', people.Ada), {
      type: 'cr_mentors',
      object: ref('cr_person', people.Grace),
      attributes: { since: '2024-01-15', topic: 'compilers' },
    });
    expect(added.status).toBe(201);
    expect(added.body.data.attributes).toEqual({ since: '2024-01-15', topic: 'compilers' });
    expect((await relate(ref('cr_person', people.Ada), { type: 'cr_mentors', object: ref('cr_person', people.Linus) })).status).toBe(201);

    expect(await peopleWhere({ $relation: { type: 'cr_mentored_by', to: { id: people.Ada.id } } }, '&sort=name')).toEqual([
      'Grace',
      'Linus',
    ]);
    expect(await peopleWhere({ $relation: { type: 'cr_mentors', exists: true } })).toEqual(['Ada']);
    expect(await peopleWhere({ $relation: { type: 'cr_mentored_by', where: { rating: { gte: 4 } } } }, '&sort=name')).toEqual([
      'Grace',
      'Linus',
    ]);

    const badAttribute = await relate(ref('cr_person', people.Grace), {
      type: 'cr_mentors',
      object: ref('cr_person', people.Barbara),
      attributes: { since: 'last spring' },
    });
    expect(badAttribute.status).toBe(400);
  });

  it('hold to their cardinality: a person has one sponsor at most', async () => {
    expect((await relate(ref('cr_company', companies.Acme), { type: 'cr_sponsors', object: ref('cr_person', people.Grace) })).status).toBe(
      201,
    );
    expect((await relate(ref('cr_company', companies.Acme), { type: 'cr_sponsors', object: ref('cr_person', people.Ada) })).status).toBe(
      201,
    );
    const second = await relate(ref('cr_company', companies.Globex), { type: 'cr_sponsors', object: ref('cr_person', people.Grace) });
    expect(second.status).toBe(409);
    expect(await peopleWhere({ $relation: { type: 'cr_sponsored_by', exists: false } }, '&sort=name')).toEqual(['Barbara', 'Linus']);
  });
});

describe('the rating field type', () => {
  it('refuses a value outside 1–5 with a 400 naming the field', async () => {
    for (const rating of [6, 0, 2.5, 'five']) {
      const refused = await app.client.post<any>('/api/records/cr_person', { name: 'Eve', rating });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'rating' })]);
    }
    const patched = await app.client.patch<any>(`/api/records/cr_person/${people.Linus.id}`, { rating: 6 });
    expect(patched.status).toBe(400);
    expect(await peopleWhere({ name: { eq: 'Eve' } })).toEqual([]);
  });

  it('is described by its field and stored as an integer', async () => {
    const entity = await app.client.get<any>('/api/meta/entities/cr_person');
    expect(entity.body.data.fields.find((field: any) => field.name === 'rating')).toMatchObject({
      type: 'custom-relations.rating',
      label: 'Mentor rating',
    });
    const ada = await app.client.get<any>(`/api/records/cr_person/${people.Ada.id}`);
    expect(ada.body.data.rating).toBe(5);
  });

  it('sorts and filters like an integer', async () => {
    expect(await peopleWhere({ rating: { gte: 3 } }, '&sort=-rating')).toEqual(['Ada', 'Grace']);
    expect(await peopleWhere({ rating: { between: [2, 4] } }, '&sort=rating')).toEqual(['Linus', 'Grace']);
    expect(await peopleWhere({ rating: { isNull: true } })).toEqual(['Barbara']);
    const contains = await app.client.get<any>(`/api/records/cr_person${filterQuery({ rating: { contains: '5' } })}`);
    expect(contains.status).toBe(400);
  });

  it('survives disabling the plugin, with its data and its rules', async () => {
    expect((await app.plugins.disable('custom-relations')).state).toBe('disabled');
    expect(await peopleWhere({ rating: { gt: 3 } }, '&sort=-rating')).toEqual(['Ada', 'Grace']);
    expect((await app.client.post<any>('/api/records/cr_person', { name: 'Eve', rating: 6 })).status).toBe(400);
    expect((await app.client.post<any>('/api/records/cr_person', { name: 'Eve', rating: 3 })).status).toBe(201);
    expect(await peopleWhere({ $relation: { type: 'cr_mentored_by', to: { id: people.Ada.id } } }, '&sort=name')).toEqual([
      'Grace',
      'Linus',
    ]);
    expect((await app.plugins.enable('custom-relations')).state).toBe('enabled');
    expect(await peopleWhere({ rating: { eq: 3 } })).toEqual(['Eve']);
  });
});
