import type { JsonObject } from '@trellis/sdk';
import type { Knex } from 'knex';
import PgBoss from 'pg-boss';
import type { Database } from '../db/connect.js';
import type { Logger } from '../logger.js';
import type { JobRun, JobSnapshot, JobState } from './job-queue.js';
import { FINISHED_JOB_RETENTION_DAYS, type JobStore, type NewJob } from './job-store.js';
import type { JobSettings } from './validation.js';

/** pg-boss's schema in the Trellis database. */
export const PG_BOSS_SCHEMA = 'trellis_jobs';

// Waiting jobs of a disabled plugin must wait for it, not expire after pg-boss's default 14 days.
const WAITING_RETENTION_DAYS = 3650;
// Names are bound as one JSON array, as on SQLite.
const NAMES = 'name IN (SELECT jsonb_array_elements_text(?::jsonb))';
const DUE_NAMES = `SELECT DISTINCT name FROM ${PG_BOSS_SCHEMA}.job WHERE state < 'active' AND start_after < now() AND ${NAMES}`;
const BUSY = `SELECT 1 AS busy FROM ${PG_BOSS_SCHEMA}.job
  WHERE (state IN ('active', 'retry') OR (state = 'created' AND start_after < now())) AND ${NAMES} LIMIT 1`;
const INSTALLED = `SELECT to_regclass('${PG_BOSS_SCHEMA}.version') IS NOT NULL AS installed`;
const SINGLETON_LOCK = 'SELECT pg_advisory_xact_lock(hashtext($1))';
// Creating a queue adds a partition and a foreign key: two at once (even of different names) can deadlock.
const QUEUE_LOCK = `SELECT pg_advisory_lock(hashtext('${PG_BOSS_SCHEMA}.create_queue'))`;
const QUEUE_UNLOCK = `SELECT pg_advisory_unlock(hashtext('${PG_BOSS_SCHEMA}.create_queue'))`;
const SINGLETON_HOLDER = `SELECT id FROM ${PG_BOSS_SCHEMA}.job
  WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry', 'active') LIMIT 1`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STATES: Record<string, JobState> = {
  created: 'waiting',
  retry: 'waiting',
  active: 'running',
  completed: 'completed',
  cancelled: 'failed',
  failed: 'failed',
};

interface PgConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** pg-boss runs its SQL on connections of knex's pool: no second pool per process. */
function connections(knex: Knex) {
  const client = knex.client as { acquireConnection(): Promise<PgConnection>; releaseConnection(conn: PgConnection): Promise<void> };
  const withConnection = async <T>(work: (conn: PgConnection) => Promise<T>): Promise<T> => {
    const conn = await client.acquireConnection();
    try {
      return await work(conn);
    } finally {
      await client.releaseConnection(conn);
    }
  };
  const pooled: PgBoss.Db = { executeSql: (text, values) => withConnection((conn) => conn.query(text, values)) };
  // The lock is held on a connection of its own while pg-boss creates the queue on another.
  const serialised = (lock: string, unlock: string, work: () => Promise<void>): Promise<void> =>
    withConnection(async (conn) => {
      await conn.query(lock);
      try {
        await work();
      } finally {
        await conn.query(unlock);
      }
    });
  const transaction = <T>(work: (tx: PgConnection) => Promise<T>): Promise<T> =>
    withConnection(async (conn) => {
      await conn.query('BEGIN');
      try {
        const result = await work(conn);
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK');
        throw error;
      }
    });
  return { pooled, transaction, serialised };
}

/** pg-boss counts whole seconds, at least one for an expiry; a 0 back-off retries at once. */
function sendOptions(settings: JobSettings): PgBoss.SendOptions {
  const backoff = Math.ceil(settings.backoffSeconds);
  return {
    retryLimit: settings.retries,
    retryDelay: backoff,
    retryBackoff: backoff > 0,
    expireInSeconds: Math.max(1, Math.ceil(settings.timeoutSeconds)),
  };
}

/**
 * The queue of a PostgreSQL deployment: pg-boss in its own schema, so several core processes
 * share the work (pg-boss claims with FOR UPDATE SKIP LOCKED). pg-boss starts — and creates its
 * schema — on the first enqueue in any process; until then a poll is one catalogue lookup, which
 * keeps the start of a server (and of every test app) cheap.
 */
