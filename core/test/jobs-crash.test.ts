import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/db/connect.js';
import { createJobQueue, type JobQueue, type JobRun } from '../src/jobs/index.js';
import { createLogger } from '../src/logger.js';
import { BLOCK_SETTINGS } from './fixtures/jobs/crash-settings.js';
import { openJobsDatabase, sleep, startQueue, until } from './fixtures/jobs/harness.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

interface LogLine {
  event: 'start' | 'done';
  id: string;
  name: string;
  attempt: number;
  pid: number;
}

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/jobs/${name}`, import.meta.url));

let database: TestDatabase;
let db: Database;
let dir: string;
let child: ChildProcess | undefined;
let taker: JobQueue | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openJobsDatabase(database.url);
  dir = mkdtempSync(join(tmpdir(), 'trellis-jobs-crash-'));
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await taker?.stop();
  await db.close();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

function readLog(file: string): LogLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);
}

/** Starts a core process running jobs on the test database (see fixtures/jobs/crash-worker.ts). */
function startWorker(logFile: string): { process: ChildProcess; exited: Promise<NodeJS.Signals | null>; stderr: () => string } {
  let stderr = '';
  const worker = spawn(process.execPath, [fixture('run-ts.mjs'), fixture('crash-worker.ts')], {
    env: { ...process.env, JOBS_DATABASE_URL: database.url, JOBS_LOG: logFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  worker.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => worker.once('exit', (_code, signal) => resolve(signal)));
  return { process: worker, exited, stderr: () => stderr };
}

it('runs a job cut short by a killed process again, exactly once, and never re-runs a finished one', async () => {
  const logFile = join(dir, 'worker.log');
  const worker = startWorker(logFile);
  child = worker.process;
  let crashed = false;
  void worker.exited.then(() => (crashed = true));

  // Queued from this process, which knows the jobs' policy but does not run them (never started).
  const enqueuer = createJobQueue(db, createLogger('silent'));
  const notHere = () => Promise.reject(new Error('the enqueuing process never runs jobs'));
  enqueuer.register({ name: 'test.quick', handler: notHere });
  enqueuer.register({ name: 'test.block', ...BLOCK_SETTINGS, handler: notHere });
  const quickId = await enqueuer.enqueue('test.quick', { n: 1 });
  const blockId = await enqueuer.enqueue('test.block', { n: 2 });
  const seen = (event: string, id: string) => readLog(logFile).some((line) => line.event === event && line.id === id);
  await until(
    () => {
      if (crashed) throw new Error(`the worker exited early:\n${worker.stderr()}`);
      return seen('done', quickId) && seen('start', blockId);
    },
    20_000,
    'the worker to finish one job and start the other',
  );

  worker.process.kill('SIGKILL');
  expect(await worker.exited).toBe('SIGKILL');
  child = undefined;
  expect(await enqueuer.get('test.block', blockId)).toMatchObject({ state: 'running', attempt: 1 });
  expect(await enqueuer.get('test.quick', quickId)).toMatchObject({ state: 'completed', attempt: 1 });
  await enqueuer.stop();

  // This process takes over, as a restarted core would.
  const ranHere: JobRun[] = [];
  const record = (run: JobRun) => {
    ranHere.push(run);
    return Promise.resolve();
  };
  taker = await startQueue(db);
  taker.register({ name: 'test.quick', handler: record });
  taker.register({ name: 'test.block', ...BLOCK_SETTINGS, handler: record });
  await until(async () => (await taker?.get('test.block', blockId))?.state === 'completed', 20_000, 'the interrupted job to complete');
  await taker.drain();
  await sleep(300);

  expect(ranHere).toEqual([{ id: blockId, name: 'test.block', payload: { n: 2 }, attempt: 2 }]);
  expect(await taker.get('test.block', blockId)).toMatchObject({ state: 'completed', attempt: 2 });
  expect(await taker.get('test.quick', quickId)).toMatchObject({ state: 'completed', attempt: 1 });
  const workerLog = readLog(logFile);
  expect(workerLog.filter((line) => line.id === quickId).map((line) => line.event)).toEqual(['start', 'done']);
  expect(workerLog.filter((line) => line.id === blockId)).toEqual([
    { event: 'start', id: blockId, name: 'test.block', attempt: 1, pid: worker.process.pid },
  ]);
});
