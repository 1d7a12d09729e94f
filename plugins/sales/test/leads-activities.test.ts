import { Tokens } from '@trellis/sdk';
import type { TestApp } from '@trellis/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBoard, salesApp } from './helpers.js';

let app: TestApp;

beforeAll(async () => {
  app = await salesApp({
    scoringRules: [
      { name: 'Referral', filter: { source: { eq: 'referral' } }, points: 30 },
      { name: 'Has a company', filter: { company_name: { isNull: false } }, points: 10 },
      { name: 'Gone stale', filter: { status: { eq: 'disqualified' } }, points: -50 },
      { name: 'Broken rule', filter: { no_such_field: { eq: 1 } }, points: 1000 },
    ],
  });
});
afterAll(() => app?.close());

const lead = async (body: Record<string, unknown>) => (await app.client.post<any>('/api/records/sales_lead', body)).body.data;
const convert = (id: string, body?: unknown) => app.client.post<any>(`/api/plugins/sales/leads/${id}/convert`, body);

describe('lead scoring', () => {
  it('sums the points of the matching rules on create and on every update, skipping a broken rule', async () => {
    const created = await lead({ first_name: 'Ada', last_name: 'Byron', source: 'referral', company_name: 'Engines' });
    const stored = async () => (await app.client.get<any>(`/api/records/sales_lead/${created.id}`)).body.data.score;
    // The create's own answer is the row as inserted; the score is written just after, before commit.
    expect(await stored()).toBe(40);
    await app.client.patch(`/api/records/sales_lead/${created.id}`, { status: 'disqualified' });
    expect(await stored()).toBe(-10);
    await app.client.patch(`/api/records/sales_lead/${created.id}`, { score: 999 });
    expect(await stored()).toBe(-10);
  });
});

