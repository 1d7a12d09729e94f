import type { EnqueueOptions, JsonObject } from '@trellis/sdk';
import { ConflictError, ValidationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { CronScheduler, tickId } from './cron-schedule.js';
import { JOB_DEFAULTS, type JobQueue, type JobRegistration, type JobRun, type JobSnapshot } from './job-queue.js';
import type { JobStore } from './job-store.js';
import { checkJobName, checkSingletonKey, dueAt, checkPayload, settingsOf, type JobSettings } from './validation.js';

/** Options of `createJobQueue`. */
export interface JobQueueOptions {
  /** How often to look for due jobs, in ms (default 1000); an enqueue in this process wakes the poller at once. */
  pollIntervalMs?: number;
  /** Most handlers running at once in this process (default 4). */
  concurrency?: number;
  /** How long stop() waits for running handlers, in ms (default 10000). */
  stopTimeoutMs?: number;
}

interface Registered {
  registration: JobRegistration;
  settings: JobSettings;
}

// Maintenance (handing back interrupted attempts) runs on the first poll, then every this many polls.
const POLLS_PER_MAINTENANCE = 10;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`job queue option ${name} must be a whole number above 0, got ${value}`);
  return value;
}

/**
 * Runs jobs from a {@link JobStore}: one poller per process with bounded concurrency, handler
 * timeouts, cron schedules and a bounded graceful stop — the same on every backend.
 */
export class JobRunner implements JobQueue {
  private readonly registered = new Map<string, Registered>();
  // Settings outlive their registration: jobs queued while a plugin is disabled keep its policy.
  private readonly known = new Map<string, JobSettings>();
  private readonly running = new Set<Promise<void>>();
  private readonly scheduler = new CronScheduler((name, tick) => this.queueTick(name, tick));
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private readonly stopTimeoutMs: number;
  private state: 'idle' | 'started' | 'stopped' = 'idle';
  private stopping: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private pollsToMaintenance = 0;

  constructor(
    private readonly store: JobStore,
    private readonly logger: Logger,
    options: JobQueueOptions = {},
  ) {
    this.pollIntervalMs = positive('pollIntervalMs', options.pollIntervalMs, 1000);
    this.concurrency = positive('concurrency', options.concurrency, 4);
    this.stopTimeoutMs = positive('stopTimeoutMs', options.stopTimeoutMs, 10_000);
  }

  register(registration: JobRegistration): () => void {
    const name = checkJobName(registration.name);
    if (typeof registration.handler !== 'function') throw ValidationError.at('handler', 'must be a function');
    if (this.registered.has(name)) throw new ConflictError('TRELLIS_JOB_REGISTERED', `Job ${name} already has a handler`);
    const entry = { registration, settings: settingsOf(registration) };
    this.registered.set(name, entry);
    this.known.set(name, entry.settings);
    this.wake();
    return () => {
      if (this.registered.get(name) === entry) this.registered.delete(name);
    };
  }

  schedule(name: string, cron: string): () => void {
    return this.scheduler.add(checkJobName(name), cron);
  }

  async enqueue(name: string, payload: JsonObject, options?: EnqueueOptions): Promise<string> {
    checkJobName(name);
    checkPayload(payload);
    const runAt = dueAt(options, Date.now());
    const singletonKey = checkSingletonKey(options);
    const id = await this.store.insert({ name, payload, runAt, singletonKey, settings: this.settingsFor(name) });
    this.wake();
    return id;
  }

  get(name: string, id: string): Promise<JobSnapshot | undefined> {
    return this.store.get(name, id);
  }

