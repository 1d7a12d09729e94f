import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';

/** A sliding-window limit: at most `limit` events within any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * Seconds until the events that `events` selects (rows with a `created_at`) are under the limit
 * again, or 0 while they already are. Only the `limit` newest events within the window are read.
 */
export async function secondsOverLimit(events: Knex.QueryBuilder, window: RateWindow, now: number): Promise<number> {
  const times = await events
    .andWhere('created_at', '>', new Date(now - window.windowMs).toISOString())
    .orderBy('created_at', 'desc')
    .limit(window.limit)
    .pluck<string[]>('created_at');
  const oldest = times[window.limit - 1];
  return oldest === undefined ? 0 : Math.ceil((Date.parse(oldest) + window.windowMs - now) / 1000);
}

/**
 * Records an event in `table` (a new id, `created_at` = `now`), first dropping the events older
 * than `keepMs`: no window reaches them any more, and dropping them here keeps the table small.
 */
export async function recordEvent(knex: Knex, table: string, event: Record<string, unknown>, now: number, keepMs: number): Promise<void> {
  await knex(table)
    .where('created_at', '<', new Date(now - keepMs).toISOString())
    .delete();
  await knex(table).insert({ id: uuidv7(), ...event, created_at: new Date(now).toISOString() });
}
