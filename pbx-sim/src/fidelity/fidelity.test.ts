import { describe, expect, it } from '@jest/globals';
import { tracesDir } from './trace-reader.js';
import { runScenario, type Scenario } from './scenarios.js';
import { SCENARIOS } from './scenario-scripts.js';
import { checkKnownDifferences } from './compare.js';

const dir = tracesDir();
if (!dir) process.stdout.write('fidelity tests skipped: ../shared/asterisk/traces not found\n');
const run = dir ? it : it.skip;

describe('pbx-sim speaks AMI like the recorded Asterisk 22', () => {
  for (const s of SCENARIOS as Scenario[]) {
    run(`scenario ${s.name}: same responses and per-channel event sequences as the recording`, async () => {
      const result = await runScenario(dir!, s);
      expect(result.bannerOk).toBe(true);
      const { unexpected, stale } = checkKnownDifferences(result.diffs, s.compare?.knownDifferences);
      expect(unexpected).toEqual([]);
      expect(stale).toEqual([]);
    });
  }
});
