import type { SqlAccess, SqlRunner } from '../db/sql-runner.js';
import type { MetadataStore } from '../entities/metadata-store.js';

/**
 * An open transaction that records (and the timeline) can join: its runner, and the work to do
 * once it has committed. Writes made through it run their hooks inside it and queue their
 * domain events here; whoever opened the transaction calls {@link committed} after COMMIT, so
 * events are never announced for a change that rolled back.
 *
 * On SQLite the one writer connection is held for the whole transaction: anything done while
 * it is open must go through {@link runner}, never through the database's own access.
 *
 * @example
 * ```ts
 * let txn: RecordsTransaction | undefined;
 * await db.sql.transaction(async (runner) => {
 *   txn = new RecordsTransaction(runner);
 *   await recordsApi(records, actor, txn).create('hello_greeting', { message: 'Welcome' });
 * });
 * txn?.committed();
 * ```
 */
export class RecordsTransaction {
  private readonly pending: Array<() => void> = [];

  /** @param runner - Runs the transaction's statements. */
  constructor(readonly runner: SqlRunner) {}

  /** Queues work (announcing events) for after the commit. */
  afterCommit(work: () => void): void {
    this.pending.push(work);
  }

  /** Runs the queued work, in order; call it once, after the transaction committed. */
  committed(): void {
    for (const work of this.pending.splice(0)) work();
  }
}

/** Runs work inside `txn` when given, else in a transaction of its own on `sql`. */
export function within<T>(sql: SqlAccess, txn: RecordsTransaction | undefined, work: (tx: SqlRunner) => Promise<T>): Promise<T> {
  return txn ? work(txn.runner) : sql.transaction(work);
}

/** Runs work once `txn` has committed, or now when there is none (the caller's own transaction already has). */
export function whenCommitted(txn: RecordsTransaction | undefined, work: () => void): void {
  if (txn) txn.afterCommit(work);
  else work();
}

/**
 * Runs work that reads metadata, retried once on stale metadata ({@link MetadataStore.fresh})
 * unless it joins a transaction: the retry would reload through a second connection (SQLite's
 * one writer is held by the transaction) and replay the caller's work.
 */
export function freshUnlessJoined<T>(store: MetadataStore, txn: RecordsTransaction | undefined, work: () => Promise<T>): Promise<T> {
  return txn ? work() : store.fresh(work);
}
