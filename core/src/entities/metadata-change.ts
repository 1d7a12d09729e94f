import type { Knex } from 'knex';
import type { Database } from '../db/connect.js';
import { METADATA_CHANNEL, type MetadataStore } from './metadata-store.js';

/**
 * Runs a metadata change (entities, fields, relation types) with its version bump in one
 * transaction, tells the other processes on PostgreSQL, then reloads this process's cache.
 * Every kind of metadata shares the one version, so one reload covers them all.
 */
export async function commitMetadataChange(
  db: Database,
  store: MetadataStore,
  work: (trx: Knex.Transaction) => Promise<void>,
): Promise<void> {
  await db.knex.transaction(async (trx) => {
    await work(trx);
    await trx('trellis_meta_version').where({ id: 1 }).increment('version', 1);
    if (db.dialect === 'postgres') await trx.raw(`NOTIFY ${METADATA_CHANNEL}`);
  });
  await store.load();
}
