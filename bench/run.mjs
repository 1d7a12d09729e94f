#!/usr/bin/env node
/**
 * `npm run bench`: seeds a fresh Trellis (SQLite) with contacts through the bulk API, then
 * load-tests five record operations against Trellis and against a bare node:http +
 * better-sqlite3 server on the same database file, and writes bench/results/latest.md.
 * With relations (the default) it also seeds companies (a tenth of the contacts, through the
 * bulk API) and relations (every contact employed_by a company, colleague_of pairs for a fifth
 * of the contacts; written straight into SQLite, see bench/lib/relations.mjs), and measures
 * listing one record's relations and a nested relation filter.
 *
 * Environment:
 *   BENCH_ROWS         contacts to seed (default 1000000)
 *   BENCH_DURATION     seconds measured per scenario and server (default 10)
 *   BENCH_WARMUP       seconds of warm-up before each measurement (default 2)
 *   BENCH_CONNECTIONS  concurrent connections (default 10)
 *   BENCH_BATCH        records per bulk request while seeding (default 5000)
 *   BENCH_IN_FLIGHT    bulk requests in flight while seeding (default 2)
 *   BENCH_ONLY         comma-separated scenarios to run: get,filtered,deep,create,update,relations,relation-filter
 *                      (default all)
 *   BENCH_RELATIONS    0: no companies, no relations, no relation scenarios (default 1)
 *   BENCH_SKIP_BARE    1: measure Trellis only
 *   BENCH_ANALYZE      1: run `PRAGMA optimize=0x10002` (ANALYZE) on the database after seeding, from a separate
 *                      connection. Trellis does not do this itself; use it only to see what planner statistics change
 *   BENCH_KEEP         1: keep the temporary directory (database and server logs) and print its path
 *   BENCH_CPU_PROF     1: run Trellis under `node --cpu-prof`; the profile and the phase times land in
 *                      bench/results/profiles/ (read them with `node bench/profile-summary.mjs`)
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { company, COMPANY_ENTITY, RELATION_FILTER, RELATION_TYPES } from './lib/companies.mjs';
import { contact, CONTACT_ENTITY, createRandom } from './lib/contacts.mjs';
import { measure } from './lib/load.mjs';
import { startServer, tail, waitForOk } from './lib/processes.mjs';
import { checkTargets, formatInt, formatMs, formatRate, renderReport } from './lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const require = createRequire(import.meta.url);

function envInt(name, fallback, min = 1) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

const SCENARIO_IDS = ['get', 'filtered', 'deep', 'create', 'update'];
const RELATION_SCENARIO_IDS = ['relations', 'relation-filter'];
const relationsOn = process.env.BENCH_RELATIONS !== '0';
const options = {
  rows: envInt('BENCH_ROWS', 1_000_000),
  relations: relationsOn,
  durationS: envInt('BENCH_DURATION', 10),
  warmupS: envInt('BENCH_WARMUP', 2, 0),
  connections: envInt('BENCH_CONNECTIONS', 10),
  batch: Math.min(envInt('BENCH_BATCH', 5_000), 10_000),
  inFlight: envInt('BENCH_IN_FLIGHT', 2),
  only: (process.env.BENCH_ONLY || [...SCENARIO_IDS, ...(relationsOn ? RELATION_SCENARIO_IDS : [])].join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  skipBare: process.env.BENCH_SKIP_BARE === '1',
  cpuProf: process.env.BENCH_CPU_PROF === '1',
  keep: process.env.BENCH_KEEP === '1',
  analyze: process.env.BENCH_ANALYZE === '1',
};
for (const id of options.only) {
  if (RELATION_SCENARIO_IDS.includes(id) && !options.relations)
    throw new Error(`BENCH_ONLY: "${id}" needs relations; BENCH_RELATIONS=0 turns them off`);
  if (!SCENARIO_IDS.includes(id) && !RELATION_SCENARIO_IDS.includes(id))
    throw new Error(`BENCH_ONLY: unknown scenario "${id}" (known: ${[...SCENARIO_IDS, ...RELATION_SCENARIO_IDS].join(', ')})`);
}
/** Companies and colleague_of pairs scale with the contacts: 100,000 and 200,000 for a million. */
options.companies = options.relations ? Math.max(1, Math.round(options.rows / 10)) : 0;
options.colleaguePairs = options.relations ? Math.round(options.rows / 5) : 0;

