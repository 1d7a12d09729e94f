import type { JsonObject } from '@trellis/sdk';
import type { SqlAccess } from '../db/sql-runner.js';
import { newRecordId } from '../records/record-ids.js';
import type { JobRun, JobSnapshot, JobState } from './job-queue.js';
import { FINISHED_JOB_RETENTION_DAYS, type JobStore, type NewJob } from './job-store.js';

// Names are bound as one JSON array, so the statement text (and its prepared statement) never varies.
const NAMES = 'name IN (SELECT value FROM json_each(?))';

const INSERT = `INSERT INTO trellis_jobs
  (id, name, payload, state, attempt, max_attempts, backoff_seconds, timeout_seconds, run_at, singleton_key, created_at, updated_at)
  VALUES (?, ?, ?, 'waiting', 0, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT DO NOTHING RETURNING id`;

const EXISTING = `SELECT id FROM trellis_jobs
  WHERE id = ? OR (name = ? AND singleton_key = ? AND state IN ('waiting', 'running')) LIMIT 1`;

// One statement claims the batch: no other connection can take the same job in between.
const CLAIM = `UPDATE trellis_jobs
  SET state = 'running', attempt = attempt + 1, locked_until = ? + CAST(timeout_seconds * 1000 AS INTEGER), updated_at = ?
  WHERE id IN (SELECT id FROM trellis_jobs WHERE state = 'waiting' AND run_at <= ? AND ${NAMES} ORDER BY run_at LIMIT ?)
  RETURNING id, name, payload, attempt`;

// The attempt number is the token of a claim: a late answer from an attempt that timed out changes nothing.
const COMPLETE = `UPDATE trellis_jobs SET state = 'completed', locked_until = NULL, completed_at = ?, updated_at = ?
  WHERE id = ? AND state = 'running' AND attempt = ?`;

/** A failed attempt: retried after backoff × 2^(attempt − 1) while attempts are left, else failed for good. */
const RETRY_OR_FAIL = `state = CASE WHEN attempt >= max_attempts THEN 'failed' ELSE 'waiting' END,
  run_at = CASE WHEN attempt >= max_attempts THEN run_at
    ELSE ? + CAST(backoff_seconds * 1000 * (1 << MIN(attempt - 1, 20)) AS INTEGER) END,
  locked_until = NULL, last_error = ?, updated_at = ?`;

const FAIL = `UPDATE trellis_jobs SET ${RETRY_OR_FAIL} WHERE id = ? AND state = 'running' AND attempt = ?`;

const RECOVER = `UPDATE trellis_jobs SET ${RETRY_OR_FAIL} WHERE state = 'running' AND locked_until <= ?`;

const PURGE = `DELETE FROM trellis_jobs WHERE id IN (
  SELECT id FROM trellis_jobs WHERE state IN ('completed', 'failed') AND updated_at < ? LIMIT 1000)`;

// Waiting for a retry counts as busy; waiting for a first run set in the future does not.
const BUSY = `SELECT 1 AS busy FROM trellis_jobs
  WHERE (state = 'running' OR (state = 'waiting' AND (run_at <= ? OR attempt > 0))) AND ${NAMES} LIMIT 1`;

const GET = `SELECT id, name, state, attempt, payload, run_at, last_error FROM trellis_jobs WHERE id = ? AND name = ?`;

const parsePayload = (json: unknown) => JSON.parse(json as string) as JsonObject;

const INTERRUPTED = 'the attempt did not finish in time (its process stopped, or the handler hung past its timeout)';

/** The persisted queue of a SQLite deployment: the `trellis_jobs` table of the Trellis database. */
export function createSqliteStore(sql: SqlAccess): JobStore {
  const nowIso = () => new Date().toISOString();
  return {
    // One short write transaction: the insert and, on a clash, the lookup of the job it clashed with.
    insert: (job: NewJob) =>
      sql.transaction(async (tx) => {
        const now = nowIso();
        const { settings } = job;
        const inserted = await tx.query(INSERT, [
          job.id ?? newRecordId(),
          job.name,
          JSON.stringify(job.payload),
          settings.retries + 1,
          settings.backoffSeconds,
          settings.timeoutSeconds,
          job.runAt?.getTime() ?? Date.now(),
          job.singletonKey ?? null,
          now,
          now,
        ]);
        const [row] = inserted.length ? inserted : await tx.query(EXISTING, [job.id ?? null, job.name, job.singletonKey ?? null]);
        if (!row) throw new Error(`job ${job.name} was neither stored nor found`);
        return row.id as string;
      }),
    async claim(names, limit) {
      if (!names.length || limit < 1) return [];
      const now = Date.now();
      const rows = await sql.query(CLAIM, [now, nowIso(), now, JSON.stringify(names), limit]);
      return rows.map((row) => ({
        id: row.id as string,
        name: row.name as string,
        payload: parsePayload(row.payload),
        attempt: Number(row.attempt),
      }));
    },
    async complete(run: JobRun) {
      const now = nowIso();
      await sql.query(COMPLETE, [now, now, run.id, run.attempt]);
    },
    async fail(run: JobRun, error: string) {
      await sql.query(FAIL, [Date.now(), error, nowIso(), run.id, run.attempt]);
    },
    async maintain() {
      const now = Date.now();
      await sql.query(RECOVER, [now, INTERRUPTED, nowIso(), now]);
      const cutoff = new Date(Date.now() - FINISHED_JOB_RETENTION_DAYS * 86_400_000).toISOString();
      await sql.query(PURGE, [cutoff]);
    },
    async busy(names) {
      if (!names.length) return false;
      const rows = await sql.query(BUSY, [Date.now(), JSON.stringify(names)]);
      return rows.length > 0;
    },
    async get(name, id) {
      const [row] = await sql.query(GET, [id, name]);
      if (!row) return undefined;
      return {
        id: row.id as string,
        name: row.name as string,
        state: row.state as JobState,
        attempt: Number(row.attempt),
        payload: parsePayload(row.payload),
        runAt: new Date(Number(row.run_at)).toISOString(),
        lastError: (row.last_error as string | null) ?? null,
      } satisfies JobSnapshot;
    },
    close: () => Promise.resolve(),
  };
}
