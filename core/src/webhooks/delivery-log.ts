import type { JsonObject } from '@trellis/sdk';
import type { Knex } from 'knex';
import { ValidationError } from '../errors.js';
import { newRecordId } from '../records/record-ids.js';

/** `pending` while attempts are left; `succeeded` once the receiver answered 2xx; `failed` when it never did. */
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** How one attempt at sending went. */
export interface AttemptOutcome {
  ok: boolean;
  /** The receiver's HTTP status, or null when none came (timeout, network error). */
  responseStatus: number | null;
  /** The start of the receiver's answer (at most 2 kB). */
  responseBody: string | null;
  error: string | null;
  durationMs: number;
  startedAt: string;
}

/** One attempt, as the delivery log shows it. */
export interface DeliveryAttempt extends Omit<AttemptOutcome, 'ok'> {
  attempt: number;
  status: 'succeeded' | 'failed';
}

/** One event sent (or being sent) to one webhook, with the outcome of its latest attempt and every attempt. */
export interface Delivery {
  /** Stable across retries: receivers see it as `X-Trellis-Delivery`. */
  id: string;
  webhookId: string;
  eventType: string;
  eventId: string;
  /** The body sent. */
  payload: JsonObject;
  /** Attempts made so far. */
  attempt: number;
  status: DeliveryStatus;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
  /** When the receiver accepted it. */
  deliveredAt: string | null;
  attempts: DeliveryAttempt[];
}

/** A delivery as the sender needs it. */
export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_type: string;
  event_id: string;
  payload: string;
  attempt: number;
  status: DeliveryStatus;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number | null;
  created_at: string;
  delivered_at: string | null;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  status: 'succeeded' | 'failed';
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number;
  started_at: string;
}

/** Largest page of the delivery log. */
export const MAX_DELIVERY_PAGE = 200;
const DELIVERIES = 'trellis_webhook_deliveries';
const ATTEMPTS = 'trellis_webhook_attempts';
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function attemptOf(row: AttemptRow): DeliveryAttempt {
  return {
    attempt: row.attempt,
    status: row.status,
    responseStatus: row.response_status,
    responseBody: row.response_body,
    error: row.error,
    durationMs: row.duration_ms,
    startedAt: row.started_at,
  };
}

function deliveryOf(row: DeliveryRow, attempts: AttemptRow[]): Delivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventType: row.event_type,
    eventId: row.event_id,
    payload: JSON.parse(row.payload) as JsonObject,
    attempt: row.attempt,
    status: row.status,
    responseStatus: row.response_status,
    responseBody: row.response_body,
    error: row.error,
    durationMs: row.duration_ms,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    attempts: attempts.filter((attempt) => attempt.delivery_id === row.id).map(attemptOf),
  };
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && ISO_INSTANT.test(String(value[0])) && typeof value[1] === 'string') {
      return value as [string, string];
    }
  } catch {
    // Reported below, like any other damaged cursor.
  }
  throw ValidationError.at('cursor', 'is not a cursor this server issued');
}

/** The delivery log: `trellis_webhook_deliveries` and the attempts of each delivery. */
export class DeliveryLog {
  constructor(private readonly knex: Knex) {}

  /** Writes one pending delivery of an event per webhook. */
  async open(webhookIds: string[], event: { type: string; id: string }, body: string): Promise<Array<{ id: string; webhookId: string }>> {
    const createdAt = new Date().toISOString();
    const rows = webhookIds.map((webhookId) => ({
      id: newRecordId(),
      webhook_id: webhookId,
      event_type: event.type,
      event_id: event.id,
      payload: body,
      attempt: 0,
      status: 'pending',
      created_at: createdAt,
    }));
    await this.knex(DELIVERIES).insert(rows);
    return rows.map((row) => ({ id: row.id, webhookId: row.webhook_id }));
  }

  /** A delivery's row, or undefined when it (or its webhook) was deleted. */
  async find(id: string): Promise<DeliveryRow | undefined> {
    return this.knex<DeliveryRow>(DELIVERIES).where({ id }).first();
  }

  /** A delivery with its attempts. */
  async get(id: string): Promise<Delivery | undefined> {
    const row = await this.find(id);
    return row && deliveryOf(row, await this.knex<AttemptRow>(ATTEMPTS).where({ delivery_id: id }).orderBy('attempt'));
  }

  /**
   * Records an attempt and makes it the delivery's latest outcome; a failure leaves the delivery
   * pending unless it was the last attempt. Recording the same attempt again (a job re-run after
   * a crash) replaces it.
   */
  async record(id: string, attempt: number, outcome: AttemptOutcome, last: boolean): Promise<void> {
    const { ok, responseStatus, responseBody, error, durationMs, startedAt } = outcome;
    const result = { response_status: responseStatus, response_body: responseBody, error, duration_ms: durationMs };
    await this.knex.transaction(async (trx) => {
      await trx(ATTEMPTS)
        .insert({ delivery_id: id, attempt, status: ok ? 'succeeded' : 'failed', ...result, started_at: startedAt })
        .onConflict(['delivery_id', 'attempt'])
        .merge();
      await trx(DELIVERIES)
        .where({ id })
        .update({
          ...result,
          attempt,
          status: ok ? 'succeeded' : last ? 'failed' : 'pending',
          delivered_at: ok ? new Date().toISOString() : null,
        });
    });
  }

  /** Gives a delivery up without an attempt (its job could not be queued, or its webhook was switched off). */
  async abandon(id: string, error: string): Promise<void> {
    await this.knex(DELIVERIES).where({ id }).update({ status: 'failed', error });
  }

  /** One page of a webhook's log, newest first. */
  async page(webhookId: string, limit: number, cursor?: string): Promise<{ data: Delivery[]; page: { next: string | null } }> {
    const query = this.knex<DeliveryRow>(DELIVERIES).where({ webhook_id: webhookId });
    if (cursor) {
      const [createdAt, id] = decodeCursor(cursor);
      query.andWhere((after) =>
        after.where('created_at', '<', createdAt).orWhere((tie) => tie.where({ created_at: createdAt }).andWhere('id', '<', id)),
      );
    }
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const attempts = page.length
      ? await this.knex<AttemptRow>(ATTEMPTS)
          .whereIn(
            'delivery_id',
            page.map((row) => row.id),
          )
          .orderBy('attempt')
      : [];
    const last = page.at(-1);
    const next = rows.length > limit && last ? Buffer.from(JSON.stringify([last.created_at, last.id])).toString('base64url') : null;
    return { data: page.map((row) => deliveryOf(row, attempts)), page: { next } };
  }
}
