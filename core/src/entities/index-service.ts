import type { EntityIndexDefinition, EntityIndexMetadata } from '@trellis/sdk';
import type { Ajv } from 'ajv';
import type { Knex } from 'knex';
import type { MetadataFact } from '../audit/metadata-audit.js';
import type { Database } from '../db/connect.js';
import { NotFoundError } from '../errors.js';
import { createIndexes, dropIndexes, normaliseIndexes } from './composite-indexes.js';
import { assertBody, compileDefinitionValidators, type DefinitionValidators } from './definitions.js';
import { commitMetadataChange, type MetadataWriteOptions } from './metadata-change.js';
import { assertNotOwned, translateDdlError } from './metadata-rules.js';
import type { MetadataStore } from './metadata-store.js';

/**
 * Adds and drops composite indexes of existing entities (`/api/meta/entities/:entity/indexes`,
 * and plugin upgrades declaring new ones). Indexes declared with a new entity are created by
 * MetadataService.createEntity in the same transaction as its table.
 */
export class IndexService {
  private readonly validators: DefinitionValidators;

  constructor(
    private readonly db: Database,
    private readonly store: MetadataStore,
    ajv: Ajv,
  ) {
    this.validators = compileDefinitionValidators(ajv);
  }

  /** Creates one index from a request body `{ fields, unique? }`; problems name `fields[j]`. */
  async addIndex(entityName: string, body: unknown, options: MetadataWriteOptions = {}): Promise<EntityIndexMetadata> {
    const definition = assertBody<EntityIndexDefinition>(this.validators.index, body);
    const [created] = await this.add(entityName, [definition], options, () => '');
    return created!;
  }

  /**
   * Creates the indexes a plugin declares on its entity that do not exist yet (same field list,
   * same index: see compositeIndexName). An index whose `unique` flag changed is left as it is.
   */
  async ensurePluginIndexes(entityName: string, declared: readonly EntityIndexDefinition[], options: MetadataWriteOptions): Promise<void> {
    const existing = new Set(this.store.get(entityName).meta.indexes.map((index) => index.fields.join(',')));
    const missing = declared.filter((index) => !existing.has(index.fields.join(',')));
    if (missing.length) await this.add(entityName, missing, options, (i) => `indexes[${declared.indexOf(missing[i]!)}].`);
  }

  /** Drops an index by name; one a plugin declared is refused (409) unless the plugin does it. */
  async dropIndex(entityName: string, indexName: string, options: MetadataWriteOptions = {}): Promise<void> {
    const index = this.store.get(entityName).meta.indexes.find((candidate) => candidate.name === indexName);
    if (!index) throw new NotFoundError(`Index "${indexName}" of "${entityName}"`);
    assertNotOwned(index.plugin, options, `Index "${indexName}"`, 'dropped');
    await this.change((trx) => dropIndexes(trx, entityName, [index]), options.trx, {
      action: 'metadata.index_dropped',
      entity: entityName,
      details: { index: indexName },
    });
  }

  private async add(
    entityName: string,
    definitions: readonly EntityIndexDefinition[],
    options: MetadataWriteOptions,
    path: (i: number) => string,
  ): Promise<EntityIndexMetadata[]> {
    const entity = this.store.get(entityName);
    const existing = entity.meta.indexes;
    const indexes = normaliseIndexes(entityName, definitions, entity.fields, existing, options.plugin ?? null, path);
    await this.change(
      (trx) => createIndexes(trx, entityName, indexes, entity.fields),
      options.trx,
      ...indexes.map((index) => ({
        action: 'metadata.index_added',
        entity: entityName,
        details: { index: index.name, fields: index.fields, unique: index.unique },
      })),
    );
    return indexes;
  }

  private async change(work: (trx: Knex.Transaction) => Promise<void>, trx?: Knex.Transaction, ...facts: MetadataFact[]): Promise<void> {
    await commitMetadataChange(this.db, this.store, work, trx, facts).catch((error: unknown) => {
      throw translateDdlError(error);
    });
  }
}
