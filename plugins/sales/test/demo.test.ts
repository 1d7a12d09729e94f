import contacts from '@trellis/plugin-contacts';
import type { TestApp } from '@trellis/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sales from '../src/server/index.js';
import { defaultBoard, salesApp } from './helpers.js';

let app: TestApp;

beforeAll(async () => {
  app = await salesApp();
});
afterAll(() => app?.close());

describe('the demo data', () => {
  it('seeds deals across every stage on the demo companies, rotting, won and lost ones included, once', async () => {
    await contacts.demo?.({ plugin: 'contacts', services: app.services });
    await sales.demo?.({ plugin: 'sales', services: app.services });
    const { pipeline } = await defaultBoard(app);
    const board = (await app.client.get<any>(`/api/plugins/sales/pipelines/${pipeline}/board?limit=200`)).body.data;
    for (const stage of board.stages) expect(stage.count).toBeGreaterThan(0);
    const deals = board.stages.flatMap((stage: any) => stage.deals);
    expect(deals.some((deal: any) => deal.rotting)).toBe(true);
    expect(deals.every((deal: any) => typeof deal.company === 'string')).toBe(true);
    const lost = board.stages.find((stage: any) => stage.kind === 'lost').deals;
    expect(lost.every((deal: any) => typeof deal.lost_reason === 'string')).toBe(true);
    const activities = (await app.client.get<any>('/api/plugins/sales/activities/due?days=30')).body.data;
    expect(activities.some((activity: any) => activity.overdue)).toBe(true);
    expect((await app.client.get<any>('/api/records/sales_lead/count')).body.count).toBeGreaterThan(0);
    const total = (await app.client.get<any>('/api/records/sales_deal/count')).body.count;
    await sales.demo?.({ plugin: 'sales', services: app.services });
    expect((await app.client.get<any>('/api/records/sales_deal/count')).body.count).toBe(total);
  });
});
