import type { AggregateResult, FieldProblem, PermissionAction, RecordPage, TrellisRecord, UpdateOptions } from '@trellis/sdk';
import type { AccessControl } from '../access/access-control.js';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/connect.js';
import type { SqlRunner } from '../db/sql-runner.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { actorRef } from '../events/actor-ref.js';
import type { DomainEvents } from '../events/domain-events.js';
import { checkInput, decodeRow, type SplitInput } from './codec.js';
import { assertWritable, guardRecord, visibleRecord, type ReadGrants } from './record-access.js';
import type { EntityHooks, HookExtras, RecordHooksRegistry } from './record-hooks.js';
import { RecordReader, type ListOptions, type ReadOptions } from './record-reads.js';
import { changedFields, insertRows, newRows, touchesLookups, updateStatement, type RecordDeleteCascade } from './record-writes.js';
import { recordsApi } from './records-api.js';
import { freshUnlessJoined, RecordsTransaction } from './records-transaction.js';
import { assertLookupsExist, assertNoDuplicatesInBatch, translateWriteError } from './write-checks.js';

/** The hooks that need the record as it was before an update. */
const UPDATE_HOOKS = ['beforeUpdate', 'afterUpdate'] as const;

/** What a write does inside its transaction, given the hooks that watch the entity (if any). */
type Work<T> = (txn: RecordsTransaction, hooks: EntityHooks | undefined) => Promise<T>;

/**
 * Reads and writes records of any entity. Every write runs in a transaction together with the
 * plugins' record hooks and what its deletion cascades to; domain events are announced once
 * it has committed. Given a {@link RecordsTransaction}, a call joins it instead (a hook's own
 * writes, a plugin migration) and its events wait for that transaction's commit.
 *
 * Every call acts as an actor whose roles limit it (docs/reference/security.md): reads carry the
 * read scope as SQL, a record outside it is a 404, an action outside its own scope on a record
 * the user can read is a 403. Unrestricted actors (admins, plugins, jobs) pay nothing for this.
 */
export class RecordsService {
  private readonly reader: RecordReader;

  constructor(
    private readonly db: Database,
    private readonly store: MetadataStore,
    private readonly bulkLimit: number,
    private readonly cascade: RecordDeleteCascade,
    private readonly hooks: RecordHooksRegistry,
    private readonly events: DomainEvents,
    private readonly access: AccessControl,
  ) {
    this.reader = new RecordReader(store, db.dialect);
  }

  /** One page of records the actor may read, in keyset order. */
  async list(entityName: string, options: ListOptions, actor: Actor, txn?: RecordsTransaction): Promise<RecordPage> {
    const grants = await this.access.grants(actor);
    return this.reading(txn, (sql) => this.reader.list(sql, entityName, options, grants));
  }

  /** How many records the actor may read match. */
  async count(entityName: string, options: Pick<ListOptions, 'filter' | 'q'>, actor: Actor, txn?: RecordsTransaction): Promise<number> {
    const grants = await this.access.grants(actor);
    return this.reading(txn, (sql) => this.reader.count(sql, entityName, options, grants));
  }

  /** Metrics per group over the records the actor may read (see RecordReader.aggregate). */
  async aggregate(entityName: string, query: unknown, actor: Actor, txn?: RecordsTransaction): Promise<AggregateResult> {
    const grants = await this.access.grants(actor);
    return this.reading(txn, (sql) => this.reader.aggregate(sql, entityName, query, grants));
  }

  /** One record; 404 when there is none with that id the actor may read. */
  async get(entityName: string, id: string, options: ReadOptions, actor: Actor, txn?: RecordsTransaction): Promise<TrellisRecord> {
    const grants = await this.access.grants(actor);
    return this.reading(txn, (sql) => this.reader.get(sql, entityName, id, options, grants));
  }

