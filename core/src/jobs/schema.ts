import type { Knex } from 'knex';

/**
 * System tables of the jobs area (a migration of core/src/db/system-schema.ts). Only SQLite
 * needs one: on PostgreSQL the jobs live in pg-boss's own schema, `trellis_jobs`, which pg-boss
 * creates and migrates itself on first use.
 */
export async function createJobsTables(knex: Knex): Promise<void> {
  if ((knex.client as { dialect: string }).dialect === 'postgresql') return;
  await knex.schema.createTable('trellis_jobs', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('payload').notNullable();
    // waiting | running | completed | failed
    t.text('state').notNullable();
    t.integer('attempt').notNullable().defaultTo(0);
    t.integer('max_attempts').notNullable();
    t.double('backoff_seconds').notNullable();
    t.double('timeout_seconds').notNullable();
    // Epoch milliseconds: the poller compares and adds numbers on every claim.
    t.bigInteger('run_at').notNullable();
    t.bigInteger('locked_until');
    t.text('singleton_key');
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.timestamp('completed_at', { useTz: true });
    t.index(['state', 'run_at'], 'ix_trellis_jobs__due');
  });
  // At most one waiting-or-running job per name and singleton key; finished ones do not count.
  await knex.raw(
    `CREATE UNIQUE INDEX ux_trellis_jobs__singleton ON trellis_jobs (name, singleton_key)
     WHERE singleton_key IS NOT NULL AND state IN ('waiting', 'running')`,
  );
}
