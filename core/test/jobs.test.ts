import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../src/db/connect.js';
import type { JobQueue, JobQueueOptions, JobRun } from '../src/jobs/index.js';
import { openJobsDatabase, sleep, startQueue, until } from './fixtures/jobs/harness.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let database: TestDatabase;
let db: Database;
let other: Database;
const queues: JobQueue[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openJobsDatabase(database.url);
  // A second connection pool on the same database: what a second core process would have.
  other = await openJobsDatabase(database.url);
});

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(queues.splice(0).map((queue) => queue.stop()));
});

afterAll(async () => {
  await other.close();
  await db.close();
  await database.drop();
});

async function queue(options: JobQueueOptions = {}, on: Database = db): Promise<JobQueue> {
  const started = await startQueue(on, options);
  queues.push(started);
  return started;
}

/** A handler that records its runs. */
function recorder(work: (run: JobRun) => Promise<void> = () => Promise.resolve()) {
  const runs: (JobRun & { at: number })[] = [];
  const handler = async (run: JobRun) => {
    runs.push({ ...run, at: Date.now() });
    await work(run);
  };
  return { runs, handler };
}

describe('running jobs', () => {
  it('runs a job queued in the same process at once, not at the next poll', async () => {
    const jobs = await queue({ pollIntervalMs: 60_000 });
    const { runs, handler } = recorder();
    jobs.register({ name: 'test.greet', handler });
    await sleep(100);
    const started = Date.now();
    const id = await jobs.enqueue('test.greet', { who: 'Ada', tags: ['vip'] });
    await until(() => runs.length === 1, 2000, 'the job to run');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(runs[0]).toMatchObject({ id, name: 'test.greet', payload: { who: 'Ada', tags: ['vip'] }, attempt: 1 });
    await until(async () => (await jobs.get('test.greet', id))?.state === 'completed', 2000, 'completion');
    expect(await jobs.get('test.greet', id)).toMatchObject({ state: 'completed', attempt: 1, lastError: null });
  });

  it('waits for delaySeconds and runAt before running a job', async () => {
    const jobs = await queue();
    const { runs, handler } = recorder();
    jobs.register({ name: 'test.later', handler });
    const queuedAt = Date.now();
    const delayed = await jobs.enqueue('test.later', { n: 1 }, { delaySeconds: 1 });
    const future = await jobs.enqueue('test.later', { n: 2 }, { runAt: new Date(Date.now() + 3_600_000).toISOString() });
    await jobs.drain();
    expect(runs).toHaveLength(0);
    expect(await jobs.get('test.later', delayed)).toMatchObject({ state: 'waiting', attempt: 0 });
    await until(() => runs.length === 1, 5000, 'the delayed job');
    expect(runs[0]?.id).toBe(delayed);
    expect((runs[0]?.at ?? 0) - queuedAt).toBeGreaterThanOrEqual(950);
    expect(await jobs.get('test.later', future)).toMatchObject({ state: 'waiting', attempt: 0 });
  });

  it('never runs more handlers at once than its concurrency', async () => {
    const jobs = await queue({ concurrency: 2 });
    let active = 0;
    let most = 0;
    const { runs, handler } = recorder(async () => {
      active += 1;
      most = Math.max(most, active);
      await sleep(60);
      active -= 1;
    });
    jobs.register({ name: 'test.slow', handler });
    await Promise.all(Array.from({ length: 6 }, (_, n) => jobs.enqueue('test.slow', { n })));
    await jobs.drain();
    expect(runs).toHaveLength(6);
    expect(most).toBe(2);
  });

  it('keeps jobs of a name nobody handles waiting until a handler registers, and stops on unregister', async () => {
    const jobs = await queue();
    const id = await jobs.enqueue('test.orphan', { n: 1 });
    await jobs.drain();
    await sleep(150);
    expect(await jobs.get('test.orphan', id)).toMatchObject({ state: 'waiting', attempt: 0 });
    const { runs, handler } = recorder();
    const unregister = jobs.register({ name: 'test.orphan', handler });
    await jobs.drain();
    expect(runs.map((run) => run.id)).toEqual([id]);
    unregister();
    const later = await jobs.enqueue('test.orphan', { n: 2 });
    await sleep(200);
    expect(runs).toHaveLength(1);
    expect(await jobs.get('test.orphan', later)).toMatchObject({ state: 'waiting' });
  });

  it('returns the waiting job for a singleton key in use, and queues anew once it finished', async () => {
    const jobs = await queue();
    const first = await jobs.enqueue('test.digest', { n: 1 }, { singletonKey: 'user:1', delaySeconds: 0.3 });
    expect(await jobs.enqueue('test.digest', { n: 2 }, { singletonKey: 'user:1' })).toBe(first);
    const otherKey = await jobs.enqueue('test.digest', { n: 3 }, { singletonKey: 'user:2' });
    expect(otherKey).not.toBe(first);
    const { runs, handler } = recorder();
    jobs.register({ name: 'test.digest', handler });
    await until(() => runs.length === 2, 5000, 'both digests');
    expect(runs.map((run) => run.payload.n).sort()).toEqual([1, 3]);
    await jobs.drain();
    const again = await jobs.enqueue('test.digest', { n: 4 }, { singletonKey: 'user:1' });
    expect(again).not.toBe(first);
  });

  it('waits for running handlers on stop', async () => {
    const jobs = await queue();
    let finished = false;
    jobs.register({
      name: 'test.finish',
      handler: async () => {
        await sleep(300);
        finished = true;
      },
    });
    const id = await jobs.enqueue('test.finish', {});
    await until(async () => (await jobs.get('test.finish', id))?.state === 'running', 2000, 'the job to start');
    await jobs.stop();
    expect(finished).toBe(true);
    const reader = await startQueue(db);
    queues.push(reader);
    expect(await reader.get('test.finish', id)).toMatchObject({ state: 'completed', attempt: 1 });
  });
});