  /**
   * Checks that the actor may read a record (404 otherwise) and, given an action, do it to that
   * record (403 otherwise): what routes about a record (relations, timeline, history) ask first.
   * Unrestricted actors are not checked here; those routes find missing records themselves.
   */
  async assertAllowed(entityName: string, id: string, actor: Actor, action?: PermissionAction, txn?: RecordsTransaction): Promise<void> {
    const grants = await this.access.grants(actor);
    if (grants) await this.reading(txn, (sql) => guardRecord(sql, grants, this.store.get(entityName), id, action ?? 'read'));
  }

  /** Creates one record, or every record of an array in one transaction (all or nothing). */
  create(entityName: string, body: unknown, actor: Actor, txn?: RecordsTransaction): Promise<TrellisRecord | TrellisRecord[]> {
    return freshUnlessJoined(this.store, txn, async () => {
      const entity = this.store.get(entityName);
      const many = Array.isArray(body);
      const inputs: unknown[] = many ? body : [body];
      if (many && inputs.length === 0) throw ValidationError.at('body', 'must hold at least one record');
      if (inputs.length > this.bulkLimit)
        throw ValidationError.at('body', `may hold at most ${this.bulkLimit} records; split it into several requests`);
      const grants = await this.access.grants(actor);
      if (grants) assertMayCreate(entity, grants, inputs, many, actor);
      const checked = checkAll(inputs.map((input, index) => checkInput(entity, input, 'create', many ? `[${index}].` : '')));
      assertNoDuplicatesInBatch(entity, checked, many);
      const records = await this.writing(txn, actor, entity, async (tx, hooks) => {
        const values = hooks?.has('beforeCreate') ? await this.beforeCreate(hooks, entity, checked, many) : checked;
        const rows = newRows(entity, values, actor, this.db.dialect);
        await assertLookupsExist(tx.runner, this.store, entity, values, many);
        await insertRows(tx.runner, entity, rows, this.db.dialect);
        const created = rows.map((row) => decodeRow(entity, row));
        if (hooks?.has('afterCreate')) for (const record of created) await hooks.run('afterCreate', record);
        if (this.events.listens('record.created')) {
          const ref = actorRef(actor);
          tx.afterCommit(() =>
            created.forEach((record) => this.events.emit({ type: 'record.created', entity: entity.name, record, actor: ref })),
          );
        }
        return created;
      });
      this.db.noteWrites(entity.name, records.length);
      const shown = records.map((record) => visibleRecord(entity, grants, record));
      return many ? shown : (shown[0] as TrellisRecord);
    });
  }

  /**
   * Changes the given fields of a record. With `expectedUpdatedAt`, the record is locked and
   * its `updated_at` compared inside the transaction: a record changed since is a 409.
   */
  update(
    entityName: string,
    id: string,
    body: unknown,
    actor: Actor,
    txn?: RecordsTransaction,
    options: UpdateOptions = {},
  ): Promise<TrellisRecord> {
    return freshUnlessJoined(this.store, txn, async () => {
      const entity = this.store.get(entityName);
      const grants = await this.access.grants(actor);
      if (grants) {
        assertWritable(entity, grants, [body], false);
        await guardRecord(txn?.runner ?? this.db.sql, grants, entity, id, 'update');
      }
      const { value, problems } = checkInput(entity, body, 'patch');
      if (problems.length) throw new ValidationError(problems);
      if (grants && value.system.owner_id !== undefined) assertOwnerInScope(entity, grants, 'update', value.system.owner_id, 'owner_id');
      // Hooks (the audit trail among them) and record.updated listeners need the record as it was.
      const expected = options.expectedUpdatedAt;
      const watched = expected !== undefined || this.hooks.watches(entity.name, UPDATE_HOOKS) || this.events.listens('record.updated');
      const record = await this.writing(txn, actor, entity, (tx, hooks) =>
        this.updateIn(tx, hooks, entity, id, value, watched, actor, expected),
      );
      return visibleRecord(entity, grants, record);
    });
  }

