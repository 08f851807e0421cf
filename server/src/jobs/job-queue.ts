/**
 * The port background work is written against. The implementation keeps jobs in the database
 * (pg-boss, on PostgreSQL and on the embedded PGlite), so a job survives a restart, is retried
 * and its state is visible; nothing in Ringside runs background work in its own timer loop.
 */

/** What a running job may report and check. */
export interface JobContext {
  /** The queue's id of this job (stable across retries). */
  readonly jobId: string;
  /** Which attempt this is, from 1. */
  readonly attempt: number;
  /** Records progress for the console (done of total; total null when unknown). Cheap to call often. */
  progress(done: number, total: number | null, message?: string): Promise<void>;
  /** Aborted when the server stops: a handler stops at its next checkpoint and is resumed by the retry. */
  readonly signal: AbortSignal;
}

export type JobHandler<T> = (data: T, context: JobContext) => Promise<void>;

export interface JobOptions {
  /** At most one queued or active job with this key per queue. */
  singletonKey?: string;
  /** Retries after the first attempt (defaults to the queue's). */
  retryLimit?: number;
  /** What the console shows for this job (defaults to the queue name). */
  label?: string;
  /** The user who asked for it, shown with the job. */
  createdBy?: string | null;
}

export interface JobQueue {
  /** Registers the handler of one queue; jobs sent before or after are worked on this node. */
  work<T extends object>(queue: string, handler: JobHandler<T>): Promise<void>;
  /** Enqueues one job and returns its id. */
  send<T extends object>(queue: string, data: T, options?: JobOptions): Promise<string>;
  /** Runs `queue` on a cron schedule (five fields, UTC), idempotently across nodes. */
  schedule(queue: string, cron: string, data?: object): Promise<void>;
  /** Cancels a queued or active job; an active one on this node sees its signal aborted. */
  cancel(queue: string, jobId: string): Promise<void>;
}
