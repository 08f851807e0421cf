import { DUPLICATE_SCAN_QUEUE, RingsideError, candidateListQuerySchema, parseInput, type IdentityCandidate } from '@ringside/shared';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { Actor } from '../customers/change-history.js';
import type { CandidateRepository } from './candidate-repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The review queue: start a scan, list candidates, record "not a duplicate" and "skip". */
export class IdentityService {
  constructor(
    private readonly candidates: CandidateRepository,
    private readonly jobs: JobQueue | null,
  ) {}

  /** Enqueues a full duplicate scan; one at a time (a second request while one runs gets the same job). */
  async startScan(): Promise<{ jobId: string }> {
    if (!this.jobs) throw new RingsideError('INTERNAL', 'no job queue is configured for duplicate scans');
    return { jobId: await this.jobs.send(DUPLICATE_SCAN_QUEUE, { batchSize: 1000 }, { singletonKey: 'full-scan' }) };
  }

  list(query: unknown): Promise<IdentityCandidate[]> {
    return this.candidates.list(parseInput(candidateListQuerySchema, query));
  }

  /** Marks a candidate "not a duplicate" (remembered: never proposed again) or skipped (stays out of the open queue). */
  async review(id: string, status: 'not_duplicate' | 'skipped', actor: Actor): Promise<void> {
    if (!UUID.test(id) || !(await this.candidates.review(id, status, actor))) throw new RingsideError('CANDIDATE_NOT_FOUND', `no candidate ${id}`);
  }
}
