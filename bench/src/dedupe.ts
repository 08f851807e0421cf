import { DEFAULT_MATCH_SETTINGS } from '@ringside/shared';
import { matchKeys, scanForDuplicates, type MatchKeys } from '@ringside/server';
import { loadAverage, progress } from './bench-stats.js';
import { barChart, writeChart } from './chart.js';
import { generateDedupeSet } from './dedupe-data.js';

/** What one dedupe run measured. */
export interface DedupeResult {
  customers: number;
  knownDuplicates: number;
  keysSeconds: number;
  scanSeconds: number;
  comparisons: number;
  reviewPairs: number;
  surePairs: number;
  precision: number;
  recall: number;
  surePrecision: number;
  peakRssMb: number;
}

/**
 * Full duplicate scan of a generated customer base: normalise every record, block, score, cluster.
 * Precision and recall are over pairs: a reported pair (sure or review) is right when both records
 * stand for the same generated person; recall counts every pair of records of one person.
 */
export async function runDedupe(options: { customers?: number; seed?: number } = {}): Promise<DedupeResult> {
  const total = options.customers ?? 1_000_000;
  progress(`dedupe: generating ${total.toLocaleString('en')} customers (5 % duplicates)…`);
  const set = generateDedupeSet(total, 0.05, options.seed ?? 42);
  progress(`dedupe: ${set.duplicates.toLocaleString('en')} duplicates, ${set.households.toLocaleString('en')} household members; corruptions ${JSON.stringify(set.corruptions)}`);

  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const t0 = performance.now();
  const keys: MatchKeys[] = set.records.map((r) => matchKeys(r.record));
  const t1 = performance.now();
  const result = scanForDuplicates(keys, DEFAULT_MATCH_SETTINGS, {
    onProgress: (done, all) => progress(`dedupe: blocks ${done.toLocaleString('en')} / ${all.toLocaleString('en')}`),
  });
  const t2 = performance.now();
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const entityOf = set.records.map((r) => r.entity);
  let reported = 0;
  let right = 0;
  let sure = 0;
  let sureRight = 0;
  const found = new Set<string>();
  for (const cluster of result.clusters) {
    for (const p of cluster.pairs) {
      reported++;
      const same = entityOf[p.left] === entityOf[p.right];
      if (same) {
        right++;
        found.add(`${p.left}|${p.right}`);
      }
      if (p.verdict.decision === 'sure') {
        sure++;
        if (same) sureRight++;
      }
    }
  }
  const perEntity = new Map<number, number>();
  for (const e of entityOf) perEntity.set(e, (perEntity.get(e) ?? 0) + 1);
  let truePairs = 0;
  for (const n of perEntity.values()) truePairs += (n * (n - 1)) / 2;

  const r: DedupeResult = {
    customers: total,
    knownDuplicates: set.duplicates,
    keysSeconds: (t1 - t0) / 1000,
    scanSeconds: (t2 - t0) / 1000,
    comparisons: result.comparisons,
    reviewPairs: reported - sure,
    surePairs: sure,
    precision: reported === 0 ? 0 : right / reported,
    recall: truePairs === 0 ? 1 : found.size / truePairs,
    surePrecision: sure === 0 ? 0 : sureRight / sure,
    peakRssMb: peakRss / 1024 / 1024,
  };
  console.log(`dedupe: ${total.toLocaleString('en')} customers, ${set.duplicates.toLocaleString('en')} known duplicates (${loadAverage()})`);
  console.log(`  full scan ${r.scanSeconds.toFixed(1)} s (normalising ${r.keysSeconds.toFixed(1)} s), ${r.comparisons.toLocaleString('en')} comparisons, ${result.oversizedBlocks} oversized blocks`);
  console.log(`  reported pairs: ${sure.toLocaleString('en')} sure, ${r.reviewPairs.toLocaleString('en')} to review`);
  console.log(`  precision ${r.precision.toFixed(4)} (sure only ${r.surePrecision.toFixed(4)}), recall ${r.recall.toFixed(4)} of ${truePairs.toLocaleString('en')} known pairs`);
  console.log(`  peak RSS ${Math.round(r.peakRssMb)} MB`);
  console.log(`  targets: scan <= 120 s ${r.scanSeconds <= 120 ? 'met' : 'MISSED'}, precision >= 0.95 ${r.precision >= 0.95 ? 'met' : 'MISSED'}, recall >= 0.90 ${r.recall >= 0.9 ? 'met' : 'MISSED'}`);
  await writeChart(
    'dedupe',
    barChart(`dedupe: ${total.toLocaleString('en')} customers`, 'measure', 'value (0..1)', [
      { label: 'precision', value: Number(r.precision.toFixed(4)) },
      { label: 'precision (sure)', value: Number(r.surePrecision.toFixed(4)) },
      { label: 'recall', value: Number(r.recall.toFixed(4)) },
      { label: 'scan / 120 s', value: Number((r.scanSeconds / 120).toFixed(3)) },
    ]),
  );
  return r;
}
