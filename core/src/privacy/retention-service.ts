import type { Actor } from '../auth/actor.js';
import { pluginActor } from '../auth/actor.js';
import type { Database } from '../db/connect.js';
import type { Row } from '../db/sql-runner.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { RecordsTransaction } from '../records/records-transaction.js';
import { isJsonObject } from '../json-object.js';
import { personalFields } from './data-subjects.js';
import { eraseRecord, type ErasureMode, type RecordEraserDeps } from './record-eraser.js';

/** The core job that applies retention policies, and when it runs (daily, 03:30 UTC). */
export const RETENTION_JOB = 'core.privacy_retention';
/** The cron expression of {@link RETENTION_JOB}. */
export const RETENTION_CRON = '30 3 * * *';
/** Records erased per transaction. */
export const RETENTION_BATCH = 100;
/** The longest retention period, in days (a hundred years). */
const MAX_DAYS = 36_500;

/** How long an entity's records are kept after their last change, and what happens then. */
export interface RetentionPolicy {
  entity: string;
  days: number;
  action: ErasureMode;
  updated_at: string;
}

/** What one run did to one entity. */
export interface RetentionOutcome {
  entity: string;
  days: number;
  action: ErasureMode;
  processed: number;
}

/** Retention policies per entity, applied by a daily job to records nobody has changed for `days` days. */
export class RetentionService {
  constructor(
    private readonly db: Database,
    private readonly store: MetadataStore,
    private readonly eraser: RecordEraserDeps,
  ) {}

  /** An entity's policy; 404 when the entity does not exist or has none. */
  async get(entity: string): Promise<RetentionPolicy> {
    this.store.get(entity);
    const [row] = await this.db.sql.query('SELECT * FROM trellis_retention_policies WHERE "entity" = ?', [entity]);
    if (!row) throw new NotFoundError(`Retention policy of ${entity}`);
    return policyOf(row);
  }

  /** Sets an entity's policy from `{days, action}`; problems name the field. */
  async set(entityName: string, body: unknown, actor: Actor): Promise<RetentionPolicy> {
    const entity = this.store.get(entityName);
    if (!isJsonObject(body)) throw ValidationError.at('body', 'must be a JSON object');
    const { days, action } = body;
    if (!Number.isInteger(days) || (days as number) < 0 || (days as number) > MAX_DAYS) {
      throw ValidationError.at('days', `must be a whole number from 0 to ${MAX_DAYS}`);
    }
    if (action !== 'delete' && action !== 'anonymise') throw ValidationError.at('action', 'must be delete or anonymise');
    if (action === 'anonymise' && personalFields(entity).length === 0) {
      throw ValidationError.at('action', `${entityName} has no personal fields to anonymise; mark some personal or use delete`);
    }
    const now = new Date().toISOString();
    await this.db.sql.query(
      `INSERT INTO trellis_retention_policies ("entity", "days", "action", "updated_at", "updated_by") VALUES (?, ?, ?, ?, ?)
       ON CONFLICT ("entity") DO UPDATE SET "days" = excluded."days", "action" = excluded."action", "updated_at" = excluded."updated_at", "updated_by" = excluded."updated_by"`,
      [entityName, days, action, now, actor.userId],
    );
    return { entity: entityName, days: days as number, action, updated_at: now };
  }

  /** Removes an entity's policy; 404 when it has none. */
  async remove(entity: string): Promise<void> {
    await this.get(entity);
    await this.db.sql.query('DELETE FROM trellis_retention_policies WHERE "entity" = ?', [entity]);
  }

  /** Registers the daily job; returns the function that stops it. */
  schedule(jobs: JobQueue): () => void {
    const stopHandler = jobs.register({ name: RETENTION_JOB, handler: async () => void (await this.run(pluginActor('core', 'job'))) });
    const stopSchedule = jobs.schedule(RETENTION_JOB, RETENTION_CRON);
    return () => {
      stopSchedule();
      stopHandler();
    };
  }

  /** Applies every policy now, in batches of {@link RETENTION_BATCH} records per transaction. */
  async run(actor: Actor): Promise<RetentionOutcome[]> {
    const rows = await this.db.sql.query('SELECT * FROM trellis_retention_policies ORDER BY "entity"');
    const outcomes: RetentionOutcome[] = [];
    await this.eraser.suppressions.ready();
    for (const policy of rows.map(policyOf)) {
      const entity = this.store.find(policy.entity);
      if (!entity) continue;
      const cutoff = new Date(Date.now() - policy.days * 86_400_000).toISOString();
      let processed = 0;
      for (;;) {
        const done = await this.batch(entity.name, policy.action, cutoff, actor);
        processed += done;
        if (done < RETENTION_BATCH) break;
      }
      outcomes.push({ entity: policy.entity, days: policy.days, action: policy.action, processed });
    }
    return outcomes;
  }

  /** Erases one batch of expired records in one transaction; resolves to how many. */
  private async batch(entityName: string, mode: ErasureMode, cutoff: string, actor: Actor): Promise<number> {
    let txn: RecordsTransaction | undefined;
    const count = await this.db.sql.transaction(async (runner) => {
      txn = new RecordsTransaction(runner);
      const entity = this.store.get(entityName);
      // Anonymising sets updated_at to now, so an erased record is not picked again by the next batch.
      const expired = await runner.query(
        `SELECT ${entity.selectList} FROM ${entity.table} WHERE "updated_at" < ? ORDER BY "updated_at", "id" LIMIT ${RETENTION_BATCH}`,
        [cutoff],
      );
      for (const row of expired) await eraseRecord(this.eraser, txn, { entity, row, mode, suppress: false, reason: 'retention', actor });
      return expired.length;
    });
    txn?.committed();
    return count;
  }
}

function policyOf(row: Row): RetentionPolicy {
  return { entity: row.entity as string, days: Number(row.days), action: row.action as ErasureMode, updated_at: row.updated_at as string };
}
