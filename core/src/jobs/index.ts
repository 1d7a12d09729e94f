import type { Database } from '../db/connect.js';
import type { Logger } from '../logger.js';
import type { JobQueue } from './job-queue.js';
import { JobRunner, type JobQueueOptions } from './job-runner.js';
import { createPgBossStore } from './pg-boss-store.js';
import { createSqliteStore } from './sqlite-store.js';

export { JOB_DEFAULTS } from './job-queue.js';
export type { JobQueue, JobRegistration, JobRun, JobSnapshot, JobState } from './job-queue.js';
export type { JobQueueOptions } from './job-runner.js';
export { MAX_PAYLOAD_BYTES } from './validation.js';

/**
 * The job queue of a database: the `trellis_jobs` table on SQLite (one process), pg-boss in the
 * `trellis_jobs` schema on PostgreSQL (any number of processes sharing the work). Nothing runs
 * until {@link JobQueue.start}; stop it before closing the database.
 */
export function createJobQueue(db: Database, logger: Logger, options: JobQueueOptions = {}): JobQueue {
  const store = db.dialect === 'postgres' ? createPgBossStore(db, logger) : createSqliteStore(db.sql);
  return new JobRunner(store, logger, options);
}