describe('failures', () => {
  it('retries a failing job with growing delays until it succeeds, and drain waits for the retries', async () => {
    const jobs = await queue();
    const { runs, handler } = recorder((run) =>
      run.attempt < 3 ? Promise.reject(new Error(`flaky attempt ${run.attempt}`)) : Promise.resolve(),
    );
    jobs.register({ name: 'test.flaky', handler, retries: 3, backoffSeconds: 0.25 });
    const id = await jobs.enqueue('test.flaky', {});
    await jobs.drain();
    expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
    // pg-boss counts whole seconds (and adds up to as much again of jitter): the first delay is at least 1 s there.
    const base = database.dialect === 'postgres' ? 1000 : 250;
    const [first, second, third] = runs.map((run) => run.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(base - 20);
    expect(third - second).toBeGreaterThanOrEqual(2 * base - 20);
    expect(await jobs.get('test.flaky', id)).toMatchObject({ state: 'completed', attempt: 3 });
  });

  it('marks a job failed with its last error once its retries are used up', async () => {
    const jobs = await queue();
    const { runs, handler } = recorder((run) => Promise.reject(new Error(`broken on attempt ${run.attempt}`)));
    jobs.register({ name: 'test.broken', handler, retries: 1, backoffSeconds: 0 });
    const id = await jobs.enqueue('test.broken', {});
    await jobs.drain();
    expect(runs).toHaveLength(2);
    expect(await jobs.get('test.broken', id)).toMatchObject({ state: 'failed', attempt: 2, lastError: 'broken on attempt 2' });
  });

  it('fails an attempt that outlives its timeout', async () => {
    const jobs = await queue();
    jobs.register({ name: 'test.hang', handler: () => new Promise(() => undefined), retries: 0, timeoutSeconds: 0.3 });
    const id = await jobs.enqueue('test.hang', {});
    await until(async () => (await jobs.get('test.hang', id))?.state === 'failed', 5000, 'the timeout');
    expect(await jobs.get('test.hang', id)).toMatchObject({ state: 'failed', attempt: 1, lastError: 'timed out after 0.3 s' });
  });
});

describe('several queues on one database', () => {
  it('runs each job exactly once, spread over both', async () => {
    const first = await queue({ concurrency: 2 });
    const second = await queue({ concurrency: 2 }, other);
    const ranBy = new Map<string, string[]>();
    const handlerOf = (who: string) => async (run: JobRun) => {
      ranBy.set(run.id, [...(ranBy.get(run.id) ?? []), who]);
      await sleep(40);
    };
    first.register({ name: 'test.shared', handler: handlerOf('first') });
    second.register({ name: 'test.shared', handler: handlerOf('second') });
    const ids = await Promise.all(Array.from({ length: 16 }, (_, n) => (n % 2 ? first : second).enqueue('test.shared', { n })));
    await until(() => ranBy.size === ids.length, 15_000, 'every job to run');
    await Promise.all([first.drain(), second.drain()]);
    expect([...ranBy.keys()].sort()).toEqual([...ids].sort());
    for (const runners of ranBy.values()) expect(runners).toHaveLength(1);
    const counts = [...ranBy.values()].flat().reduce((tally, who) => tally.set(who, (tally.get(who) ?? 0) + 1), new Map<string, number>());
    expect(counts.get('first')).toBeGreaterThan(0);
    expect(counts.get('second')).toBeGreaterThan(0);
  });

  it('queues one job per cron tick however many queues hold the schedule', async () => {
    const nextMinute = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
    // Only the clock is faked (timers stay real): the next minute's tick is 300 ms away.
    vi.useFakeTimers({ toFake: ['Date'], now: nextMinute - 300, shouldAdvanceTime: true });
    const first = await queue();
    const second = await queue({}, other);
    const { runs, handler } = recorder();
    first.register({ name: 'test.tick', handler });
    second.register({ name: 'test.tick', handler });
    const stops = [first.schedule('test.tick', '* * * * *'), second.schedule('test.tick', '* * * * *')];
    await until(() => runs.length > 0, 5000, 'the tick');
    await sleep(300);
    await Promise.all([first.drain(), second.drain()]);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.payload).toEqual({});
    for (const stop of stops) stop();
  });

  it('queues nothing more once a schedule is removed', async () => {
    const nextMinute = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
    vi.useFakeTimers({ toFake: ['Date'], now: nextMinute - 300, shouldAdvanceTime: true });
    const jobs = await queue();
    const { runs, handler } = recorder();
    jobs.register({ name: 'test.untick', handler });
    jobs.schedule('test.untick', '* * * * *')();
    await sleep(700);
    await jobs.drain();
    expect(runs).toHaveLength(0);
  });
});

