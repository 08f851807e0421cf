import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tracesDir } from '../fidelity/trace-reader.js';
import { placeInboundCall } from './calls.js';
import { configWith, makeWorld } from './test-support.js';
import type { EngineOptions } from './engine.js';
import type { PbxEvent } from './types.js';

const TRACES = tracesDir();

/** Milliseconds between the Newexten of Answer and the Newexten of the application after it, on virtual time. */
async function answerGap(data: string, options: Partial<EngineOptions> = {}): Promise<number> {
  const conf = configWith({ 'extensions.conf': `[from-customers]\nexten => 7,1,NoOp(start)\n same => n,Answer(${data})\n same => n,NoOp(after)\n same => n,Wait(60)\n[agents]\n` });
  const w = makeWorld(conf, options);
  const times = new Map<PbxEvent, number>();
  w.engine.on((e) => times.set(e, w.clock.now()));
  placeInboundCall(w.engine, { exten: '7' });
  await w.clock.advance(5000);
  const at = (e: PbxEvent | undefined) => (e ? (times.get(e) ?? NaN) : NaN);
  return at(w.named('Newexten', 'AppData', 'after')[0]) - at(w.named('Newexten', 'Application', 'Answer')[0]);
}

/** The same gap in a recorded trace: from the chunk holding Newexten(Answer) to the one holding Newexten(Queue). */
function recordedGap(scenario: string): number {
  const rows = readFileSync(path.join(TRACES as string, `ami-${scenario}.timeline.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { t: string; dir: string; data: string });
  const when = (app: string) => Date.parse(rows.find((r) => r.dir === 'in' && r.data.includes(`Application: ${app}\r\n`))?.t ?? '');
  return when('Queue') - when('Answer');
}

describe("Answer() waits for the caller's first media frame, as Asterisk's __ast_answer does", () => {
  (TRACES ? it : it.skip)('a caller who sends no media holds the dial plan 500 ms, the gap every recorded queue call shows', async () => {
    for (const scenario of ['a-queue-answer', 'b-blind-transfer', 'c-queue-abandon']) {
      expect(Math.abs(recordedGap(scenario) - 500)).toBeLessThanOrEqual(5);
    }
    expect(await answerGap('', { answerMediaMs: null })).toBe(500);
  });

  it("goes on when the caller's media arrives: 20 ms by default, as the configured delay otherwise, never past 500 ms", async () => {
    expect(await answerGap('')).toBe(20);
    expect(await answerGap('', { answerMediaMs: 75 })).toBe(75);
    expect(await answerGap('', { answerMediaMs: 0 })).toBe(0);
    expect(await answerGap('', { answerMediaMs: 900 })).toBe(500);
  });

  it('Answer(delay) waits max(delay, 500) whatever arrives; option i answers without waiting', async () => {
    expect(await answerGap('2000')).toBe(2000);
    expect(await answerGap('100')).toBe(500);
    expect(await answerGap('2000,i')).toBe(0);
  });

  it('a channel already up does not wait, nor does a caller who hangs up during the wait keep the dial plan going', async () => {
    const conf = configWith({ 'extensions.conf': '[from-customers]\nexten => 7,1,Answer()\n same => n,Answer(3000)\n same => n,NoOp(after)\n[agents]\n' });
    const w = makeWorld(conf, { answerMediaMs: 0 });
    placeInboundCall(w.engine, { exten: '7' });
    await w.clock.advance(1);
    expect(w.named('Newexten', 'AppData', 'after')).toHaveLength(1);

    const w2 = makeWorld(configWith({ 'extensions.conf': '[from-customers]\nexten => 7,1,Answer()\n same => n,NoOp(after)\n[agents]\n' }), { answerMediaMs: null });
    const caller = placeInboundCall(w2.engine, { exten: '7' });
    await w2.clock.advance(100);
    w2.engine.remoteHangup(caller);
    await w2.clock.advance(1000);
    expect(w2.named('Newexten', 'AppData', 'after')).toHaveLength(0);
    expect(caller.gone).toBe(true);
  });
});
