import type { Knex } from 'knex';
import { createAccessTables } from '../access/schema.js';
import { createAuditTables } from '../audit/schema.js';
import { createAuthSecurityTables } from '../auth/schema.js';
import { createJobsTables } from '../jobs/schema.js';
import { createPrivacyTables } from '../privacy/schema.js';
import { createPluginDemoTable, createPluginsTables } from '../plugins/schema.js';
import { createTimelineTables } from '../timeline/schema.js';
import { createWebhooksTables } from '../webhooks/schema.js';

/**
 * Versioned migrations of Trellis's own tables (users, sessions, metadata, relations). Entity tables are
 * not here: the entity engine creates them from metadata at run time.
 */
const MIGRATIONS: Record<string, (knex: Knex) => Promise<void>> = {
  async '0001_system_tables'(knex) {
    await knex.schema.createTable('trellis_users', (t) => {
      t.text('id').primary();
      t.text('email').notNullable().unique();
      t.text('name').notNullable();
      t.text('password_hash').notNullable();
      t.boolean('is_admin').notNullable().defaultTo(false);
      t.boolean('active').notNullable().defaultTo(true);
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('trellis_sessions', (t) => {
      t.text('id').primary();
      t.text('token_hash').notNullable().unique();
      t.text('user_id').notNullable().references('id').inTable('trellis_users').onDelete('CASCADE');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.index(['user_id']);
    });
    await knex.schema.createTable('trellis_entities', (t) => {
      t.text('name').primary();
      t.text('label').notNullable();
      t.text('plural_label').notNullable();
      t.text('description').notNullable().defaultTo('');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('trellis_fields', (t) => {
      t.text('entity').notNullable().references('name').inTable('trellis_entities').onDelete('CASCADE');
      t.text('name').notNullable();
      t.text('type').notNullable();
      t.text('label').notNullable();
      t.boolean('required').notNullable().defaultTo(false);
      t.boolean('is_unique').notNullable().defaultTo(false);
      t.boolean('indexed').notNullable().defaultTo(false);
      t.text('default_json');
      t.text('options_json').notNullable().defaultTo('{}');
      t.integer('position').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.primary(['entity', 'name']);
    });
    await knex.schema.createTable('trellis_meta_version', (t) => {
      t.integer('id').primary();
      t.bigInteger('version').notNullable();
    });
    await knex('trellis_meta_version').insert({ id: 1, version: 1 });
  },
  async '0002_relations'(knex) {
    // One row per direction: `employs` and its symmetric `employed_by` are two rows naming each other.
    await knex.schema.createTable('trellis_relation_types', (t) => {
      t.text('key').primary();
      t.text('label').notNullable();
      t.text('symmetric_key').notNullable();
      t.text('subject_entities').notNullable().defaultTo('[]');
      t.text('object_entities').notNullable().defaultTo('[]');
      t.text('cardinality').notNullable().defaultTo('many');
      t.text('fields_json').notNullable().defaultTo('[]');
      t.boolean('is_system').notNullable().defaultTo(false);
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    // Each relation is stored twice, once from each side, so every question about one record
    // ("its relations", "its relations of type T", "who relates to it by T") is an index range.
    await knex.schema.createTable('trellis_relations', (t) => {
      t.text('id').primary();
      t.text('type').notNullable().references('key').inTable('trellis_relation_types');
      t.text('subject_entity').notNullable();
      t.text('subject_id').notNullable();
      t.text('object_entity').notNullable();
      t.text('object_id').notNullable();
      t.text('symmetric_id').notNullable();
      t.text('attributes').notNullable().defaultTo('{}');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.text('created_by');
      t.unique(['subject_id', 'type', 'object_id'], { indexName: 'ux_trellis_relations__edge' });
      t.index(['object_id', 'type', 'subject_id'], 'ix_trellis_relations__object');
      // Pages of one record's relations of one type are keyed on the relation id.
      t.index(['subject_id', 'type', 'id'], 'ix_trellis_relations__subject_page');
    });
  },
  '0003_plugins': createPluginsTables,
  '0004_jobs': createJobsTables,
  '0005_timeline': createTimelineTables,
  '0006_webhooks': createWebhooksTables,
  async '0007_privacy_flags'(knex) {
    await knex.schema.alterTable('trellis_entities', (t) => {
      t.boolean('data_subject').notNullable().defaultTo(false);
    });
    await knex.schema.alterTable('trellis_fields', (t) => {
      t.boolean('sensitive').notNullable().defaultTo(false);
      t.boolean('personal').notNullable().defaultTo(false);
    });
  },
  '0008_access': createAccessTables,
  '0009_auth_security': createAuthSecurityTables,
  '0010_audit': createAuditTables,
  '0011_privacy': createPrivacyTables,
  '0012_plugin_demo': createPluginDemoTable,
  async '0013_entity_indexes'(knex) {
    // Composite indexes of entity tables (single-field ones are flags on trellis_fields).
    await knex.schema.createTable('trellis_entity_indexes', (t) => {
      t.text('entity').notNullable().references('name').inTable('trellis_entities').onDelete('CASCADE');
      t.text('name').notNullable();
      t.text('fields_json').notNullable();
      t.boolean('is_unique').notNullable().defaultTo(false);
      t.text('plugin');
      t.integer('position').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.primary(['entity', 'name']);
    });
  },
};

/** Feeds the in-code migrations to knex's migrator, so `knex_migrations` records what ran. */
class SystemMigrationSource implements Knex.MigrationSource<string> {
  getMigrations(): Promise<string[]> {
    return Promise.resolve(Object.keys(MIGRATIONS).sort());
  }
  getMigrationName(migration: string): string {
    return migration;
  }
  getMigration(migration: string): Promise<Knex.Migration> {
    const up = MIGRATIONS[migration];
    if (!up) throw new Error(`Unknown system migration ${migration}`);
    return Promise.resolve({ up, down: () => Promise.reject(new Error('System migrations are up only')) });
  }
}

const MIGRATION_CONFIG = { migrationSource: new SystemMigrationSource(), tableName: 'trellis_migrations' };

/** Brings the system tables up to date; safe to call on every start. */
export async function migrateSystemTables(knex: Knex): Promise<void> {
  await knex.migrate.latest(MIGRATION_CONFIG);
}

/** True when every system migration has run (used by `/ready`). */
export async function systemTablesReady(knex: Knex): Promise<boolean> {
  const [, pending] = (await knex.migrate.list(MIGRATION_CONFIG)) as [unknown[], unknown[]];
  return pending.length === 0;
}
