import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { isRingsideError, type ErrorCode } from '@ringside/shared';
import type { Database } from '../db/database.js';
import { asSystem, currentScope, inTenant } from '../db/tenant-scope.js';
import { errorFields, type Logger } from '../logger.js';
import type { JobContext, JobHandler, JobOptions, JobQueue } from './job-queue.js';
import { JobRunRepository } from './job-run-repository.js';

/** Tunables; the defaults suit production, tests shorten the waits. */
export interface PgBossJobQueueOptions {
  database: Database;
  logger: Logger;
  /** How often an idle worker asks for new jobs (seconds, at least 0.5). */
  pollingIntervalSeconds?: number;
  /** Retries after the first attempt, per queue unless a job says otherwise. */
  retryLimit?: number;
  /** Delay before the first retry (seconds, whole); doubled with each further one. */
  retryDelaySeconds?: number;
  /** At most one progress write per job this often (ms); the last value is always written. */
  progressIntervalMs?: number;
  /** How long stop() waits for running handlers to reach a checkpoint (ms). */
  stopTimeoutMs?: number;
  /** How often pg-boss looks for due cron schedules (seconds). */
  cronMonitorIntervalSeconds?: number;
}

/** Thrown into pg-boss for a failed attempt: its JSON (what pg-boss stores as output) is the code and message, never a stack. */
class JobFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

const STOPPING = 'stopping';
const CANCELLED = 'cancelled';

/**
 * The job queue on pg-boss. On PostgreSQL and on PGlite alike pg-boss reaches the database only
 * through Database.rawSql, so both drivers share one code path; job_runs carries what the console shows.
 */
const SCOPED = 'ringsideScoped';

/** What goes into pg-boss: the handler's data and the tenant it is for (null: platform work). */
interface ScopedJobData<T> {
  [SCOPED]: true;
  tenantId: string | null;
  data: T;
}

function isScoped<T>(data: unknown): data is ScopedJobData<T> {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[SCOPED] === true;
}

export class PgBossJobQueue implements JobQueue {
  readonly runs: JobRunRepository;
  private readonly boss: PgBoss;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly active = new Map<string, AbortController>();
  private readonly workers = new Map<string, string[]>();
  private readonly options: Required<Omit<PgBossJobQueueOptions, 'database' | 'logger'>>;
  private started: Promise<void> | null = null;

