/**
 * Writes the benchmark's relations straight into a Trellis SQLite file (see bench/lib/relations.mjs),
 * in its own process so the benchmark's event loop (and its keep-alive connections to Trellis)
 * keeps running meanwhile.
 *
 *   node bench/seed-relations.mjs <database file> <colleague_of pairs> <created_by user id>
 *
 * Progress goes to stderr; the result is one JSON line on stdout.
 */
import { seedRelations } from './lib/relations.mjs';

const [dbFile, pairsArg, userId] = process.argv.slice(2);
if (!dbFile || !pairsArg || !userId) {
  process.stderr.write('usage: node bench/seed-relations.mjs <database file> <colleague_of pairs> <created_by user id>\n');
  process.exit(2);
}
const result = seedRelations({
  dbFile,
  colleaguePairs: Number(pairsArg),
  userId,
  log: (message) => process.stderr.write(`${message}\n`),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
