import type { Knex } from 'knex';
import { createRequire } from 'node:module';
import { Tokens, defineEntity, definePlugin, type PluginDefinition } from '@trellis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkCreate, createEntity, createRecord, expectOk, expectProblem, indexesOf } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Composite indexes (`EntityDefinition.indexes`): created with the entity, reported in its
 * metadata, added and dropped through `/api/meta/entities/:entity/indexes`, declared by plugins
 * (and created on upgrade), and used by the grouped queries they are made for.
 */
let database: TestDatabase;
let server: TestServer;

const TICKET_FIELDS = [
  { name: 'queue', type: 'text' },
  { name: 'status', type: 'select', options: { choices: ['open', 'closed'] } },
  { name: 'price', type: 'currency', options: { defaultCurrency: 'EUR' } },
  { name: 'weight', type: 'percent' },
  { name: 'phone', type: 'phone' },
  { name: 'notes', type: 'json' },
  { name: 'tags', type: 'multi_select', options: { choices: ['a', 'b'] } },
];

/** A plugin entity at two versions: the second adds a field and an index over it. */
function ledgerPlugin(version: string): PluginDefinition {
  const later = version !== '1.0.0';
  return definePlugin({
    name: 'cidx',
    version,
    entities: [
      defineEntity({
        name: 'cidx_deal',
        label: 'Deal',
        fields: [
          { name: 'pipeline', type: 'text' },
          { name: 'stage', type: 'text' },
          { name: 'amount', type: 'currency', options: { defaultCurrency: 'EUR' } },
          { name: 'probability', type: 'percent' },
          ...(later ? [{ name: 'month', type: 'text' } as const] : []),
        ],
        indexes: [
          { fields: ['pipeline', 'stage', 'amount', 'probability'] },
          ...(later ? [{ fields: ['stage', 'month', 'owner_id', 'amount', 'probability'] }] : []),
        ],
      }),
    ],
    routes(router) {
      router.post('/aggregate', async (ctx) => {
        ctx.body = await ctx.services.get(Tokens.Records).aggregate('cidx_deal', ctx.request.body as never);
      });
    },
  });
}

async function restart(version: string): Promise<void> {
  await server?.close();
  server = await startTestServer({ database, plugins: { plugins: [ledgerPlugin(version)] } });
}

