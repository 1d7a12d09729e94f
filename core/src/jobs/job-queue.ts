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
  retries: number;
  backoffSeconds: number;
  timeoutSeconds: number;
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
  /** Begins polling and running jobs. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
  /** Resolves once no job that is due and registered is waiting or running (tests). */
  drain(): Promise<void>;
}
