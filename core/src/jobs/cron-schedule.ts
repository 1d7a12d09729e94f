import { createHash } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import { v7 as uuidv7 } from 'uuid';
import { ValidationError } from '../errors.js';

// setTimeout's limit (about 24.8 days): a later tick is reached in several waits.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Checks a five-field UTC cron expression; returns the function giving its first tick after an instant. */
export function cronTicks(expression: string): (after: Date) => Date {
  if (typeof expression !== 'string' || expression.trim().split(/\s+/).length !== 5) {
    throw ValidationError.at('cron', 'must have five fields (minute hour day-of-month month day-of-week), e.g. "0 3 * * *"');
  }
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
  } catch (error) {
    throw ValidationError.at('cron', `is not a valid cron expression: ${(error as Error).message}`);
  }
  return (after) => CronExpressionParser.parse(expression, { currentDate: after, tz: 'UTC' }).next().toDate();
}

/**
 * The id of the job a tick queues: the same in every process, so that when several processes
 * queue one tick only the first insert stores a job. A valid UUIDv7 (its time is the tick's).
 */
export function tickId(name: string, tick: Date): string {
  const random = createHash('sha256').update(`${name}\u0000${tick.toISOString()}`).digest().subarray(0, 16);
  return uuidv7({ msecs: tick.getTime(), random });
}

interface Entry {
  name: string;
  next: (after: Date) => Date;
  timer?: NodeJS.Timeout;
}

/** Timers for cron schedules; each tick calls `fire` once per schedule; ticks missed while stopped (or stalled) are skipped, as cron does. */
export class CronScheduler {
  private readonly entries = new Set<Entry>();
  private running = false;

  constructor(private readonly fire: (name: string, tick: Date) => void) {}

  /** Adds a schedule (validated now); returns the function that removes it. */
  add(name: string, cron: string): () => void {
    const entry: Entry = { name, next: cronTicks(cron) };
    this.entries.add(entry);
    if (this.running) this.arm(entry, new Date());
    return () => {
      clearTimeout(entry.timer);
      this.entries.delete(entry);
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const entry of this.entries) this.arm(entry, new Date());
  }

  stop(): void {
    this.running = false;
    for (const entry of this.entries) clearTimeout(entry.timer);
  }

  private arm(entry: Entry, after: Date): void {
    const tick = entry.next(after);
    const wait = () => {
      const left = tick.getTime() - Date.now();
      // Timers may fire a millisecond early, and long waits are split: fire only once the tick is reached.
      if (left > 0) {
        entry.timer = setTimeout(wait, Math.min(left, MAX_TIMER_MS));
        entry.timer.unref();
        return;
      }
      this.fire(entry.name, tick);
      // Counted from this tick (or from now after a stall): a late timer never repeats a tick.
      this.arm(entry, new Date(Math.max(tick.getTime(), Date.now())));
    };
    wait();
  }
}
