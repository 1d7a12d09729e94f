import type { Knex } from 'knex';
import type { MetadataFact } from '../audit/metadata-audit.js';
import type { Database } from '../db/connect.js';
import { METADATA_CHANNEL, type MetadataStore } from './metadata-store.js';

/**
 * How a metadata write joins a larger change: the plugin host installs a plugin's entities,
 * fields, relation types and migrations in one transaction, as the plugin.
 */
export interface MetadataWriteOptions {
  /** A transaction opened by {@link metadataTransaction}: the write joins it instead of committing on its own. */
  trx?: Knex.Transaction;
  /** The plugin making the change: it owns what it creates and may change what it owns. */
  plugin?: string;
}

/**
 * Runs a metadata change (entities, fields, relation types) with its version bump in one
 * transaction, tells the other processes on PostgreSQL, then reloads this process's cache.
 * Every kind of metadata shares the one version, so one reload covers them all. Given a
 * transaction, the change joins it and the cache is reloaded from its uncommitted state, so
 * the next step of the same transaction sees it. `facts` go to the audit log (the store's
 * recorder) inside the same transaction.
 */
export async function commitMetadataChange(
  db: Database,
  store: MetadataStore,
  work: (trx: Knex.Transaction) => Promise<void>,
  trx?: Knex.Transaction,
  facts: MetadataFact[] = [],
): Promise<void> {
  const audited = async (tx: Knex.Transaction) => {
    await work(tx);
    for (const fact of facts) await store.recordChange?.(tx, fact);
    await bumpMetadataVersion(db, tx);
  };
  if (trx) {
    await audited(trx);
    await store.load(trx);
    return;
  }
  await db.knex.transaction(audited);
  await store.load();
}

/**
 * Opens a transaction several metadata changes (and record writes) join, through
 * {@link MetadataWriteOptions.trx}: all of them commit, or none. The cache follows the
 * transaction while it runs and is reloaded from committed state afterwards.
 */
export function metadataTransaction<T>(db: Database, store: MetadataStore, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return store.staged(() => db.knex.transaction(work));
}

async function bumpMetadataVersion(db: Database, trx: Knex.Transaction): Promise<void> {
  await trx('trellis_meta_version').where({ id: 1 }).increment('version', 1);
  // Delivered on commit, and not at all on rollback.
  if (db.dialect === 'postgres') await trx.raw(`NOTIFY ${METADATA_CHANNEL}`);
}
