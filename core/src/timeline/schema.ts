import type { Knex } from 'knex';

/**
 * System tables of the timeline area (a migration of core/src/db/system-schema.ts): one row per
 * entry on a record's timeline (a call, an e-mail, a stage change, a note), with who posted it.
 */
export async function createTimelineTables(knex: Knex): Promise<void> {
  await knex.schema.createTable('trellis_timeline', (t) => {
    t.text('id').primary();
    t.text('entity').notNullable();
    t.text('record_id').notNullable();
    t.text('kind').notNullable();
    t.text('title').notNullable();
    t.text('body');
    t.text('data').notNullable().defaultTo('{}');
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    // The plugin that posted the entry; null for a user's own note.
    t.text('plugin');
    t.text('actor_user_id');
    t.text('actor_email');
    t.boolean('actor_is_admin').notNullable().defaultTo(false);
    t.text('actor_via').notNullable();
    t.text('actor_plugin');
  });
  // A record's timeline, newest first, pages by keyset on (occurred_at, id); deleting a record
  // removes its entries through the same index.
  await knex.raw('CREATE INDEX ix_trellis_timeline__record ON trellis_timeline (entity, record_id, occurred_at DESC, id DESC)');
}
