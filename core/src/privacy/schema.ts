import type { Knex } from 'knex';

/**
 * System tables of the privacy area (a migration of core/src/db/system-schema.ts): consents
 * (an append-only history, the latest per purpose and channel wins), the suppression list of
 * erased people's salted hashes, the installation's salt, and retention policies per entity.
 */
export async function createPrivacyTables(knex: Knex): Promise<void> {
  await knex.schema.createTable('trellis_consents', (t) => {
    t.text('id').primary();
    t.text('subject_entity').notNullable();
    t.text('subject_id').notNullable();
    t.text('purpose').notNullable();
    t.text('channel').notNullable();
    t.text('status').notNullable();
    t.text('source').notNullable();
    t.text('proof').notNullable().defaultTo('{}');
    t.timestamp('recorded_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.text('created_by');
  });
  // A person's consents, newest first per purpose and channel: the history and the current status.
  await knex.raw(
    'CREATE INDEX ix_trellis_consents__subject ON trellis_consents (subject_entity, subject_id, purpose, channel, recorded_at DESC)',
  );
  await knex.schema.createTable('trellis_suppressions', (t) => {
    // SHA-256 (hex) of a normalised e-mail address or phone number, salted with the installation's secret.
    t.text('hash').primary();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('trellis_privacy_secret', (t) => {
    t.text('id').primary();
    t.text('secret').notNullable();
  });
  await knex.schema.createTable('trellis_retention_policies', (t) => {
    t.text('entity').primary();
    t.integer('days').notNullable();
    t.text('action').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.text('updated_by');
  });
}
