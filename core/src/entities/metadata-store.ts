import type { MetadataRecorder } from '../audit/metadata-audit.js';
import type { EntityIndexMetadata, FieldMetadata } from '@trellis/sdk';
import type { Ajv } from 'ajv';
import type { Knex } from 'knex';
import type { Database } from '../db/connect.js';
import { EntityRow, FieldRow, IndexRow } from '../db/models.js';
import { NotFoundError, TrellisError } from '../errors.js';
import { RelationTypeStore } from '../relations/relation-type-store.js';
import { indexFromRow } from './composite-indexes.js';
import { EntityRuntime, SYSTEM_FIELD_METADATA, type StoredEntityMetadata } from './entity-runtime.js';
import { isKnownFieldType } from './field-types/index.js';
import { compileValidators } from './validators.js';

/** The channel PostgreSQL processes use to tell each other that metadata changed. */
export const METADATA_CHANNEL = 'trellis_metadata';

/**
 * The in-memory copy of all entity metadata, rebuilt from the system tables whenever their
 * version changes. Requests read it without touching the database.
 */
export class MetadataStore {
  /** Relation types: metadata too, loaded with the entities under the same version. */
  readonly relationTypes: RelationTypeStore;
  private entities = new Map<string, EntityRuntime>();
  private loadedVersion = -1;
  /** Open transactions whose uncommitted metadata the cache holds (see {@link staged}). */
  private staging = 0;
  /** Writes each metadata change (entities, fields, relation types) to the audit log, inside its transaction; set by the composition root. */
  recordChange?: MetadataRecorder;
  /**
   * Called when stored fields use a type nobody registered: another process installed the
   * plugin that provides it. The plugin host registers it from the stored plugin state.
   */
  onUnknownFieldTypes: ((knex: Knex) => Promise<void>) | undefined;

  constructor(
    private readonly db: Database,
    private readonly ajv: Ajv,
  ) {
    this.relationTypes = new RelationTypeStore(ajv);
  }

  /** The metadata version the cache reflects. */
  get version(): number {
    return this.loadedVersion;
  }

  /** Every entity, in name order. */
  list(): EntityRuntime[] {
    return [...this.entities.values()];
  }

  /** The entity of that name, if it exists. */
  find(name: string): EntityRuntime | undefined {
    return this.entities.get(name);
  }

  /** The entity of that name; a 404 problem when it does not exist. */
  get(name: string): EntityRuntime {
    const entity = this.entities.get(name);
    if (!entity) throw new NotFoundError(`Entity "${name}"`);
    return entity;
  }

  /** Builds a runtime (validators included) without storing it: used to check a change before it commits. */
  build(meta: StoredEntityMetadata, fieldPlugins?: ReadonlyMap<string, string>): EntityRuntime {
    return new EntityRuntime(
      meta,
      compileValidators(
        this.ajv,
        meta.fields.filter((field) => !field.system),
      ),
      fieldPlugins,
    );
  }

  /** Reads the version row (inside a transaction when given one). */
  async storedVersion(knex: Knex = this.db.knex): Promise<number> {
    const row = await knex('trellis_meta_version').where({ id: 1 }).first<{ version: number | string } | undefined>('version');
    return Number(row?.version);
  }

  /**
   * Reloads everything from the database, or from a transaction's uncommitted state when given
   * one (a plugin install creates entities, then writes records into them before it commits).
   */
  async load(knex: Knex = this.db.knex): Promise<void> {
    const version = await this.storedVersion(knex);
    const entities = () => EntityRow.query(knex).orderBy('name');
    const fields = () => FieldRow.query(knex).orderBy(['entity', 'position']);
    const indexes = () => IndexRow.query(knex).orderBy(['entity', 'position']);
    // A transaction is one connection: its queries go one after the other.
    const [entityRows, fieldRows, indexRows] = knex.isTransaction
      ? [await entities(), await fields(), await indexes()]
      : await Promise.all([entities(), fields(), indexes()]);
    if (this.onUnknownFieldTypes && fieldRows.some((row) => !isKnownFieldType(row.type))) await this.onUnknownFieldTypes(knex);
    await this.relationTypes.load(knex);
    const fieldsByEntity = new Map<string, FieldMetadata[]>();
    const pluginsByEntity = new Map<string, Map<string, string>>();
    for (const row of fieldRows) {
      const list = fieldsByEntity.get(row.entity) ?? [];
      list.push(fieldFromRow(row));
      fieldsByEntity.set(row.entity, list);
      if (row.plugin) {
        const owners = pluginsByEntity.get(row.entity) ?? new Map<string, string>();
        pluginsByEntity.set(row.entity, owners.set(row.name, row.plugin));
      }
    }
    const indexesByEntity = new Map<string, EntityIndexMetadata[]>();
    for (const row of indexRows) indexesByEntity.set(row.entity, [...(indexesByEntity.get(row.entity) ?? []), indexFromRow(row)]);
    const next = new Map<string, EntityRuntime>();
    for (const row of entityRows) {
      const meta = entityFromRow(row, fieldsByEntity.get(row.name) ?? [], indexesByEntity.get(row.name) ?? []);
      next.set(row.name, this.build(meta, pluginsByEntity.get(row.name)));
    }
    this.entities = next;
    this.loadedVersion = version;
  }

