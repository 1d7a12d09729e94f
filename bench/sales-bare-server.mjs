/**
 * The baseline of the sales benchmark (`bench/sales.mjs`): the board and the forecast on the
 * same SQLite file, answered by node:http and better-sqlite3 with hand-written SQL that does
 * the same work as the sales plugin's routes. No framework, no auth, no metadata.
 *
 *   node bench/sales-bare-server.mjs <sqlite file> [port] [host]
 *
 * Routes:
 *   GET /board/:pipeline   stages in order; count, amount and weighted amount per stage (one GROUP BY,
 *                          answered from the (pipeline, stage, amount, probability) index);
 *                          the newest 25 deals of each stage (one (stage, id) index range each)
 *   GET /forecast          open deals (stage of kind open) grouped by stage, month of expected close
 *                          (the stored `expected_month`) and owner: count, amount, weighted amount,
 *                          answered from the (stage, expected_month, owner_id, amount, probability)
 *                          index; rolled up three ways
 *
 * The SQL is the SQL Trellis's records aggregate API issues for the sales routes (same columns,
 * same WHERE, same GROUP BY and ORDER BY), so both use the same indexes and the comparison
 * measures only what Trellis adds around the query.
 */
import { openBareDatabase, send, serveBare } from './lib/bare-http.mjs';

const bare = openBareDatabase('bench/sales-bare-server.mjs');
const { db } = bare;

const PAGE = 25;
const stagesOf = db.prepare('SELECT * FROM "sales_stage" WHERE "pipeline" = ? ORDER BY "position", "id" LIMIT 200');
const totals = db.prepare(
  'SELECT "stage", COUNT(*) AS count, SUM("amount") AS amount, SUM("amount" * "probability") AS weighted FROM "sales_deal" WHERE "pipeline" = ? GROUP BY 1 ORDER BY 1 LIMIT 1001',
);
const stageDeals = db.prepare('SELECT * FROM "sales_deal" WHERE "stage" = ? ORDER BY "id" DESC LIMIT ?');
const forecastGroups = db.prepare(
  `SELECT "stage", "expected_month" AS month, "owner_id", COUNT(*) AS count, SUM("amount") AS amount,
     SUM("amount" * "probability") AS weighted
   FROM "sales_deal" WHERE "stage" IN (SELECT "id" FROM "sales_stage" WHERE "kind" = 'open')
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LIMIT 10001`,
);

function board(pipeline) {
  const sums = new Map(totals.all(pipeline).map((row) => [row.stage, row]));
  const stages = stagesOf.all(pipeline).map((stage) => {
    const rows = stageDeals.all(stage.id, PAGE + 1);
    const sum = sums.get(stage.id);
    return {
      ...stage,
      count: sum?.count ?? 0,
      amount: sum?.amount ?? 0,
      weighted: (sum?.weighted ?? 0) / 100,
      deals: rows.slice(0, PAGE),
      next: rows.length > PAGE ? rows[PAGE - 1].id : null,
    };
  });
  return { data: { pipeline: { id: pipeline }, stages } };
}

function rollUp(rows, key) {
  const out = new Map();
  for (const row of rows) {
    const k = row[key];
    const slice = out.get(k) ?? { count: 0, amount: 0, weighted: 0 };
    slice.count += row.count;
    slice.amount += row.amount ?? 0;
    slice.weighted += (row.weighted ?? 0) / 100;
    out.set(k, slice);
  }
  return [...out].map(([k, slice]) => ({ [key]: k, ...slice }));
}

function forecast() {
  const rows = forecastGroups.all();
  const [total] = rollUp(
    rows.map((row) => ({ ...row, all: 'all' })),
    'all',
  );
  return { data: { total, byMonth: rollUp(rows, 'month'), byStage: rollUp(rows, 'stage'), byOwner: rollUp(rows, 'owner_id') } };
}

serveBare(bare, 'Bare sales baseline', (req, res) => {
  const parts = new URL(req.url, 'http://x').pathname.split('/').filter(Boolean);
  if (req.method === 'GET' && parts[0] === 'board' && parts[1]) return send(res, 200, board(parts[1]));
  if (req.method === 'GET' && parts[0] === 'forecast') return send(res, 200, forecast());
  return send(res, 404, { title: 'Not found' });
});