/** The columns of a database index, in order. */
async function indexColumns(name: string): Promise<string[]> {
  const { knex } = server.trellis.db;
  if (server.dialect === 'postgres') {
    const result = await knex.raw<{ rows: Array<{ def: string }> }>('SELECT indexdef AS def FROM pg_indexes WHERE indexname = ?', [name]);
    const def = result.rows[0]?.def ?? '';
    return (/\((.*)\)$/.exec(def)?.[1] ?? '').split(', ').map((column) => column.replace(/"/g, ''));
  }
  const rows = await knex.raw<Array<{ name: string }>>(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, [name]);
  return rows.map((row) => row.name);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await restart('1.0.0');
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

describe('composite indexes of user entities', () => {
  it('creates them with the entity, over the columns the fields are stored in', async () => {
    const entity = await createEntity(server, {
      name: 'ticket',
      label: 'Ticket',
      fields: TICKET_FIELDS,
      indexes: [{ fields: ['queue', 'status', 'price', 'weight'] }, { fields: ['owner_id', 'phone'], unique: true }],
    });
    expect(entity.indexes).toEqual([
      { name: 'cx_ticket__queue__status__price__weight', fields: ['queue', 'status', 'price', 'weight'], unique: false, plugin: null },
      { name: 'cx_ticket__owner_id__phone', fields: ['owner_id', 'phone'], unique: true, plugin: null },
    ]);
    // A currency field contributes its amount column, a phone field its E.164 one.
    expect(await indexColumns('cx_ticket__queue__status__price__weight')).toEqual(['queue', 'status', 'price', 'weight']);
    expect(await indexColumns('cx_ticket__owner_id__phone')).toEqual(['owner_id', 'phone_e164']);
    const read = expectOk(await server.request('GET', '/api/meta/entities/ticket')).data;
    expect(read.indexes.map((index: { name: string }) => index.name)).toEqual(entity.indexes.map((index: { name: string }) => index.name));
  });

  it('refuses unknown, json and multi_select fields naming indexes[i].fields[j], and creates nothing', async () => {
    const bad = expectProblem(
      await server.request('POST', '/api/meta/entities', {
        name: 'broken',
        label: 'Broken',
        fields: TICKET_FIELDS,
        indexes: [{ fields: ['queue', 'nope'] }, { fields: ['notes'] }, { fields: ['status', 'tags'] }, { fields: ['queue', 'queue'] }],
      }),
      400,
      'TRELLIS_VALIDATION',
      'indexes[0].fields[1]',
    );
    expect(bad.errors.map((error: { path: string }) => error.path)).toEqual([
      'indexes[0].fields[1]',
      'indexes[1].fields[0]',
      'indexes[2].fields[1]',
      'indexes[3].fields[1]',
    ]);
    expect(bad.errors[1].message).toBe('json fields cannot be indexed');
    expect(bad.errors[2].message).toBe('multi_select fields cannot be indexed');
    expectProblem(await server.request('GET', '/api/meta/entities/broken'), 404);
    const shapes = [{ fields: [] }, { fields: ['queue'], extra: true }, { fields: 'queue' }];
    for (const index of shapes) {
      const body = { name: 'broken', label: 'Broken', fields: [{ name: 'queue', type: 'text' }], indexes: [index] };
      expect(expectProblem(await server.request('POST', '/api/meta/entities', body), 400).errors[0].path).toMatch(/^indexes\[0\]/);
    }
    expectProblem(await server.request('GET', '/api/meta/entities/broken'), 404);
  });

  it('keeps them when fields are added, adds and drops them through the API', async () => {
    expectOk(await server.request('POST', '/api/meta/entities/ticket/fields', { name: 'region', type: 'text' }), 201);
    expect(expectOk(await server.request('GET', '/api/meta/entities/ticket')).data.indexes).toHaveLength(2);
    const added = expectOk(
      await server.request('POST', '/api/meta/entities/ticket/indexes', { fields: ['region', 'created_at'] }),
      201,
    ).data;
    expect(added).toEqual({ name: 'cx_ticket__region__created_at', fields: ['region', 'created_at'], unique: false, plugin: null });
    expect(await indexesOf(server, 'ticket')).toContain('cx_ticket__region__created_at');
    expectProblem(
      await server.request('POST', '/api/meta/entities/ticket/indexes', { fields: ['region', 'created_at'] }),
      400,
      undefined,
      'fields',
    );
    expectProblem(
      await server.request('POST', '/api/meta/entities/ticket/indexes', { fields: ['region', 'notes'] }),
      400,
      undefined,
      'fields[1]',
    );
    expectProblem(await server.request('POST', '/api/meta/entities/nothing/indexes', { fields: ['region'] }), 404);
    expectOk(await server.request('DELETE', '/api/meta/entities/ticket/indexes/cx_ticket__region__created_at'), 204);
    expect(await indexesOf(server, 'ticket')).not.toContain('cx_ticket__region__created_at');
    expectProblem(await server.request('DELETE', '/api/meta/entities/ticket/indexes/cx_ticket__region__created_at'), 404);
  });

  it('refuses a unique index over values records share, and leaves nothing behind', async () => {
    await bulkCreate(server, 'ticket', [
      { queue: 'q1', region: 'north' },
      { queue: 'q1', region: 'north' },
    ]);
    expectProblem(
      await server.request('POST', '/api/meta/entities/ticket/indexes', { fields: ['queue', 'region'], unique: true }),
      409,
      'TRELLIS_DUPLICATE_VALUES',
    );
    expect(await indexesOf(server, 'ticket')).not.toContain('cx_ticket__queue__region');
    expect(expectOk(await server.request('GET', '/api/meta/entities/ticket')).data.indexes).toHaveLength(2);
  });

  it('enforces a unique composite index on writes', async () => {
    await createRecord(server, 'ticket', { phone: '+33 1 23 45 67 89' });
    const again = await server.request('POST', '/api/records/ticket', { phone: '+33 1 23 45 67 89' });
    expectProblem(again, 409);
  });

  it('refuses to drop a field an index uses (409 naming it), then drops it once the index is gone', async () => {
    const refused = expectProblem(
      await server.request('DELETE', '/api/meta/entities/ticket/fields/weight?confirm=weight'),
      409,
      'TRELLIS_FIELD_INDEXED',
    );
    expect(refused.detail).toContain('cx_ticket__queue__status__price__weight');
    expectOk(await server.request('DELETE', '/api/meta/entities/ticket/indexes/cx_ticket__queue__status__price__weight'), 204);
    expectOk(await server.request('DELETE', '/api/meta/entities/ticket/fields/weight?confirm=weight'), 204);
  });

  it('drops them with the entity: the same entity can be created again with the same index', async () => {
    expectOk(await server.request('DELETE', '/api/meta/entities/ticket?confirm=ticket'), 204);
    const again = await createEntity(server, {
      name: 'ticket',
      label: 'Ticket',
      fields: TICKET_FIELDS,
      indexes: [{ fields: ['owner_id', 'phone'] }],
    });
    expect(again.indexes).toHaveLength(1);
    expect(await indexesOf(server, 'ticket')).toContain('cx_ticket__owner_id__phone');
  });
});

describe('composite indexes of plugin entities', () => {
  it('creates the declared indexes on install, owned by the plugin', async () => {
    expectOk(await server.request('POST', '/api/plugins/cidx/enable'));
    const deal = expectOk(await server.request('GET', '/api/meta/entities/cidx_deal')).data;
    expect(deal.indexes).toEqual([
      {
        name: 'cx_cidx_deal__pipeline__stage__amount__probability',
        fields: ['pipeline', 'stage', 'amount', 'probability'],
        unique: false,
        plugin: 'cidx',
      },
    ]);
    const owned = expectProblem(
      await server.request('DELETE', '/api/meta/entities/cidx_deal/indexes/cx_cidx_deal__pipeline__stage__amount__probability'),
      409,
      'TRELLIS_PLUGIN_OWNED',
    );
    expect(owned.detail).toContain('plugin "cidx"');
  });

  it('creates an index a newer version declares when the plugin is upgraded', async () => {
    await bulkCreate(server, 'cidx_deal', [{ pipeline: 'p', stage: 's', amount: { amount: 10, currency: 'EUR' } }]);
    expectOk(await server.request('POST', '/api/plugins/cidx/disable'));
    await restart('1.1.0');
    expectOk(await server.request('POST', '/api/plugins/cidx/upgrade'));
    const deal = expectOk(await server.request('GET', '/api/meta/entities/cidx_deal')).data;
    expect(deal.indexes.map((index: { name: string; plugin: string }) => [index.name, index.plugin])).toEqual([
      ['cx_cidx_deal__pipeline__stage__amount__probability', 'cidx'],
      ['cx_cidx_deal__stage__month__owner_id__amount__probability', 'cidx'],
    ]);
    expect(await indexesOf(server, 'cidx_deal')).toContain('cx_cidx_deal__stage__month__owner_id__amount__probability');
    // Upgrading again finds everything there.
    expectOk(await server.request('POST', '/api/plugins/cidx/upgrade'));
    expectOk(await server.request('POST', '/api/plugins/cidx/enable'));
  });

  /** Runs the aggregate through the plugin route and returns the one GROUP BY statement the records API ran. */
  async function capturedAggregate(): Promise<{ sql: string; bindings: unknown[] }> {
    const body = {
      filter: { pipeline: { eq: 'p' } },
      groupBy: ['stage'],
      metrics: { count: { fn: 'count' }, weighted: { fn: 'sum', field: 'amount', times: 'probability' } },
    };
    const seen: Array<{ sql: string; bindings: unknown[] }> = [];
    const run = async () => {
      const result = expectOk(await server.request('POST', '/api/plugins/cidx/aggregate', body));
      expect(result.data).toEqual([{ group: { stage: 's' }, values: { count: 1, weighted: null } }]);
    };
    if (server.dialect === 'sqlite') {
      // Records run on prepared better-sqlite3 statements, not through knex: watch prepare().
      type Prepare = (this: unknown, sql: string) => unknown;
      const Database = createRequire(import.meta.url)('better-sqlite3') as { prototype: { prepare: Prepare } };
      const prepare = Database.prototype.prepare;
      Database.prototype.prepare = function (this: unknown, sql: string) {
        if (sql.includes('GROUP BY')) seen.push({ sql, bindings: ['p'] });
        return prepare.call(this, sql);
      };
      try {
        await run();
      } finally {
        Database.prototype.prepare = prepare;
      }
    } else {
      // knex reports the SQL with PostgreSQL's $n placeholders; raw() wants them back as ?.
      const listener = (query: { sql: string; bindings?: unknown[] }) => {
        if (query.sql.includes('GROUP BY')) seen.push({ sql: query.sql.replace(/\$\d+/g, '?'), bindings: query.bindings ?? [] });
      };
      server.trellis.db.knex.on('query', listener);
      try {
        await run();
      } finally {
        server.trellis.db.knex.off('query', listener);
      }
    }
    expect(seen).toHaveLength(1);
    return seen[0]!;
  }

  it('answers a grouped query from the covering index (the plan of the statement the API runs)', async () => {
    const { sql, bindings } = await capturedAggregate();
    const knex = server.trellis.db.knex;
    if (server.dialect === 'sqlite') {
      const plan = await knex.raw<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${sql}`, bindings as Knex.RawBinding[]);
      const details = plan.map((row) => row.detail).join('\n');
      expect(details).toContain('USING COVERING INDEX cx_cidx_deal__pipeline__stage__amount__probability (pipeline=?)');
      expect(details).not.toContain('TEMP B-TREE');
      return;
    }
    // A table this small is cheaper to scan: forbid that, to see whether the index can serve the query at all.
    const plan = await knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      const result = await trx.raw<{ rows: Array<{ 'QUERY PLAN': string }> }>(`EXPLAIN ${sql}`, bindings as Knex.RawBinding[]);
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Only Scan using cx_cidx_deal__pipeline__stage__amount__probability/);
  });

  it('drops the plugin’s indexes with its entities on uninstall', async () => {
    expectOk(await server.request('POST', '/api/plugins/cidx/uninstall', { confirm: 'cidx' }));
    const rows = await server.trellis.db.knex('trellis_entity_indexes').where({ entity: 'cidx_deal' });
    expect(rows).toEqual([]);
  });
});
