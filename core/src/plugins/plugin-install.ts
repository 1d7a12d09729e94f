import type { EntityDefinition, FieldDefinition, MigrationContext, PluginDefinition } from '@trellis/sdk';
import type { Knex } from 'knex';
import semver from 'semver';
import { pluginActor } from '../auth/actor.js';
import type { Database } from '../db/connect.js';
import { createSqlAccess } from '../db/sql-runner.js';
import type { IndexService } from '../entities/index-service.js';
import type { MetadataService } from '../entities/metadata-service.js';
import { metadataTransaction } from '../entities/metadata-change.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { ConflictError } from '../errors.js';
import { recordsApi } from '../records/records-api.js';
import { RecordsTransaction } from '../records/records-transaction.js';
import type { RelationTypeService } from '../relations/relation-type-service.js';
import { pluginServices, type PluginServiceDeps } from './plugin-services.js';

/** What creating and dropping a plugin's schema needs. */
export interface SchemaDeps {
  db: Database;
  store: MetadataStore;
  metadata: MetadataService;
  indexes: IndexService;
  relationTypes: RelationTypeService;
  services: PluginServiceDeps;
}

/**
 * Runs work in one transaction that metadata changes, record writes and the plugin's state
 * row all join, so an install or upgrade commits entirely or leaves nothing behind. Events of
 * records written by migrations are announced once it has committed.
 */
export async function schemaTransaction(
  deps: SchemaDeps,
  work: (trx: Knex.Transaction, records: RecordsTransaction) => Promise<void>,
): Promise<void> {
  let records: RecordsTransaction | undefined;
  await metadataTransaction(deps.db, deps.store, async (trx) => {
    // On SQLite this runner borrows the transaction's own connection (knex hands a transaction's
    // connection to whoever asks it), so record writes and DDL share one transaction.
    records = new RecordsTransaction(createSqlAccess(trx, deps.db.dialect));
    await work(trx, records);
  });
  records?.committed();
}

/**
 * Creates what a plugin declares and does not exist yet (all of it on install, what a newer
 * version added on upgrade), then runs the migrations newer than `from` (every migration up to
 * the plugin's version on install), in semver order.
 */
export async function applyDeclarations(
  deps: SchemaDeps,
  definition: PluginDefinition,
  from: string | null,
  trx: Knex.Transaction,
  records: RecordsTransaction,
): Promise<void> {
  const plugin = definition.name;
  const options = { trx, plugin };
  for (const entity of definition.entities ?? []) {
    const existing = deps.store.find(entity.name);
    if (!existing) {
      await deps.metadata.createEntity(entity, options);
      continue;
    }
    if (existing.plugin !== plugin) throw foreign('TRELLIS_ENTITY_EXISTS', `Entity "${entity.name}"`, existing.plugin, plugin);
    for (const field of newFields(deps, entity.name, entity.fields, plugin)) await deps.metadata.addField(entity.name, field, options);
    // After the fields: a new index may use a field this version added.
    await deps.indexes.ensurePluginIndexes(entity.name, entity.indexes ?? [], options);
  }
  for (const extension of definition.fields ?? []) {
    for (const field of newFields(deps, extension.entity, extension.fields, plugin)) {
      await deps.metadata.addField(extension.entity, field, options);
    }
  }
  await deps.relationTypes.ensurePluginTypes([...(definition.relationTypes ?? [])], options);
  const migrations = [...(definition.migrations ?? [])]
    .filter((migration) => semver.lte(migration.version, definition.version) && (from === null || semver.gt(migration.version, from)))
    .sort((a, b) => semver.compare(a.version, b.version));
  const actor = pluginActor(plugin);
  for (const migration of migrations) {
    const context: MigrationContext = {
      plugin,
      services: pluginServices(deps.services, plugin, actor, records),
      records: recordsApi(deps.services.records, actor, records),
    };
    await migration.up(context);
  }
}

/** Fields of a declaration that the entity does not have yet; a field of the same name someone else added is a conflict. */
function newFields(deps: SchemaDeps, entityName: string, fields: EntityDefinition['fields'], plugin: string): FieldDefinition[] {
  const entity = deps.store.find(entityName);
  if (!entity) return fields;
  return fields.filter((field) => {
    if (!entity.fields.has(field.name)) return true;
    const owner = entity.fieldPlugins.get(field.name) ?? null;
    if (owner !== plugin) throw foreign('TRELLIS_FIELD_EXISTS', `Field "${entityName}.${field.name}"`, owner, plugin);
    return false;
  });
}

function foreign(code: string, what: string, owner: string | null, plugin: string): ConflictError {
  const by = owner ? `plugin "${owner}"` : 'a user';
  return new ConflictError(code, `${what} already exists (created by ${by}), so plugin "${plugin}" cannot declare it`);
}

/** Drops everything a plugin created: its relation types and their relations, fields it added, its entities and their records. */
export async function dropDeclarations(deps: SchemaDeps, plugin: string, trx: Knex.Transaction): Promise<void> {
  await deps.relationTypes.deletePluginTypes(plugin, trx);
  await deps.metadata.dropPluginMetadata(plugin, trx);
}

/** What uninstalling a plugin would drop, in words, for the confirmation message. */
export function describeDeclarations(store: MetadataStore, plugin: string): string {
  const entities = store
    .list()
    .filter((entity) => entity.plugin === plugin)
    .map((entity) => entity.name);
  const fields = store
    .list()
    .filter((entity) => entity.plugin !== plugin)
    .flatMap((entity) => [...entity.fieldPlugins].filter(([, owner]) => owner === plugin).map(([field]) => `${entity.name}.${field}`));
  const types = store.relationTypes
    .list()
    .filter((type) => type.direction.plugin === plugin)
    .map((type) => type.key);
  const parts = [
    entities.length ? `its entities ${entities.join(', ')} with all their records` : '',
    fields.length ? `its fields ${fields.join(', ')} with their values` : '',
    types.length ? `its relation types ${types.join(', ')} with their relations` : '',
    'its settings',
  ].filter(Boolean);
  return parts.join(', ');
}
