import { afterEach, describe, expect, it } from '@jest/globals';
import { recordedEvents, startHarness, TRACES, type AriEvent, type AriHarness } from './testing/ari-test-kit.js';
import { replayF, replayF2 } from './testing/ari-scenarios.js';
import { label, maskValue, settleKnownRaces, streams } from './testing/event-shape.js';

const maybe = TRACES ? describe : describe.skip;
if (!TRACES) process.stdout.write('ARI fidelity tests skipped: ../shared/asterisk/traces is absent\n');

/** Compares two runs stream by stream: same labels in order, then the same masked events. */
function compareRuns(live: AriEvent[], recorded: AriEvent[]): void {
  const a = streams(live);
  const b = streams(recorded);
  expect(a.map((s) => s.map(label))).toEqual(b.map((s) => s.map(label)));
  for (let i = 0; i < b.length; i++) {
    for (let j = 0; j < b[i]!.length; j++) {
      expect({ at: `stream ${i} event ${j}`, event: settleKnownRaces(maskValue(a[i]![j])) }).toEqual({ at: `stream ${i} event ${j}`, event: settleKnownRaces(maskValue(b[i]![j])) });
    }
  }
}

maybe('ARI events match a real Asterisk 22', () => {
  let h: AriHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('when a call reaches Stasis and the app answers, plays and hangs up, the app sees what Asterisk sent (f-ari-stasis)', async () => {
    h = await startHarness();
    const run = await replayF(h);
    compareRuns(run.events, recordedEvents('f-ari-stasis'));
  });

  it('when the app bridges the caller with an originated agent leg, the app sees what Asterisk sent (f2-ari-bridge-originate)', async () => {
    h = await startHarness({ autoAnswerMs: 300 });
    const run = await replayF2(h);
    compareRuns(run.events, recordedEvents('f2-ari-bridge-originate'));
  });

  it('every message is compact JSON whose timestamp ends +0000 and carries the app and the asterisk id', async () => {
    h = await startHarness();
    const run = await replayF(h);
    expect(run.events.length).toBeGreaterThan(5);
    for (const e of run.events) {
      expect(JSON.stringify(e)).not.toMatch(/\n|": /);
      expect(e.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
      expect(e.application).toBe('cti');
      expect(e.asterisk_id).toBe('02:fc:00:00:00:01');
    }
  });
});