  /**
   * Reloads when another process changed metadata since the last load. Called when a request
   * meets a name it does not know, so a field added elsewhere is usable at once.
   */
  async refreshIfStale(): Promise<boolean> {
    if (this.staging > 0 || (await this.storedVersion()) === this.loadedVersion) return false;
    await this.load();
    return true;
  }

  /**
   * Runs work during which the cache may hold a transaction's uncommitted metadata (loaded with
   * `load(trx)`): reloads from committed state are held back until it ends (they would also
   * wait for SQLite's one connection, which the transaction holds), then the cache is reloaded
   * from what committed, or from what was there before when the work rolled back.
   */
  async staged<T>(work: () => Promise<T>): Promise<T> {
    this.staging++;
    try {
      return await work();
    } finally {
      this.staging--;
      await this.load();
    }
  }

  /**
   * Runs work that reads metadata; if it fails the way stale metadata fails (an unknown name,
   * a missing column) and another process has changed metadata, reloads and runs it once more.
   * Work is transactional, so a failed first attempt left nothing behind.
   */
  async fresh<T>(work: () => Promise<T>): Promise<T> {
    const startedWith = this.loadedVersion;
    try {
      return await work();
    } catch (error) {
      if (!looksStale(error)) throw error;
      // A reload may have finished while the work ran (on PostgreSQL the change notification
      // triggers one): the work still used the old metadata, so it is worth one more try.
      const reloaded = (await this.refreshIfStale()) || this.loadedVersion !== startedWith;
      if (!reloaded) throw error;
      return work();
    }
  }
}

function looksStale(error: unknown): boolean {
  if (error instanceof TrellisError) return error.status === 400 || error.status === 404;
  return /no such (column|table)|does not exist|has no column/i.test(String((error as Error)?.message));
}

function entityFromRow(row: EntityRow, fields: FieldMetadata[], indexes: EntityIndexMetadata[]): StoredEntityMetadata {
  return {
    name: row.name,
    label: row.label,
    pluralLabel: row.plural_label,
    description: row.description,
    dataSubject: Boolean(row.data_subject),
    plugin: row.plugin ?? null,
    fields: [...SYSTEM_FIELD_METADATA, ...fields],
    indexes,
  };
}

function fieldFromRow(row: FieldRow): FieldMetadata {
  return {
    name: row.name,
    type: row.type as FieldMetadata['type'],
    label: row.label,
    required: Boolean(row.required),
    unique: Boolean(row.is_unique),
    indexed: Boolean(row.indexed),
    sensitive: Boolean(row.sensitive),
    personal: Boolean(row.personal),
    default: row.default_json === null ? null : (JSON.parse(row.default_json) as unknown),
    options: JSON.parse(row.options_json) as FieldMetadata['options'],
    system: false,
    position: row.position,
  };
}

/** The system-table row of a field. */
export function fieldToRow(entity: string, field: FieldMetadata, createdAt?: string): Record<string, unknown> {
  return {
    ...(createdAt ? { created_at: createdAt } : {}),
    entity,
    name: field.name,
    type: field.type,
    label: field.label,
    required: field.required,
    is_unique: field.unique,
    indexed: field.indexed,
    sensitive: field.sensitive,
    personal: field.personal,
    default_json: field.default === null ? null : JSON.stringify(field.default),
    options_json: JSON.stringify(field.options),
    position: field.position,
  };
}
