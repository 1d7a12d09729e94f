import type { EntityDefinition, EntityMetadata, FieldDefinition, FieldMetadata, FieldProblem, JsonObject } from '@trellis/sdk';
import type { Ajv } from 'ajv';
import type { Knex } from 'knex';
import type { MetadataFact } from '../audit/metadata-audit.js';
import type { Database } from '../db/connect.js';
import { EntityRow, FieldRow, IndexRow } from '../db/models.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { deleteRelationsOfTable } from '../relations/relation-sql.js';
import { assertNotIndexed, createIndexes, dropIndexes, indexesUsing, normaliseIndexes } from './composite-indexes.js';
import { addFieldSql, createEntitySql, dropFieldIndexes, dropFieldSql, fieldIndexes } from './ddl.js';
import {
  assertBody,
  compileDefinitionValidators,
  fieldProblems,
  normaliseField,
  type DefinitionValidators,
  type FieldContext,
} from './definitions.js';
import { SYSTEM_FIELD_METADATA, type EntityRuntime, type StoredEntityMetadata } from './entity-runtime.js';
import {
  assertDistinctColumns,
  assertNotOwned,
  pluralise,
  refuseRenames,
  requireConfirmation,
  translateDdlError,
} from './metadata-rules.js';
import { fieldType } from './field-types/index.js';
import { validateEntityName } from './identifiers.js';
import { commitMetadataChange, type MetadataWriteOptions } from './metadata-change.js';
import { fieldToRow, type MetadataStore } from './metadata-store.js';

type FieldPatch = Partial<
  Pick<FieldDefinition, 'label' | 'required' | 'unique' | 'indexed' | 'sensitive' | 'personal' | 'default' | 'options'>
>;
type EntityPatch = Partial<Pick<EntityDefinition, 'label' | 'pluralLabel' | 'description' | 'dataSubject'>>;

/**
 * Changes entity metadata. Each change writes the metadata rows, runs its DDL and bumps the
 * metadata version in one transaction, then reloads the cache (and, on PostgreSQL, notifies
 * the other processes).
 */
export class MetadataService {
  private readonly validators: DefinitionValidators;

  constructor(
    private readonly db: Database,
    private readonly store: MetadataStore,
    private readonly ajv: Ajv,
  ) {
    this.validators = compileDefinitionValidators(ajv);
  }

  private context(extra?: string): FieldContext {
    return { ajv: this.ajv, entityExists: (name) => name === extra || this.store.find(name) !== undefined };
  }

  /** Creates an entity: its metadata rows and its table with indexes. */
  async createEntity(body: unknown, options: MetadataWriteOptions = {}): Promise<EntityMetadata> {
    const definition = assertBody<EntityDefinition>(this.validators.entity, body);
    const name = validateEntityName(definition.name);
    if (this.store.find(name)) throw new ConflictError('TRELLIS_ENTITY_EXISTS', `Entity "${name}" already exists`);
    const context = this.context(name);
    const problems: FieldProblem[] = [];
    const fields = (definition.fields ?? []).flatMap((field, index) => {
      try {
        return [normaliseField(field, index, `fields[${index}].`, context)];
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        problems.push(...(error.errors ?? []));
        return [];
      }
    });
    if (problems.length) throw new ValidationError(problems);
    assertDistinctColumns(fields, 'fields');
    const allFields = new Map([...SYSTEM_FIELD_METADATA, ...fields].map((field) => [field.name, field]));
    const plugin = options.plugin ?? null;
    const indexes = normaliseIndexes(name, definition.indexes ?? [], allFields, [], plugin, (i) => `indexes[${i}].`);
    const meta: StoredEntityMetadata = {
      name,
      label: definition.label,
      pluralLabel: definition.pluralLabel ?? pluralise(definition.label),
      description: definition.description ?? '',
      dataSubject: definition.dataSubject ?? false,
      plugin: options.plugin ?? null,
      fields: [...SYSTEM_FIELD_METADATA, ...fields],
      indexes,
    };
    this.store.build(meta);
    const now = new Date().toISOString();
    await this.change(
      async (trx) => {
        await EntityRow.query(trx).insert({
          name,
          label: meta.label,
          plural_label: meta.pluralLabel,
          description: meta.description,
          data_subject: meta.dataSubject,
          plugin: meta.plugin,
          created_at: now,
          updated_at: now,
        });
        // Objection inserts one row at a time on SQLite; knex writes them in one statement.
        if (fields.length) {
          await trx(FieldRow.tableName).insert(fields.map((field) => ({ ...fieldToRow(name, field, now), plugin: meta.plugin })));
        }
        for (const sql of createEntitySql(name, fields, this.db.dialect)) await trx.raw(sql);
        await createIndexes(trx, name, indexes, allFields);
      },
      options.trx,
      { action: 'metadata.entity_created', entity: name, details: { plugin: meta.plugin } },
    );
    return this.store.get(name).meta;
  }