const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = 'bench-admin-password-1';
const resultsDir = join(here, 'results');
const profileDir = join(resultsDir, 'profiles');

function log(message) {
  process.stdout.write(`${message}\n`);
}

/** Phase boundaries on the monotonic clock (µs), to slice a CPU profile of the server by phase. */
const phases = [];
function phase(name) {
  const now = Number(process.hrtime.bigint() / 1000n);
  const open = phases.at(-1);
  if (open && open.end === undefined) open.end = now;
  if (name) phases.push({ name, start: now });
}

// ---------------------------------------------------------------------------------------------
// Everything started here is stopped and removed on every way out.

const tmp = mkdtempSync(join(tmpdir(), 'trellis-bench-'));
const servers = [];
let cleanedUp = false;

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  await Promise.allSettled(servers.map((server) => server.stop()));
  if (options.keep) log(`Kept ${tmp} (BENCH_KEEP=1): the database and the server logs.`);
  else rmSync(tmp, { recursive: true, force: true });
}

function cleanupNow() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const server of servers) server.killNow();
  if (!options.keep) rmSync(tmp, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`\n${signal}: stopping servers and removing ${tmp}`);
    cleanupNow();
    process.exit(130);
  });
}
process.once('exit', cleanupNow);

// ---------------------------------------------------------------------------------------------
// Talking to Trellis.

