import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import contacts from '@trellis/plugin-contacts';
import { defineEntity, type MigrationContext, type PluginDefinition, type RecordsApi, type TrellisRecord } from '@trellis/sdk';
import { createTestApp, type TestApp } from '@trellis/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealEntity } from '../src/server/entities/deal.js';
import { fillExpectedMonth } from '../src/server/expected-month.js';
import sales from '../src/server/index.js';
import { salesApp } from './helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await salesApp();
});
afterAll(() => app?.close());

const createDeal = (body: Record<string, unknown>) => app.client.post<any>('/api/records/sales_deal', body);
const patchDeal = (id: string, body: Record<string, unknown>) => app.client.patch<any>(`/api/records/sales_deal/${id}`, body);

describe('expected_month', () => {
  it('is derived from expected_close on create, whatever the write says', async () => {
    expect((await createDeal({ title: 'A', expected_close: '2026-03-31' })).body.data.expected_month).toBe('2026-03');
    expect((await createDeal({ title: 'B', expected_close: '2026-04-01', expected_month: '1999-01' })).body.data.expected_month).toBe(
      '2026-04',
    );
    expect((await createDeal({ title: 'C', expected_month: '1999-01' })).body.data.expected_month).toBeNull();
    const bulk = await app.client.post<any>('/api/records/sales_deal', [
      { title: 'D', expected_close: '2027-12-15' },
      { title: 'E', expected_close: null },
    ]);
    expect(bulk.body.data.map((deal: TrellisRecord) => deal.expected_month)).toEqual(['2027-12', null]);
  });

  it('follows expected_close on update and ignores a month written on its own', async () => {
    const deal = (await createDeal({ title: 'F', expected_close: '2026-05-10' })).body.data;
    expect((await patchDeal(deal.id, { expected_close: '2026-07-01' })).body.data.expected_month).toBe('2026-07');
    expect((await patchDeal(deal.id, { expected_month: '2030-01' })).body.data.expected_month).toBe('2026-07');
    expect((await patchDeal(deal.id, { title: 'F2' })).body.data.expected_month).toBe('2026-07');
    expect((await patchDeal(deal.id, { expected_close: null })).body.data.expected_month).toBeNull();
  });

  it('is what the forecast groups by month, and what from/to select', async () => {
    const forecast = await app.client.get<any>('/api/plugins/sales/forecast?from=2026-03&to=2026-04');
    expect(forecast.status).toBe(200);
    expect(forecast.body.data.byMonth.map((slice: { month: string; count: number }) => [slice.month, slice.count])).toEqual([
      ['2026-03', 1],
      ['2026-04', 1],
    ]);
  });

  it('comes with the composite indexes the board and the forecast read', async () => {
    const meta = (await app.client.get<any>('/api/meta/entities/sales_deal')).body.data;
    expect(meta.indexes.map((index: { fields: string[]; plugin: string }) => [index.fields.join(','), index.plugin])).toEqual([
      ['pipeline,stage,amount,probability', 'sales'],
      ['stage,expected_month,owner_id,amount,probability', 'sales'],
    ]);
  });
});

describe('the 1.1.0 migration', () => {
  it('fills expected_month of the deals that lack it, page by page, through the records API', async () => {
    const deals = Array.from({ length: 1203 }, (_, n) => ({
      id: `d${n}`,
      expected_close: `2026-0${(n % 9) + 1}-15`,
      expected_month: null,
    }));
    const written = new Map<string, unknown>();
    const records = {
      list: (_entity: string, query: { limit: number }) =>
        Promise.resolve({ data: deals.filter((deal) => !written.has(deal.id)).slice(0, query.limit), page: { next: null } }),
      update: (_entity: string, id: string, changes: Record<string, unknown>) => {
        written.set(id, changes.expected_month);
        return Promise.resolve({ id, ...changes });
      },
    } as unknown as RecordsApi;
    await fillExpectedMonth.up({ records } as unknown as MigrationContext);
    expect(written.size).toBe(1203);
    expect(written.get('d0')).toBe('2026-01');
    expect(written.get('d1202')).toBe('2026-06');
  });

  // On a SQLite file whatever the suite's database: the upgrade needs a database that outlives one test app.
  it('upgrades a 1.0.0 database: adds the field and the indexes, and fills the month (SQLite file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sales-upgrade-'));
    const databaseUrl = `sqlite:${join(dir, 'trellis.db')}`;
    try {
      // 1.0.0 as it was: no expected_month, no composite indexes, no migration for them.
      const { expected_month: _month, ...rest } = Object.fromEntries(dealEntity.fields.map((field) => [field.name, field]));
      const oldDeal = defineEntity({ ...dealEntity, fields: Object.values(rest), indexes: [] });
      const old: PluginDefinition = {
        ...sales,
        version: '1.0.0',
        entities: (sales.entities ?? []).map((entity) => (entity.name === 'sales_deal' ? oldDeal : entity)),
        hooks: (sales.hooks ?? []).filter((hooks) => hooks.entity !== 'sales_deal'),
        migrations: (sales.migrations ?? []).filter((migration) => migration.version === '1.0.0'),
      };
      const before = await createTestApp({ plugins: [contacts, old], databaseUrl });
      await before.client.post('/api/records/sales_deal', [{ title: 'Old', expected_close: '2026-09-30' }, { title: 'Undated' }]);
      await before.close();
      const after = await createTestApp({ plugins: [contacts, sales], databaseUrl });
      try {
        const info = (await after.plugins.list()).find((plugin) => plugin.name === 'sales');
        expect(info).toMatchObject({ installedVersion: '1.1.0', state: 'enabled' });
        const deals = (await after.client.get<any>('/api/records/sales_deal?sort=title')).body.data;
        expect(deals.map((deal: TrellisRecord) => [deal.title, deal.expected_month])).toEqual([
          ['Old', '2026-09'],
          ['Undated', null],
        ]);
        expect((await after.client.get<any>('/api/meta/entities/sales_deal')).body.data.indexes).toHaveLength(2);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
