import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { JobService } from './job-service.js';
import { PgBossJobQueue } from './pg-boss-job-queue.js';

/** The queue of the scheduled deletion of expired login sessions. */
export const SESSION_PURGE_QUEUE = 'sessions.purge';

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
  } catch (err) {
    await queue.stop().catch(() => undefined);
    throw err;
  }
  return { queue, service: new JobService(queue.runs, queue), stop: () => queue.stop() };
}
