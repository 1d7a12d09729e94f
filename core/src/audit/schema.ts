import type { Knex } from 'knex';

/**
 * System tables of the audit log (a migration of core/src/db/system-schema.ts): one row per
 * traceable change, never updated or deleted through the API.
 */
export async function createAuditTables(knex: Knex): Promise<void> {
  await knex.schema.createTable('trellis_audit', (t) => {
    t.text('id').primary();
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.text('action').notNullable();
    t.text('entity');
    t.text('record_id');
    // No foreign key: entries outlive the users and records they are about.
    t.text('actor_user_id');
    t.text('actor_email');
    t.text('actor_via').notNullable();
    t.text('actor_plugin');
    t.text('request_id');
    t.text('changes');
    t.text('details').notNullable().defaultTo('{}');
  });
  // A record's history, newest first; the admin query over everything; one actor's doings.
  await knex.raw('CREATE INDEX ix_trellis_audit__record ON trellis_audit (entity, record_id, occurred_at DESC, id DESC)');
  await knex.raw('CREATE INDEX ix_trellis_audit__time ON trellis_audit (occurred_at DESC, id DESC)');
  await knex.raw('CREATE INDEX ix_trellis_audit__actor ON trellis_audit (actor_user_id, occurred_at DESC)');
}
