/**
 * What the bare baselines (bench/bare-server.mjs, bench/sales-bare-server.mjs) share: the
 * SQLite file opened with the pragmas Trellis uses, JSON answers, and a plain node:http server
 * that prints its address and closes the file on SIGINT/SIGTERM. No framework, on purpose.
 */
import { createServer } from 'node:http';
import Database from 'better-sqlite3';

/** Reads `<sqlite file> [port] [host]` from the command line and opens the file. */
export function openBareDatabase(script) {
  const [file, port = '0', host = '127.0.0.1'] = process.argv.slice(2);
  if (!file) {
    process.stderr.write(`usage: node ${script} <sqlite file> [port] [host]\n`);
    process.exit(2);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  return { db, port: Number(port), host };
}

/** Answers `body` as JSON. */
export function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/**
 * Serves `handle(req, res)` (sync or async) on `port`/`host`; a thrown error is a 500. Prints
 * `<name> is listening on http://…` once listening (the benchmark waits for that line).
 */
export function serveBare({ db, port, host }, name, handle) {
  const fail = (res, error) => {
    if (!res.headersSent) send(res, 500, { title: 'Internal error', detail: error.message });
    else res.destroy(error);
  };
  const server = createServer((req, res) => {
    // A synchronous handler is not wrapped in a promise: the baseline should cost what it must.
    try {
      const answered = handle(req, res);
      if (answered instanceof Promise) answered.catch((error) => fail(res, error));
    } catch (error) {
      fail(res, error);
    }
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, host, () => {
    const { port: bound } = server.address();
    const version = db.prepare('SELECT sqlite_version() AS v').get().v;
    process.stdout.write(`${name} is listening on http://${host}:${bound} (SQLite ${version})\n`);
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
}
