import type { RecordRef, Relation, RelationEvent } from '@trellis/sdk';
import type { Ajv, ValidateFunction } from 'ajv';
import type { AccessControl } from '../access/access-control.js';
import type { Grants } from '../access/grants.js';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/connect.js';
import type { SqlRunner } from '../db/sql-runner.js';
import { assertBody } from '../entities/definitions.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import { isRecordId } from '../entities/field-types/index.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { EventListener } from '../events/event-emitter.js';
import { guardRecord, readableObject } from '../records/record-access.js';
import { newRecordId } from '../records/record-ids.js';
import type { RecordDeleteCascade } from '../records/record-writes.js';
import { freshUnlessJoined, whenCommitted, within, type RecordsTransaction } from '../records/records-transaction.js';
import { relatedRecords, type RelatedRecord } from './related-records.js';
import type { RelationTypeRuntime } from './relation-type-model.js';
import { asRelationRow, INSERT_PAIR, isUniqueViolation, pairBindings, RELATION_COLUMNS, twinOf, type RelationRow } from './relation-sql.js';

/** Relations per type on one page when the client does not say. */
export const DEFAULT_RELATIONS_PER_TYPE = 25;
/** The most relations per type one page may hold. */
export const MAX_RELATIONS_PER_TYPE = 200;

const ADD_BODY = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    object: {
      type: 'object',
      properties: { entity: { type: 'string' }, id: { type: 'string' } },
      required: ['entity', 'id'],
      additionalProperties: false,
    },
    attributes: {},
  },
  required: ['type', 'object'],
  additionalProperties: false,
};

const PATCH_BODY = {
  type: 'object',
  properties: { attributes: {} },
  required: ['attributes'],
  additionalProperties: false,
};

/** The body of `POST /api/records/:entity/:id/relations`. */
interface AddBody {
  type: string;
  object: RecordRef;
  attributes?: unknown;
}

/** A type as relation lists name it. */
export interface RelationTypeRef {
  key: string;
  label: string;
}

/** A relation listed for its subject. */
export interface ListedRelation {
  id: string;
  object: RelatedRecord;
  attributes: Record<string, unknown>;
  created_at: string;
  created_by: string | null;
}

/** One type's page of a record's relations. */
export interface RelationGroup {
  type: RelationTypeRef;
  relations: ListedRelation[];
  /** The cursor of this type's next page (`?type=<key>&cursor=`), or null. */
  page: { next: string | null };
}

/** A relation as a write returns it, seen from its subject. */
export interface RelationDetail extends ListedRelation {
  type: RelationTypeRef;
  subject: RecordRef;
}

/** What a list of a record's relations may ask for. */
export interface RelationListOptions {
  /** Only this type (and then its group is listed even when empty). */
  type?: string;
  /** The next page of `type`: the `page.next` of its group. */
  cursor?: string;
  /** Relations per type, 1 to {@link MAX_RELATIONS_PER_TYPE}. */
  limit?: number;
}

function relationNotFound(entity: string, id: string, relationId: string): NotFoundError {
  return new NotFoundError(`Relation ${relationId} of ${entity}/${id}`);
}

function translateAddError(error: unknown): unknown {
  // Two identical adds raced past the duplicate check: the unique index kept one.
  if (isUniqueViolation(error)) return new ConflictError('TRELLIS_RELATION_EXISTS', 'This relation already exists');
  const code = (error as { code?: string } | null)?.code;
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return ValidationError.at('type', 'the relation type was deleted meanwhile');
  }
  return error;
}

/**
 * Adds, lists, changes and removes relations between records. Each relation is two rows (one
 * per direction) written and removed together in one transaction; `relation.added` and
 * `relation.removed` are announced on the domain events bus once the transaction has committed.
 * A user sees a record's relations only if they may read the record, and only those whose other
 * end they may read; changing them needs update on the record and read on the other end.
 */
