import type { Driver, Scenario } from './scenarios.js';

/** b and b2: a support call answered by 1001, the client's transfer action, 1002 answers, the caller hangs up. */
async function transferToSecondAgent(d: Driver): Promise<void> {
  await d.send(0);
  const caller = d.call('5001');
  await d.advance(2000);
  d.answer('1001');
  await d.advance(2000);
  await d.send(1);
  await d.advance(1000);
  d.answer('1002');
  await d.advance(10000);
  d.hangup(caller);
  await d.advance(100);
}

/** Login is action 0 everywhere; each script plays the phones the way the recording did. */
export const SCENARIOS: Scenario[] = [
  {
    name: 'h-ami-basics',
    script: (d) => d.sendRest(),
    compare: {
      unorderedLists: ['h-ami-basics-13'],
      maskOutput: ['h-ami-basics-5'],
      // Asterisk's queue availability device was stale at boot in the recording (INUSE with idle members).
      maskListFields: ['DeviceStateChange.State'],
    },
  },
  { name: 'h2-auth-errors', script: (d) => d.sendRest() },
  {
    name: 'a-queue-answer',
    async script(d) {
      await d.send(0);
      const caller = d.call('5001');
      await d.advance(2000);
      d.answer('1001');
      await d.advance(6000);
      d.hangup(caller);
      await d.advance(100);
    },
  },
  {
    name: 'c-queue-abandon',
    async script(d) {
      await d.send(0);
      const caller = d.call('5001');
      await d.advance(4000);
      d.hangup(caller);
      await d.advance(100);
    },
  },
  { name: 'e-queue-pause', script: (d) => d.sendRest() },
  {
    name: 'd-click-to-dial',
    async script(d) {
      await d.send(0);
      d.sim.engine.endpoints.get('2001')!.autoAnswerMs = 1500;
      await d.send(1);
      await d.advance(2000);
      d.answer('1001');
      await d.advance(2000);
      await d.advance(5000);
      await d.send(2);
      await d.advance(100);
    },
  },
  {
    name: 'b-blind-transfer',
    script: transferToSecondAgent,
  },
  {
    name: 'b2-redirect-transfer',
    script: transferToSecondAgent,
  },
  {
    name: 'g-ivr-dtmf',
    async script(d) {
      await d.send(0);
      // sipp's RFC 4733 digit lasted 280 ms (DTMFEnd DurationMs, ChannelDtmfReceived duration_ms).
      const caller = d.call('5000', [{ digits: '1', afterMs: 1500, durationMs: 280 }]);
      await d.advance(4000);
      d.answer('1001');
      await d.advance(5000);
      d.hangup(caller);
      await d.advance(100);
    },
  },
  {
    name: '0-register',
    // The recorded switch had Queue:sales_avail stale at INUSE (simplification 5), so 1003's
    // un-registration could not announce INUSE; its re-registration announced NOT_INUSE.
    compare: { recordedInitialDeviceStates: { 'Queue:sales_avail': 'INUSE' } },
    async script(d) {
      await d.send(0);
      d.sim.engine.endpoints.unregister('1003');
      await d.advance(1100);
      d.sim.engine.endpoints.register('1003', 'sipp-agent-1003');
      await d.advance(1000);
    },
  },
  {
    name: 'g2-ivr-dtmf-info',
    // The caller's DialState for the second agent snapshotted that leg before its own Newstate Ringing
    // (Down), where g-ivr-dtmf saw Ringing: a race between two channels' threads in Asterisk.
    compare: { maskEventFields: ['DialState.DestChannelState', 'DialState.DestChannelStateDesc'] },
    async script(d) {
      await d.send(0);
      // The SIP INFO carried Duration=160 (DTMFEnd DurationMs, ChannelDtmfReceived duration_ms).
      const caller = d.call('5000', [{ digits: '1', afterMs: 2500, mode: 'info', durationMs: 160 }]);
      await d.advance(4000);
      d.answer('1001');
      await d.advance(7000);
      d.hangup(caller);
      await d.advance(100);
    },
  },
  {
    name: 'i-ws-register',
    async script(d) {
      await d.send(0);
      d.sim.engine.endpoints.register('1101', 'sip.js', { transport: 'ws' });
      await d.advance(500);
      d.sim.engine.endpoints.unregister('1101');
      await d.advance(1000);
    },
  },
  {
    name: 'j-record-and-spy',
    async script(d) {
      await d.send(0);
      const caller = d.call('5001');
      await d.advance(2500);
      d.answer('1001');
      await d.advance(10);
      await d.send(1);
      d.sim.engine.endpoints.get('1003')!.autoAnswerMs = 1000;
      await d.send(2);
      await d.advance(4100);
      await d.send(3);
      await d.advance(5400);
      d.hangup(caller);
      await d.advance(2000);
    },
  },
  {
    name: 'b3-attended-transfer',
    // README, deliberate simplification 10: each entry is the first difference of a stream.
    compare: {
      // ;2's DialBegin snapshotted 1002's leg after its 180 Ringing: a race between two channels' threads.
      maskEventFields: ['DialBegin.DestChannelState', 'DialBegin.DestChannelStateDesc'],
      knownDifferences: [
        { stream: 'chan:PJSIP/2001-XXXXXXXX#1', index: 18, asterisk: 'DialState', pbxSim: 'DialState', reason: 'ringall agents reach Ringing in racing order (1001 first here, 1002 first in g2 and j)' },
        { stream: 'device:PJSIP/2001', index: 1, asterisk: 'DeviceStateChange', pbxSim: 'DeviceStateChange', reason: 'the caller hearing hold music is not ONHOLD in pbx-sim' },
        { stream: 'chan:PJSIP/1001-XXXXXXXX#1', index: 36, asterisk: 'BridgeLeave', pbxSim: 'VarSet', reason: 'transferer leaves the consultation bridge before its BRIDGEPEER is cleared in Asterisk' },
        { stream: 'exten:1001@agents', index: 2, asterisk: 'ExtensionStatus', pbxSim: 'ExtensionStatus', reason: 'transferer passes through Hold after the transfer in pbx-sim' },
        { stream: 'device:PJSIP/1001', index: 2, asterisk: 'DeviceStateChange', pbxSim: 'DeviceStateChange', reason: 'same: ONHOLD before NOT_INUSE' },
        { stream: 'member:support/PJSIP/1001', index: 2, asterisk: 'QueueMemberStatus', pbxSim: 'QueueMemberStatus', reason: 'same: Status 8 before 1' },
        { stream: 'chan:Local/1002@agents-XXXXXXXX;1#1', index: 4, asterisk: 'NewConnectedLine', pbxSim: 'BridgeEnter', reason: ';1 is not dialled like a Dial leg (no NewConnectedLine, Newstate, DialState, DialEnd) and is moved by BridgeMerge, not BridgeLeave/BridgeEnter' },
        { stream: 'chan:Local/1002@agents-XXXXXXXX;2#1', index: 35, asterisk: 'NewCallerid', pbxSim: 'BridgeLeave', reason: ';2 does not take the caller (2001) as its caller id after the merge' },
        { stream: 'chan:PJSIP/1002-XXXXXXXX#2', index: 9, asterisk: 'NewConnectedLine', pbxSim: 'VarSet', reason: 'the connected line of the consulted phone is not updated to the caller after the merge' },
        { stream: 'device:Local/1002@agents', index: 0, asterisk: 'DeviceStateChange', pbxSim: '(missing)', reason: 'Local channel devices are not reported' },
      ],
    },
    async script(d) {
      await d.send(0);
      const caller = d.call('5001');
      await d.advance(2500);
      d.answer('1001');
      await d.advance(2000);
      await d.send(1);
      await d.advance(3000);
      d.answer('1002');
      await d.advance(2000);
      await d.send(2);
      await d.advance(8000);
      d.hangup(caller);
      await d.advance(2000);
    },
  },
];