  /** Deletes a record and what cascades from it; lookups pointing to it are cleared by their foreign keys. */
  delete(entityName: string, id: string, actor: Actor, txn?: RecordsTransaction): Promise<void> {
    return freshUnlessJoined(this.store, txn, async () => {
      const entity = this.store.get(entityName);
      const grants = await this.access.grants(actor);
      if (grants) await guardRecord(txn?.runner ?? this.db.sql, grants, entity, id, 'delete');
      await this.writing(txn, actor, entity, async (tx, hooks) => {
        if (hooks?.has('beforeDelete')) await hooks.run('beforeDelete', await this.locked(tx, entity, id));
        const [row] = await tx.runner.query(`DELETE FROM ${entity.table} WHERE "id" = ? RETURNING ${entity.selectList}`, [id]);
        if (!row) throw new NotFoundError(`Record ${entityName}/${id}`);
        tx.afterCommit(await this.cascade.deleteWith(tx.runner, entity.name, id));
        const record = decodeRow(entity, row);
        if (hooks?.has('afterDelete')) await hooks.run('afterDelete', record);
        if (this.events.listens('record.deleted')) {
          const event = { type: 'record.deleted', entity: entity.name, record, actor: actorRef(actor) } as const;
          tx.afterCommit(() => this.events.emit(event));
        }
      });
    });
  }

  /** Runs work in one transaction of its own, then announces what it queued for after the commit. */
  async inTransaction<T>(work: (txn: RecordsTransaction) => Promise<T>): Promise<T> {
    let own: RecordsTransaction | undefined;
    const result = await this.db.sql.transaction((runner) => work((own = new RecordsTransaction(runner))));
    own?.committed();
    return result;
  }

  /** The update of a record whose change hooks or listeners watch, inside the write's transaction. */
  private async updateIn(
    tx: RecordsTransaction,
    hooks: EntityHooks | undefined,
    entity: EntityRuntime,
    id: string,
    checked: SplitInput,
    watched: boolean,
    actor: Actor,
    expectedUpdatedAt?: string,
  ): Promise<TrellisRecord> {
    let value = checked;
    const before = watched ? await this.locked(tx, entity, id) : undefined;
    if (before && expectedUpdatedAt !== undefined && !sameInstant(before.updated_at, expectedUpdatedAt))
      throw new ConflictError(
        'TRELLIS_STALE_RECORD',
        `${entity.name}/${id} was changed at ${String(before.updated_at)}, after the version you read`,
        [{ path: 'updated_at', message: `is ${String(before.updated_at)} now` }],
      );
    if (before && hooks?.has('beforeUpdate')) {
      const result = await this.rechecked(hooks, 'beforeUpdate', entity, value, '', { before });
      if (result.problems.length) throw new ValidationError(result.problems);
      value = result.value;
    }
    if (touchesLookups(entity, value)) await assertLookupsExist(tx.runner, this.store, entity, [value], false);
    const statement = updateStatement(entity, id, value, this.db.dialect);
    const row = statement
      ? (await tx.runner.query(statement.sql, statement.bindings))[0]
      : await this.reader.findRow(tx.runner, entity, id);
    if (!row) throw new NotFoundError(`Record ${entity.name}/${id}`);
    const record = decodeRow(entity, row);
    if (!before) return record;
    const changed = changedFields(entity, before, record);
    if (hooks?.has('afterUpdate')) await hooks.run('afterUpdate', record, { before, changed });
    if (changed.length && this.events.listens('record.updated')) {
      const event = { type: 'record.updated', entity: entity.name, changed, before, record, actor: actorRef(actor) } as const;
      tx.afterCommit(() => this.events.emit(event));
    }
    return record;
  }

  /** Runs the beforeCreate hooks on each input and checks again what they left. */
  private async beforeCreate(hooks: EntityHooks, entity: EntityRuntime, checked: SplitInput[], many: boolean): Promise<SplitInput[]> {
    const results: Array<{ value: SplitInput; problems: FieldProblem[] }> = [];
    for (const [index, value] of checked.entries())
      results.push(await this.rechecked(hooks, 'beforeCreate', entity, value, many ? `[${index}].` : ''));
    const values = checkAll(results);
    assertNoDuplicatesInBatch(entity, values, many);
    return values;
  }

