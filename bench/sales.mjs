#!/usr/bin/env node
/**
 * The sales benchmark (part of `npm run bench`): starts Trellis on a fresh SQLite file with the
 * contacts and sales plugins enabled, seeds 100,000 open deals through the bulk records API
 * (10,000 of them in a pipeline of their own, the board measured; the rest in the default
 * pipeline), and load-tests the board of that pipeline and the forecast over all 100,000 deals,
 * against Trellis and against a bare node:http + better-sqlite3 server doing the same SQL on the
 * same file (bench/sales-bare-server.mjs). Writes bench/results/sales-latest.md.
 *
 * Environment:
 *   BENCH_SALES_DEALS        open deals in all (default 100000)
 *   BENCH_SALES_BOARD_DEALS  of which on the measured board (default 10000)
 *   BENCH_SALES_CONNECTIONS  concurrent connections (default 1: one user's latency)
 *   BENCH_DURATION, BENCH_WARMUP, BENCH_BATCH   as for bench/run.mjs
 *   BENCH_KEEP               1: keep the temporary directory
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from './lib/contacts.mjs';
import { measure } from './lib/load.mjs';
import { startServer, tail, waitForOk } from './lib/processes.mjs';
import { formatInt, formatMs, formatRate } from './lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const env = (name, fallback) => (process.env[name] ? Number(process.env[name].replace(/_/g, '')) : fallback);
const options = {
  deals: env('BENCH_SALES_DEALS', 100_000),
  boardDeals: env('BENCH_SALES_BOARD_DEALS', 10_000),
  durationS: env('BENCH_DURATION', 10),
  warmupS: env('BENCH_WARMUP', 2),
  // One connection: the latency of one user opening the board or the forecast. The p99 at 10
  // concurrent connections mostly measures queueing on a single SQLite process.
  connections: env('BENCH_SALES_CONNECTIONS', 1),
  batch: Math.min(env('BENCH_BATCH', 5_000), 10_000),
  keep: process.env.BENCH_KEEP === '1',
};
const TARGET_P99_MS = 100;
const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = 'bench-admin-password-1';
const log = (message) => process.stdout.write(`${message}\n`);
const tmp = mkdtempSync(join(tmpdir(), 'trellis-sales-bench-'));
const servers = [];

async function api(base, token, method, path, body, headers = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(300_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 2000)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Creates a pipeline's stages (3 open, won, lost) and returns them. */
async function stages(base, token, pipeline) {
  const rows = [
    { name: 'Discovery', probability: 20, kind: 'open', rotting_days: 14 },
    { name: 'Proposal', probability: 50, kind: 'open', rotting_days: 14 },
    { name: 'Negotiation', probability: 80, kind: 'open', rotting_days: 14 },
    { name: 'Won', probability: 100, kind: 'won' },
    { name: 'Lost', probability: 0, kind: 'lost' },
  ].map((stage, index) => ({ ...stage, pipeline, position: (index + 1) * 10 }));
  return (await api(base, token, 'POST', '/api/records/sales_stage', rows)).data;
}

