/**
 * The seeding baseline for `npm run bench`: the same contacts, in transactions of the same
 * batch size, inserted straight into a fresh SQLite file with better-sqlite3 and a prepared
 * statement, under the same schema and indexes Trellis created. It is the ceiling Trellis's
 * bulk API could reach on this machine.
 *
 *   node bench/bare-seed.mjs <Trellis database to copy the schema from> <new database file> <rows> <batch>
 *
 * Prints one JSON line: {"rows", "seconds", "rowsPerSecond"} (row generation excluded).
 */
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { contact, createRandom } from './lib/contacts.mjs';

const [schemaFrom, file, rowsArg, batchArg] = process.argv.slice(2);
if (!schemaFrom || !file || !rowsArg || !batchArg) {
  process.stderr.write('usage: node bench/bare-seed.mjs <schema source db> <new db> <rows> <batch>\n');
  process.exit(2);
}
const rows = Number(rowsArg);
const batch = Number(batchArg);

const source = new Database(schemaFrom, { readonly: true });
const schema = source
  .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'contact' AND sql IS NOT NULL ORDER BY type = 'index', name")
  .all();
source.close();

const db = new Database(file);
// The pragmas Trellis opens SQLite with.
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -65536');
for (const { sql } of schema) db.exec(sql);

const insert = db.prepare(
  `INSERT INTO contact (id, created_at, updated_at, created_by, owner_id, first_name, last_name, email, company, score, created, status)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const insertBatch = db.transaction((records, now) => {
  for (const c of records) {
    insert.run(
      uuidv7(),
      now,
      now,
      USER_ID,
      USER_ID,
      c.first_name,
      c.last_name,
      c.email.trim().toLowerCase(),
      c.company,
      c.score,
      new Date(c.created).toISOString(),
      c.status,
    );
  }
});

/** Trellis sets both to the signed-in user; one fixed id here keeps the owner_id index the same shape. */
const USER_ID = '01a20000-0000-7000-8000-000000000001';
const r = createRandom(20261123);
let spent = 0n;
for (let from = 0; from < rows; from += batch) {
  const records = [];
  for (let n = from; n < Math.min(rows, from + batch); n++) records.push(contact(r, n));
  const started = process.hrtime.bigint();
  insertBatch(records, new Date().toISOString());
  spent += process.hrtime.bigint() - started;
}
db.close();
const seconds = Number(spent) / 1e9;
process.stdout.write(`${JSON.stringify({ rows, seconds, rowsPerSecond: rows / seconds })}\n`);