  /** Hands a checked input to before hooks (which may change it), then checks it again. */
  private async rechecked(
    hooks: EntityHooks,
    phase: 'beforeCreate' | 'beforeUpdate',
    entity: EntityRuntime,
    value: SplitInput,
    prefix: string,
    extras?: HookExtras,
  ): Promise<{ value: SplitInput; problems: FieldProblem[] }> {
    const input: Record<string, unknown> = { ...value.fields, ...value.system };
    await hooks.run(phase, input, extras).catch((error: unknown) => {
      // In a bulk body, say which record the hook refused.
      if (!prefix || !(error instanceof ValidationError) || !error.errors) throw error;
      throw new ValidationError(error.errors.map((problem) => ({ ...problem, path: `${prefix}${problem.path}` })));
    });
    return checkInput(entity, input, phase === 'beforeCreate' ? 'create' : 'patch', prefix);
  }

  /** The record as it is, its row held (PostgreSQL) until the write's transaction ends; 404 when absent. */
  private async locked(tx: RecordsTransaction, entity: EntityRuntime, id: string): Promise<TrellisRecord> {
    const row = await this.reader.findRow(tx.runner, entity, id, this.db.dialect === 'postgres' ? ' FOR UPDATE' : '');
    if (!row) throw new NotFoundError(`Record ${entity.name}/${id}`);
    return decodeRow(entity, row);
  }

  /**
   * Runs a write in the given transaction, or in its own one whose after-commit work (events)
   * runs once it has committed. Hooks get records bound to that transaction and actor.
   */
  private writing<T>(txn: RecordsTransaction | undefined, actor: Actor, entity: EntityRuntime, work: Work<T>): Promise<T> {
    const run = (tx: RecordsTransaction) =>
      work(
        tx,
        this.hooks.forWrite(entity.name, () => ({ actor, transaction: tx, records: recordsApi(this, actor, tx) })),
      ).catch((error: unknown) => {
        throw translateWriteError(error, entity);
      });
    return txn ? run(txn) : this.inTransaction(run);
  }

  /** Reads through the transaction when given one, else through the database (retried once on stale metadata). */
  private reading<T>(txn: RecordsTransaction | undefined, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
    return freshUnlessJoined(this.store, txn, () => work(txn?.runner ?? this.db.sql));
  }
}

/** Whether two ISO 8601 texts name the same instant (PostgreSQL and SQLite may spell it differently). */
function sameInstant(stored: unknown, expected: string): boolean {
  const a = Date.parse(String(stored));
  const b = Date.parse(expected);
  return !Number.isNaN(a) && a === b;
}

/** Create is refused without create rights, for fields the user may not set, or for owners outside the create scope. */
function assertMayCreate(entity: EntityRuntime, grants: NonNullable<ReadGrants>, inputs: unknown[], many: boolean, actor: Actor): void {
  if (grants.scope(entity.name, 'create') === 'none') throw new ForbiddenError(`You may not create ${entity.name} records`);
  assertWritable(entity, grants, inputs, many);
  inputs.forEach((input, index) => {
    const given = typeof input === 'object' && input !== null ? (input as { owner_id?: unknown }).owner_id : undefined;
    const owner = given === undefined ? actor.userId : given;
    assertOwnerInScope(entity, grants, 'create', owner, `${many ? `[${index}].` : ''}owner_id`);
  });
}

/** A record's owner must stay within the scope of the action that sets it (a rep cannot hand records to another team). */
function assertOwnerInScope(
  entity: EntityRuntime,
  grants: NonNullable<ReadGrants>,
  action: PermissionAction,
  owner: unknown,
  path: string,
): void {
  if (grants.allows(entity.name, action, { owner_id: typeof owner === 'string' ? owner : null })) return;
  throw new ForbiddenError(`You may not ${action} ${entity.name} records owned by that user`, undefined, [
    { path, message: `is outside your ${action} scope` },
  ]);
}

/** The values of checked inputs, or a ValidationError naming every problem. */
function checkAll(results: Array<{ value: SplitInput; problems: FieldProblem[] }>): SplitInput[] {
  const problems = results.flatMap((result) => result.problems);
  if (problems.length) throw new ValidationError(problems);
  return results.map((result) => result.value);
}