/** Seeds `count` open deals over the given open stages, in bulk requests through the records API. */
async function seedDeals(base, token, count, openStages, owners, r) {
  const started = Date.now();
  for (let from = 0; from < count; from += options.batch) {
    const rows = [];
    for (let n = from; n < Math.min(count, from + options.batch); n++) {
      const month = 1 + r.int(0, 17);
      rows.push({
        title: `Deal ${n}`,
        amount: { amount: r.int(1, 200) * 500, currency: 'EUR' },
        expected_close: `${2026 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
        stage: openStages[n % openStages.length].id,
        owner_id: owners[n % owners.length],
        ...(n % 10 === 0 ? { probability: r.int(5, 95) } : {}),
      });
    }
    await api(base, token, 'POST', '/api/records/sales_deal', JSON.stringify(rows), { prefer: 'return=minimal' });
  }
  return count / ((Date.now() - started) / 1000);
}

function machine() {
  return `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GB, ${platform()} ${release()}, Node ${process.version}`;
}

async function main() {
  const dbFile = join(tmp, 'trellis.db');
  log(`Sales benchmark: ${formatInt(options.deals)} open deals, board of ${formatInt(options.boardDeals)} (temp dir ${tmp})`);
  const trellis = await startServer({
    name: 'Trellis',
    args: [join(root, 'core/dist/cli/main.js'), 'start'],
    env: {
      ...process.env,
      TRELLIS_DATABASE_URL: `sqlite:${dbFile}`,
      TRELLIS_DEFAULT_PLUGINS: 'contacts,sales',
      PORT: '0',
      HOST: '127.0.0.1',
      TRELLIS_ADMIN_EMAIL: ADMIN_EMAIL,
      TRELLIS_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
    logFile: join(tmp, 'trellis.log'),
    urlPattern: /listening on (http:\/\/\S+)/,
  });
  servers.push(trellis);
  await waitForOk(`${trellis.url}/ready`, trellis);
  const { token } = await api(trellis.url, undefined, 'POST', '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  const plugins = (await api(trellis.url, token, 'GET', '/api/plugins')).data;
  const sales = plugins.find((plugin) => plugin.name === 'sales');
  if (sales?.state !== 'enabled')
    throw new Error(`the sales plugin is ${sales?.state ?? 'missing'}: ${sales?.error ?? 'run npm run build first'}`);

  const owners = [];
  for (let i = 0; i < 10; i++)
    owners.push(
      (
        await api(trellis.url, token, 'POST', '/api/users', {
          email: `rep${i}@example.com`,
          name: `Rep ${i}`,
          password: ADMIN_PASSWORD,
          roles: ['sales_rep'],
        })
      ).data.id,
    );
  const r = createRandom(20261123);
  const main = (
    await api(trellis.url, token, 'GET', `/api/records/sales_pipeline?filter=${encodeURIComponent('{"is_default":{"eq":true}}')}`)
  ).data[0];
  const mainStages = (
    await api(
      trellis.url,
      token,
      'GET',
      `/api/records/sales_stage?filter=${encodeURIComponent(JSON.stringify({ pipeline: { eq: main.id }, kind: { eq: 'open' } }))}`,
    )
  ).data;
  const boardPipeline = (await api(trellis.url, token, 'POST', '/api/records/sales_pipeline', { name: 'Benchmark board' })).data;
  const boardStages = (await stages(trellis.url, token, boardPipeline.id)).filter((stage) => stage.kind === 'open');
  log(
    `Seeding ${formatInt(options.boardDeals)} deals on the board, then ${formatInt(options.deals - options.boardDeals)} in the default pipeline…`,
  );
  const rate = await seedDeals(trellis.url, token, options.boardDeals, boardStages, owners, r);
  const rate2 = await seedDeals(trellis.url, token, options.deals - options.boardDeals, mainStages, owners, r);
  log(`  ${formatInt(rate)} and ${formatInt(rate2)} deals/s through the bulk API (record hooks included)`);

  const bare = await startServer({
    name: 'bare',
    args: [join(here, 'sales-bare-server.mjs'), dbFile],
    env: process.env,
    logFile: join(tmp, 'bare.log'),
    urlPattern: /listening on (http:\/\/\S+)/,
  });
  servers.push(bare);

  // Both must agree before their speeds are compared.
  const a = await api(trellis.url, token, 'GET', `/api/plugins/sales/pipelines/${boardPipeline.id}/board`);
  const b = await api(bare.url, undefined, 'GET', `/board/${boardPipeline.id}`);
  const digest = (body) =>
    JSON.stringify(body.data.stages.map((s) => [s.id, s.count, s.amount, Math.round(s.weighted), s.deals.map((d) => d.id)]));
  if (digest(a) !== digest(b)) throw new Error(`board disagreement:\n${digest(a).slice(0, 500)}\n${digest(b).slice(0, 500)}`);
  const fa = (await api(trellis.url, token, 'GET', '/api/plugins/sales/forecast')).data.total;
  const fb = (await api(bare.url, undefined, 'GET', '/forecast')).data.total;
  if (fa.count !== options.deals || fa.count !== fb.count || Math.round(fa.weighted) !== Math.round(fb.weighted))
    throw new Error(`forecast disagreement: ${JSON.stringify(fa)} vs ${JSON.stringify(fb)}`);
  log(`Board and forecast agree with the baseline (${formatInt(fa.count)} open deals in the forecast).`);

  const scenarios = [
    {
      title: `Board (${formatInt(options.boardDeals)} open deals)`,
      trellis: `/api/plugins/sales/pipelines/${boardPipeline.id}/board`,
      bare: `/board/${boardPipeline.id}`,
    },
    { title: `Forecast (${formatInt(options.deals)} open deals)`, trellis: '/api/plugins/sales/forecast', bare: '/forecast' },
  ];
  const results = [];
  for (const scenario of scenarios) {
    const common = { connections: options.connections, durationS: options.durationS, warmupS: options.warmupS };
    log(`${scenario.title}…`);
    const onTrellis = await measure({
      ...common,
      url: trellis.url,
      headers: { authorization: `Bearer ${token}` },
      request: { method: 'GET', path: scenario.trellis },
    });
    const onBare = await measure({ ...common, url: bare.url, request: { method: 'GET', path: scenario.bare } });
    for (const [name, result] of [
      ['Trellis', onTrellis],
      ['bare', onBare],
    ])
      if (result.non2xx || result.errors || result.timeouts)
        throw new Error(`${scenario.title} on ${name}: ${JSON.stringify(result.statuses)}, ${result.errors} errors`);
    results.push({ scenario, trellis: onTrellis, bare: onBare });
  }

  const lines = [
    `# Sales benchmark — ${new Date().toISOString().slice(0, 10)}`,
    '',
    `${machine()}; ${options.connections} connections, ${options.durationS} s measured after ${options.warmupS} s warm-up; ${formatInt(options.deals)} open deals (${formatInt(options.boardDeals)} on the board), 10 owners.`,
    '',
    '| scenario | Trellis req/s | p50 ms | p99 ms | bare req/s | p50 ms | p99 ms | Trellis / bare | p99 ≤ 100 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...results.map(
      ({ scenario, trellis: t, bare: b }) =>
        `| ${scenario.title} | ${formatRate(t.requestsPerSecond)} | ${formatMs(t.p50)} | ${formatMs(t.p99)} | ${formatRate(b.requestsPerSecond)} | ${formatMs(b.p50)} | ${formatMs(b.p99)} | ${(t.requestsPerSecond / b.requestsPerSecond).toFixed(2)}× | ${t.p99 <= TARGET_P99_MS ? 'met' : '**missed**'} |`,
    ),
    '',
  ];
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'sales-latest.md'), lines.join('\n'));
  log(`\n${lines.join('\n')}\nWritten to bench/results/sales-latest.md.`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`\nSALES BENCHMARK FAILED: ${error instanceof Error ? error.stack : String(error)}\n`);
  for (const server of servers) process.stderr.write(`\n--- ${server.name} log ---\n${await tail(server.logFile, 30)}\n`);
  process.exitCode = 1;
} finally {
  await Promise.allSettled(servers.map((server) => server.stop()));
  if (options.keep) log(`Kept ${tmp}.`);
  else rmSync(tmp, { recursive: true, force: true });
}
