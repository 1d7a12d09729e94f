import type { Knex } from 'knex';

/** Rows a table must gain, and at least double, before statistics are refreshed. */
const MIN_ROWS = 1_000;
const QUIET_MS = 1_000;

/**
 * SQLite has no autovacuum: without statistics, a filter on a low-cardinality indexed column
 * (status = 'active') wins over the index that serves the ORDER BY, and a million-row list
 * sorts hundreds of thousands of rows. After a table has roughly doubled through the API,
 * `PRAGMA optimize` runs once writes have paused, off the request path.
 */
export class StatisticsKeeper {
  private readonly written = new Map<string, { since: number; total: number }>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly knex: Knex) {}

  /** Counts rows written to a table; schedules a refresh when it has grown enough. */
  note(table: string, rows: number): void {
    const entry = this.written.get(table) ?? { since: 0, total: 0 };
    entry.since += rows;
    entry.total += rows;
    this.written.set(table, entry);
    if (entry.since >= MIN_ROWS && entry.since * 2 >= entry.total && !this.stopped) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.refresh(), QUIET_MS);
      this.timer.unref();
    }
  }

  private async refresh(): Promise<void> {
    this.timer = undefined;
    for (const entry of this.written.values()) if (entry.since * 2 >= entry.total) entry.since = 0;
    // Statistics are an optimisation: a refresh that fails (database closing) changes no data.
    await this.knex.raw('PRAGMA optimize = 0x10002').catch(() => undefined);
  }

  /** Stops scheduling (the database is closing). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