export class RelationsService implements RecordDeleteCascade {
  private readonly validators: { add: ValidateFunction; patch: ValidateFunction };

  constructor(
    private readonly db: Database,
    private readonly store: MetadataStore,
    ajv: Ajv,
    private readonly events: DomainEvents,
    private readonly access: AccessControl,
  ) {
    this.validators = { add: ajv.compile(ADD_BODY), patch: ajv.compile(PATCH_BODY) };
  }

  /** Subscribes to relations added or removed (after commit); returns the unsubscribe function. */
  on(type: RelationEvent['type'], listener: EventListener<RelationEvent>): () => void {
    return this.events.on(type, (event) => listener(event as RelationEvent));
  }

  /**
   * A record's relations grouped by type, each group one keyset page ordered by relation id.
   * Every method takes an optional transaction to join (a plugin's record hook): its events
   * then wait for that transaction's commit.
   */
  list(entityName: string, id: string, options: RelationListOptions, actor: Actor, txn?: RecordsTransaction): Promise<RelationGroup[]> {
    return freshUnlessJoined(this.store, txn, async () => {
      const sql = txn?.runner ?? this.db.sql;
      const entity = this.store.get(entityName);
      const types = this.listedTypes(entity, options);
      const after = options.cursor;
      if (after !== undefined && !isRecordId(after)) throw ValidationError.at('cursor', 'is not a cursor of this list');
      const grants = await this.access.grants(actor);
      if (grants) await guardRecord(sql, grants, entity, id, 'read');
      else if (!(await this.recordExists(sql, entity, id, ''))) throw new NotFoundError(`Record ${entityName}/${id}`);
      if (types.length === 0) return [];
      const limit = options.limit ?? DEFAULT_RELATIONS_PER_TYPE;
      // One statement: for each type, the first limit + 1 rows of its index range (of relations
      // whose other end the user may read).
      let next = 0;
      const parts = types.map((type, index) => {
        const readable = readableObject(grants, this.store, `p${index}`, type.direction.objectEntities, () => `o${next++}`);
        const where = `"subject_id" = ? AND "type" = ? AND "subject_entity" = ?${after ? ' AND "id" > ?' : ''}${readable ? ` AND ${readable.sql}` : ''}`;
        return {
          sql: `SELECT * FROM (SELECT ${RELATION_COLUMNS} FROM trellis_relations AS p${index} WHERE ${where} ORDER BY "id" LIMIT ?) AS g${index}`,
          bindings: [id, type.key, entity.name, ...(after ? [after] : []), ...(readable?.bindings ?? []), limit + 1],
        };
      });
      const text = parts.map((part) => part.sql).join(' UNION ALL ');
      const rows = (
        await sql.query(
          text,
          parts.flatMap((part) => part.bindings),
        )
      ).map(asRelationRow);
      const related = await relatedRecords(sql, this.store, rows.map(objectOf), grants);
      return types.flatMap((type) => {
        const found = rows.filter((row) => row.type === type.key).sort((a, b) => (a.id < b.id ? -1 : 1));
        if (found.length === 0 && options.type === undefined) return [];
        const shown = found.slice(0, limit);
        return [
          {
            type: typeRef(type),
            relations: shown.map((row) => this.listed(type, row, related)),
            page: { next: found.length > limit ? (shown.at(-1) as RelationRow).id : null },
          },
        ];
      });
    });
  }

