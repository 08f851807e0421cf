import { DUPLICATE_SCAN_QUEUE, RingsideError, candidateListQuerySchema, matchSettingsSchema, parseInput, type IdentityCandidate, type MatchSettings } from '@ringside/shared';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { Actor } from '../customers/change-history.js';
import type { CandidateRepository } from './candidate-repository.js';
import type { MatchSettingsRepository } from './match-settings-repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The review queue: start a scan, list candidates, record "not a duplicate" and "skip"; the matching rules. */
export class IdentityService {
  constructor(
    private readonly candidates: CandidateRepository,
    private readonly jobs: JobQueue | null,
    private readonly settings: MatchSettingsRepository,
  ) {}

  /** The rules and thresholds in force (the scan and the duplicate check read the same). */
  matchSettings(): Promise<MatchSettings> {
    return this.settings.current();
  }

  /** Replaces the rules after validating them whole (weights, thresholds in order, unique ids). */
  async saveMatchSettings(body: unknown, actor: Actor): Promise<MatchSettings> {
    const settings = parseInput(matchSettingsSchema, body);
    await this.settings.save(settings, actor);
    return settings;
  }

  async resetMatchSettings(): Promise<MatchSettings> {
    await this.settings.reset();
    return this.settings.current();
  }

  /** Whether scans can be started: they run on the job queue, and there is none until main.ts passes it. */
  get scansEnabled(): boolean {
    return this.jobs !== null;
  }

  /** Enqueues a full duplicate scan; one at a time (a second request while one runs gets the same job). */
  async startScan(requestedBy: string | null = null): Promise<{ jobId: string }> {
    if (!this.jobs) throw new RingsideError('INTERNAL', 'no job queue is configured for duplicate scans');
    return { jobId: await this.jobs.send(DUPLICATE_SCAN_QUEUE, { batchSize: 1000 }, { singletonKey: 'full-scan', label: 'Duplicate scan of all customers', createdBy: requestedBy }) };
  }

  list(query: unknown): Promise<IdentityCandidate[]> {
    return this.candidates.list(parseInput(candidateListQuerySchema, query));
  }

  /** Marks a candidate "not a duplicate" (remembered: never proposed again) or skipped (stays out of the open queue). */
  async review(id: string, status: 'not_duplicate' | 'skipped', actor: Actor): Promise<void> {
    if (!UUID.test(id) || !(await this.candidates.review(id, status, actor))) throw new RingsideError('CANDIDATE_NOT_FOUND', `no candidate ${id}`);
  }
}
