import type { ActorRef, JsonObject } from '@trellis/sdk';
import type { Row, SqlRunner } from '../db/sql-runner.js';
import { ValidationError } from '../errors.js';
import type { AuditChange } from './audit-log.js';

/** One audit entry as the API shows it. */
export interface AuditEntry {
  id: string;
  occurredAt: string;
  action: string;
  entity: string | null;
  recordId: string | null;
  actor: { userId: string | null; email: string | null; via: ActorRef['via']; plugin: string | null };
  requestId: string | null;
  changes: Record<string, Partial<AuditChange>> | null;
  details: JsonObject;
}

/** One page of entries, newest first. */
export interface AuditPage {
  data: AuditEntry[];
  page: { next: string | null };
}

/** What the admin query narrows to; every part is optional. */
export interface AuditFilters {
  /** An exact action, or a prefix ending in `*` (`record.*`). */
  action?: string;
  entity?: string;
  recordId?: string;
  /** A user id, or an e-mail when it holds `@`. */
  actor?: string;
  source?: ActorRef['via'];
  /** ISO timestamps: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

/** Paging of a query: how many entries and where the previous page ended. */
export interface AuditPaging {
  limit?: number;
  cursor?: string;
}

export const DEFAULT_AUDIT_LIMIT = 50;
export const MAX_AUDIT_LIMIT = 200;

const COLUMNS = `"id", "occurred_at", "action", "entity", "record_id", "actor_user_id", "actor_email", "actor_via", "actor_plugin", "request_id", "changes", "details"`;

/** A timestamp column as an ISO string (PostgreSQL hands back a Date). */
function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

function toEntry(row: Row): AuditEntry {
  return {
    id: row.id as string,
    occurredAt: iso(row.occurred_at),
    action: row.action as string,
    entity: (row.entity as string | null) ?? null,
    recordId: (row.record_id as string | null) ?? null,
    actor: {
      userId: (row.actor_user_id as string | null) ?? null,
      email: (row.actor_email as string | null) ?? null,
      via: row.actor_via as ActorRef['via'],
      plugin: (row.actor_plugin as string | null) ?? null,
    },
    requestId: (row.request_id as string | null) ?? null,
    changes: row.changes ? (JSON.parse(row.changes as string) as AuditEntry['changes']) : null,
    details: JSON.parse(row.details as string) as JsonObject,
  };
}

function encodeCursor(entry: AuditEntry): string {
  return Buffer.from(JSON.stringify([entry.occurredAt, entry.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) return value as [string, string];
  } catch {
    // Falls through to the 400 below.
  }
  throw ValidationError.at('cursor', 'is not a cursor of this list');
}

/**
 * Reads the audit log: a record's history and the admin query, both newest first, paged by
 * keyset on (occurred_at, id) so a page costs the same however deep it is.
 */
export class AuditQuery {
  constructor(private readonly sql: SqlRunner) {}

  /** A record's entries; readable even after the record was deleted (the caller checks access). */
  history(entity: string, recordId: string, paging: AuditPaging): Promise<AuditPage> {
    return this.search({ entity, recordId }, paging);
  }

  /** Entries matching every given filter. */
  async search(filters: AuditFilters, paging: AuditPaging): Promise<AuditPage> {
    const where: string[] = [];
    const bindings: unknown[] = [];
    const add = (condition: string, ...values: unknown[]) => {
      where.push(condition);
      bindings.push(...values);
    };
    if (filters.action?.endsWith('*')) add(`"action" LIKE ? ESCAPE '\\'`, `${filters.action.slice(0, -1).replace(/[%_\\]/g, '\\$&')}%`);
    else if (filters.action !== undefined) add(`"action" = ?`, filters.action);
    if (filters.entity !== undefined) add(`"entity" = ?`, filters.entity);
    if (filters.recordId !== undefined) add(`"record_id" = ?`, filters.recordId);
    if (filters.actor !== undefined) add(filters.actor.includes('@') ? `"actor_email" = ?` : `"actor_user_id" = ?`, filters.actor);
    if (filters.source !== undefined) add(`"actor_via" = ?`, filters.source);
    if (filters.from !== undefined) add(`"occurred_at" >= ?`, filters.from);
    if (filters.to !== undefined) add(`"occurred_at" < ?`, filters.to);
    if (paging.cursor !== undefined) {
      const [occurredAt, id] = decodeCursor(paging.cursor);
      add(`("occurred_at" < ? OR ("occurred_at" = ? AND "id" < ?))`, occurredAt, occurredAt, id);
    }
    const limit = paging.limit ?? DEFAULT_AUDIT_LIMIT;
    const text = `SELECT ${COLUMNS} FROM trellis_audit${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY "occurred_at" DESC, "id" DESC LIMIT ?`;
    const entries = (await this.sql.query(text, [...bindings, limit + 1])).map(toEntry);
    const data = entries.slice(0, limit);
    return { data, page: { next: entries.length > limit ? encodeCursor(data.at(-1) as AuditEntry) : null } };
  }
}