  /** Relates a record (the subject) to another (the object); stores both directions. */
  add(entityName: string, id: string, body: unknown, actor: Actor, txn?: RecordsTransaction): Promise<RelationDetail> {
    return freshUnlessJoined(this.store, txn, async () => {
      const subject = this.store.get(entityName);
      const input = assertBody<AddBody>(this.validators.add, body);
      const type = this.store.relationTypes.find(input.type);
      if (!type) throw ValidationError.at('type', `unknown relation type "${input.type}"`);
      if (!type.allowsSubject(subject.name)) {
        throw ValidationError.at(
          'type',
          `${subject.name} cannot be the subject of ${type.key}; allowed: ${type.direction.subjectEntities.join(', ')}`,
        );
      }
      const object = this.store.find(input.object.entity);
      if (!object) throw ValidationError.at('object.entity', `entity "${input.object.entity}" does not exist`);
      if (!type.allowsObject(object.name)) {
        throw ValidationError.at(
          'object.entity',
          `${object.name} cannot be the object of ${type.key}; allowed: ${type.direction.objectEntities.join(', ')}`,
        );
      }
      if (!isRecordId(input.object.id)) throw ValidationError.at('object.id', 'must be a record id');
      if (input.object.id === id) throw ValidationError.at('object.id', 'a record cannot be related to itself');
      const { values, problems } = type.attributes.check(input.attributes, 'create', this.db.dialect);
      if (problems.length) throw new ValidationError(problems);
      const row: RelationRow = {
        id: newRecordId(),
        type: type.key,
        subject_entity: subject.name,
        subject_id: id,
        object_entity: object.name,
        object_id: input.object.id,
        symmetric_id: newRecordId(),
        attributes: JSON.stringify(values),
        created_at: new Date().toISOString(),
        created_by: actor.userId,
      };
      const grants = await this.access.grants(actor);
      await within(this.db.sql, txn, async (tx) => {
        if (grants) {
          await guardRecord(tx, grants, subject, id, 'update');
          await guardRecord(tx, grants, object, row.object_id, 'read', () => missingObject(object.name, row.object_id));
        }
        await this.lockEnds(tx, type, subject, row.subject_id, object, row.object_id);
        await type.attributes.assertLookupsExist(tx, this.store, values);
        await assertNew(tx, row);
        await assertRoom(tx, type.direction.cardinality, row.subject_entity, row.subject_id, type.key);
        await assertRoom(tx, type.twin.cardinality, row.object_entity, row.object_id, type.twin.key);
        await tx.query(INSERT_PAIR, pairBindings(row, twinOf(row, type.twin.key)));
      }).catch((error: unknown) => {
        throw translateAddError(error);
      });
      const relation = this.relation(row);
      whenCommitted(txn, () => this.events.emit({ type: 'relation.added', relation }));
      return this.detail(type, row, txn, grants);
    });
  }

  /** Changes attributes of a relation of the record: the given ones, on both directions. */
  update(
    entityName: string,
    id: string,
    relationId: string,
    body: unknown,
    actor: Actor,
    txn?: RecordsTransaction,
  ): Promise<RelationDetail> {
    return freshUnlessJoined(this.store, txn, async () => {
      const entity = this.store.get(entityName);
      const input = assertBody<{ attributes: unknown }>(this.validators.patch, body);
      const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
      const grants = await this.access.grants(actor);
      const { type, row } = await within(this.db.sql, txn, async (tx) => {
        if (grants) await guardRecord(tx, grants, entity, id, 'update');
        const [found] = await tx.query(
          `SELECT ${RELATION_COLUMNS} FROM trellis_relations WHERE "id" = ? AND "subject_id" = ? AND "subject_entity" = ?${lock}`,
          [relationId, id, entity.name],
        );
        if (!found) throw relationNotFound(entityName, id, relationId);
        const current = asRelationRow(found);
        if (grants) await this.guardObject(tx, grants, current);
        const type = this.store.relationTypes.get(current.type);
        const { values, problems } = type.attributes.check(input.attributes, 'patch', this.db.dialect);
        if (problems.length) throw new ValidationError(problems);
        await type.attributes.assertLookupsExist(tx, this.store, values);
        const attributes = JSON.stringify({ ...(JSON.parse(current.attributes) as object), ...values });
        await tx.query(`UPDATE trellis_relations SET "attributes" = ? WHERE "id" IN (?, ?)`, [
          attributes,
          current.id,
          current.symmetric_id,
        ]);
        return { type, row: { ...current, attributes } };
      });
      return this.detail(type, row, txn, grants);
    });
  }

