import type { Scenario } from './scenarios.js';

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
    async script(d) {
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
    },
  },
  {
    name: 'b2-redirect-transfer',
    async script(d) {
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
    },
  },
  {
    name: 'g-ivr-dtmf',
    async script(d) {
      await d.send(0);
      const caller = d.call('5000', [{ digits: '1', afterMs: 1500 }]);
      await d.advance(4000);
      d.answer('1001');
      await d.advance(5000);
      d.hangup(caller);
      await d.advance(100);
    },
  },
  {
    name: '0-register',
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
    async script(d) {
      await d.send(0);
      const caller = d.call('5000', [{ digits: '1', afterMs: 2500, mode: 'info' }]);
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
];
