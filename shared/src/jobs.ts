import { z } from 'zod';
import { ERROR_CODES } from './errors.js';

/** The states a background job shows: queued (also while waiting for a retry), active, and the three final ones. */
export const JOB_STATES = ['queued', 'active', 'completed', 'failed', 'cancelled'] as const;
/** One job state. */
export type JobState = (typeof JOB_STATES)[number];

/** States after which a job does nothing more. */
export const FINAL_JOB_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

/** A queue name: dotted lower-case words such as customers.import. */
export const jobQueueNameSchema = z.string().regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/, 'must be a queue name like customers.import').max(64);

/** One background job as GET /api/jobs and GET /api/jobs/:id show it. */
export const jobRunSchema = z.object({
  id: z.string().uuid(),
  queue: z.string(),
  label: z.string(),
  state: z.enum(JOB_STATES),
  done: z.number().int(),
  total: z.number().int().nullable(),
  message: z.string().nullable(),
  attempts: z.number().int(),
  /** The stable code of the last failure (a domain error code, else JOB_FAILED); null while nothing failed. */
  errorCode: z.enum(ERROR_CODES).nullable(),
  errorMessage: z.string().nullable(),
  createdBy: z.string().uuid().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
/** One background job. */
export type JobRun = z.infer<typeof jobRunSchema>;

/** Query of GET /api/jobs: newest first, optionally one queue and/or one state. */
export const jobListQuerySchema = z
  .object({
    queue: jobQueueNameSchema.optional(),
    state: z.enum(JOB_STATES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
/** Input of the job list query. */
export type JobListQuery = z.input<typeof jobListQuerySchema>;

/** Reply of GET /api/jobs. */
export interface JobList {
  jobs: JobRun[];
}
