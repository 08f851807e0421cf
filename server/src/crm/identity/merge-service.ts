import { mergeListQuerySchema, mergeRequestSchema, parseInput, type CustomerMergeSummary } from '@ringside/shared';
import type { Actor } from '../customers/change-history.js';
import type { MergeRepository } from './merge-repository.js';

/** Merge and unmerge use cases: validate with the shared schemas, then one repository transaction each. */
export class MergeService {
  constructor(private readonly merges: MergeRepository) {}

  /** Merges `mergedId` into `survivorId` (see MergeRepository.merge for the checks). */
  merge(body: unknown, actor: Actor | null): Promise<CustomerMergeSummary> {
    return this.merges.merge(parseInput(mergeRequestSchema, body), actor);
  }

  /** Undoes one merge, restoring both records and moving back what it moved. */
  unmerge(mergeId: string, actor: Actor | null): Promise<CustomerMergeSummary> {
    return this.merges.unmerge(mergeId, actor);
  }

  list(query: unknown): Promise<CustomerMergeSummary[]> {
    return this.merges.list(parseInput(mergeListQuerySchema, query));
  }
}