describe('bad input', () => {
  const invalid = (path: string) => expect.objectContaining({ status: 400, errors: [expect.objectContaining({ path })] });

  it('refuses bad names, payloads and options, naming what is wrong', async () => {
    const jobs = await queue();
    await expect(jobs.enqueue('greet', {})).rejects.toEqual(invalid('name'));
    await expect(jobs.enqueue('Test.Greet', {})).rejects.toEqual(invalid('name'));
    await expect(jobs.enqueue('test.greet', [] as never)).rejects.toEqual(invalid('payload'));
    await expect(jobs.enqueue('test.greet', { blob: 'x'.repeat(256 * 1024) })).rejects.toEqual(invalid('payload'));
    await expect(jobs.enqueue('test.greet', {}, { delaySeconds: -1 })).rejects.toEqual(invalid('delaySeconds'));
    await expect(jobs.enqueue('test.greet', {}, { runAt: 'tomorrow' })).rejects.toEqual(invalid('runAt'));
    await expect(jobs.enqueue('test.greet', {}, { runAt: '2030-01-01T00:00:00Z', delaySeconds: 1 })).rejects.toEqual(invalid('runAt'));
    await expect(jobs.enqueue('test.greet', {}, { singletonKey: '' })).rejects.toEqual(invalid('singletonKey'));
  });

  it('refuses bad registrations and schedules', async () => {
    const jobs = await queue();
    const handler = () => Promise.resolve();
    expect(() => jobs.register({ name: 'nope', handler })).toThrow(invalid('name'));
    expect(() => jobs.register({ name: 'test.bad', handler, retries: -1 })).toThrow(invalid('retries'));
    expect(() => jobs.register({ name: 'test.bad', handler, timeoutSeconds: 0 })).toThrow(invalid('timeoutSeconds'));
    jobs.register({ name: 'test.once', handler });
    expect(() => jobs.register({ name: 'test.once', handler })).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => jobs.schedule('test.once', '0 3 * *')).toThrow(invalid('cron'));
    expect(() => jobs.schedule('test.once', '61 * * * *')).toThrow(invalid('cron'));
    expect(await jobs.get('test.once', 'not-an-id')).toBeUndefined();
  });
});
