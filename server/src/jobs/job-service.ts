import { FINAL_JOB_STATES, RingsideError, jobListQuerySchema, parseInput, type JobList, type JobRun } from '@ringside/shared';
import type { JobQueue } from './job-queue.js';
import type { JobRunRepository } from './job-run-repository.js';

/** What supervisors and admins see and do with background jobs. */
export class JobService {
  constructor(
    private readonly runs: JobRunRepository,
    private readonly queue: Pick<JobQueue, 'cancel'>,
  ) {}

  async list(query: unknown): Promise<JobList> {
    const { queue, state, limit } = parseInput(jobListQuerySchema, query);
    return { jobs: await this.runs.list({ queue, state, limit }) };
  }

  async get(id: string): Promise<JobRun> {
    const run = await this.runs.get(id);
    if (!run) throw new RingsideError('JOB_NOT_FOUND', `no job ${id}`);
    return run;
  }

  /** Cancels a queued or active job; a finished one cannot be cancelled (ILLEGAL_TRANSITION). */
  async cancel(id: string): Promise<JobRun> {
    const run = await this.get(id);
    if (FINAL_JOB_STATES.includes(run.state)) throw new RingsideError('ILLEGAL_TRANSITION', `job ${id} has already ${run.state === 'cancelled' ? 'been cancelled' : run.state}`);
    await this.queue.cancel(run.queue, id);
    return this.get(id);
  }
}
