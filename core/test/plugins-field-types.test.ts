import { defineEntity, defineFieldType, definePlugin } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntity, createRecord, expectOk, expectProblem, listPage, qs } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startTestServer, type TestServer } from './support/server.js';

const sku = defineFieldType({
  name: 'shop.sku',
  label: 'Stock keeping unit',
  base: 'text',
  schema: { type: 'string', pattern: '^[A-Za-z]{3}-[0-9]{4}$' },
  normalize: (value) => String(value).toUpperCase(),
  renderer: 'shop-sku',
});
const rating = defineFieldType({
  name: 'shop.rating',
  label: 'Rating',
  base: 'integer',
  schema: { type: 'integer', minimum: 1, maximum: 5 },
  check: (value) => (value === 3 ? 'three stars is not a rating, pick a side' : null),
  operators: ['eq', 'gte', 'lte', 'in', 'isNull'],
});
const shop = definePlugin({
  name: 'shop',
  version: '1.0.0',
  fieldTypes: [sku, rating],
  entities: [
    defineEntity({
      name: 'shop_product',
      label: 'Product',
      fields: [
        { name: 'sku', type: 'shop.sku', unique: true },
        { name: 'rating', type: 'shop.rating', indexed: true },
      ],
    }),
  ],
});

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database, plugins: { plugins: [shop] } });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const review = {
  name: 'review',
  label: 'Review',
  fields: [
    { name: 'title', type: 'text' },
    { name: 'score', type: 'shop.rating' },
  ],
};

describe('field types contributed by a plugin', () => {
  it('are unknown until the plugin is installed', async () => {
    expectProblem(await server.request('POST', '/api/meta/entities', review), 400, 'TRELLIS_VALIDATION', 'fields[1].type');
    expectOk(await server.request('POST', '/api/plugins/shop/enable'));
  });

  it('validate, normalise, filter and sort like their base', async () => {
    const product = await createRecord(server, 'shop_product', { sku: 'abc-1234', rating: 5 });
    expect(product.sku).toBe('ABC-1234');
    expectProblem(await server.request('POST', '/api/records/shop_product', { sku: 'nope' }), 400, 'TRELLIS_VALIDATION', 'sku');
    expectProblem(await server.request('POST', '/api/records/shop_product', { rating: 7 }), 400, 'TRELLIS_VALIDATION', 'rating');
    const three = expectProblem(
      await server.request('POST', '/api/records/shop_product', { rating: 3 }),
      400,
      'TRELLIS_VALIDATION',
      'rating',
    );
    expect(three.errors[0].message).toBe('three stars is not a rating, pick a side');
    expectProblem(await server.request('POST', '/api/records/shop_product', { sku: 'ABC-1234' }), 409);
    for (const [code, stars] of [
      ['xyz-0001', 1],
      ['xyz-0002', 4],
      ['xyz-0003', 2],
    ] as const) {
      await createRecord(server, 'shop_product', { sku: code, rating: stars });
    }
    const good = await listPage(server, 'shop_product', { filter: { rating: { gte: 4 } }, sort: '-rating' });
    expect(good.data.map((record) => record.rating)).toEqual([5, 4]);
    expectProblem(
      await server.request('GET', `/api/records/shop_product${qs({ filter: { rating: { gt: 1 } } })}`),
      400,
      'TRELLIS_VALIDATION',
    );
  });

  it('page by keyset cursor like their base', async () => {
    const first = await listPage(server, 'shop_product', { sort: 'rating', limit: 2 });
    expect(first.data.map((record) => record.rating)).toEqual([1, 2]);
    const second = await listPage(server, 'shop_product', { sort: 'rating', limit: 2, cursor: first.page.next });
    expect(second.data.map((record) => record.rating)).toEqual([4, 5]);
  });

  it('can be used in any entity, and are reported by name', async () => {
    const entity = await createEntity(server, review);
    expect(entity.fields.find((field: { name: string }) => field.name === 'score').type).toBe('shop.rating');
    expectProblem(await server.request('POST', '/api/records/review', { score: 9 }), 400, 'TRELLIS_VALIDATION', 'score');
    expect((await createRecord(server, 'review', { title: 'Great', score: 5 })).score).toBe(5);
  });

  it('stay enforced while the plugin is disabled, and after a restart', async () => {
    expectOk(await server.request('POST', '/api/plugins/shop/disable'));
    expectProblem(await server.request('POST', '/api/records/review', { score: 9 }), 400, 'TRELLIS_VALIDATION', 'score');
    await server.close();
    server = await startTestServer({ database, plugins: { plugins: [shop] } });
    expectProblem(await server.request('POST', '/api/records/review', { score: 0 }), 400, 'TRELLIS_VALIDATION', 'score');
    expect((await listPage(server, 'review')).data).toHaveLength(1);
  });

  it('cannot be uninstalled while other entities use its types', async () => {
    const refused = expectProblem(
      await server.request('POST', '/api/plugins/shop/uninstall', { confirm: 'shop' }),
      409,
      'TRELLIS_FIELD_TYPE_IN_USE',
    );
    expect(refused.detail).toBe('cannot uninstall "shop": fields use its field types: review.score; drop them first');
    expect((await server.request('DELETE', '/api/meta/entities/review/fields/score?confirm=score')).status).toBe(204);
    expectOk(await server.request('POST', '/api/plugins/shop/uninstall', { confirm: 'shop' }));
    const again = { name: 'review2', label: 'Review', fields: [{ name: 'score', type: 'shop.rating' }] };
    expectProblem(await server.request('POST', '/api/meta/entities', again), 400, 'TRELLIS_VALIDATION', 'fields[0].type');
  });
});