  constructor(private readonly deps: PgBossJobQueueOptions) {
    this.options = {
      pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 2,
      retryLimit: deps.retryLimit ?? 3,
      retryDelaySeconds: deps.retryDelaySeconds ?? 10,
      progressIntervalMs: deps.progressIntervalMs ?? 1_000,
      stopTimeoutMs: deps.stopTimeoutMs ?? 10_000,
      cronMonitorIntervalSeconds: deps.cronMonitorIntervalSeconds ?? 30,
    };
    this.runs = new JobRunRepository(deps.database.db);
    const database = deps.database;
    this.boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => database.rawSql(text, values) },
      schema: 'pgboss',
      cronMonitorIntervalSeconds: this.options.cronMonitorIntervalSeconds,
    });
    // pg-boss reports maintenance and polling failures as events; unheard, an 'error' event would crash the process.
    this.boss.on('error', (err: unknown) => deps.logger.warn('job queue error', errorFields(err)));
  }

  /** Creates or upgrades pg-boss's tables (schema pgboss) and starts maintenance and cron. */
  start(): Promise<void> {
    this.started ??= this.boss.start().then(() => undefined);
    return this.started;
  }

  /** Aborts running handlers' signals, waits for them (up to stopTimeoutMs) and stops polling. */
  async stop(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    for (const controller of this.active.values()) controller.abort(STOPPING);
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: this.options.stopTimeoutMs });
    // pg-boss records an attempt's outcome without awaiting it; one more round trip lets that land before the database closes.
    await this.deps.database.rawSql('select 1').catch(() => undefined);
    this.workers.clear();
    this.started = null;
  }

  async work<T extends object>(queue: string, handler: JobHandler<T>): Promise<void> {
    await this.ensureQueue(queue);
    const workerId = await this.boss.work<T | ScopedJobData<T>>(queue, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds }, async ([job]) => {
      if (!job) return;
      // A job runs in the tenant that sent it; a cron job (no envelope) is platform work.
      const envelope = isScoped<T>(job.data) ? job.data : null;
      const unwrapped = { ...job, data: envelope ? envelope.data : (job.data as T) };
      await (envelope?.tenantId ? inTenant(envelope.tenantId, () => this.runAttempt(queue, unwrapped, handler)) : asSystem(() => this.runAttempt(queue, unwrapped, handler)));
    });
    this.workers.set(queue, [...(this.workers.get(queue) ?? []), workerId]);
  }

  async send<T extends object>(queue: string, data: T, options: JobOptions = {}): Promise<string> {
    await this.ensureQueue(queue);
    const run = await this.runs.create({ id: randomUUID(), queue, label: options.label ?? queue, singletonKey: options.singletonKey ?? null, createdBy: options.createdBy ?? null });
    if (!run.created) return run.id;
    const scope = currentScope() ?? this.deps.database.fallbackScope;
    const envelope: ScopedJobData<T> = { [SCOPED]: true, tenantId: scope?.kind === 'tenant' ? scope.tenantId : null, data };
    try {
      await this.boss.send(queue, envelope, { id: run.id, ...(options.retryLimit === undefined ? {} : { retryLimit: options.retryLimit }) });
    } catch (err) {
      await this.runs.delete(run.id).catch(() => undefined);
      throw err;
    }
    // A worker on this node starts at once instead of at its next poll; other nodes find the job when they poll.
    for (const workerId of this.workers.get(queue) ?? []) this.boss.notifyWorker(workerId);
    return run.id;
  }

  async schedule(queue: string, cron: string, data: object = {}): Promise<void> {
    await this.ensureQueue(queue);
    // pg-boss keeps one schedule per queue name (an upsert), so every node may register it.
    await this.boss.schedule(queue, cron, data, { tz: 'UTC' });
  }

  async cancel(queue: string, jobId: string): Promise<void> {
    // The run row is read in the caller's tenant first: another tenant's job id is not found.
    if (!(await this.runs.cancel(jobId))) return;
    await asSystem(() => this.boss.cancel(queue, jobId));
    this.active.get(jobId)?.abort(CANCELLED);
  }

  private ensureQueue(queue: string): Promise<void> {
    let created = this.queues.get(queue);
    if (!created) {
      created = this.start().then(() => this.boss.createQueue(queue, { name: queue, retryLimit: this.options.retryLimit, retryDelay: this.options.retryDelaySeconds, retryBackoff: true }));
      created.catch(() => this.queues.delete(queue));
      this.queues.set(queue, created);
    }
    return created;
  }

  private async runAttempt<T>(queue: string, job: PgBoss.JobWithMetadata<T>, handler: JobHandler<T>): Promise<void> {
    const attempt = job.retryCount + 1;
    if (!(await this.runs.start(job.id, queue, attempt))) return;
    const controller = new AbortController();
    this.active.set(job.id, controller);
    const progress = this.throttledProgress(job.id);
    const context: JobContext = { jobId: job.id, attempt, signal: controller.signal, progress: progress.report };
    try {
      await handler(job.data, context);
      await progress.flush();
      await this.runs.finish(job.id, { state: 'completed' });
    } catch (err) {
      await progress.flush().catch(() => undefined);
      if (controller.signal.reason === CANCELLED) return;
      const failure = this.describe(queue, job.id, err);
      if (controller.signal.reason === STOPPING) return await this.requeue(queue, job, failure);
      const final = job.retryCount >= job.retryLimit;
      await this.runs.finish(job.id, { state: final ? 'failed' : 'queued', code: failure.code, message: failure.message });
      throw failure;
    } finally {
      this.active.delete(job.id);
    }
  }

  /**
   * A handler the stop interrupted gets another attempt whatever its retries: the server stopped,
   * the job did not fail. Recorded here, so pg-boss's own completion of the attempt finds nothing to do.
   */
  private async requeue<T>(queue: string, job: PgBoss.JobWithMetadata<T>, failure: JobFailure): Promise<void> {
    await this.runs.finish(job.id, { state: 'queued', code: failure.code, message: failure.message });
    await this.boss.fail(queue, job.id, failure);
    if (job.retryCount >= job.retryLimit) await this.boss.retry(queue, job.id);
  }

  /** Domain errors keep their code and message; anything else is logged here and shown as JOB_FAILED. */
  private describe(queue: string, jobId: string, err: unknown): JobFailure {
    if (isRingsideError(err)) return new JobFailure(err.code, err.message);
    this.deps.logger.error('job failed', { queue, jobId, ...errorFields(err) });
    return new JobFailure('JOB_FAILED', 'the job failed; the server log has the details');
  }

  private throttledProgress(jobId: string): { report: JobContext['progress']; flush(): Promise<void> } {
    let lastWrite = 0;
    let pending: { done: number; total: number | null; message: string | null } | null = null;
    const write = async () => {
      if (!pending) return;
      const { done, total, message } = pending;
      pending = null;
      lastWrite = Date.now();
      await this.runs.progress(jobId, done, total, message);
    };
    return {
      report: async (done, total, message) => {
        pending = { done, total, message: message ?? null };
        if (Date.now() - lastWrite >= this.options.progressIntervalMs || (total !== null && done >= total)) await write();
      },
      flush: write,
    };
  }
}
