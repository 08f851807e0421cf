import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoDialPlan, type DialPlan } from '@ringside/shared';
import { startCallFlowRig, type CallFlowRig } from '../support/call-flow.js';

describe('the demo dial plan, rendered and run by pbx-sim', () => {
  let rig: CallFlowRig;
  beforeAll(async () => {
    rig = await startCallFlowRig(demoDialPlan);
  });
  afterAll(() => rig.stop());

  it('a caller on 5000 who presses 1 waits in the support queue', async () => {
    const outcome = await rig.call({ did: '5000', presses: ['1'] });
    expect(outcome.landed).toEqual({ kind: 'queue', queue: 'support' });
    expect(outcome.contexts).toEqual(['ringside-inbound', 'ringside-ivr-main', 'ringside-queue-support']);
  });

  it('a caller on 5000 who presses 2 waits in the sales queue', async () => {
    expect((await rig.call({ did: '5000', presses: ['2'] })).landed).toEqual({ kind: 'queue', queue: 'sales' });
  });

  it('a caller who presses a key the menu does not know three times is hung up on after the third', async () => {
    const outcome = await rig.call({ did: '5000', presses: ['7', '7', '7'] });
    expect(outcome.landed).toMatchObject({ kind: 'hangup' });
    expect(outcome.prompts).toBe(3);
  });

  it('a caller on 5001 goes straight to the support queue without a menu', async () => {
    const outcome = await rig.call({ did: '5001' });
    expect(outcome).toMatchObject({ landed: { kind: 'queue', queue: 'support' }, prompts: 0 });
  });

  it('a caller on 6000 is handed to the CTI application with where the call came from', async () => {
    expect((await rig.call({ did: '6000' })).landed).toEqual({ kind: 'stasis', app: 'cti', args: ['inbound', '6000'] });
  });
});

describe('a changed dial plan, as an admin would edit it', () => {
  it('adding IVR option 3 for a new queue billing makes key 3 land in billing', async () => {
    const plan: DialPlan = structuredClone(demoDialPlan);
    plan.queues.push({ ...structuredClone(plan.queues[0]!), name: 'billing', members: [{ extension: '1003', penalty: 0, membership: 'static' }] });
    plan.ivrMenus[0]!.options.push({ digit: '3', destination: { type: 'queue', queue: 'billing' } });
    const rig = await startCallFlowRig(plan);
    try {
      expect((await rig.call({ did: '5000', presses: ['3'] })).landed).toEqual({ kind: 'queue', queue: 'billing' });
      expect((await rig.call({ did: '5000', presses: ['1'] })).landed).toEqual({ kind: 'queue', queue: 'support' });
    } finally {
      await rig.stop();
    }
  });

  it('before the change, key 3 is an invalid choice that only repeats the menu', async () => {
    const rig = await startCallFlowRig(demoDialPlan);
    try {
      const outcome = await rig.call({ did: '5000', presses: ['3', '1'] });
      expect(outcome.landed).toEqual({ kind: 'queue', queue: 'support' });
      expect(outcome.prompts).toBe(2);
    } finally {
      await rig.stop();
    }
  });
});