  /** Removes a relation of the record, both directions. */
  remove(entityName: string, id: string, relationId: string, actor: Actor, txn?: RecordsTransaction): Promise<void> {
    return freshUnlessJoined(this.store, txn, async () => {
      const entity = this.store.get(entityName);
      const grants = await this.access.grants(actor);
      const row = await within(this.db.sql, txn, async (tx) => {
        if (grants) await guardRecord(tx, grants, entity, id, 'update');
        const [deleted] = await tx.query(
          `DELETE FROM trellis_relations WHERE "id" = ? AND "subject_id" = ? AND "subject_entity" = ? RETURNING ${RELATION_COLUMNS}`,
          [relationId, id, entity.name],
        );
        if (!deleted) throw relationNotFound(entityName, id, relationId);
        const removed = asRelationRow(deleted);
        // Rolled back with the transaction when the other end is out of the user's sight.
        if (grants) await this.guardObject(tx, grants, removed);
        await tx.query(`DELETE FROM trellis_relations WHERE "id" = ?`, [removed.symmetric_id]);
        return removed;
      });
      const relation = this.relation(row);
      whenCommitted(txn, () => this.events.emit({ type: 'relation.removed', relation }));
    });
  }

  /** Removes every relation of a record being deleted, in the delete's transaction. */
  async deleteWith(tx: SqlRunner, entity: string, id: string): Promise<() => void> {
    const rows = (
      await tx.query(
        `DELETE FROM trellis_relations WHERE ("subject_id" = ? AND "subject_entity" = ?) OR ("object_id" = ? AND "object_entity" = ?) RETURNING ${RELATION_COLUMNS}`,
        [id, entity, id, entity],
      )
    ).map(asRelationRow);
    // Both directions came back; one event per relation, seen from the deleted record.
    const removed = rows.filter((row) => row.subject_id === id && row.subject_entity === entity).map((row) => this.relation(row));
    return () => {
      for (const relation of removed) this.events.emit({ type: 'relation.removed', relation });
    };
  }

  private listedTypes(entity: EntityRuntime, options: RelationListOptions): RelationTypeRuntime[] {
    if (options.type !== undefined) {
      const type = this.store.relationTypes.find(options.type);
      if (!type) throw ValidationError.at('type', `unknown relation type "${options.type}"`);
      if (!type.allowsSubject(entity.name)) throw ValidationError.at('type', `${entity.name} records cannot have ${type.key} relations`);
      return [type];
    }
    if (options.cursor !== undefined) throw ValidationError.at('cursor', 'pages through one relation type: give type as well');
    return this.store.relationTypes.list().filter((type) => type.allowsSubject(entity.name));
  }

  /** Whether a record exists, taking `lock` on its row until the transaction ends. */
  private async recordExists(tx: SqlRunner, entity: EntityRuntime, id: string, lock: string): Promise<boolean> {
    return (await tx.query(`SELECT "id" FROM ${entity.table} WHERE "id" = ?${lock}`, [id])).length > 0;
  }

  /**
   * Checks both ends exist. On PostgreSQL their rows stay locked until commit, so neither can
   * be deleted meanwhile (which would leave the new relation dangling) and, where a side
   * allows only one relation, two adds to the same record queue instead of both passing the
   * check. Rows are locked in id order, so two adds never wait on each other in a circle.
   */
  private async lockEnds(
    tx: SqlRunner,
    type: RelationTypeRuntime,
    subject: EntityRuntime,
    subjectId: string,
    object: EntityRuntime,
    objectId: string,
  ): Promise<void> {
    const exclusive = type.direction.cardinality === 'one' || type.twin.cardinality === 'one';
    const lock = this.db.dialect !== 'postgres' ? '' : exclusive ? ' FOR NO KEY UPDATE' : ' FOR KEY SHARE';
    const ends = [
      { entity: subject, id: subjectId, found: false },
      { entity: object, id: objectId, found: false },
    ];
    for (const end of [...ends].sort((a, b) => (a.id < b.id ? -1 : 1))) end.found = await this.recordExists(tx, end.entity, end.id, lock);
    if (!ends[0]?.found) throw new NotFoundError(`Record ${subject.name}/${subjectId}`);
    if (!ends[1]?.found) throw missingObject(object.name, objectId);
  }

