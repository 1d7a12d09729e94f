import type { Knex } from 'knex';
import type { Database } from '../db/connect.js';
import { createSqlAccess, type SqlRunner } from '../db/sql-runner.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { newRecordId } from '../records/record-ids.js';
import type { AuditChange, AuditEntryInput, AuditLog } from './audit-log.js';
import { currentRequest } from './audit-context.js';

/** What a sensitive field's values become in the log: the fact that it changed stays. */
export const REDACTED = '[redacted]';

const INSERT = `INSERT INTO trellis_audit ("id", "occurred_at", "action", "entity", "record_id", "actor_user_id", "actor_email", "actor_via", "actor_plugin", "request_id", "changes", "details") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * The audit log in the `trellis_audit` table. Entries are only ever inserted; the request id
 * comes from the actor, else from the request being served.
 */
export class SqlAuditLog implements AuditLog {
  constructor(
    private readonly db: Database,
    private readonly store: MetadataStore,
  ) {}

  async record(entry: AuditEntryInput, runner: SqlRunner = this.db.sql): Promise<void> {
    const { actor } = entry;
    const entity = entry.entity ?? null;
    const changes = entry.changes ? this.redacted(entity, entry.changes) : null;
    await runner.query(INSERT, [
      newRecordId(),
      new Date().toISOString(),
      entry.action,
      entity,
      entry.recordId ?? null,
      actor.userId,
      actor.email ?? null,
      actor.via,
      actor.plugin ?? null,
      actor.requestId ?? currentRequest()?.requestId ?? null,
      changes ? JSON.stringify(changes) : null,
      JSON.stringify(entry.details ?? {}),
    ]);
  }

  /** Appends an entry inside a knex transaction (metadata changes, plugin steps). */
  recordIn(trx: Knex.Transaction, entry: AuditEntryInput): Promise<void> {
    return this.record(entry, createSqlAccess(trx, this.db.dialect));
  }

  /** The changes with the values of the entity's sensitive fields replaced by {@link REDACTED}. */
  private redacted(entity: string | null, changes: Record<string, AuditChange>): Record<string, AuditChange> {
    const fields = (entity && this.store.find(entity)?.meta.fields) || [];
    const sensitive = new Set(fields.filter((field) => field.sensitive).map((field) => field.name));
    if (sensitive.size === 0) return changes;
    return Object.fromEntries(
      Object.entries(changes).map(([name, change]) => [
        name,
        sensitive.has(name) ? { before: hide(change.before), after: hide(change.after) } : change,
      ]),
    );
  }
}

/** A redacted value; an absent one (a create's before, a delete's after) stays absent. */
function hide(value: unknown): unknown {
  return value === undefined || value === null ? value : REDACTED;
}
