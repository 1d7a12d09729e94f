import type { RelationTypeMetadata } from '@trellis/sdk';
import type { Ajv } from 'ajv';
import type { Knex } from 'knex';
import { NotFoundError } from '../errors.js';
import { compileValidators } from '../entities/validators.js';
import { RelationAttributes } from './attributes.js';
import { directionFromRow, RelationTypeRuntime, type RelationDirection, type RelationTypeRow } from './relation-type-model.js';

/**
 * The in-memory copy of all relation types. It is part of the metadata cache: MetadataStore
 * loads it together with entities under the same version, so a relation type created through
 * one process reaches the others the way a new entity does.
 */
export class RelationTypeStore {
  private types = new Map<string, RelationTypeRuntime>();

  constructor(private readonly ajv: Ajv) {}

  /** Every direction of every type, in key order. */
  list(): RelationTypeRuntime[] {
    return [...this.types.values()];
  }

  /** The direction with that key, if it exists. */
  find(key: string): RelationTypeRuntime | undefined {
    return this.types.get(key);
  }

  /** The metadata of the direction with that key, if it exists (what the records filter compiler needs). */
  findRelationType(key: string): RelationTypeMetadata | undefined {
    return this.types.get(key)?.meta;
  }

  /** The direction with that key; a 404 problem when it does not exist. */
  get(key: string): RelationTypeRuntime {
    const type = this.types.get(key);
    if (!type) throw new NotFoundError(`Relation type "${key}"`);
    return type;
  }

  /** Keys of the types that name an entity, so it cannot be dropped from under them. */
  usersOf(entity: string): string[] {
    return this.list()
      .filter((type) => type.uses(entity))
      .map((type) => type.key);
  }

  /** Builds the attribute validators of a pair of directions (they share their fields). */
  private attributesOf(direction: RelationDirection): RelationAttributes {
    return new RelationAttributes(direction.fields, compileValidators(this.ajv, direction.fields));
  }

  /** Reloads every type from the database (called by MetadataStore.load). */
  async load(knex: Knex): Promise<void> {
    const rows = await knex<RelationTypeRow>('trellis_relation_types').orderBy('key');
    const directions = new Map(rows.map((row) => [row.key, directionFromRow(row)]));
    const next = new Map<string, RelationTypeRuntime>();
    for (const direction of directions.values()) {
      const twin = directions.get(direction.symmetricKey) ?? direction;
      const attributes = next.get(twin.key)?.attributes ?? this.attributesOf(direction);
      next.set(direction.key, new RelationTypeRuntime(direction, twin, attributes));
    }
    this.types = next;
  }
}