  /** A relation whose other end the user may not read does not exist for them. */
  private async guardObject(tx: SqlRunner, grants: Grants, row: RelationRow): Promise<void> {
    const object = this.store.find(row.object_entity);
    const notFound = () => relationNotFound(row.subject_entity, row.subject_id, row.id);
    if (!object) throw notFound();
    await guardRecord(tx, grants, object, row.object_id, 'read', notFound);
  }

  private relation(row: RelationRow): Relation {
    return {
      id: row.id,
      type: row.type,
      subject: { entity: row.subject_entity, id: row.subject_id },
      object: objectOf(row),
      attributes: this.attributes(row),
      created_at: row.created_at,
      created_by: row.created_by,
    };
  }

  private attributes(row: RelationRow): Record<string, unknown> {
    const type = this.store.relationTypes.find(row.type);
    return type ? type.attributes.read(row.attributes) : (JSON.parse(row.attributes) as Record<string, unknown>);
  }

  private listed(type: RelationTypeRuntime, row: RelationRow, related: Map<string, RelatedRecord>): ListedRelation {
    return {
      id: row.id,
      object: related.get(`${row.object_entity}/${row.object_id}`) as RelatedRecord,
      attributes: type.attributes.read(row.attributes),
      created_at: row.created_at,
      created_by: row.created_by,
    };
  }

  private async detail(
    type: RelationTypeRuntime,
    row: RelationRow,
    txn: RecordsTransaction | undefined,
    grants: Grants | null,
  ): Promise<RelationDetail> {
    const related = await relatedRecords(txn?.runner ?? this.db.sql, this.store, [objectOf(row)], grants);
    const { id, ...listed } = this.listed(type, row, related);
    return { id, type: typeRef(type), subject: { entity: row.subject_entity, id: row.subject_id }, ...listed };
  }
}

function missingObject(entity: string, id: string): ValidationError {
  return ValidationError.at('object.id', `no ${entity} record has id ${id}`);
}

function typeRef(type: RelationTypeRuntime): RelationTypeRef {
  return { key: type.key, label: type.direction.label };
}

function objectOf(row: RelationRow): RecordRef {
  return { entity: row.object_entity, id: row.object_id };
}

/** The same relation must not be stored twice (the unique index is the last word under races). */
async function assertNew(tx: SqlRunner, row: RelationRow): Promise<void> {
  const found = await tx.query(`SELECT "id" FROM trellis_relations WHERE "subject_id" = ? AND "type" = ? AND "object_id" = ?`, [
    row.subject_id,
    row.type,
    row.object_id,
  ]);
  if (found.length) {
    throw new ConflictError(
      'TRELLIS_RELATION_EXISTS',
      `${row.subject_entity}/${row.subject_id} is already related to ${row.object_entity}/${row.object_id} by "${row.type}"`,
    );
  }
}

/** A side whose cardinality is one refuses a second relation of its direction. */
async function assertRoom(tx: SqlRunner, cardinality: string, entity: string, id: string, type: string): Promise<void> {
  if (cardinality !== 'one') return;
  const found = await tx.query(`SELECT "id" FROM trellis_relations WHERE "subject_id" = ? AND "type" = ? LIMIT 1`, [id, type]);
  if (found.length) {
    throw new ConflictError(
      'TRELLIS_CARDINALITY',
      `${entity}/${id} already has a relation of type "${type}", and that type allows only one`,
    );
  }
}