async function api(base, token, method, path, body, extraHeaders = {}) {
  const headers = { ...extraHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    // A stuck server fails the run instead of hanging it.
    signal: AbortSignal.timeout(300_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 2000)}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Seeds `rows` records of `entity` (made by `make(r, n)`) in bulk requests, `inFlight` at a
 * time; returns the rate and a sample of up to 100,000 ids.
 */
async function seed(base, token, { entity = 'contact', rows = options.rows, make = contact, seedValue = 20261123 } = {}) {
  const r = createRandom(seedValue);
  const batches = Math.ceil(rows / options.batch);
  const sampleEvery = Math.max(1, Math.floor(rows / 100_000));
  const ids = [];
  let nextBatch = 0;
  let done = 0;
  let lastReport = Date.now();
  const started = process.hrtime.bigint();

  async function worker() {
    for (;;) {
      const index = nextBatch++;
      if (index >= batches) return;
      const from = index * options.batch;
      const to = Math.min(rows, from + options.batch);
      const records = [];
      for (let n = from; n < to; n++) records.push(make(r, n));
      const body = JSON.stringify(records);
      const result = await api(base, token, 'POST', `/api/records/${entity}`, body, { prefer: 'return=minimal' });
      if (!Array.isArray(result?.data) || result.data.length !== records.length) {
        throw new Error(`bulk create of batch ${index} returned ${result?.data?.length} ids for ${records.length} records`);
      }
      for (let i = 0; i < result.data.length; i++) if ((from + i) % sampleEvery === 0) ids.push(result.data[i].id);
      done += records.length;
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        log(`  ${formatInt(done)} / ${formatInt(rows)} rows, ${formatInt(done / seconds)} rows/s`);
      }
    }
  }

  await Promise.all(Array.from({ length: options.inFlight }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, rowsPerSecond: rows / seconds, ids };
}

/**
 * Walks the list sorted by last_name with pages of 500 to a point deep in it. Returns the
 * Trellis cursor there, and the (last_name, id) of the row before it for the bare server.
 */
async function deepCursor(base, token) {
  const target = Math.max(500, Math.min(50_000, Math.floor(options.rows / 2 / 500) * 500));
  let cursor;
  let last;
  for (let offset = 0; offset < target; offset += 500) {
    const page = await api(
      base,
      token,
      'GET',
      `/api/records/contact?sort=last_name&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (!page.page.next) throw new Error(`the list sorted by last_name ended after ${offset + page.data.length} rows`);
    cursor = page.page.next;
    last = page.data.at(-1);
  }
  return { offset: target, cursor, lastName: last.last_name, lastId: last.id };
}

// ---------------------------------------------------------------------------------------------
// Scenarios: the same operation on Trellis and on the bare server.

const FILTER = JSON.stringify({ and: [{ status: { eq: 'active' } }, { score: { gt: 50 } }] });
const RELATION_FILTER_PATH = `/api/records/contact?filter=${encodeURIComponent(JSON.stringify(RELATION_FILTER))}&limit=25`;

function scenarios(ids, deep) {
  const pickId = (r) => ids[Math.floor(r.next() * ids.length)];
  let created = 0;
  const createBody = (r, tag) => JSON.stringify(contact(r, created++, tag));
  const all = [
    {
      id: 'get',
      title: 'Get by id',
      description: `GET one contact, a random one of ${formatInt(ids.length)} known ids per request`,
      trellis: (r) => ({ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/records/contact/${pickId(r)}` }) }),
      bare: (r) => ({ method: 'GET', setupRequest: (req) => ({ ...req, path: `/contact/${pickId(r)}` }) }),
    },
    {
      id: 'filtered',
      title: 'Filtered list',
      description: "status = 'active' AND score > 50, sorted by -score, 25 per page",
      trellis: () => ({ method: 'GET', path: `/api/records/contact?filter=${encodeURIComponent(FILTER)}&sort=-score&limit=25` }),
      bare: () => ({ method: 'GET', path: '/contact/list/filtered' }),
    },
    {
      id: 'deep',
      title: `Deep page (row ${formatInt(deep?.offset ?? 0)})`,
      description: `sorted by last_name, 25 per page, from a keyset cursor ${formatInt(deep?.offset ?? 0)} rows in`,
      trellis: () => ({ method: 'GET', path: `/api/records/contact?sort=last_name&limit=25&cursor=${encodeURIComponent(deep.cursor)}` }),
      bare: () => ({
        method: 'GET',
        path: `/contact/list/by-last-name?after_last_name=${encodeURIComponent(deep.lastName)}&after_id=${encodeURIComponent(deep.lastId)}`,
      }),
    },
    // The relation scenarios run before create: contacts created there have no relations, and
    // being the newest they would come first in the relation filter's newest-first scan.
    {
      id: 'relations',
      title: 'Relations of one record',
      description: `GET all relations of a random one of ${formatInt(ids.length)} known contacts (employed_by, colleague_of), 25 per type`,
      trellis: (r) => ({ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/records/contact/${pickId(r)}/relations` }) }),
      bare: (r) => ({ method: 'GET', setupRequest: (req) => ({ ...req, path: `/contact/${pickId(r)}/relations` }) }),
    },
    {
      id: 'relation-filter',
      title: 'Relation filter',
      description: 'contacts employed_by a company with country = FR and employees > 50, newest first, 25 per page',
      trellis: () => ({ method: 'GET', path: RELATION_FILTER_PATH }),
      bare: () => ({ method: 'GET', path: '/contact/list/employed-by-filtered' }),
    },
    {
      id: 'create',
      title: 'Create one',
      description: 'POST one new contact (unique e-mail per request)',
      trellis: (r) => ({ method: 'POST', path: '/api/records/contact', setupRequest: (req) => ({ ...req, body: createBody(r, 'tc') }) }),
      bare: (r) => ({ method: 'POST', path: '/contact', setupRequest: (req) => ({ ...req, body: createBody(r, 'bc') }) }),
    },
    {
      id: 'update',
      title: 'Update one',
      description: 'PATCH the score of a random known contact',
      trellis: (r) => ({
        method: 'PATCH',
        setupRequest: (req) => ({ ...req, path: `/api/records/contact/${pickId(r)}`, body: JSON.stringify({ score: r.int(0, 100) }) }),
      }),
      bare: (r) => ({
        method: 'PATCH',
        setupRequest: (req) => ({ ...req, path: `/contact/${pickId(r)}`, body: JSON.stringify({ score: r.int(0, 100) }) }),
      }),
    },
  ];
  return all.filter((scenario) => options.only.includes(scenario.id));
}

/** What a relations list must agree on: per type, the relations' ids and their objects. */
function relationsDigest(groups) {
  return JSON.stringify(
    groups.map((group) => [
      group.type.key,
      group.page.next,
      group.relations.map((relation) => [
        relation.id,
        relation.object.entity,
        relation.object.id,
        relation.object.label,
        relation.created_at,
      ]),
    ]),
  );
}

const SLOW_MS = 1_000;
const SLOW_MAX_S = 60;

/** Milliseconds one request of a read scenario takes on an idle Trellis (writes are not probed: 0). */
async function timeOne(base, token, scenario) {
  let request = scenario.trellis(createRandom(1));
  if (request.method !== 'GET') return 0;
  if (request.setupRequest) request = request.setupRequest({ ...request });
  const started = process.hrtime.bigint();
  await api(base, token, request.method, request.path, request.body);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Both servers must return the same rows for the list scenarios, or the ratio compares different work. */
async function checkSameRows(trellisBase, token, bareBase, deep, ids) {
  if (options.only.includes('relations')) {
    const r = createRandom(42);
    let colleagues = 0;
    for (let i = 0; i < 50; i++) {
      const id = ids[Math.floor(r.next() * ids.length)];
      const a = (await api(trellisBase, token, 'GET', `/api/records/contact/${id}/relations`)).data;
      const b = (await api(bareBase, undefined, 'GET', `/contact/${id}/relations`)).data;
      if (!a.some((group) => group.type.key === 'employed_by')) throw new Error(`contact ${id} has no employed_by relation`);
      if (a.some((group) => group.type.key === 'colleague_of')) colleagues++;
      if (relationsDigest(a) !== relationsDigest(b))
        throw new Error(
          `Trellis and the bare server disagree on the relations of ${id}:\n  ${relationsDigest(a)}\n  ${relationsDigest(b)}`,
        );
    }
    if (colleagues === 0) throw new Error('none of 50 sampled contacts has a colleague_of relation');
  }
  const pairs = [];
  if (options.only.includes('relation-filter')) pairs.push([RELATION_FILTER_PATH, '/contact/list/employed-by-filtered']);
  if (options.only.includes('filtered'))
    pairs.push([`/api/records/contact?filter=${encodeURIComponent(FILTER)}&sort=-score&limit=25`, '/contact/list/filtered']);
  if (deep) {
    pairs.push([
      `/api/records/contact?sort=last_name&limit=25&cursor=${encodeURIComponent(deep.cursor)}`,
      `/contact/list/by-last-name?after_last_name=${encodeURIComponent(deep.lastName)}&after_id=${encodeURIComponent(deep.lastId)}`,
    ]);
  }
  for (const [trellisPath, barePath] of pairs) {
    const a = await api(trellisBase, token, 'GET', trellisPath);
    const b = await api(bareBase, undefined, 'GET', barePath);
    const idsA = a.data.map((row) => row.id).join();
    const idsB = b.data.map((row) => row.id).join();
    if (a.data.length !== 25 || idsA !== idsB)
      throw new Error(`Trellis and the bare server disagree on ${barePath}:\n  ${idsA}\n  ${idsB}`);
  }
}

// ---------------------------------------------------------------------------------------------

/** Sizes of the database file and of its WAL, in MB. */
function databaseSizeMb(dbFile) {
  const mb = (file) => {
    try {
      return statSync(file).size / 1024 ** 2;
    } catch {
      return 0;
    }
  };
  return { db: Math.round(mb(dbFile)), wal: Math.round(mb(`${dbFile}-wal`)) };
}

function machineInfo() {
  const probe = new Database(':memory:');
  const sqlite = probe.prepare('SELECT sqlite_version() AS v').get().v;
  probe.close();
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    ramGb: (totalmem() / 1024 ** 3).toFixed(1),
    platform: `${platform()} ${release()}`,
    node: process.version,
    sqlite,
    betterSqlite3: require('better-sqlite3/package.json').version,
  };
}

async function main() {
  const started = Date.now();
  const dbFile = join(tmp, 'trellis.db');
  log(
    `Trellis benchmark: ${formatInt(options.rows)} rows, ${options.connections} connections, ${options.durationS} s per scenario (temp dir ${tmp})`,
  );

  if (options.cpuProf) mkdirSync(profileDir, { recursive: true });
  const trellis = await startServer({
    name: 'Trellis',
    args: [...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), join(root, 'core/dist/cli/main.js'), 'start'],
    env: {
      ...process.env,
      TRELLIS_DATABASE_URL: `sqlite:${dbFile}`,
      PORT: '0',
      HOST: '127.0.0.1',
      TRELLIS_ADMIN_EMAIL: ADMIN_EMAIL,
      TRELLIS_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // The benchmark defines its own contact entity: no default plugins (contacts would own one).
      TRELLIS_DEFAULT_PLUGINS: '',
    },
    logFile: join(tmp, 'trellis.log'),
    urlPattern: /listening on (http:\/\/\S+)/,
  });
  servers.push(trellis);
  await waitForOk(`${trellis.url}/ready`, trellis);
  const { token, user } = await api(trellis.url, undefined, 'POST', '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  await api(trellis.url, token, 'POST', '/api/meta/entities', CONTACT_ENTITY);
  log(`Trellis ${trellis.url} (pid ${trellis.pid}) is ready; entity "contact" created.`);

  log(`Seeding ${formatInt(options.rows)} contacts in batches of ${formatInt(options.batch)}, ${options.inFlight} in flight…`);
  phase('seed');
  const seeded = await seed(trellis.url, token);
  phase();
  seeded.dbSizeMb = databaseSizeMb(dbFile);
  log(
    `Seeded ${formatInt(options.rows)} rows in ${seeded.seconds.toFixed(1)} s: ${formatInt(seeded.rowsPerSecond)} rows/s (database ${seeded.dbSizeMb.db} MB, WAL ${seeded.dbSizeMb.wal} MB)`,
  );

  if (options.relations) {
    await api(trellis.url, token, 'POST', '/api/meta/entities', COMPANY_ENTITY);
    log(`\nSeeding ${formatInt(options.companies)} companies through the bulk API…`);
    phase('seed:companies');
    const companies = await seed(trellis.url, token, { entity: 'company', rows: options.companies, make: company, seedValue: 1_000_003 });
    phase();
    log(`  ${formatInt(options.companies)} companies in ${companies.seconds.toFixed(1)} s: ${formatInt(companies.rowsPerSecond)} rows/s`);
    for (const type of RELATION_TYPES) await api(trellis.url, token, 'POST', '/api/meta/relation-types', type);
    log(
      `Relation types employs/employed_by and colleague_of created. Writing ${formatInt(options.rows)} employed_by and ${formatInt(options.colleaguePairs)} colleague_of relations (two rows each) straight into SQLite…`,
    );
    phase('seed:relations');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(here, 'seed-relations.mjs'), dbFile, String(options.colleaguePairs), user.id],
      { maxBuffer: 1024 * 1024 },
    );
    const relations = JSON.parse(stdout.trim().split('\n').at(-1));
    phase();
    log(
      `  ${formatInt(relations.rows)} relation rows in ${relations.seconds.toFixed(1)} s (${formatInt(relations.rowsPerSecond)} rows/s); ANALYZE (all tables) ${relations.analyzeSeconds.toFixed(1)} s`,
    );
    seeded.relations = { companies, ...relations, dbSizeMb: databaseSizeMb(dbFile) };
  }

  if (options.analyze) {
    const started = Date.now();
    const db = new Database(dbFile);
    db.pragma('optimize=0x10002');
    db.close();
    log(
      `BENCH_ANALYZE=1: planner statistics gathered in ${((Date.now() - started) / 1000).toFixed(1)} s (not something Trellis does by itself).`,
    );
  }

  const needDeep = options.only.includes('deep');
  const deep = needDeep ? await deepCursor(trellis.url, token) : undefined;
  if (deep) log(`Deep cursor taken ${formatInt(deep.offset)} rows into the last_name order.`);

  let bare;
  if (!options.skipBare) {
    bare = await startServer({
      name: 'Bare baseline',
      args: [join(here, 'bare-server.mjs'), dbFile, '0', '127.0.0.1'],
      env: process.env,
      logFile: join(tmp, 'bare.log'),
      urlPattern: /listening on (http:\/\/\S+)/,
    });
    servers.push(bare);
    log(`Bare baseline ${bare.url} (pid ${bare.pid}) is up on the same file.`);
    await checkSameRows(trellis.url, token, bare.url, deep, seeded.ids);
  }

  const trellisHeaders = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const bareHeaders = { 'content-type': 'application/json' };
  const load = { connections: options.connections, durationS: options.durationS, warmupS: options.warmupS };
  const results = [];
  const failures = [];
  for (const scenario of scenarios(seeded.ids, deep)) {
    const r = createRandom(scenario.id.length * 7919);
    log(`\n${scenario.title}: ${scenario.description}`);
    // A scenario whose single request takes seconds would only time out under 10 connections:
    // it is measured with one connection, long enough for a few requests, and reported as such.
    const probeMs = await timeOne(trellis.url, token, scenario);
    const slow = probeMs > SLOW_MS;
    const scenarioLoad = slow
      ? {
          connections: 1,
          warmupS: 0,
          durationS: Math.min(SLOW_MAX_S, Math.max(options.durationS, Math.ceil((probeMs * 4) / 1000))),
          timeoutS: 300,
        }
      : load;
    if (slow) {
      log(
        `  one request took ${formatInt(probeMs)} ms: measured with 1 connection for ${scenarioLoad.durationS} s, no warm-up, 300 s timeout`,
      );
    }
    scenario.load = scenarioLoad;
    phase(`trellis:${scenario.id}`);
    const onTrellis = await measure({ url: trellis.url, headers: trellisHeaders, request: scenario.trellis(r), ...scenarioLoad });
    phase();
    log(
      `  Trellis ${formatRate(onTrellis.requestsPerSecond)} req/s, p50 ${formatMs(onTrellis.p50)} ms, p99 ${formatMs(onTrellis.p99)} ms, non-2xx ${onTrellis.non2xx}, errors ${onTrellis.errors}, WAL ${databaseSizeMb(dbFile).wal} MB`,
    );
    let onBare;
    if (bare) {
      onBare = await measure({ url: bare.url, headers: bareHeaders, request: scenario.bare(r), ...scenarioLoad });
      log(
        `  bare    ${formatRate(onBare.requestsPerSecond)} req/s, p50 ${formatMs(onBare.p50)} ms, p99 ${formatMs(onBare.p99)} ms, non-2xx ${onBare.non2xx}, errors ${onBare.errors}, WAL ${databaseSizeMb(dbFile).wal} MB`,
      );
    }
    for (const [name, result] of [
      ['Trellis', onTrellis],
      ['bare', onBare],
    ]) {
      if (result && (result.non2xx > 0 || result.errors > 0 || result.ok === 0)) {
        failures.push(
          `${scenario.title} on ${name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts; statuses ${JSON.stringify(result.statuses)}`,
        );
      }
    }
    results.push({
      scenario,
      trellis: onTrellis,
      bare: onBare,
      ratio: onBare ? onTrellis.requestsPerSecond / onBare.requestsPerSecond : NaN,
    });
  }

  const machine = machineInfo();
  const finalSize = databaseSizeMb(dbFile);
  log(`\nAfter the scenarios: database ${finalSize.db} MB, WAL ${finalSize.wal} MB.`);
  await Promise.all(servers.map((server) => server.stop()));

  if (!options.skipBare) {
    log(`\nSeeding baseline: the same ${formatInt(options.rows)} rows straight into a new SQLite file with the same schema…`);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(here, 'bare-seed.mjs'), dbFile, join(tmp, 'bare-seed.db'), String(options.rows), String(options.batch)],
      {
        maxBuffer: 1024 * 1024,
      },
    );
    seeded.bare = JSON.parse(stdout.trim().split('\n').at(-1));
    rmSync(join(tmp, 'bare-seed.db'), { force: true });
    log(
      `  bare    ${formatInt(seeded.bare.rowsPerSecond)} rows/s (${seeded.bare.seconds.toFixed(1)} s); Trellis / bare ${(seeded.rowsPerSecond / seeded.bare.rowsPerSecond).toFixed(2)}×`,
    );
  }
  if (options.cpuProf) writeFileSync(join(profileDir, 'phases.json'), `${JSON.stringify({ trellisPid: trellis.pid, phases }, null, 2)}\n`);

  const checks = checkTargets(seeded, results);
  const report = renderReport({ date: new Date().toISOString().slice(0, 10), machine, options, seed: seeded, results, checks, failures });
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.md'), report);
  log(`\n${report}`);
  log(`Written to bench/results/latest.md (whole run ${((Date.now() - started) / 1000).toFixed(0)} s).`);
  if (failures.length) {
    throw new Error(`Non-2xx responses or connection errors — the benchmark is invalid:\n  ${failures.join('\n  ')}`);
  }
}

try {
  await main();
  await cleanup();
} catch (error) {
  process.stderr.write(`\nBENCHMARK FAILED: ${error instanceof Error ? error.stack : String(error)}\n`);
  for (const server of servers) {
    await server.stop();
    process.stderr.write(`\n--- last lines of the ${server.name} log ---\n${await tail(server.logFile, 30)}\n`);
  }
  await cleanup();
  process.exitCode = 1;
}
