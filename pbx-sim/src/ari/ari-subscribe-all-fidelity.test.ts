import { describe, expect, it } from '@jest/globals';
import { recordedEvents, TRACES } from './testing/ari-test-kit.js';
import { compareMonitored, runMonitored } from './testing/subscribe-all-run.js';

const maybe = TRACES ? describe : describe.skip;
if (!TRACES) process.stdout.write('ARI subscribe-all fidelity tests skipped: ../shared/asterisk/traces is absent\n');

/**
 * The recordings' `cti-monitor` app was subscribed to all events while each AMI scenario ran. The
 * same AMI scenario (fidelity/scenario-scripts.ts) is replayed here with such an app listening.
 */
const SCENARIOS: [string, string][] = [
  ['a-queue-answer', 'a queue call answered by 1001 until the caller hangs up'],
  ['c-queue-abandon', 'a caller abandoning the queue while both agents ring'],
  ['d-click-to-dial', 'an AMI Originate from 1001 to 2001, then an AMI Hangup'],
  ['b-blind-transfer', 'an AMI BlindTransfer of the agent leg to 1002'],
  ['b2-redirect-transfer', 'an AMI Redirect of the caller to 1002'],
  ['g-ivr-dtmf', 'an IVR choice by RFC 4733 digit landing in the support queue'],
  ['j-record-and-spy', 'a MixMonitor recording and a supervisor ChanSpy leg'],
  ['g2-ivr-dtmf-info', 'the same IVR choice sent as SIP INFO'],
  // b3-attended-transfer is not compared: its AMI run has documented differences (README,
  // simplification 10) that show over ARI too, and BridgeMerged/BridgeAttendedTransfer are missing.
];

maybe('an ARI app subscribed to all events sees what Asterisk 22 sent', () => {
  for (const [name, what] of SCENARIOS) {
    it(`during ${what}, cti-monitor receives the recorded events (${name})`, async () => {
      const run = await runMonitored(name);
      // The AMI side of the same run still matches its own recording.
      expect(run.amiDiffs).toEqual([]);
      compareMonitored(run, recordedEvents(name));
    }, 20000);
  }
});
