import type { JsonObject } from '@trellis/sdk';
import type { JobRun, JobSnapshot } from './job-queue.js';
import type { JobSettings } from './validation.js';

/** A job about to be stored. */
export interface NewJob {
  /** Given for cron ticks, so that every process queues the same tick under the same id. */
  id?: string;
  name: string;
  payload: JsonObject;
  /** When it becomes due; absent: now (on PostgreSQL the database's now, immune to clock skew). */
  runAt?: Date;
  singletonKey?: string;
  settings: JobSettings;
}

/**
 * Where jobs live: a table of the Trellis database on SQLite, pg-boss on PostgreSQL. The runner
 * (job-runner.ts) owns polling, concurrency, timeouts and scheduling, so both backends behave alike.
 */
export interface JobStore {
  /** Stores a job and returns its id; with a singleton key (or an id) already waiting or running, that job's id. */
  insert(job: NewJob): Promise<string>;
  /** Marks up to `limit` due jobs of these names running, counting an attempt each, and returns them. */
  claim(names: readonly string[], limit: number): Promise<JobRun[]>;
  /** Records success of the attempt; a no-op when the attempt is no longer the job's current one. */
  complete(run: JobRun): Promise<void>;
  /** Records failure of the attempt: a retry after back-off while attempts are left, else failed. */
  fail(run: JobRun, error: string): Promise<void>;
  /** Fails attempts whose process stopped or whose handler hung past its timeout, and purges old finished jobs. */
  maintain(): Promise<void>;
  /** True while a job of these names is running, due, or waiting for a retry (in any process). */
  busy(names: readonly string[]): Promise<boolean>;
  get(name: string, id: string): Promise<JobSnapshot | undefined>;
  /** Releases what the store holds (not the database). */
  close(): Promise<void>;
}

/** Finished jobs are kept this long for inspection, then deleted (pg-boss's own default too). */
export const FINISHED_JOB_RETENTION_DAYS = 7;