  start(): Promise<void> {
    if (this.state === 'stopped') return Promise.reject(new Error('a stopped job queue cannot be started again'));
    if (this.state === 'idle') {
      this.state = 'started';
      this.scheduler.start();
      // The first poll (and its maintenance) runs in the background: starting costs the server nothing.
      this.wake();
    }
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  async drain(): Promise<void> {
    if (this.state !== 'started') throw new Error('start the job queue before draining it');
    for (;;) {
      this.wake();
      while (this.polling) await this.polling;
      if (this.running.size) {
        await Promise.allSettled([...this.running]);
        continue;
      }
      if (!(await this.store.busy([...this.registered.keys()]))) return;
      // Not claimable yet: waiting for a retry, running in another process, or interrupted and not yet handed back.
      await sleep(Math.min(this.pollIntervalMs, 50));
    }
  }

  private settingsFor(name: string): JobSettings {
    return this.registered.get(name)?.settings ?? this.known.get(name) ?? { ...JOB_DEFAULTS };
  }

  private queueTick(name: string, tick: Date): void {
    this.store
      .insert({ id: tickId(name, tick), name, payload: {}, settings: this.settingsFor(name) })
      .then(() => this.wake())
      .catch((error: unknown) => this.logger.error('could not queue a scheduled job', { job: name, tick: tick.toISOString(), error }));
  }

  /** Polls now, or right after the poll under way; then every pollIntervalMs. */
  private wake(): void {
    if (this.state !== 'started') return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.polling = this.poll()
      .catch((error: unknown) => this.logger.error('job poll failed', { error }))
      .finally(() => {
        this.polling = undefined;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.wake();
        } else if (this.state === 'started') {
          this.timer = setTimeout(() => this.wake(), this.pollIntervalMs).unref();
        }
      });
  }

  private async poll(): Promise<void> {
    if (this.pollsToMaintenance-- <= 0) {
      this.pollsToMaintenance = POLLS_PER_MAINTENANCE;
      await this.store.maintain();
    }
    const free = this.concurrency - this.running.size;
    if (free <= 0 || this.registered.size === 0) return;
    // Handlers as they were at the claim: an unregister during the claim does not orphan a claimed job.
    const registered = new Map(this.registered);
    for (const run of await this.store.claim([...registered.keys()], free)) {
      const entry = registered.get(run.name);
      if (entry) this.track(this.execute(run, entry));
    }
  }

  private track(execution: Promise<void>): void {
    this.running.add(execution);
    void execution.finally(() => {
      this.running.delete(execution);
      this.wake();
    });
  }

  private async execute(run: JobRun, { registration, settings }: Registered): Promise<void> {
    const error = await this.attempt(run, registration, settings.timeoutSeconds);
    try {
      if (error === undefined) {
        await this.store.complete(run);
      } else {
        this.logger.warn('job attempt failed', { job: run.name, id: run.id, attempt: run.attempt, error });
        await this.store.fail(run, error);
      }
    } catch (storeError) {
      // The attempt stays running in the store until its timeout passes; maintenance then hands it back.
      this.logger.error('could not record the outcome of a job attempt', { job: run.name, id: run.id, error: storeError });
    }
  }

  /** Runs the handler; resolves to undefined on success, else to the error message (a hung handler times out). */
  private attempt(run: JobRun, registration: JobRegistration, timeoutSeconds: number): Promise<string | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(`timed out after ${timeoutSeconds} s`), timeoutSeconds * 1000);
      Promise.resolve()
        .then(() => registration.handler({ ...run }))
        .then(
          () => resolve(undefined),
          (error: unknown) => resolve(error instanceof Error ? error.message : String(error)),
        )
        .finally(() => clearTimeout(timer));
    });
  }

  private async shutDown(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.timer);
    this.scheduler.stop();
    while (this.polling) await this.polling;
    const finished = await Promise.race([
      Promise.allSettled([...this.running]).then(() => true),
      sleep(this.stopTimeoutMs).then(() => false),
    ]);
    if (!finished) {
      this.logger.warn('job queue stopped with handlers still running; their jobs run again once their timeout passes', {
        running: this.running.size,
      });
    }
    await this.store.close();
  }
}
