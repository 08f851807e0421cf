import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configWith, makeWorld } from './test-support.js';
import { answerPhone, hold, placeInboundCall, unhold } from './calls.js';
import { blindTransfer, redirect } from './transfers.js';
import { attendedTransfer } from './attended-transfer.js';
import { originate } from './originate.js';
import { startMixMonitor, stopMixMonitor } from './recording.js';
import { DEFAULT_ANSWER_MEDIA_MS } from './apps/basic-apps.js';

describe('calls through the demo dial plan', () => {
  it('when a queued caller hangs up while agents ring, the call counts as abandoned and the ringing legs stop with cause 0', async () => {
    const w = makeWorld();
    const caller = placeInboundCall(w.engine, { exten: '5001' });
    // Answer() first waits for the caller's first media frame, then the caller waits 3 s in the queue.
    await w.clock.advance(DEFAULT_ANSWER_MEDIA_MS + 3000);
    w.engine.remoteHangup(caller);
    await w.clock.advance(10);
    const ab = w.named('QueueCallerAbandon');
    expect(ab).toHaveLength(1);
    expect(w.field(ab[0]!, 'HoldTime')).toBe('3');
    expect(w.named('Hangup').map((e) => w.field(e, 'Cause'))).toEqual(['0', '0', '0']);
    expect(w.engine.queues.get('support')!.abandoned).toBe(1);
    expect(w.engine.listChannels()).toHaveLength(0);
  });

  it('a caller who presses 1 in the IVR reaches the support queue; an invalid digit replays the menu', async () => {
    const w = makeWorld();
    placeInboundCall(w.engine, { exten: '5000', behaviour: { dtmf: [{ digits: '7', afterMs: 500 }, { digits: '1', afterMs: 4000 }] } });
    await w.clock.advance(6000);
    expect(w.named('VarSet', 'Variable', 'CHOICE').map((e) => w.field(e, 'Value'))).toEqual(['7', '1']);
    expect(w.named('Newexten', 'Application', 'Playback').map((e) => w.field(e, 'AppData'))).toEqual(['pm-invalid-option']);
    expect(w.named('QueueCallerJoin').map((e) => w.field(e, 'Queue'))).toEqual(['support']);
  });

  it('blind transfer of the agent leg sends the caller to 1002 and reports BlindTransfer and AgentComplete(transfer)', async () => {
    const w = makeWorld();
    const caller = placeInboundCall(w.engine, { exten: '5001' });
    await w.clock.advance(500);
    const agent = answerPhone(w.engine, '1001');
    await w.clock.advance(1000);
    blindTransfer(w.engine, agent, '1002', 'agents');
    await w.clock.advance(100);
    expect(w.named('BlindTransfer')).toHaveLength(1);
    expect(w.field(w.named('AgentComplete')[0]!, 'Reason')).toBe('transfer');
    answerPhone(w.engine, '1002');
    await w.clock.advance(100);
    const peer = w.engine.bridges.peerOf(caller);
    expect(peer?.name).toMatch(/^PJSIP\/1002-/);
    expect(peer?.linkedid).toBe(caller.id);
  });

  it('Redirect moves the caller without a transfer event; AgentComplete (Reason caller) follows when the caller hangs up', async () => {
    const w = makeWorld();
    const caller = placeInboundCall(w.engine, { exten: '5001' });
    await w.clock.advance(500);
    answerPhone(w.engine, '1001');
    await w.clock.advance(1000);
    redirect(w.engine, caller, 'agents', '1002', '1');
    await w.clock.advance(100);
    expect(w.named('BlindTransfer')).toHaveLength(0);
    expect(w.named('AgentComplete')).toHaveLength(0);
    answerPhone(w.engine, '1002');
    await w.clock.advance(100);
    w.engine.remoteHangup(caller);
    await w.clock.advance(10);
    expect(w.named('AgentComplete').map((e) => w.field(e, 'Reason'))).toEqual(['caller']);
  });

  it('attended transfer: consultation through a Local pair, then the agent hangs up and the caller stays with 1002', async () => {
    const w = makeWorld();
    const caller = placeInboundCall(w.engine, { exten: '5001' });
    await w.clock.advance(500);
    const agent = answerPhone(w.engine, '1001');
    await w.clock.advance(1000);
    const mohBefore = w.named('MusicOnHoldStart', 'Channel', caller.name).length;
    attendedTransfer(w.engine, agent, '1002', 'agents');
    await w.clock.advance(100);
    expect(w.named('Hold')).toHaveLength(1);
    expect(w.named('MusicOnHoldStart', 'Channel', caller.name)).toHaveLength(mohBefore + 1);
    expect(w.named('Newchannel').some((e) => /^Local\/1002@agents-[0-9a-f]{8};2$/.test(w.field(e, 'Channel')!))).toBe(true);
    answerPhone(w.engine, '1002');
    await w.clock.advance(100);
    w.engine.requestHangup(agent, 16);
    await w.clock.advance(100);
    expect(w.named('BridgeMerge')).toHaveLength(1);
    expect(w.field(w.named('AttendedTransfer')[0]!, 'DestType')).toBe('Bridge');
    expect(w.named('AgentComplete').map((e) => w.field(e, 'Reason'))).toEqual(['transfer']);
    expect(w.engine.bridges.peerOf(caller)?.name).toMatch(/^Local\/1002@agents-.*;1$/);
    w.engine.remoteHangup(caller);
    await w.clock.advance(100);
    expect(w.engine.listChannels()).toHaveLength(0);
  });

  it('hold gives the other party music on hold and the holder a Hold/Unhold pair', async () => {
    const w = makeWorld();
    const caller = placeInboundCall(w.engine, { exten: '5001' });
    await w.clock.advance(500);
    const agent = answerPhone(w.engine, '1001');
    await w.clock.advance(100);
    hold(w.engine, agent);
    expect(w.engine.devices.get('PJSIP/1001')).toBe('ONHOLD');
    unhold(w.engine, agent);
    expect(w.named('Hold', 'Channel', agent.name)).toHaveLength(1);
    expect(w.named('Unhold', 'Channel', agent.name)).toHaveLength(1);
    expect(w.named('MusicOnHoldStop', 'Channel', caller.name).length).toBeGreaterThanOrEqual(2);
  });

  it('an unsupported dial-plan application is a loud error: logged with file:line and the channel hung up', async () => {
    const w = makeWorld(configWith({ 'extensions.conf': '[from-customers]\nexten => 9,1,Answer()\n same => n,SayAlpha(abc)\n same => n,NoOp(never)\n[agents]\n' }));
    const ch = placeInboundCall(w.engine, { exten: '9' });
    await w.clock.advance(DEFAULT_ANSWER_MEDIA_MS + 10);
    expect(ch.gone).toBe(true);
    expect(ch.failure).toMatch(/application 'SayAlpha' \(extensions.conf:3\) is not supported/);
    expect(w.logs.some((l) => l.level === 'error' && l.message.includes('SayAlpha'))).toBe(true);
    expect(w.named('Newexten', 'Application', 'NoOp')).toHaveLength(0);
  });

  it('an unknown extension goes to the i extension with INVALID_EXTEN set', async () => {
    const w = makeWorld(configWith({ 'extensions.conf': '[from-customers]\nexten => i,1,NoOp(invalid ${INVALID_EXTEN})\n same => n,Hangup()\n[agents]\n' }));
    placeInboundCall(w.engine, { exten: '4242' });
    await w.clock.advance(10);
    expect(w.named('Newexten', 'Application', 'NoOp').map((e) => w.field(e, 'AppData'))).toEqual(['invalid 4242']);
  });

  it('a failed Originate (phone busy) reports OriginateResponse Failure with Reason 5', async () => {
    const w = makeWorld();
    w.engine.endpoints.get('1001')!.rejectCalls = true;
    const result = originate(w.engine, { channel: 'PJSIP/1001', context: 'agents', exten: '2001', actionId: 'x1' });
    await w.clock.advance(10);
    expect(await result).toMatchObject({ success: false, reason: 5 });
    const resp = w.named('OriginateResponse')[0]!;
    expect([w.field(resp, 'Response'), w.field(resp, 'Reason'), w.field(resp, 'Uniqueid')]).toEqual(['Failure', '5', '<null>']);
  });

  it('MixMonitor writes a WAV of silence as long as the recording lasted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pbx-rec-'));
    const w = makeWorld(undefined, { recordingDir: dir });
    const caller = placeInboundCall(w.engine, { exten: '5001' });
    await w.clock.advance(500);
    answerPhone(w.engine, '1001');
    await w.clock.advance(100);
    startMixMonitor(w.engine, caller, 'call.wav');
    await w.clock.advance(2500);
    expect(stopMixMonitor(w.engine, caller)).toBe(true);
    const wav = readFileSync(path.join(dir, 'call.wav'));
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(40)).toBe(2.5 * 8000 * 2);
    expect(w.named('MixMonitorStop')).toHaveLength(1);
  });

  it('Linkedid of the caller is inherited by every agent leg it rings', async () => {
    const w = makeWorld();
    const caller = placeInboundCall(w.engine, { exten: '5001' });
    await w.clock.advance(100);
    const legs = w.named('Newchannel').slice(1);
    expect(legs).toHaveLength(2);
    for (const l of legs) expect(w.field(l, 'Linkedid')).toBe(caller.id);
    expect(caller.id).toMatch(/^\d+\.\d+$/);
  });
});

