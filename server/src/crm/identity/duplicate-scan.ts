import type { MatchSettings, PairVerdict } from '@ringside/shared';
import { scorePair } from './match-score.js';
import type { MatchKeys } from './normalise.js';

/**
 * Blocking keys of a record: only records sharing a key are ever compared, which keeps a full
 * scan near linear. Each key is cheap evidence on its own: a phone, an email, the sounds of both
 * names (order-free, for swapped names), the birth date with an initial (catches a name typo that
 * changed its sound), the address, an organisation name's sound or first word. Name blocks are
 * the largest (namesakes); `namesAlone` false leaves them out when the rules say that names
 * alone cannot reach review, since every other attribute that can has a block of its own.
 */
export function blockingKeys(k: MatchKeys, namesAlone = true): string[] {
  const keys: string[] = [];
  for (const p of k.phones) keys.push(`p${p}`);
  for (const e of k.emails) keys.push(`e${e}`);
  if (k.kind === 'person') {
    // The two names' sounds in sorted order: "Carol Nguyen" and "Nguyen Carol" share the key.
    if (namesAlone) for (const f of k.familyCodes) for (const g of k.givenCodes) keys.push(f < g ? `n${f}|${g}` : `n${g}|${f}`);
    if (k.birthDate) keys.push(`d${k.birthDate}|${k.given.charAt(0)}`, `d${k.birthDate}|${k.family.charAt(0)}`);
  } else {
    for (const c of k.organisationCodes) keys.push(`o${c}`);
    const first = k.organisation.split(' ')[0];
    if (first) keys.push(`w${first}`);
  }
  if (k.address) keys.push(`a${k.address}`);
  // Two readings can give one key ("d1980-01-01|s" for Sam Smith): a record sits in a block once.
  return [...new Set(keys)];
}

/** A pair found by the scan, by index into the scanned records. */
export interface ScoredPair {
  left: number;
  right: number;
  verdict: PairVerdict;
}

/** Candidate duplicates: records linked by sure or review pairs, with the pairs that link them. */
export interface DuplicateCluster {
  members: number[];
  pairs: ScoredPair[];
  /** The best pair's score, for ordering the review queue. */
  topScore: number;
  /** Every pair in it is a sure match. */
  sure: boolean;
}

/** What a scan found and how much work it did. */
export interface ScanResult {
  clusters: DuplicateCluster[];
  comparisons: number;
  /** Blocks larger than `maxBlock` were compared only by neighbours (a shared switchboard number, "Smith J"). */
  oversizedBlocks: number;
}

/** Options of a scan. */
export interface ScanOptions {
  /** Blocks up to this size are compared all-pairs; larger ones only within a sliding window of this size. */
  maxBlock?: number;
  /** Pairs reviewers marked "not a duplicate", as `pairKey(idA, idB)`. */
  distinct?: ReadonlySet<string>;
  /** Called now and then with compared blocks / all blocks. */
  onProgress?: (done: number, total: number) => void;
}

/** The order-independent key of a pair of record ids. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The most that name rules can add to a score. */
function nameWeight(settings: MatchSettings): number {
  return settings.rules.filter((r) => r.enabled && (r.attribute === 'given_name' || r.attribute === 'family_name')).reduce((sum, r) => sum + r.weight, 0);
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n).map((_, i) => i);
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[x] !== r) {
      const next = this.parent[x] as number;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Finds duplicate candidates among `records`: block, score every pair inside a block once, keep
 * pairs at or above the review threshold, and group them into clusters (connected components).
 * Pure and synchronous; the scan job feeds it records from the database and stores what it returns.
 */
export function scanForDuplicates(records: readonly MatchKeys[], settings: MatchSettings, options: ScanOptions = {}): ScanResult {
  const maxBlock = options.maxBlock ?? 64;
  const namesAlone = nameWeight(settings) >= settings.reviewThreshold;
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < records.length; i++) {
    for (const key of blockingKeys(records[i] as MatchKeys, namesAlone)) {
      const block = blocks.get(key);
      if (block) block.push(i);
      else blocks.set(key, [i]);
    }
  }
  // A pair shares several blocks as a rule (phone and name): score it once. i * 2^26 + j stays a safe integer up to 64M records.
  const seen = new Set<number>();
  const pairs: ScoredPair[] = [];
  let comparisons = 0;
  let oversizedBlocks = 0;
  let done = 0;
  const total = blocks.size;
  const compare = (i: number, j: number) => {
    const [l, r] = i < j ? [i, j] : [j, i];
    const key = l * 67_108_864 + r;
    if (seen.has(key)) return;
    seen.add(key);
    const a = records[l] as MatchKeys;
    const b = records[r] as MatchKeys;
    if (options.distinct?.has(pairKey(a.id, b.id))) return;
    comparisons++;
    const verdict = scorePair(a, b, settings);
    if (verdict.decision !== 'distinct') pairs.push({ left: l, right: r, verdict });
  };
  for (const members of blocks.values()) {
    if (members.length > 1) {
      if (members.length <= maxBlock) {
        for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) compare(members[x] as number, members[y] as number);
      } else {
        oversizedBlocks++;
        for (let x = 0; x < members.length; x++) {
          for (let y = x + 1; y < Math.min(members.length, x + maxBlock); y++) compare(members[x] as number, members[y] as number);
        }
      }
    }
    done++;
    if (options.onProgress && done % 50_000 === 0) options.onProgress(done, total);
  }
  options.onProgress?.(total, total);
  return { clusters: clustersOf(records.length, pairs), comparisons, oversizedBlocks };
}

function clustersOf(n: number, pairs: readonly ScoredPair[]): DuplicateCluster[] {
  const sets = new UnionFind(n);
  for (const p of pairs) sets.union(p.left, p.right);
  const byRoot = new Map<number, DuplicateCluster>();
  for (const p of pairs) {
    const root = sets.find(p.left);
    let cluster = byRoot.get(root);
    if (!cluster) {
      cluster = { members: [], pairs: [], topScore: 0, sure: true };
      byRoot.set(root, cluster);
    }
    cluster.pairs.push(p);
    cluster.topScore = Math.max(cluster.topScore, p.verdict.score);
    if (p.verdict.decision !== 'sure') cluster.sure = false;
  }
  for (const cluster of byRoot.values()) {
    const members = new Set<number>();
    for (const p of cluster.pairs) members.add(p.left).add(p.right);
    cluster.members = [...members].sort((a, b) => a - b);
  }
  return [...byRoot.values()].sort((a, b) => b.topScore - a.topScore);
}
