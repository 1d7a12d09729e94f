/**
 * The baseline for `npm run bench`: the five benchmarked operations on the same SQLite file,
 * answered by node:http and better-sqlite3 with hand-written SQL. No framework, no auth, no
 * metadata, no validation beyond what the operation needs. It shows what the machine can do,
 * so Trellis's numbers can be read as a ratio to it.
 *
 *   node bench/bare-server.mjs <sqlite file> [port] [host]
 *
 * Routes:
 *   GET   /contact/:id
 *   GET   /contact/list/filtered     status = 'active' AND score > 50, ORDER BY score DESC, id DESC, 25 rows
 *   GET   /contact/list/by-last-name?after_last_name=&after_id=   the page after a (last_name, id) keyset cursor
 *   POST  /contact                   inserts one contact (JSON body), id = UUIDv7
 *   PATCH /contact/:id               sets the given score
 */
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';

const [file, portArg = '0', host = '127.0.0.1'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/bare-server.mjs <sqlite file> [port] [host]\n');
  process.exit(2);
}

const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');

const COLUMNS = 'id, created_at, updated_at, created_by, owner_id, first_name, last_name, email, company, score, created, status';
const PAGE = 25;

const byId = db.prepare(`SELECT ${COLUMNS} FROM contact WHERE id = ?`);
const filtered = db.prepare(`SELECT ${COLUMNS} FROM contact WHERE status = ? AND score > ? ORDER BY score DESC, id DESC LIMIT ?`);
const afterLastName = db.prepare(`SELECT ${COLUMNS} FROM contact WHERE (last_name, id) > (?, ?) ORDER BY last_name, id LIMIT ?`);
const insert = db.prepare(
  `INSERT INTO contact (${COLUMNS}) VALUES (@id, @created_at, @updated_at, NULL, NULL, @first_name, @last_name, @email, @company, @score, @created, @status)`,
);
const updateScore = db.prepare(`UPDATE contact SET score = ?, updated_at = ? WHERE id = ? RETURNING ${COLUMNS}`);

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

/** A page answered like Trellis does: one row more than asked tells whether there is a next page. */
function page(rows, cursorOf) {
  const data = rows.slice(0, PAGE);
  const next = rows.length > PAGE ? Buffer.from(JSON.stringify(cursorOf(data.at(-1)))).toString('base64url') : null;
  return { data, page: { next } };
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://bare');
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'contact') return send(res, 404, { title: 'Not found' });

  if (req.method === 'GET' && parts[1] === 'list' && parts[2] === 'filtered') {
    const rows = filtered.all('active', 50, PAGE + 1);
    return send(
      res,
      200,
      page(rows, (row) => [row.score, row.id]),
    );
  }
  if (req.method === 'GET' && parts[1] === 'list' && parts[2] === 'by-last-name') {
    const lastName = url.searchParams.get('after_last_name');
    const lastId = url.searchParams.get('after_id');
    if (lastName === null || lastId === null) return send(res, 400, { title: 'after_last_name and after_id are required' });
    const rows = afterLastName.all(lastName, lastId, PAGE + 1);
    return send(
      res,
      200,
      page(rows, (row) => [row.last_name, row.id]),
    );
  }
  if (req.method === 'GET' && parts.length === 2) {
    const row = byId.get(parts[1]);
    return row ? send(res, 200, { data: row }) : send(res, 404, { title: 'Not found' });
  }
  if (req.method === 'POST' && parts.length === 1) {
    const body = await readJson(req);
    const now = new Date().toISOString();
    const row = {
      id: uuidv7(),
      created_at: now,
      updated_at: now,
      created_by: null,
      owner_id: null,
      first_name: body.first_name ?? null,
      last_name: body.last_name ?? null,
      email: typeof body.email === 'string' ? body.email.trim().toLowerCase() : null,
      company: body.company ?? null,
      score: body.score ?? null,
      created: body.created ? new Date(body.created).toISOString() : null,
      status: body.status ?? null,
    };
    insert.run(row);
    return send(res, 201, { data: row });
  }
  if (req.method === 'PATCH' && parts.length === 2) {
    const body = await readJson(req);
    // .all() steps the RETURNING statement to completion, so the write commits now (.get() would
    // leave it open until the statement is reset).
    const [row] = updateScore.all(body.score, new Date().toISOString(), parts[1]);
    return row ? send(res, 200, { data: row }) : send(res, 404, { title: 'Not found' });
  }
  return send(res, 405, { title: 'Method not allowed' });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    if (!res.headersSent) send(res, 500, { title: 'Internal error', detail: error.message });
    else res.destroy(error);
  });
});
server.keepAliveTimeout = 65_000;

server.listen(Number(portArg), host, () => {
  const { port } = server.address();
  process.stdout.write(
    `Bare baseline is listening on http://${host}:${port} (SQLite ${db.prepare('SELECT sqlite_version() AS v').get().v})\n`,
  );
});

const stop = () => {
  server.closeAllConnections();
  server.close(() => {
    db.close();
    process.exit(0);
  });
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
