import type { FieldMetadata, FieldProblem, JsonObject, RelationTypeDefinition, RelationTypeMetadata } from '@trellis/sdk';
import type { Ajv } from 'ajv';
import type { Knex } from 'knex';
import type { MetadataFact } from '../audit/metadata-audit.js';
import type { Database, Dialect } from '../db/connect.js';
import type { FieldContext } from '../entities/definitions.js';
import { commitMetadataChange, type MetadataWriteOptions } from '../entities/metadata-change.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { canonicalValue } from './attributes.js';
import {
  assertRelationTypeBody,
  compileRelationTypeValidators,
  entityListProblems,
  normaliseAttributes,
  normaliseRelationType,
  type RelationTypePatch,
  type RelationTypeValidators,
} from './relation-type-definitions.js';
import { directionToRow, type RelationDirection, type RelationTypeRuntime } from './relation-type-model.js';
import { isUniqueViolation } from './relation-sql.js';

const EXISTS = 'TRELLIS_RELATION_TYPE_EXISTS';

function exists(key: string): ConflictError {
  return new ConflictError(EXISTS, `Relation type "${key}" already exists`);
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/** True when `after` leaves out an entity `before` allowed (an empty list allows every entity). */
function narrowed(before: readonly string[], after: readonly string[]): boolean {
  return after.length > 0 && (before.length === 0 || before.some((entity) => !after.includes(entity)));
}

/** Refuses a change of key, which would orphan the relations stored under it. */
function refuseKeyChanges(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const problems: FieldProblem[] = [];
  const message = 'the key of a relation type cannot be changed; create a new type';
  if ('key' in body) problems.push({ path: 'key', message });
  const { symmetric } = body as { symmetric?: unknown };
  if (typeof symmetric === 'object' && symmetric !== null && 'key' in symmetric) problems.push({ path: 'symmetric.key', message });
  if (problems.length) throw new ValidationError(problems);
}

/**
 * Changes relation types. Like entity metadata, each change is one transaction that bumps the
 * shared metadata version, after which every process reloads its cache.
 */
export class RelationTypeService {
  private readonly validators: RelationTypeValidators;

  constructor(
    private readonly db: Database,
    private readonly store: MetadataStore,
    private readonly ajv: Ajv,
  ) {
    this.validators = compileRelationTypeValidators(ajv);
  }

  private context(): FieldContext {
    return { ajv: this.ajv, entityExists: (name) => this.store.find(name) !== undefined };
  }

  /** Creates a user-defined relation type (both directions) from an API body. */
  create(body: unknown): Promise<RelationTypeMetadata> {
    return this.store.fresh(() => this.insert(assertRelationTypeBody<RelationTypeDefinition>(this.validators.definition, body), false));
  }

  /**
   * Creates a `system` relation type declared by a plugin, or leaves it as it is when it
   * exists: safe to call on every start, from several processes at once.
   */
  async ensureRelationType(definition: RelationTypeDefinition): Promise<RelationTypeMetadata> {
    await this.store.refreshIfStale();
    const existing = this.systemType(definition.key);
    if (existing) return existing;
    try {
      return await this.insert(assertRelationTypeBody<RelationTypeDefinition>(this.validators.definition, definition), true);
    } catch (error) {
      if (!(error instanceof ConflictError && error.code === EXISTS)) throw error;
      // Another process created it first.
      await this.store.refreshIfStale();
      const created = this.systemType(definition.key);
      if (!created) throw error;
      return created;
    }
  }

  /**
   * Creates the relation types a plugin declares (system types it owns), joining the plugin
   * host's install or upgrade transaction. Types the plugin already owns are left as they are.
   */
  async ensurePluginTypes(definitions: RelationTypeDefinition[], options: Required<MetadataWriteOptions>): Promise<void> {
    for (const body of definitions) {
      const definition = assertRelationTypeBody<RelationTypeDefinition>(this.validators.definition, body);
      const existing = this.store.relationTypes.find(definition.key);
      if (existing?.direction.plugin === options.plugin) continue;
      await this.insert(definition, true, options);
    }
  }

  /** Deletes every relation type a plugin owns, with their relations (uninstall). */
  async deletePluginTypes(plugin: string, trx: Knex.Transaction): Promise<void> {
    const keys = this.store.relationTypes
      .list()
      .filter((type) => type.direction.plugin === plugin)
      .map((type) => type.key);
    if (keys.length === 0) return;
    await commitMetadataChange(
      this.db,
      this.store,
      async (tx) => {
        await tx('trellis_relations').whereIn('type', keys).delete();
        await tx('trellis_relation_types').whereIn('key', keys).delete();
      },
      trx,
      keys.map((key) => relationTypeFact('deleted', key)),
    );
  }

  /** Changes labels, allowed entities or cardinality, or adds attribute fields. */
  update(key: string, body: unknown): Promise<RelationTypeMetadata> {
    return this.store.fresh(async () => {
      const current = this.userType(key);
      refuseKeyChanges(body);
      const patch = assertRelationTypeBody<RelationTypePatch>(this.validators.patch, body);
      const self = current.selfSymmetric;
      const forward: RelationDirection = { ...current.direction };
      // A type that is its own symmetric has one row: both sides of the patch land on it.
      const backward: RelationDirection = self ? forward : { ...current.twin };
      const problems: FieldProblem[] = [];
      if (patch.label !== undefined) forward.label = patch.label;
      if (patch.symmetric?.label !== undefined) backward.label = patch.symmetric.label;
      if (patch.subjectEntities) {
        problems.push(...entityListProblems(patch.subjectEntities, 'subjectEntities', this.context()));
        forward.subjectEntities = backward.objectEntities = patch.subjectEntities;
      }
      if (patch.objectEntities) {
        problems.push(...entityListProblems(patch.objectEntities, 'objectEntities', this.context()));
        forward.objectEntities = backward.subjectEntities = patch.objectEntities;
      }
      if (patch.cardinality?.subject) forward.cardinality = patch.cardinality.subject;
      if (patch.cardinality?.object) backward.cardinality = patch.cardinality.object;
      if (self) problems.push(...selfSymmetricProblems(patch));
      const taken = new Set(current.direction.fields.map((field) => field.name));
      const added = normaliseAttributes(patch.fields ?? [], taken.size, this.context(), problems, taken);
      if (problems.length) throw new ValidationError(problems);
      forward.fields = backward.fields = [...current.direction.fields, ...added];
      const now = new Date().toISOString();
      await commitMetadataChange(
        this.db,
        this.store,
        async (trx) => {
          await assertRelationsFit(trx, current, forward, backward);
          for (const direction of self ? [forward] : [forward, backward]) {
            await trx('trellis_relation_types')
              .where({ key: direction.key })
              .update({ ...directionToRow(direction), updated_at: now });
          }
          await writeDefaults(trx, this.db.dialect, [...new Set([forward.key, backward.key])], added);
        },
        undefined,
        [relationTypeFact('updated', key, { fields: added.map((field) => field.name) })],
      );
      return this.store.relationTypes.get(key).meta;
    });
  }

  /** Deletes both directions and their relations; `confirm` must repeat the key when relations exist. */
  delete(key: string, confirm: unknown): Promise<void> {
    return this.store.fresh(async () => {
      const current = this.userType(key);
      const keys = [...new Set([current.key, current.twin.key])];
      await commitMetadataChange(
        this.db,
        this.store,
        async (trx) => {
          const used = await trx('trellis_relations').whereIn('type', keys).first<{ id: string } | undefined>('id');
          if (used && confirm !== key) {
            throw ValidationError.at(
              'confirm',
              `deleting a relation type deletes its relations: repeat its key to confirm (?confirm=${key})`,
            );
          }
          await trx('trellis_relations').whereIn('type', keys).delete();
          await trx('trellis_relation_types').whereIn('key', keys).delete();
        },
        undefined,
        [relationTypeFact('deleted', key)],
      );
    });
  }

  private async insert(
    definition: RelationTypeDefinition,
    system: boolean,
    options: MetadataWriteOptions = {},
  ): Promise<RelationTypeMetadata> {
    const directions = normaliseRelationType(definition, this.context(), system, options.plugin ?? null);
    for (const direction of directions) if (this.store.relationTypes.find(direction.key)) throw exists(direction.key);
    const now = new Date().toISOString();
    await commitMetadataChange(
      this.db,
      this.store,
      async (trx) => {
        await trx('trellis_relation_types').insert(
          directions.map((direction) => ({ ...directionToRow(direction), created_at: now, updated_at: now })),
        );
      },
      options.trx,
      [relationTypeFact('created', definition.key, options.plugin ? { plugin: options.plugin } : {})],
    ).catch((error: unknown) => {
      throw isUniqueViolation(error) ? exists(definition.key) : error;
    });
    return this.store.relationTypes.get(definition.key).meta;
  }

  /** The type users may change; plugins' types are theirs alone. */
  private userType(key: string): RelationTypeRuntime {
    const type = this.store.relationTypes.get(key);
    const { plugin } = type.direction;
    if (plugin) {
      throw new ConflictError(
        'TRELLIS_PLUGIN_OWNED',
        `Relation type "${key}" belongs to plugin "${plugin}" and cannot be changed or deleted through the API; uninstall the plugin to remove it`,
      );
    }
    if (type.direction.system) {
      throw new ForbiddenError(
        `Relation type "${key}" is declared by a plugin; it cannot be changed or deleted`,
        'TRELLIS_SYSTEM_RELATION_TYPE',
      );
    }
    return type;
  }

  private systemType(key: string): RelationTypeMetadata | undefined {
    const type = this.store.relationTypes.find(key);
    if (type && !type.direction.system) throw new ConflictError(EXISTS, `Relation type "${key}" already exists and was defined by a user`);
    return type?.meta;
  }
}

/** What a patch may not do to a type that is its own symmetric: give its two sides different settings. */
function selfSymmetricProblems(patch: RelationTypePatch): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { label, symmetric, subjectEntities, objectEntities, cardinality } = patch;
  if (label !== undefined && symmetric?.label !== undefined && label !== symmetric.label) {
    problems.push({ path: 'symmetric.label', message: 'a type that is its own symmetric has one label' });
  }
  if (subjectEntities && objectEntities && !sameMembers(subjectEntities, objectEntities)) {
    problems.push({ path: 'objectEntities', message: 'a type that is its own symmetric has the same subject and object entities' });
  }
  if (cardinality?.subject && cardinality.object && cardinality.subject !== cardinality.object) {
    problems.push({ path: 'cardinality.object', message: 'a type that is its own symmetric has the same cardinality on both sides' });
  }
  return problems;
}