describe('sounds the switch has', () => {
  const plan = (ext: string) =>
    configWith({ 'extensions.conf': `[from-customers]\nexten => 7000,1,Answer()\n same => n,${ext}\n same => n,Set(DONE=yes)\n same => n,Hangup()\n` });

  it('plays a core sound and a declared upload; a file the switch lacks fails with Asterisk’s warning and the dial plan goes on', async () => {
    for (const [app, status] of [
      ['Playback(hello&custom/welcome)', ['PLAYBACKSTATUS', 'SUCCESS']],
      ['Playback(hello&etc/passwd)', ['PLAYBACKSTATUS', 'FAILED']],
      ['Background(/etc/passwd)', ['BACKGROUNDSTATUS', 'FAILED']],
    ] as const) {
      const w = makeWorld(plan(app), { customSounds: ['custom/welcome'] });
      placeInboundCall(w.engine, { exten: '7000' });
      await w.clock.advance(5000);
      expect(w.named('VarSet', 'Variable', status[0]).map((e) => w.field(e, 'Value'))).toEqual([status[1]]);
      expect(w.named('VarSet', 'Variable', 'DONE')).toHaveLength(1);
      const warned = w.logs.some((l) => l.level === 'warn' && /does not exist in any format/.test(l.message));
      expect(warned).toBe(status[1] === 'FAILED');
    }
  });
});
