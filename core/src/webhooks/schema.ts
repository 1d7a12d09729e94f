import type { Knex } from 'knex';

/**
 * System tables of the webhooks area (a migration of core/src/db/system-schema.ts): the
 * webhooks, one delivery per event and webhook (its id is the stable `X-Trellis-Delivery`), and
 * one row per attempt at sending it.
 */
export async function createWebhooksTables(knex: Knex): Promise<void> {
  await knex.schema.createTable('trellis_webhooks', (t) => {
    t.text('id').primary();
    t.text('url').notNullable();
    t.text('events').notNullable();
    // JSON array of entity names, or NULL for every entity.
    t.text('entities');
    // HMAC needs the key itself, so it cannot be stored as a hash.
    t.text('secret').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.text('description').notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.text('created_by');
  });
  await knex.schema.createTable('trellis_webhook_deliveries', (t) => {
    t.text('id').primary();
    t.text('webhook_id').notNullable().references('id').inTable('trellis_webhooks').onDelete('CASCADE');
    t.text('event_type').notNullable();
    t.text('event_id').notNullable();
    // The exact body sent, so every attempt carries the same bytes.
    t.text('payload').notNullable();
    t.integer('attempt').notNullable().defaultTo(0);
    t.text('status').notNullable();
    t.integer('response_status');
    t.text('response_body');
    t.text('error');
    t.integer('duration_ms');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('delivered_at', { useTz: true });
  });
  // The delivery log of one webhook, newest first, pages by keyset on (created_at, id).
  await knex.raw('CREATE INDEX ix_trellis_webhook_deliveries__log ON trellis_webhook_deliveries (webhook_id, created_at DESC, id DESC)');
  await knex.schema.createTable('trellis_webhook_attempts', (t) => {
    t.text('delivery_id').notNullable().references('id').inTable('trellis_webhook_deliveries').onDelete('CASCADE');
    t.integer('attempt').notNullable();
    t.text('status').notNullable();
    t.integer('response_status');
    t.text('response_body');
    t.text('error');
    t.integer('duration_ms').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.primary(['delivery_id', 'attempt']);
  });
}
