import type { EnqueueOptions, JsonObject } from '@trellis/sdk';

/** One run of a job, as its handler sees it. */
export interface JobRun {
  id: string;
  /** Fully qualified name, `<plugin>.<job>` or `core.<job>`. */
  name: string;
  payload: JsonObject;
  /** 1 on the first run. */
  attempt: number;
}

/** How a job name is run; registered while its owner (a plugin, or core) is active. */
export interface JobRegistration {
  /** Fully qualified name. */
  name: string;
  handler(run: JobRun): Promise<void>;
  /** Retries after the first failed attempt (default {@link JOB_DEFAULTS}.retries). */
  retries?: number;
  /** Delay before the first retry, doubled for each next one (default {@link JOB_DEFAULTS}.backoffSeconds). */
  backoffSeconds?: number;
  /** An attempt still running after this long counts as failed (default {@link JOB_DEFAULTS}.timeoutSeconds). */
  timeoutSeconds?: number;
}

/** The SDK's documented defaults of a job's retry policy (see `JobDefinition`). */
export const JOB_DEFAULTS = { retries: 5, backoffSeconds: 10, timeoutSeconds: 300 } as const;

/** Where a job is in its life. */
export type JobState = 'waiting' | 'running' | 'completed' | 'failed';

/** A job as stored, for inspection (tests, delivery logs). */
export interface JobSnapshot {
  id: string;
  name: string;
  state: JobState;
  /** Attempts started so far (0 while it never ran). */
  attempt: number;
  payload: JsonObject;
  /** When it is (or was) due, ISO 8601. */
  runAt: string;
  /** The error of the last failed attempt, if any. */
  lastError: string | null;
}

/**
 * The job queue behind the SDK's JobsApi: persisted in the database on SQLite, pg-boss on
 * PostgreSQL. Jobs of a name nobody has registered (a disabled plugin's) wait until it is.
 */
export interface JobQueue {
  /** Starts running handlers for this name; returns the function that stops it (queued jobs stay). */
  register(registration: JobRegistration): () => void;
  /** Queues the named job at each tick of a five-field UTC cron expression; returns the function that stops it. */
  schedule(name: string, cron: string): () => void;
  /** Queues a job; resolves to its id. */
  enqueue(name: string, payload: JsonObject, options?: EnqueueOptions): Promise<string>;
  /** Reads one job, or undefined when there is none with this name and id. */
  get(name: string, id: string): Promise<JobSnapshot | undefined>;
  /** Begins polling and running jobs. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
  /**
   * Resolves once every job of a registered name has finished or failed for good, retries
   * included; jobs whose first run was set in the future are not waited for (tests).
   */
  drain(): Promise<void>;
}
