import type { Knex } from 'knex';

/**
 * System tables of the plugins area (a migration of core/src/db/system-schema.ts): the state of
 * each plugin, a version other processes compare to follow changes, and the owner of metadata
 * rows a plugin created (null for what users created).
 */
export async function createPluginsTables(knex: Knex): Promise<void> {
  await knex.schema.createTable('trellis_plugins', (t) => {
    t.text('name').primary();
    // Null until an install commits: a plugin whose install failed is stored as failed with no version.
    t.text('version');
    t.text('state').notNullable();
    t.text('error');
    t.text('settings').notNullable().defaultTo('{}');
    // The bases of the plugin's field types, so fields of them stay readable if its module goes missing.
    t.text('field_types').notNullable().defaultTo('[]');
    t.timestamp('installed_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('trellis_plugin_version', (t) => {
    t.integer('id').primary();
    t.bigInteger('version').notNullable();
  });
  await knex('trellis_plugin_version').insert({ id: 1, version: 1 });
  for (const table of ['trellis_entities', 'trellis_fields', 'trellis_relation_types']) {
    await knex.schema.alterTable(table, (t) => {
      t.text('plugin');
    });
  }
}

/**
 * Which plugins' demo data a database holds (a migration of core/src/db/system-schema.ts): a
 * row is written once a plugin's `demo` succeeded, and deleted when the plugin is uninstalled.
 */
export async function createPluginDemoTable(knex: Knex): Promise<void> {
  await knex.schema.createTable('trellis_plugin_demo', (t) => {
    t.text('plugin').primary();
    t.timestamp('seeded_at', { useTz: true }).notNullable();
  });
}