export function createPgBossStore(db: Database, logger: Logger): JobStore {
  const { pooled, transaction, serialised } = connections(db.knex);
  const queues = new Map<string, Promise<void>>();
  let boss: Promise<PgBoss> | undefined;
  let rotation = 0;

  const started = (): Promise<PgBoss> => {
    boss ??= (async () => {
      const instance = new PgBoss({
        db: pooled,
        schema: PG_BOSS_SCHEMA,
        schedule: false,
        retentionDays: WAITING_RETENTION_DAYS,
        deleteAfterDays: FINISHED_JOB_RETENTION_DAYS,
      });
      instance.on('error', (error) => logger.error('pg-boss failed', { error }));
      return instance.start();
    })().catch((error: unknown) => {
      boss = undefined;
      throw error;
    });
    return boss;
  };
  // Polls and reads must not create the schema: only an enqueue does.
  const ifInstalled = async (): Promise<PgBoss | undefined> => {
    if (boss) return boss;
    const [row] = await db.sql.query(INSTALLED);
    return row?.installed ? started() : undefined;
  };
  const queued = async (name: string): Promise<PgBoss> => {
    const instance = await started();
    let ready = queues.get(name);
    if (!ready) {
      ready = (async () => {
        if (!(await instance.getQueue(name))) await serialised(QUEUE_LOCK, QUEUE_UNLOCK, () => instance.createQueue(name));
      })();
      queues.set(name, ready);
      // A failed creation is tried again by the next enqueue (its caller sees the error).
      ready.catch(() => queues.delete(name));
    }
    await ready;
    return instance;
  };

  return {
    async insert(job: NewJob) {
      const instance = await queued(job.name);
      const options = sendOptions(job.settings);
      if (job.runAt) options.startAfter = job.runAt;
      if (job.id) options.id = job.id;
      if (job.singletonKey === undefined) {
        const id = (await instance.send(job.name, job.payload, options)) ?? job.id;
        if (!id) throw new Error(`pg-boss did not store job ${job.name}`);
        return id;
      }
      const key = job.singletonKey;
      options.singletonKey = key;
      // The lock serialises enqueues of one key across processes; pg-boss has no "waiting or running" uniqueness.
      return transaction(async (tx) => {
        await tx.query(SINGLETON_LOCK, [JSON.stringify([job.name, key])]);
        const { rows } = await tx.query(SINGLETON_HOLDER, [job.name, key]);
        if (rows[0]) return rows[0].id as string;
        const id = await instance.send(job.name, job.payload, { ...options, db: { executeSql: (text, values) => tx.query(text, values) } });
        if (!id) throw new Error(`pg-boss did not store job ${job.name}`);
        return id;
      });
    },
    async claim(names, limit) {
      const instance = names.length && limit > 0 ? await ifInstalled() : undefined;
      if (!instance) return [];
      const due = (await db.sql.query(DUE_NAMES, [JSON.stringify(names)])).map((row) => row.name as string);
      // Start each poll at a different name, so one busy queue cannot starve the others.
      rotation += 1;
      const ordered = due.map((_, i) => due[(i + rotation) % due.length] as string);
      const runs: JobRun[] = [];
      for (const name of ordered) {
        if (runs.length >= limit) break;
        const jobs = await instance.fetch<JsonObject>(name, { batchSize: limit - runs.length, includeMetadata: true });
        for (const job of jobs) runs.push({ id: job.id, name: job.name, payload: job.data, attempt: job.retryCount + 1 });
      }
      return runs;
    },
    async complete(run) {
      await (await started()).complete(run.name, run.id);
    },
    async fail(run, error) {
      await (await started()).fail(run.name, run.id, { message: error });
    },
    async maintain() {
      await (await ifInstalled())?.expire();
    },
    async busy(names) {
      if (!names.length || !(await ifInstalled())) return false;
      return (await db.sql.query(BUSY, [JSON.stringify(names)])).length > 0;
    },
    async get(name, id) {
      const instance = UUID.test(id) ? await ifInstalled() : undefined;
      const job = await instance?.getJobById<JsonObject>(name, id, { includeArchive: true });
      if (!job) return undefined;
      // A failed attempt stores { message }; pg-boss's own expiry stores { value: { message } }.
      const output = job.output as { message?: unknown; value?: { message?: unknown } } | null;
      const message = output?.message ?? output?.value?.message;
      return {
        id: job.id,
        name: job.name,
        state: STATES[job.state] ?? 'failed',
        attempt: job.startedOn ? job.retryCount + 1 : 0,
        payload: job.data,
        runAt: new Date(job.startAfter).toISOString(),
        lastError: STATES[job.state] !== 'completed' && typeof message === 'string' ? message : null,
      } satisfies JobSnapshot;
    },
    async close() {
      // A start that failed left nothing to stop (and was logged by the caller that awaited it).
      const instance = await boss?.catch(() => undefined);
      await instance?.stop({ close: false, graceful: true, wait: true });
    },
  };
}