describe('POST /leads/:id/convert', () => {
  it('creates a contact, a company and a deal in one go, and marks the lead converted with links', async () => {
    const ada = await lead({ first_name: 'Ada', last_name: 'Lovelace', company_name: 'Analytical Engines', email: 'ada@engines.example' });
    const response = await convert(ada.id, { deal: { title: 'Engines — pilot', amount: { amount: 12_000, currency: 'EUR' } } });
    expect(response.status).toBe(201);
    const { lead: converted, contact, company, deal, created } = response.body.data;
    expect(created).toEqual({ contact: true, company: true, deal: true });
    expect(company).toMatchObject({ name: 'Analytical Engines', domain: 'engines.example' });
    expect(contact).toMatchObject({ first_name: 'Ada', email: 'ada@engines.example', company: company.id });
    expect(deal).toMatchObject({ title: 'Engines — pilot', company: company.id, contact: contact.id, probability: 10 });
    expect(converted).toMatchObject({
      status: 'converted',
      converted_contact: contact.id,
      converted_company: company.id,
      converted_deal: deal.id,
    });
    const again = await convert(ada.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SALES_LEAD_CONVERTED');
  });

  it('re-uses the company by e-mail domain or by name in any case, and the contact by e-mail', async () => {
    const grace = await lead({ first_name: 'Grace', last_name: 'Hopper', company_name: 'Something else', email: 'grace@engines.example' });
    const byDomain = (await convert(grace.id, { deal: false })).body.data;
    expect(byDomain.created).toEqual({ contact: true, company: false, deal: false });
    expect(byDomain.company.name).toBe('Analytical Engines');
    const byName = (
      await convert(
        (await lead({ first_name: 'Alan', last_name: 'Turing', company_name: 'ANALYTICAL engines', email: 'alan@gmail.com' })).id,
      )
    ).body.data;
    expect(byName.created).toMatchObject({ contact: true, company: false });
    expect(byName.company.name).toBe('Analytical Engines');
    const twice = (await convert((await lead({ first_name: 'Ada', last_name: 'L.', email: 'ADA@engines.example' })).id)).body.data;
    expect(twice.created).toMatchObject({ contact: false, company: false });
    expect(twice.contact.last_name).toBe('Lovelace');
  });

  it('rolls everything back when the deal is invalid, naming the deal field', async () => {
    const companies = async () => (await app.client.get<any>('/api/records/company/count')).body.count;
    const before = await companies();
    const bad = await lead({ first_name: 'Linus', last_name: 'T', company_name: 'Kernel Works', email: 'linus@kernel.example' });
    const response = await convert(bad.id, { deal: { amount: { amount: -5, currency: 'EUR' } } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: expect.stringMatching(/^deal\.amount/) })]);
    expect(await companies()).toBe(before);
    expect((await app.client.get<any>(`/api/records/sales_lead/${bad.id}`)).body.data.status).toBe('new');
    expect((await convert(bad.id, { deal: 'yes' })).body.errors).toEqual([expect.objectContaining({ path: 'deal' })]);
    expect((await convert('01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});

describe('activities', () => {
  it('lists due and overdue open activities, soonest first', async () => {
    const hour = 3_600_000;
    await app.client.post('/api/records/sales_activity', {
      kind: 'call',
      subject: 'Overdue',
      due_at: new Date(Date.now() - hour).toISOString(),
    });
    await app.client.post('/api/records/sales_activity', {
      kind: 'task',
      subject: 'Soon',
      due_at: new Date(Date.now() + hour).toISOString(),
    });
    await app.client.post('/api/records/sales_activity', {
      kind: 'task',
      subject: 'Later',
      due_at: new Date(Date.now() + 30 * 24 * hour).toISOString(),
    });
    const due = await app.client.get<any>('/api/plugins/sales/activities/due?days=7');
    expect(due.body.data.map((a: any) => [a.subject, a.overdue])).toEqual([
      ['Overdue', true],
      ['Soon', false],
    ]);
  });

  it('reminds once: a reminder on the timeline of the activity and of the records it is about', async () => {
    const { stages } = await defaultBoard(app);
    const deal = (await app.client.post<any>('/api/records/sales_deal', { title: 'Reminded deal', stage: stages.Proposal })).body.data;
    const activity = (
      await app.client.post<any>('/api/records/sales_activity', {
        kind: 'call',
        subject: 'Call back',
        due_at: new Date(Date.now() + 60_000).toISOString(),
        reminder_at: new Date(Date.now() - 60_000).toISOString(),
      })
    ).body.data;
    await app.client.post(`/api/records/sales_activity/${activity.id}/relations`, {
      type: 'sales_activity_about',
      object: { entity: 'sales_deal', id: deal.id },
    });
    await app.services.get(Tokens.Jobs).enqueue('sales.send_reminders');
    await app.drainJobs();
    const timeline = app.services.get(Tokens.Timeline);
    const onDeal = (await timeline.list({ entity: 'sales_deal', id: deal.id })).data.filter((entry) => entry.kind === 'reminder');
    expect(onDeal).toEqual([expect.objectContaining({ title: expect.stringContaining('Reminder: Call back'), plugin: 'sales' })]);
    expect((await app.client.get<any>(`/api/records/sales_activity/${activity.id}`)).body.data.reminded).toBe(true);
    await app.services.get(Tokens.Jobs).enqueue('sales.send_reminders');
    await app.drainJobs();
    expect(
      (await timeline.list({ entity: 'sales_activity', id: activity.id })).data.filter((entry) => entry.kind === 'reminder'),
    ).toHaveLength(1);
  });
});

describe('disabling the plugin', () => {
  it('unmounts the routes and keeps the data', async () => {
    const { pipeline } = await defaultBoard(app);
    await app.plugins.disable('sales');
    expect((await app.client.get(`/api/plugins/sales/pipelines/${pipeline}/board`)).status).toBe(404);
    await app.plugins.enable('sales');
    expect((await app.client.get(`/api/plugins/sales/pipelines/${pipeline}/board`)).status).toBe(200);
  });
});