  /** Changes an entity's labels, description or data-subject flag. */
  async updateEntity(name: string, body: unknown): Promise<EntityMetadata> {
    this.store.get(name);
    refuseRenames(body, ['name'], 'an entity', 'create a new entity');
    const patch = assertBody<EntityPatch>(this.validators.entityPatch, body);
    const changes: Record<string, string | boolean> = {};
    if (patch.label !== undefined) changes.label = patch.label;
    if (patch.pluralLabel !== undefined) changes.plural_label = patch.pluralLabel;
    if (patch.description !== undefined) changes.description = patch.description;
    if (patch.dataSubject !== undefined) changes.data_subject = patch.dataSubject;
    await this.change(
      async (trx) => {
        await EntityRow.query(trx)
          .findById(name)
          .patch({ ...changes, updated_at: new Date().toISOString() });
      },
      undefined,
      { action: 'metadata.entity_updated', entity: name, details: { changes } },
    );
    return this.store.get(name).meta;
  }

  /** Drops an entity and all its records; `confirm` must repeat its name. */
  async dropEntity(name: string, confirm: unknown, options: MetadataWriteOptions = {}): Promise<void> {
    const entity = this.store.get(name);
    assertNotOwned(entity.plugin, options, `Entity "${name}"`, 'dropped');
    requireConfirmation(confirm, name, 'an entity');
    await this.dropEntities([entity], options.trx);
  }

  /**
   * Drops everything a plugin created: the fields it added to other entities, then its own
   * entities with their records. Its relation types must be gone first (RelationTypeService).
   */
  async dropPluginMetadata(plugin: string, trx: Knex.Transaction): Promise<void> {
    const owned = this.store.list().filter((entity) => entity.plugin === plugin);
    const extensions = this.store
      .list()
      .filter((entity) => entity.plugin !== plugin)
      .flatMap((entity) =>
        entity.userFields.filter((field) => entity.fieldPlugins.get(field.name) === plugin).map((field) => ({ entity, field })),
      );
    if (extensions.length) {
      await this.change(async (tx) => {
        for (const { entity, field } of extensions) await this.dropFieldIn(tx, entity.name, field);
      }, trx);
    }
    if (owned.length) await this.dropEntities(owned, trx);
  }

  /** Drops entities together: lookups and relation types among them do not hold the others back. */
  private async dropEntities(entities: EntityRuntime[], trx?: Knex.Transaction): Promise<void> {
    const names = new Set(entities.map((entity) => entity.name));
    for (const entity of entities) {
      const referencing = this.store
        .list()
        .filter((other) => !names.has(other.name))
        .flatMap((other) =>
          other.userFields.filter((f) => f.type === 'lookup' && f.options.target === entity.name).map((f) => `${other.name}.${f.name}`),
        );
      if (referencing.length) {
        throw new ConflictError(
          'TRELLIS_ENTITY_REFERENCED',
          `Entity "${entity.name}" is the target of lookups ${referencing.join(', ')}; drop those fields first`,
        );
      }
      const relationTypes = this.store.relationTypes.usersOf(entity.name);
      if (relationTypes.length) {
        throw new ConflictError(
          'TRELLIS_ENTITY_REFERENCED',
          `Entity "${entity.name}" is named by relation types ${relationTypes.join(', ')}; change or delete them first`,
        );
      }
    }
    await this.change(
      async (tx) => {
        for (const entity of entities) {
          // Types open to any entity may still link its records: those relations go with them.
          await deleteRelationsOfTable(tx, entity.table);
          // Its indexes go with the table; their rows go with the entity's.
          await tx.raw(`DROP TABLE ${entity.table}`);
          await IndexRow.query(tx).where({ entity: entity.name }).delete();
          await FieldRow.query(tx).where({ entity: entity.name }).delete();
          await EntityRow.query(tx).deleteById(entity.name);
        }
      },
      trx,
      ...entities.map((entity) => ({ action: 'metadata.entity_dropped', entity: entity.name })),
    );
  }

  /** Adds a field: its column(s) and index, and its default written into existing rows. */
  async addField(entityName: string, body: unknown, options: MetadataWriteOptions = {}): Promise<FieldMetadata> {
    const entity = this.store.get(entityName);
    const definition = assertBody<FieldDefinition>(this.validators.field, body);
    const position = Math.max(-1, ...entity.userFields.map((f) => f.position)) + 1;
    const field = normaliseField(definition, position, '', this.context());
    if (entity.fields.has(field.name))
      throw new ConflictError('TRELLIS_FIELD_EXISTS', `Field "${field.name}" already exists on "${entityName}"`);
    assertDistinctColumns([...entity.userFields, field], '');
    this.store.build({ ...entity.meta, fields: [...entity.meta.fields, field] });
    await this.change(
      async (trx) => {
        await trx(FieldRow.tableName).insert({
          ...fieldToRow(entityName, field, new Date().toISOString()),
          plugin: options.plugin ?? null,
        });
        for (const sql of addFieldSql(entityName, field, this.db.dialect)) await trx.raw(sql);
        if (field.default !== null) {
          await trx(entityName).update(fieldType(field.type).write(field.default, field, this.db.dialect));
        }
      },
      options.trx,
      { action: 'metadata.field_added', entity: entityName, details: { field: field.name, type: field.type } },
    );
    return this.findField(entityName, field.name);
  }

