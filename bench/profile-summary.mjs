#!/usr/bin/env node
/**
 * Summarises a V8 CPU profile of the Trellis server taken with `BENCH_CPU_PROF=1 npm run bench`:
 * the functions with the most self time and the share of each package, for the whole run and
 * for each benchmark phase (phases.json, written next to the profile, holds their times on the
 * same monotonic clock as the profile's samples).
 *
 *   node bench/profile-summary.mjs [profile.cpuprofile] [--top 25] [--phase seed]
 *
 * Without a profile argument it reads the newest one in bench/results/profiles/.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const [value] = args.splice(index, 2).slice(1);
  return value;
};
const top = Number(option('top', 20));
const onlyPhase = option('phase', undefined);

let file = args[0];
const profileDir = join(here, 'results', 'profiles');
if (!file) {
  const profiles = existsSync(profileDir) ? readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile')) : [];
  if (profiles.length === 0) {
    process.stderr.write('No profile given and none in bench/results/profiles/ (run BENCH_CPU_PROF=1 npm run bench)\n');
    process.exit(2);
  }
  file = join(profileDir, profiles.sort((a, b) => statSync(join(profileDir, b)).mtimeMs - statSync(join(profileDir, a)).mtimeMs)[0]);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const phasesFile = join(dirname(file), 'phases.json');
const phases = existsSync(phasesFile) ? JSON.parse(readFileSync(phasesFile, 'utf8')).phases : [];

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));

function where(frame) {
  const url = frame.url ?? '';
  if (!url) return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return `${path.startsWith(root) ? relative(root, path) : path}:${frame.lineNumber + 1}`;
}

/** The package a frame belongs to: a node_modules package, Trellis core, Node's own code, or V8. */
function owner(frame) {
  const url = frame.url ?? '';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.includes('/core/dist/')) return '@trellis/core';
  if (url.includes('/sdk/dist/')) return '@trellis/sdk';
  if (url.startsWith('node:')) return 'node (internals)';
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : 'native / V8 builtins';
  return url;
}

/** Self time (µs) per node id over the samples whose time falls in [from, to). */
function selfTimes(from = -Infinity, to = Infinity) {
  const self = new Map();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < from || t >= to) continue;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
    total += delta;
  }
  return { self, total };
}

function report(title, from, to) {
  const { self, total } = selfTimes(from, to);
  if (total === 0) return;
  const idle = [...self].filter(([id]) => nodes.get(id).callFrame.functionName === '(idle)').reduce((sum, [, us]) => sum + us, 0);
  const busy = total - idle;
  const byFunction = new Map();
  const byOwner = new Map();
  for (const [id, us] of self) {
    const { callFrame } = nodes.get(id);
    if (callFrame.functionName === '(idle)') continue;
    const key = `${callFrame.functionName || '(anonymous)'}  ${where(callFrame)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const pkg = owner(callFrame);
    byOwner.set(pkg, (byOwner.get(pkg) ?? 0) + us);
  }
  const pct = (us) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`;
  const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  process.stdout.write(
    `\n## ${title}: ${(total / 1e6).toFixed(1)} s sampled, ${((busy / total) * 100).toFixed(0)} % busy (shares below are of busy time)\n\n`,
  );
  process.stdout.write('Self time by package:\n');
  for (const [pkg, us] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 12)) process.stdout.write(`  ${ms(us)} ${pct(us)}  ${pkg}\n`);
  process.stdout.write(`\nTop ${top} functions by self time:\n`);
  for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(`  ${ms(us)} ${pct(us)}  ${key}\n`);
}

process.stdout.write(`Profile ${relative(process.cwd(), file)}\n`);
if (!onlyPhase) report('Whole run');
for (const phase of phases) {
  if (onlyPhase && !phase.name.includes(onlyPhase)) continue;
  report(`Phase ${phase.name}`, phase.start, phase.end ?? Infinity);
}
