import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { JobService } from './job-service.js';
import { PgBossJobQueue } from './pg-boss-job-queue.js';

/** The queue of the scheduled deletion of expired login sessions. */
export const SESSION_PURGE_QUEUE = 'sessions.purge';

/** The queue of the daily deletion of old finished job runs (pg-boss prunes only its own tables). */
export const JOB_PRUNE_QUEUE = 'jobs.prune';

/** How long a finished job stays on the jobs page: long enough to read last month's imports and their errors. */
export const JOB_HISTORY_DAYS = 30;

/** The running job queue with its workers and schedules, as the composition root holds it. */
export interface JobsModule {
  queue: PgBossJobQueue;
  service: JobService;
  stop(): Promise<void>;
}

/** Starts the job queue on the server's database, registers the built-in workers and their schedules. */
export async function startJobs(deps: { database: Database; logger: Logger; sessionPurgeCron: string; purgeSessions: () => Promise<unknown> }): Promise<JobsModule> {
  const queue = new PgBossJobQueue({ database: deps.database, logger: deps.logger });
  await queue.start();
  try {
    await queue.work(SESSION_PURGE_QUEUE, async () => void (await deps.purgeSessions()));
    await queue.schedule(SESSION_PURGE_QUEUE, deps.sessionPurgeCron);
    await queue.work(JOB_PRUNE_QUEUE, async () => void (await queue.runs.pruneFinished(new Date(Date.now() - JOB_HISTORY_DAYS * 86_400_000))));
    await queue.schedule(JOB_PRUNE_QUEUE, '41 3 * * *');
  } catch (err) {
    await queue.stop().catch(() => undefined);
    throw err;
  }
  return { queue, service: new JobService(queue.runs, queue), stop: () => queue.stop() };
}