  /** Changes a field's label, flags, default or options. Its name and type stay. */
  async updateField(entityName: string, fieldName: string, body: unknown): Promise<FieldMetadata> {
    const current = this.userField(entityName, fieldName, 'changed');
    refuseRenames(body, ['name', 'type'], 'a field', 'add a new field and drop this one');
    const patch = assertBody<FieldPatch>(this.validators.fieldPatch, body);
    if (current.type === 'lookup' && patch.options?.target !== undefined && patch.options.target !== current.options.target) {
      throw ValidationError.at('options.target', 'the target of a lookup cannot change; add a new field instead');
    }
    const next: FieldMetadata = {
      ...current,
      ...patch,
      indexed: patch.indexed ?? (patch.unique === true ? true : current.indexed),
      options: patch.options ?? current.options,
      default: patch.default === undefined ? current.default : patch.default,
    };
    const problems = fieldProblems(next, '', this.context());
    if (problems.length) throw new ValidationError(problems);
    const entity = this.store.get(entityName);
    this.store.build({ ...entity.meta, fields: entity.meta.fields.map((f) => (f.name === fieldName ? next : f)) });
    const indexesChanged = next.indexed !== current.indexed || next.unique !== current.unique;
    await this.change(
      async (trx) => {
        await FieldRow.query(trx)
          .where({ entity: entityName, name: fieldName })
          .patch(fieldToRow(entityName, next) as Partial<FieldRow>);
        if (indexesChanged) {
          for (const sql of dropFieldIndexes(current, entityName)) await trx.raw(sql);
          for (const sql of fieldIndexes(entityName, next, this.db.dialect)) await trx.raw(sql);
        }
      },
      undefined,
      { action: 'metadata.field_updated', entity: entityName, details: { field: fieldName, changes: patch as JsonObject } },
    );
    return this.findField(entityName, fieldName);
  }

  /** Drops a field and its data; `confirm` must repeat its name. */
  async dropField(entityName: string, fieldName: string, confirm: unknown): Promise<void> {
    const field = this.userField(entityName, fieldName, 'dropped');
    requireConfirmation(confirm, fieldName, 'a field');
    assertNotIndexed(entityName, this.store.get(entityName).meta.indexes, fieldName);
    await this.change((trx) => this.dropFieldIn(trx, entityName, field), undefined, {
      action: 'metadata.field_dropped',
      entity: entityName,
      details: { field: fieldName },
    });
  }

  /** Drops a field with the composite indexes that use it (an uninstalling plugin's fields; the API refuses first). */
  private async dropFieldIn(trx: Knex.Transaction, entityName: string, field: FieldMetadata): Promise<void> {
    await dropIndexes(trx, entityName, indexesUsing(this.store.get(entityName).meta.indexes, field.name));
    for (const sql of dropFieldSql(entityName, field)) await trx.raw(sql);
    await FieldRow.query(trx).where({ entity: entityName, name: field.name }).delete();
  }

  /** A field users may change: not a system field, not one a plugin declared. */
  private userField(entityName: string, fieldName: string, change: string): FieldMetadata {
    const entity = this.store.get(entityName);
    const field = entity.fields.get(fieldName);
    if (!field) throw new NotFoundError(`Field "${entityName}.${fieldName}"`);
    if (field.system) throw new ValidationError([{ path: fieldName, message: 'system fields cannot be changed' }]);
    assertNotOwned(entity.fieldPlugins.get(fieldName) ?? null, {}, `Field "${entityName}.${fieldName}"`, change);
    return field;
  }

  private findField(entityName: string, fieldName: string): FieldMetadata {
    const field = this.store.get(entityName).fields.get(fieldName);
    if (!field) throw new NotFoundError(`Field "${entityName}.${fieldName}"`);
    return field;
  }

  /** Runs a metadata change with its version bump and audit entries in one transaction (or the given one), then reloads. */
  private async change(work: (trx: Knex.Transaction) => Promise<void>, trx?: Knex.Transaction, ...facts: MetadataFact[]): Promise<void> {
    await commitMetadataChange(this.db, this.store, work, trx, facts).catch((error: unknown) => {
      throw translateDdlError(error);
    });
  }
}
