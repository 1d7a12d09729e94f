import type { FieldProblem, RecordPage, TrellisRecord } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/connect.js';
import type { SqlRunner } from '../db/sql-runner.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { actorRef } from '../events/actor-ref.js';
import type { DomainEvents } from '../events/domain-events.js';
import { checkInput, decodeRow, type SplitInput } from './codec.js';
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
  ) {
    this.reader = new RecordReader(store, db.dialect);
  }

  /** One page of records, in keyset order. */
  list(entityName: string, options: ListOptions, txn?: RecordsTransaction): Promise<RecordPage> {
    return this.reading(txn, (sql) => this.reader.list(sql, entityName, options));
  }

  /** How many records match. */
  count(entityName: string, options: Pick<ListOptions, 'filter' | 'q'>, txn?: RecordsTransaction): Promise<number> {
    return this.reading(txn, (sql) => this.reader.count(sql, entityName, options));
  }

  /** One record; 404 when there is none with that id. */
  get(entityName: string, id: string, options: ReadOptions = {}, txn?: RecordsTransaction): Promise<TrellisRecord> {
    return this.reading(txn, (sql) => this.reader.get(sql, entityName, id, options));
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
      return many ? records : (records[0] as TrellisRecord);
    });
  }

  /** Changes the given fields of a record. */
  update(entityName: string, id: string, body: unknown, actor: Actor, txn?: RecordsTransaction): Promise<TrellisRecord> {
    return freshUnlessJoined(this.store, txn, async () => {
      const entity = this.store.get(entityName);
      const { value, problems } = checkInput(entity, body, 'patch');
      if (problems.length) throw new ValidationError(problems);
      // Hooks and record.updated listeners need the record as it was: read it only for them.
      const watched = this.hooks.watches(entity.name, UPDATE_HOOKS) || this.events.listens('record.updated');
      if (!watched && !txn && !touchesLookups(entity, value)) {
        // One UPDATE … RETURNING is atomic by itself.
        const statement = updateStatement(entity, id, value, this.db.dialect);
        const row = statement
          ? (
              await this.db.sql.query(statement.sql, statement.bindings).catch((error: unknown) => {
                throw translateWriteError(error, entity);
              })
            )[0]
          : await this.reader.findRow(this.db.sql, entity, id);
        if (!row) throw new NotFoundError(`Record ${entityName}/${id}`);
        return decodeRow(entity, row);
      }
      return this.writing(txn, actor, entity, (tx, hooks) => this.updateIn(tx, hooks, entity, id, value, watched, actor));
    });
  }

  /** Deletes a record and what cascades from it; lookups pointing to it are cleared by their foreign keys. */
  delete(entityName: string, id: string, actor: Actor, txn?: RecordsTransaction): Promise<void> {
    return freshUnlessJoined(this.store, txn, async () => {
      const entity = this.store.get(entityName);
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

  /** The update of a record whose change hooks or listeners watch, inside the write's transaction. */
  private async updateIn(
    tx: RecordsTransaction,
    hooks: EntityHooks | undefined,
    entity: EntityRuntime,
    id: string,
    checked: SplitInput,
    watched: boolean,
    actor: Actor,
  ): Promise<TrellisRecord> {
    let value = checked;
    const before = watched ? await this.locked(tx, entity, id) : undefined;
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
  private async writing<T>(txn: RecordsTransaction | undefined, actor: Actor, entity: EntityRuntime, work: Work<T>): Promise<T> {
    const run = (tx: RecordsTransaction) =>
      work(
        tx,
        this.hooks.forWrite(entity.name, () => ({ actor, transaction: tx, records: recordsApi(this, actor, tx) })),
      ).catch((error: unknown) => {
        throw translateWriteError(error, entity);
      });
    if (txn) return run(txn);
    let own: RecordsTransaction | undefined;
    const result = await this.db.sql.transaction((runner) => run((own = new RecordsTransaction(runner))));
    own?.committed();
    return result;
  }

  /** Reads through the transaction when given one, else through the database (retried once on stale metadata). */
  private reading<T>(txn: RecordsTransaction | undefined, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
    return freshUnlessJoined(this.store, txn, () => work(txn?.runner ?? this.db.sql));
  }
}

/** The values of checked inputs, or a ValidationError naming every problem. */
function checkAll(results: Array<{ value: SplitInput; problems: FieldProblem[] }>): SplitInput[] {
  const problems = results.flatMap((result) => result.problems);
  if (problems.length) throw new ValidationError(problems);
  return results.map((result) => result.value);
}
