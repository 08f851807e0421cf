import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { placeInboundCall } from '@ringside/pbx-sim';
import type { ScreenPop } from '@ringside/shared';
import { PgCustomerDirectory } from '../../crm/customers/customer-directory.js';
import type { CustomerDirectory } from '../../domain/ports/customer-directory.js';
import { createCtiWorld, startCtiNode, type CtiNode, type CtiWorld } from '../testing/cti-world.js';
import { WAIT_MS } from '../testing/scenario-kit.js';
import { TestClient, until } from '../testing/test-client.js';

// A CRM slower than the pop deadline: what the agent sees first depends on whether the caller was
// looked up while still in the IVR, or only when the phone rang.
const CRM_DELAY_MS = 600;
const POP_DEADLINE_MS = 100;

let world: CtiWorld;
let node: CtiNode;
let agent: TestClient;
const asked: string[] = [];

beforeAll(async () => {
  world = await createCtiWorld();
  await world.customers.create({ kind: 'person', firstName: 'Grace', lastName: 'Hopper', lifecycle: 'customer', valueScore: 70, contactPoints: [{ kind: 'phone', value: '+1 415 555 0177' }] });
  const real = new PgCustomerDirectory(world.customers, world.interactions);
  const slow: CustomerDirectory = {
    findByE164: async (e164, options) => {
      asked.push(e164);
      await new Promise((r) => setTimeout(r, CRM_DELAY_MS));
      return real.findByE164(e164, options);
    },
  };
  node = await startCtiNode(world, { directory: slow, settings: { defaultWrapUpSeconds: 30, popDeadlineMs: POP_DEADLINE_MS } });
  await node.ami.whenReady(WAIT_MS);
  await until('queue members from the switch', () => node.module.service.state().agent(world.agentIds.agent3)?.memberships.has('sales'), WAIT_MS);
  agent = await TestClient.connect(node.url, world.cookies.agent3, WAIT_MS);
}, 60_000);

afterAll(async () => {
  agent?.close();
  for (const ch of world.sim.engine.listChannels()) world.sim.engine.remoteHangup(ch);
  await node?.stop();
  await world?.close();
}, 30_000);

const popsOf = (callId: string) => [...agent.all<ScreenPop>('screenPop'), ...agent.all<ScreenPop>('screenPopRecord')].filter((p) => p.callId === callId);

describe('the caller is looked up when the call arrives, not when the phone rings', () => {
  it('a known caller who spends a moment in the IVR is on the agent screen as the phone rings, even with a CRM slower than the pop deadline', async () => {
    asked.length = 0;
    const callId = placeInboundCall(world.sim.engine, { exten: '5000', callerNum: '+14155550177', behaviour: { dtmf: [{ digits: '2', afterMs: CRM_DELAY_MS + 400 }] } }).linkedid;
    const first = await until('the pop', () => popsOf(callId)[0], WAIT_MS);
    expect(first.match.kind === 'single' && first.match.customer.lastName).toBe('Hopper');
    expect(first.ivrPath.length).toBeGreaterThan(0);
    expect(popsOf(callId)).toHaveLength(1);
    expect(asked).toEqual(['+14155550177']);
  });

  it('a caller put straight through to a queue gets the pending pop first and the card follows: one CRM lookup for the call either way', async () => {
    for (const ch of world.sim.engine.listChannels()) world.sim.engine.remoteHangup(ch);
    await until('no call left', () => node.module.service.state().callViews().length === 0, WAIT_MS);
    asked.length = 0;
    const callId = placeInboundCall(world.sim.engine, { exten: '5002', callerNum: '+14155550177' }).linkedid;
    const pops = await until('the pending pop and the record', () => (popsOf(callId).length === 2 ? popsOf(callId) : undefined), WAIT_MS);
    expect(pops.map((p) => p.match.kind)).toEqual(['pending', 'single']);
    expect(asked).toEqual(['+14155550177']);
  });
});
