import { DEFAULT_MATCH_SETTINGS, duplicateScanJobSchema, parseInput, type MatchSettings } from '@ringside/shared';
import type { JobHandler } from '../../jobs/job-queue.js';
import type { CandidateRepository, FoundPair } from './candidate-repository.js';
import { scanForDuplicates } from './duplicate-scan.js';
import { matchKeys, type MatchKeys } from './normalise.js';

/** What the scan job needs: the queue's store, and the rules in force when it runs. */
export interface DuplicateScanDeps {
  candidates: CandidateRepository;
  settings?: () => Promise<MatchSettings>;
}

/**
 * The 'identity.duplicate-scan' job: reads every live customer in keyset batches, runs the
 * blocking scan over them, and stores the candidate pairs (reruns add nothing new, pairs marked
 * "not a duplicate" are never proposed again). Reading is the first half of the progress, storing
 * the second. An abort stops at the next batch; the retry starts over, which is safe because
 * storing is idempotent.
 */
export function duplicateScanJob(deps: DuplicateScanDeps): JobHandler<object> {
  return async (data, context) => {
    const { batchSize } = parseInput(duplicateScanJobSchema, data);
    const settings = deps.settings ? await deps.settings() : DEFAULT_MATCH_SETTINGS;
    const total = await deps.candidates.countLive();
    const keys: MatchKeys[] = [];
    let after: string | null = null;
    for (;;) {
      context.signal.throwIfAborted();
      const batch = await deps.candidates.liveBatch(after, batchSize);
      if (batch.length === 0) break;
      for (const r of batch) keys.push(matchKeys(r));
      after = batch[batch.length - 1]?.id ?? null;
      await context.progress(keys.length, total * 2, `read ${keys.length} of ${total} customers`);
    }
    const result = scanForDuplicates(keys, settings, { distinct: await deps.candidates.distinctPairs() });
    const pairs: FoundPair[] = [];
    for (const cluster of result.clusters) {
      const members = cluster.members.map((i) => (keys[i] as MatchKeys).id).sort();
      const clusterKey = members[0] as string;
      for (const p of cluster.pairs) {
        if (p.verdict.decision === 'distinct') continue;
        pairs.push({ a: (keys[p.left] as MatchKeys).id, b: (keys[p.right] as MatchKeys).id, clusterKey, score: p.verdict.score, decision: p.verdict.decision, evidence: p.verdict.evidence });
      }
    }
    context.signal.throwIfAborted();
    const added = await deps.candidates.upsert(pairs);
    await context.progress(total * 2, total * 2, `${pairs.length} candidate pairs in ${result.clusters.length} clusters, ${added} new (${result.comparisons} comparisons)`);
  };
}
