/**
 * Seeds relations for `npm run bench` straight into the SQLite file, next to a running Trellis.
 *
 * Trellis has no bulk endpoint for relations, and one `POST /api/records/:entity/:id/relations`
 * per relation (a transaction with existence, duplicate and cardinality checks each) is far too
 * slow for 1.2 million of them. So the rows are written with better-sqlite3, exactly as the API
 * writes them: every relation is two rows, one per direction, each with a UUIDv7 id (from the
 * `uuid` package) and the other's id as `symmetric_id`, attributes '{}', the signed-in user as
 * `created_by`. Trellis keeps no relation rows in memory, so it serves them at once.
 */
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { createRandom } from './contacts.mjs';

const COLUMNS = [
  'id',
  'type',
  'subject_entity',
  'subject_id',
  'object_entity',
  'object_id',
  'symmetric_id',
  'attributes',
  'created_at',
  'created_by',
];

/**
 * Writes `employed_by` for every contact (to a random company; `employs` is the twin) and
 * `colleague_of` between `colleaguePairs` distinct random pairs of contacts, in transactions
 * of `batch` relations. Then gathers planner statistics for the new rows (`ANALYZE`) and makes
 * the open connections of Trellis load them. Returns counts and timings.
 */
export function seedRelations({ dbFile, colleaguePairs, userId, batch = 50_000, log = () => {} }) {
  const db = new Database(dbFile);
  // Trellis holds the file in WAL mode; this second writer waits while it writes.
  db.pragma('busy_timeout = 60000');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -262144');
  db.pragma('foreign_keys = ON');
  try {
    const contacts = db.prepare('SELECT "id" FROM "contact" ORDER BY "id"').pluck().all();
    const companies = db.prepare('SELECT "id" FROM "company" ORDER BY "id"').pluck().all();
    if (contacts.length < 2 || companies.length === 0)
      throw new Error(`nothing to relate: ${contacts.length} contacts, ${companies.length} companies`);
    const insert = db.prepare(
      `INSERT INTO "trellis_relations" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
    );
    const r = createRandom(0x5eed);
    const started = process.hrtime.bigint();
    let rows = 0;

    /** One relation, both rows: [subject, object] seen from the subject, then from the object. */
    const writePair = (type, twinType, subjectEntity, subjectId, objectEntity, objectId, now) => {
      const id = uuidv7();
      const twinId = uuidv7();
      insert.run(id, type, subjectEntity, subjectId, objectEntity, objectId, twinId, '{}', now, userId);
      insert.run(twinId, twinType, objectEntity, objectId, subjectEntity, subjectId, id, '{}', now, userId);
      rows += 2;
    };
    const inBatches = (total, write) => {
      const run = db.transaction((from, to, now) => {
        for (let i = from; i < to; i++) write(i, now);
      });
      for (let from = 0; from < total; from += batch) {
        run(from, Math.min(total, from + batch), new Date().toISOString());
        if ((from / batch) % 10 === 9) log(`  ${rows.toLocaleString('en-US')} relation rows written`);
      }
    };

    // Each contact is employed by one company.
    inBatches(contacts.length, (i, now) =>
      writePair('employed_by', 'employs', 'contact', contacts[i], 'company', companies[Math.floor(r.next() * companies.length)], now),
    );
    // Distinct unordered pairs of different contacts: a colleague_of pair is one relation either way round.
    const pairs = [];
    const seen = new Set();
    const n = contacts.length;
    const wanted = Math.min(colleaguePairs, Math.floor((n * (n - 1)) / 4));
    while (pairs.length < wanted) {
      const a = Math.floor(r.next() * n);
      const b = Math.floor(r.next() * n);
      if (a === b) continue;
      const key = Math.min(a, b) * n + Math.max(a, b);
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push([a, b]);
    }
    inBatches(pairs.length, (i, now) =>
      writePair('colleague_of', 'colleague_of', 'contact', contacts[pairs[i][0]], 'contact', contacts[pairs[i][1]], now),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    // Trellis refreshes statistics after writes through its API only, in the background once
    // writes pause (which may not have happened yet for the companies, or even the contacts,
    // while this connection held the write lock). So ANALYZE runs here, on every table. The
    // statistics reach connections that are already open only when they next load the schema:
    // a throwaway table is created and dropped to make Trellis's connections do so.
    const analyzeStarted = process.hrtime.bigint();
    db.exec('ANALYZE');
    db.exec('CREATE TABLE "bench_reload_schema" ("x"); DROP TABLE "bench_reload_schema";');
    const analyzeSeconds = Number(process.hrtime.bigint() - analyzeStarted) / 1e9;
    return {
      employedBy: contacts.length,
      colleagueOf: pairs.length,
      rows,
      seconds,
      rowsPerSecond: rows / seconds,
      analyzeSeconds,
    };
  } finally {
    db.close();
  }
}
