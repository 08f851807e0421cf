import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { ERROR_CODES, type ErrorCode, type JobRun, type JobState } from '@ringside/shared';
import type { Db } from '../db/database.js';
import { dbCall } from '../db/db-errors.js';
import { iso } from '../db/rows.js';
import { jobRuns } from '../db/schema-jobs-imports.js';

type Row = typeof jobRuns.$inferSelect;

const knownCodes = new Set<string>(ERROR_CODES);

function toJobRun(row: Row): JobRun {
  return {
    id: row.id,
    queue: row.queue,
    label: row.label,
    state: row.state,
    done: row.done,
    total: row.total,
    message: row.message,
    attempts: row.attempts,
    errorCode: row.errorCode && knownCodes.has(row.errorCode) ? (row.errorCode as ErrorCode) : row.errorCode ? 'JOB_FAILED' : null,
    errorMessage: row.errorMessage,
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt) ?? '',
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const unfinished: JobState[] = ['queued', 'active'];

/** The job_runs table: what the console shows of each job, written by the queue adapter. */
export class JobRunRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records a job about to be sent. With a singleton key another unfinished run of the same key
   * wins: its id is returned instead and nothing is inserted.
   */
  async create(run: { id: string; queue: string; label: string; singletonKey: string | null; createdBy: string | null }): Promise<{ id: string; created: boolean }> {
    return dbCall('recording the job', async () => {
      const inserted = await this.db.insert(jobRuns).values(run).onConflictDoNothing().returning({ id: jobRuns.id });
      if (inserted[0]) return { id: inserted[0].id, created: true };
      const existing = await this.db
        .select({ id: jobRuns.id })
        .from(jobRuns)
        .where(and(eq(jobRuns.queue, run.queue), eq(jobRuns.singletonKey, run.singletonKey ?? ''), inArray(jobRuns.state, unfinished)))
        .limit(1);
      if (!existing[0]) throw new Error(`job run ${run.id} was neither inserted nor found`);
      return { id: existing[0].id, created: false };
    });
  }

  /** Forgets a run whose job the queue refused. */
  async delete(id: string): Promise<void> {
    await dbCall('forgetting the job', () => this.db.delete(jobRuns).where(eq(jobRuns.id, id)));
  }

  /**
   * Marks an attempt started; creates the row for jobs the queue made itself (cron). Returns
   * false when the run was cancelled meanwhile, so the attempt must not run.
   */
  async start(id: string, queue: string, attempt: number): Promise<boolean> {
    return dbCall('starting the job', async () => {
      const rows = await this.db
        .insert(jobRuns)
        .values({ id, queue, label: queue, state: 'active', attempts: attempt, startedAt: new Date() })
        .onConflictDoUpdate({ target: jobRuns.id, set: { state: 'active', attempts: attempt, startedAt: sql`coalesce(${jobRuns.startedAt}, now())` }, setWhere: sql`${jobRuns.state} <> 'cancelled'` })
        .returning({ id: jobRuns.id });
      return rows.length === 1;
    });
  }

  async progress(id: string, done: number, total: number | null, message: string | null): Promise<void> {
    await dbCall('recording job progress', () => this.db.update(jobRuns).set({ done, total, message }).where(and(eq(jobRuns.id, id), eq(jobRuns.state, 'active'))));
  }

  /** Ends an attempt: completed, failed for good, or back to queued awaiting its retry. */
  async finish(id: string, outcome: { state: 'completed' } | { state: 'failed' | 'queued'; code: string; message: string }): Promise<void> {
    const final = outcome.state !== 'queued';
    const error = outcome.state === 'completed' ? { errorCode: null, errorMessage: null } : { errorCode: outcome.code, errorMessage: outcome.message };
    await dbCall('finishing the job', () =>
      this.db
        .update(jobRuns)
        .set({ state: outcome.state, ...error, ...(final ? { finishedAt: new Date() } : {}) })
        .where(and(eq(jobRuns.id, id), inArray(jobRuns.state, unfinished))),
    );
  }

  /** Cancels an unfinished run; false when it had already finished (or does not exist). */
  /** Deletes finished runs (completed, failed, cancelled) that ended before `before`; unfinished ones are never touched. */
  async pruneFinished(before: Date): Promise<number> {
    return dbCall('pruning finished jobs', async () => {
      const rows = await this.db
        .delete(jobRuns)
        .where(and(inArray(jobRuns.state, ['completed', 'failed', 'cancelled']), lt(jobRuns.finishedAt, before)))
        .returning({ id: jobRuns.id });
      return rows.length;
    });
  }

  async cancel(id: string): Promise<boolean> {
    return dbCall('cancelling the job', async () => {
      const rows = await this.db
        .update(jobRuns)
        .set({ state: 'cancelled', finishedAt: new Date() })
        .where(and(eq(jobRuns.id, id), inArray(jobRuns.state, unfinished)))
        .returning({ id: jobRuns.id });
      return rows.length === 1;
    });
  }

  async get(id: string): Promise<JobRun | null> {
    if (!UUID.test(id)) return null;
    const rows = await dbCall('reading the job', () => this.db.select().from(jobRuns).where(eq(jobRuns.id, id)).limit(1));
    return rows[0] ? toJobRun(rows[0]) : null;
  }

  /** Newest first. */
  async list(filter: { queue?: string | undefined; state?: JobState | undefined; limit: number }): Promise<JobRun[]> {
    const where = and(filter.queue ? eq(jobRuns.queue, filter.queue) : undefined, filter.state ? eq(jobRuns.state, filter.state) : undefined);
    const rows = await dbCall('listing jobs', () => this.db.select().from(jobRuns).where(where).orderBy(desc(jobRuns.createdAt), desc(jobRuns.id)).limit(filter.limit));
    return rows.map(toJobRun);
  }
}
