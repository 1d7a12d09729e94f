/** Formatting of the benchmark's Markdown report. */

export const TARGETS = {
  seedRowsPerSecond: 50_000,
  filteredP99Ms: 20,
  getByIdRequestsPerSecond: 5_000,
  ratioToBare: 0.6,
  relationsListP99Ms: 10,
  relationFilterP99Ms: 50,
};

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInt(value) {
  return Number.isFinite(value) ? int.format(value) : 'n/a';
}

/** Requests per second: whole numbers, with decimals below 10 (a slow scenario is not "0 req/s"). */
export function formatRate(value) {
  return Number.isFinite(value) && value < 10 ? value.toFixed(2) : formatInt(value);
}

export function formatMs(value) {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function percent(value) {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(0)} %`;
}

/** Each target with the measured value, met or missed, and by how much. */
export function checkTargets(seed, results) {
  const byId = Object.fromEntries(results.map((result) => [result.scenario.id, result]));
  const checks = [];
  checks.push({
    target: `Seeding through the bulk API ≥ ${formatInt(TARGETS.seedRowsPerSecond)} rows/s`,
    measured: `${formatInt(seed.rowsPerSecond)} rows/s`,
    met: seed.rowsPerSecond >= TARGETS.seedRowsPerSecond,
    margin: percent(seed.rowsPerSecond / TARGETS.seedRowsPerSecond - 1),
  });
  if (byId.filtered) {
    const p99 = byId.filtered.trellis.p99;
    checks.push({
      target: `Filtered list p99 ≤ ${TARGETS.filteredP99Ms} ms`,
      measured: `${formatMs(p99)} ms`,
      met: p99 <= TARGETS.filteredP99Ms,
      margin: percent(p99 / TARGETS.filteredP99Ms - 1),
    });
  }
  if (byId.get) {
    const rps = byId.get.trellis.requestsPerSecond;
    checks.push({
      target: `Get by id ≥ ${formatInt(TARGETS.getByIdRequestsPerSecond)} req/s`,
      measured: `${formatInt(rps)} req/s`,
      met: rps >= TARGETS.getByIdRequestsPerSecond,
      margin: percent(rps / TARGETS.getByIdRequestsPerSecond - 1),
    });
  }
  for (const [id, limit, title] of [
    ['relations', TARGETS.relationsListP99Ms, 'Relations of one record'],
    ['relation-filter', TARGETS.relationFilterP99Ms, 'Relation filter'],
  ]) {
    if (!byId[id]) continue;
    const p99 = byId[id].trellis.p99;
    checks.push({
      target: `${title} p99 ≤ ${limit} ms`,
      measured: `${formatMs(p99)} ms`,
      met: p99 <= limit,
      margin: percent(p99 / limit - 1),
    });
  }
  for (const result of results) {
    if (!result.bare) continue;
    checks.push({
      target: `${result.scenario.title}: Trellis ≥ ${TARGETS.ratioToBare}× bare req/s`,
      measured: `${result.ratio.toFixed(2)}×`,
      met: result.ratio >= TARGETS.ratioToBare,
      margin: percent(result.ratio / TARGETS.ratioToBare - 1),
    });
  }
  return checks;
}

/** The whole report as Markdown. */
export function renderReport({ date, machine, options, seed, results, checks, failures }) {
  const lines = [];
  lines.push(`# Trellis benchmark — ${date}`, '');
  if (failures.length) {
    lines.push('**FAILED** — some requests did not answer 2xx; the numbers below are not valid:', '');
    for (const failure of failures) lines.push(`- ${failure}`);
    lines.push('');
  }
  lines.push(
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, ${machine.platform}`,
    `- Node ${machine.node}, SQLite ${machine.sqlite} (better-sqlite3 ${machine.betterSqlite3})`,
    `- Rows: ${formatInt(options.rows)} contacts (database file ${seed.dbSizeMb.db} MB + WAL ${seed.dbSizeMb.wal} MB after seeding)`,
    ...(options.analyze
      ? [
          '- **BENCH_ANALYZE=1**: planner statistics were gathered after seeding (`PRAGMA optimize=0x10002`); Trellis does not do this by itself',
        ]
      : []),
    `- Load: autocannon, ${options.connections} connections, ${options.durationS} s per scenario after a ${options.warmupS} s warm-up`,
    '',
    '## Seeding',
    '',
    `${formatInt(options.rows)} rows in ${seed.seconds.toFixed(1)} s through \`POST /api/records/contact\` ` +
      `(batches of ${formatInt(options.batch)}, ${options.inFlight} in flight): **${formatInt(seed.rowsPerSecond)} rows/s**`,
    '',
    ...(seed.bare
      ? [
          `Bare baseline: the same rows and batches inserted with better-sqlite3 and a prepared statement into a new file with the same schema ` +
            `and indexes: ${formatInt(seed.bare.rowsPerSecond)} rows/s, so Trellis reaches ${(seed.rowsPerSecond / seed.bare.rowsPerSecond).toFixed(2)}× of it.`,
          '',
        ]
      : []),
    ...(seed.relations
      ? [
          '## Relations',
          '',
          `${formatInt(options.companies)} companies through \`POST /api/records/company\`: ${formatInt(seed.relations.companies.rowsPerSecond)} rows/s. ` +
            `${formatInt(seed.relations.employedBy)} employed_by and ${formatInt(seed.relations.colleagueOf)} colleague_of relations ` +
            `(${formatInt(seed.relations.rows)} rows, both directions) written straight into SQLite in ${seed.relations.seconds.toFixed(1)} s ` +
            `(${formatInt(seed.relations.rowsPerSecond)} rows/s), then \`ANALYZE\` (all tables) in ${seed.relations.analyzeSeconds.toFixed(1)} s. ` +
            `Database file ${seed.relations.dbSizeMb.db} MB + WAL ${seed.relations.dbSizeMb.wal} MB afterwards.`,
          '',
        ]
      : []),
    '## Requests',
    '',
    '| Scenario | Trellis req/s | p50 ms | p99 ms | Bare req/s | p50 ms | p99 ms | Trellis / bare |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  );
  const slow = [];
  for (const { scenario, trellis, bare, ratio } of results) {
    if (scenario.load?.connections === 1) slow.push(scenario);
    const bareCells = bare
      ? [formatRate(bare.requestsPerSecond), formatMs(bare.p50), formatMs(bare.p99), `${ratio.toFixed(2)}×`]
      : ['–', '–', '–', '–'];
    lines.push(
      `| ${scenario.title} | ${formatRate(trellis.requestsPerSecond)} | ${formatMs(trellis.p50)} | ${formatMs(trellis.p99)} | ${bareCells.join(' | ')} |`,
    );
  }
  lines.push(
    '',
    'Non-2xx responses: ' +
      results
        .map(({ scenario, trellis, bare }) => `${scenario.id} ${trellis.non2xx + trellis.errors}/${bare ? bare.non2xx + bare.errors : 0}`)
        .join(', ') +
      ' (Trellis/bare; must all be 0).',
  );
  for (const scenario of slow) {
    lines.push(
      '',
      `${scenario.title}: a single request took over a second, so it was measured with 1 connection for ${scenario.load.durationS} s without warm-up (on both servers).`,
    );
  }
  lines.push('', '## Targets', '', '| Target | Measured | Result |', '|---|--:|---|');
  for (const check of checks) lines.push(`| ${check.target} | ${check.measured} | ${check.met ? 'met' : 'MISSED'} (${check.margin}) |`);
  lines.push('');
  return lines.join('\n');
}