/**
 * Refuses narrower entity lists or a cardinality of one that existing relations break. The
 * objects of one direction are the subjects of the other, so checking the subjects of each
 * stored direction covers both sides. These are scans of the type's relations: rare, admin-only.
 */
async function assertRelationsFit(
  trx: Knex.Transaction,
  before: RelationTypeRuntime,
  forward: RelationDirection,
  backward: RelationDirection,
): Promise<void> {
  const sides = [
    { after: forward, was: before.direction, entities: 'subjectEntities', cardinality: 'cardinality.subject' },
    { after: backward, was: before.twin, entities: 'objectEntities', cardinality: 'cardinality.object' },
  ];
  for (const { after, was, entities, cardinality } of forward === backward ? sides.slice(0, 1) : sides) {
    if (narrowed(was.subjectEntities, after.subjectEntities)) {
      const row = await trx('trellis_relations')
        .where({ type: after.key })
        .whereNotIn('subject_entity', after.subjectEntities)
        .first<{ subject_entity: string } | undefined>('subject_entity');
      if (row) {
        const message = `${row.subject_entity} records have "${after.key}" relations; remove them before leaving ${row.subject_entity} out`;
        throw new ConflictError('TRELLIS_RELATION_TYPE_IN_USE', message, [{ path: entities, message }]);
      }
    }
    if (after.cardinality === 'one' && was.cardinality === 'many') {
      const row = await trx('trellis_relations')
        .where({ type: after.key })
        .groupBy('subject_entity', 'subject_id')
        .havingRaw('COUNT(*) > 1')
        .first<{ subject_entity: string; subject_id: string } | undefined>('subject_entity', 'subject_id');
      if (row) {
        const message = `${row.subject_entity} record ${row.subject_id} has several "${after.key}" relations, so the type cannot allow only one`;
        throw new ConflictError('TRELLIS_CARDINALITY', message, [{ path: cardinality, message }]);
      }
    }
  }
}

/** Gives existing relations the default of each added attribute, as adding a field does for records. */
async function writeDefaults(trx: Knex.Transaction, dialect: Dialect, keys: string[], added: FieldMetadata[]): Promise<void> {
  const types = keys.map(() => '?').join(', ');
  for (const field of added) {
    if (field.default === null) continue;
    const value = JSON.stringify(canonicalValue(field, field.default, dialect));
    if (dialect === 'postgres') {
      await trx.raw(
        `UPDATE trellis_relations SET "attributes" = ("attributes"::jsonb || jsonb_build_object(?::text, ?::jsonb))::text WHERE "type" IN (${types})`,
        [field.name, value, ...keys],
      );
    } else {
      await trx.raw(`UPDATE trellis_relations SET "attributes" = json_set("attributes", ?, json(?)) WHERE "type" IN (${types})`, [
        `$.${field.name}`,
        value,
        ...keys,
      ]);
    }
  }
}

/** The audit fact of a relation type change (`metadata.relation_type_<what>`). */
function relationTypeFact(what: 'created' | 'updated' | 'deleted', key: string, details: JsonObject = {}): MetadataFact {
  return { action: `metadata.relation_type_${what}`, details: { key, ...details } };
}
