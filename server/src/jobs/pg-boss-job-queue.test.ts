import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { RingsideError, type JobRun } from '@ringside/shared';
import type { Database } from '../db/database.js';
import { testDatabases, type TestDatabase } from '../db/test-databases.js';
import { createLogger } from '../logger.js';
import { PgBossJobQueue, type PgBossJobQueueOptions } from './pg-boss-job-queue.js';

const logger = createLogger('silent');

// Opening and migrating a database takes seconds on a loaded machine; each test then waits for real polls and retries.
jest.setTimeout(60_000);

async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe.each(testDatabases())('the pg-boss job queue on %s', (driver, make) => {
  let handle: TestDatabase;
  let database: Database;
  const queues: PgBossJobQueue[] = [];

  function newQueue(on: Database = database, options: Partial<PgBossJobQueueOptions> = {}): PgBossJobQueue {
    const queue = new PgBossJobQueue({ database: on, logger, pollingIntervalSeconds: 0.5, retryDelaySeconds: 0, progressIntervalMs: 1_000, stopTimeoutMs: 2_000, ...options });
    queues.push(queue);
    return queue;
  }

  const finished = (queue: PgBossJobQueue, id: string) =>
    eventually<JobRun>(`job ${id} to finish`, async () => {
      const run = await queue.runs.get(id);
      return run && ['completed', 'failed', 'cancelled'].includes(run.state) ? run : null;
    });

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
  });

  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop();
  });

  afterAll(async () => {
    await handle.dispose();
  });

  it('runs a job, shows it active with its progress, writes progress throttled, then completed', async () => {
    const queue = newQueue();
    const release = gate();
    await queue.work<{ rows: number }>('test.progress', async (data, context) => {
      for (let row = 1; row <= data.rows; row++) await context.progress(row, data.rows + 1, `row ${row}`);
      await release.promise;
      await context.progress(data.rows + 1, data.rows + 1, 'done');
    });
    const writes = jest.spyOn(queue.runs, 'progress');
    const id = await queue.send('test.progress', { rows: 500 }, { label: 'Import of 500 rows' });
    const active = await eventually('the job to be active', async () => {
      const run = await queue.runs.get(id);
      return run?.state === 'active' && run.done > 0 ? run : null;
    });
    expect(active).toMatchObject({ queue: 'test.progress', label: 'Import of 500 rows', attempts: 1, total: 501, errorCode: null });
    release.open();
    const run = await finished(queue, id);
    expect(run).toMatchObject({ state: 'completed', done: 501, total: 501, message: 'done', attempts: 1, errorCode: null });
    expect(run.startedAt).not.toBeNull();
    expect(run.finishedAt).not.toBeNull();
    // 501 reports within well under a second: the first, the final and at most a handful between.
    expect(writes.mock.calls.length).toBeLessThan(10);
  });

  it('retries a failing job with its attempts counted, then shows it failed with the domain error code', async () => {
    const queue = newQueue();
    const attempts: number[] = [];
    await queue.work('test.failing', async (_data, context) => {
      attempts.push(context.attempt);
      throw new RingsideError('CUSTOMER_NOT_FOUND', 'no customer 42');
    });
    const id = await queue.send('test.failing', {}, { retryLimit: 2 });
    const run = await finished(queue, id);
    expect(attempts).toEqual([1, 2, 3]);
    expect(run).toMatchObject({ state: 'failed', attempts: 3, errorCode: 'CUSTOMER_NOT_FOUND', errorMessage: 'no customer 42' });
  });

  it('stores a library error as JOB_FAILED without its message or stack', async () => {
    const queue = newQueue();
    await queue.work('test.crashing', async () => {
      throw new TypeError('secret internals at /srv/app.js:12');
    });
    const id = await queue.send('test.crashing', {}, { retryLimit: 0 });
    const run = await finished(queue, id);
    expect(run).toMatchObject({ state: 'failed', attempts: 1, errorCode: 'JOB_FAILED' });
    expect(run.errorMessage).not.toMatch(/secret|srv|at /);
    const { rows } = await database.rawSql('select output from pgboss.job where id = $1', [id]);
    expect(JSON.stringify(rows[0]?.['output'])).not.toMatch(/stack|secret/);
  });

  it('works a job sent before a restart on a new queue over the reopened database', async () => {
    const before = newQueue();
    const id = await before.send('test.restart', { n: 1 });
    await before.stop();
    await database.close();
    database = await handle.open();
    const after = newQueue();
    const seen: unknown[] = [];
    await after.work('test.restart', async (data) => void seen.push(data));
    const run = await finished(after, id);
    expect(run.state).toBe('completed');
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('gives a job the stop interrupted another attempt on the next queue, even with no retries left', async () => {
    const before = newQueue();
    const started = gate();
    await before.work('test.interrupted', async (_data, context) => {
      started.open();
      await new Promise<void>((_resolve, reject) => context.signal.addEventListener('abort', () => reject(new RingsideError('DB_UNAVAILABLE', 'stopping'))));
    });
    const id = await before.send('test.interrupted', {}, { retryLimit: 0 });
    await started.promise;
    await before.stop();
    expect(await before.runs.get(id)).toMatchObject({ state: 'queued', attempts: 1 });
    const after = newQueue();
    const attempts: number[] = [];
    await after.work('test.interrupted', async (_data, context) => void attempts.push(context.attempt));
    const run = await finished(after, id);
    expect(run).toMatchObject({ state: 'completed', attempts: 2, errorCode: null });
    expect(attempts).toEqual([2]);
  });

  it('registers a cron schedule once however many nodes register it', async () => {
    const other = driver === 'postgres' ? await handle.open() : database;
    await newQueue().schedule('test.cron', '17 * * * *');
    await newQueue(other).schedule('test.cron', '17 * * * *');
    const { rows } = await database.rawSql("select name, cron, timezone from pgboss.schedule where name = 'test.cron'");
    expect(rows).toEqual([{ name: 'test.cron', cron: '17 * * * *', timezone: 'UTC' }]);
  });

  it('prunes finished runs past the history window and never an unfinished one', async () => {
    const queue = newQueue();
    await queue.work('test.prune', async () => undefined);
    const old = await queue.send('test.prune', {});
    const recent = await queue.send('test.prune', {});
    await finished(queue, old);
    await finished(queue, recent);
    const waiting = await queue.send('test.prune-unworked', {});
    await database.rawSql(`UPDATE job_runs SET finished_at = now() - interval '40 days' WHERE id = $1`, [old]);
    await database.rawSql(`UPDATE job_runs SET created_at = now() - interval '40 days' WHERE id = $1`, [waiting]);
    expect(await queue.runs.pruneFinished(new Date(Date.now() - 30 * 86_400_000))).toBe(1);
    expect(await queue.runs.get(old)).toBeNull();
    expect((await queue.runs.get(recent))?.state).toBe('completed');
    expect((await queue.runs.get(waiting))?.state).toBe('queued');
  });

  it('keeps one unfinished job per singleton key and never runs a cancelled job', async () => {
    const queue = newQueue();
    const first = await queue.send('test.single', {}, { singletonKey: 'nightly' });
    expect(await queue.send('test.single', {}, { singletonKey: 'nightly' })).toBe(first);
    await queue.cancel('test.single', first);
    const ran: string[] = [];
    await queue.work('test.single', async (_data, context) => void ran.push(context.jobId));
    const second = await queue.send('test.single', {}, { singletonKey: 'nightly' });
    expect(second).not.toBe(first);
    await finished(queue, second);
    expect(ran).toEqual([second]);
    expect((await queue.runs.get(first))?.state).toBe('cancelled');
  });

  it('aborts an active job that is cancelled and shows it cancelled', async () => {
    const queue = newQueue();
    const started = gate();
    await queue.work('test.cancel', async (_data, context) => {
      started.open();
      await new Promise<void>((_resolve, reject) => context.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    const id = await queue.send('test.cancel', {});
    await started.promise;
    await queue.cancel('test.cancel', id);
    const run = await finished(queue, id);
    expect(run.state).toBe('cancelled');
  });

  it('measures a no-op job from send to completed', async () => {
    const queue = newQueue();
    await queue.work('test.noop', async () => undefined);
    await finished(queue, await queue.send('test.noop', {}));
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = Date.now();
      await finished(queue, await queue.send('test.noop', {}));
      times.push(Date.now() - sent);
    }
    process.stdout.write(`no-op job send to completed on ${driver} (worker on the same node): ${times.join(', ')} ms\n`);
    expect(Math.max(...times)).toBeLessThan(3_000);
  });
});
