import type { PluginContext } from './context.js';
import type { JsonObject } from './json.js';

/**
 * What a job handler receives besides its payload.
 *
 * @example
 * ```ts
 * const run = async (payload: JsonObject, ctx: JobContext) => {
 *   ctx.services.get(Tokens.Logger).info('attempt', { job: ctx.jobId, attempt: ctx.attempt });
 * };
 * ```
 */
export interface JobContext extends PluginContext {
  /** The job's id: stable across retries, so handlers can use it as an idempotency key. */
  readonly jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  readonly attempt: number;
}

/**
 * A background job a plugin declares. Jobs are persisted; a failed run is retried with
 * exponential back-off (`backoffSeconds`, then twice that, …); a run cut short by a crash runs
 * again after restart. Handlers should be idempotent.
 *
 * @example
 * ```ts
 * const cleanup: JobDefinition = {
 *   name: 'purge_old_greetings',
 *   schedule: '0 3 * * *',
 *   async run(_payload, ctx) {
 *     ctx.services.get(Tokens.Logger).info('purging');
 *   },
 * };
 * ```
 */
export interface JobDefinition<P extends JsonObject = JsonObject> {
  /** Lower snake case, unique within the plugin; queued as `<plugin>.<name>`. */
  name: string;
  /** The work. Throwing fails the attempt (and schedules a retry while any are left). */
  run(payload: P, ctx: JobContext): void | Promise<void>;
  /** Retries after the first failed attempt (default 5). */
  retries?: number;
  /** Delay before the first retry, doubled for each next one (default 10). */
  backoffSeconds?: number;
  /** An attempt still running after this long counts as failed (default 300). */
  timeoutSeconds?: number;
  /** A five-field cron expression (UTC): the job is queued with an empty payload at each tick while the plugin is enabled. */
  schedule?: string;
}

/**
 * Options of {@link JobsApi.enqueue}.
 *
 * @example
 * ```ts
 * const options: EnqueueOptions = { delaySeconds: 30, singletonKey: `digest:${userId}` };
 * ```
 */
export interface EnqueueOptions {
  /** Run no earlier than this many seconds from now. */
  delaySeconds?: number;
  /** Run no earlier than this instant (ISO 8601). */
  runAt?: string;
  /** While a job with this key is waiting or running, enqueueing another returns the existing id. */
  singletonKey?: string;
}
