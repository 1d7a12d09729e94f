import type { JsonObject, RecordRef } from '@trellis/sdk';
import type { Row, SqlRunner } from '../db/sql-runner.js';

/** What an erased value reads as in the audit log. */
export const REDACTED = '[redacted]';

/** An audit entry about a person, as the export shows it. */
export interface SubjectAuditEntry {
  id: string;
  occurred_at: string;
  action: string;
  actor: { userId: string | null; email: string | null; via: string; plugin: string | null };
  request_id: string | null;
  changes: JsonObject | null;
  details: JsonObject;
}

const ABOUT = 'FROM trellis_audit WHERE "entity" = ? AND "record_id" = ?';

/** The audit entries about a record (the audit log's `trellis_audit`), oldest first. */
export async function auditEntriesAbout(sql: SqlRunner, subject: RecordRef): Promise<SubjectAuditEntry[]> {
  const rows = await sql.query(
    `SELECT "id", "occurred_at", "action", "actor_user_id", "actor_email", "actor_via", "actor_plugin", "request_id", "changes", "details" ${ABOUT} ORDER BY "occurred_at", "id"`,
    [subject.entity, subject.id],
  );
  return rows.map(entryOf);
}

/**
 * Redacts the values in the audit entries about a record, keeping what happened, who did it
 * and when: every before/after of `changes` and every value of `details` becomes {@link REDACTED}.
 * The one place the append-only log is rewritten, inside the erasure's transaction.
 */
export async function redactAuditEntriesAbout(tx: SqlRunner, subject: RecordRef): Promise<number> {
  const rows = await tx.query(`SELECT "id", "changes", "details" ${ABOUT}`, [subject.entity, subject.id]);
  for (const row of rows) {
    await tx.query('UPDATE trellis_audit SET "changes" = ?, "details" = ? WHERE "id" = ?', [
      row.changes === null ? null : JSON.stringify(redactChanges(parse(row.changes))),
      JSON.stringify(redactValues(parse(row.details))),
      row.id,
    ]);
  }
  return rows.length;
}

function parse(text: unknown): JsonObject {
  return typeof text === 'string' ? (JSON.parse(text) as JsonObject) : {};
}

/** `{field: {before, after}}` with both sides redacted, an absent side left absent. */
function redactChanges(changes: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [field, change] of Object.entries(changes)) {
    out[field] = typeof change === 'object' && change !== null && !Array.isArray(change) ? redactValues(change) : REDACTED;
  }
  return out;
}

function redactValues(values: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(values)) out[key] = REDACTED;
  return out;
}

function entryOf(row: Row): SubjectAuditEntry {
  return {
    id: row.id as string,
    occurred_at: row.occurred_at as string,
    action: row.action as string,
    actor: {
      userId: row.actor_user_id as string | null,
      email: row.actor_email as string | null,
      via: row.actor_via as string,
      plugin: row.actor_plugin as string | null,
    },
    request_id: row.request_id as string | null,
    changes: row.changes === null ? null : parse(row.changes),
    details: parse(row.details),
  };
}
