import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { DEFAULT_TENANT_ID, demoDialPlan } from '@ringside/shared';
import { inTenant } from '../db/tenant-scope.js';
import { placeInboundCall, startPbxSim, type PbxSim } from '@ringside/pbx-sim';
import { PgCustomerDirectory } from '../crm/customers/customer-directory.js';
import { CustomerRepository } from '../crm/customers/customer-repository.js';
import { InteractionRepository } from '../crm/customers/interaction-repository.js';
import { postgresTestDatabase, type TestDatabase } from '../db/test-databases.js';
import { dialPlanSecrets, readBaseFiles, renderForSwitch, writeAtomic } from '../dialplan/config-folder.js';
import { DEFAULT_PBX_BASE_CONFIG_DIR } from '../config.js';
import type { CustomerDirectory } from '../domain/ports/customer-directory.js';
import { CallerLookups } from '../cti/caller-lookups.js';
import { createLogger } from '../logger.js';
import { queueJoin, routed, startRouting } from './testing/stasis-kit.js';

const silent = createLogger('silent');
const VIP = '+14155550181';
const STRANGER = '+14155550199';

let handle: TestDatabase;
let directory: PgCustomerDirectory;
let configDir: string;
let sim: PbxSim;
let vipId: string;
let regularId: string;

beforeAll(async () => {
  handle = postgresTestDatabase();
  const db = await handle.open();
  const customers = new CustomerRepository(db, { defaultCountry: 'US' });
  directory = new PgCustomerDirectory(customers, new InteractionRepository(db));
  vipId = (await customers.create({ kind: 'person', firstName: 'Vera', lastName: 'Important', lifecycle: 'customer', valueScore: 93, contactPoints: [{ kind: 'phone', value: VIP }] })).id;
  regularId = (await customers.create({ kind: 'person', firstName: 'Rudi', lastName: 'Regular', lifecycle: 'customer', valueScore: 40, contactPoints: [{ kind: 'phone', value: '(415) 555-0182' }] })).id;
  // The switch runs Ringside's rendered demo plan: DID 6000 is Stasis(cti,inbound,6000).
  configDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-stasis-'));
  const files = { ...(await readBaseFiles(DEFAULT_PBX_BASE_CONFIG_DIR)), ...renderForSwitch(demoDialPlan, dialPlanSecrets('test', {}), DEFAULT_PBX_BASE_CONFIG_DIR) };
  for (const [name, text] of Object.entries(files)) await writeAtomic(configDir, name, text);
  sim = await startPbxSim({ configDir, amiPort: 0, httpPort: 0, engine: { promptMs: 5, log: () => undefined } });
});

afterAll(async () => {
  await sim?.stop();
  await handle?.dispose();
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

describe('Ringside-controlled routing of DID 6000', () => {
  it('with ARI never connected the Stasis app fails and the dial plan falls through to the support queue', async () => {
    const ch = placeInboundCall(sim.engine, { exten: '6000', callerNum: VIP });
    const joined = await queueJoin(sim, ch.id);
    expect(joined).toEqual({ queue: 'support', prio: undefined, customerId: undefined });
    expect(ch.vars.get('STASISSTATUS')).toBe('FAILED');
  });

  it('a high-value customer lands in the support queue at priority 10, already identified for the screen pop', async () => {
    const r = await startRouting(sim, directory);
    try {
      const ch = placeInboundCall(sim.engine, { exten: '6000', callerNum: VIP });
      const [joined, call] = await Promise.all([queueJoin(sim, ch.id), routed(r.router, ch.id)]);
      expect(joined).toEqual({ queue: 'support', prio: '10', customerId: vipId });
      // The CRM answered within the lookup deadline: the ranking is the customer's, not the fallback.
      expect(call).toMatchObject({ outcome: 'target', route: { queue: 'support', priority: 10, reason: 'high-value', customerId: vipId } });
    } finally {
      await r.stop();
    }
  });

  it('a caller the CTI already looked up (the call appeared on AMI first) is routed from that lookup: the CRM is asked once per call', async () => {
    const asked: string[] = [];
    const counting: CustomerDirectory = { findByE164: (e164, options) => (asked.push(e164), directory.findByE164(e164, options)) };
    const lookups = new CallerLookups(counting, silent, { maxAgeMs: 30_000, maxEntries: 100, now: Date.now });
    const r = await startRouting(sim, counting, { lookupDeadlineMs: 2000, callerLookups: lookups });
    try {
      const ch = placeInboundCall(sim.engine, { exten: '6000', callerNum: VIP });
      // What the CTI does on the call's Newchannel, in the call's tenant: the caller's channel id is the call's Linkedid.
      inTenant(DEFAULT_TENANT_ID, () => lookups.prefetch(ch.linkedid, '+14155550181'));
      const [joined] = await Promise.all([queueJoin(sim, ch.id), routed(r.router, ch.id)]);
      expect(joined).toEqual({ queue: 'support', prio: '10', customerId: vipId });
      expect(asked).toEqual(['+14155550181']);
    } finally {
      await r.stop();
    }
  });

  it('a known customer below the threshold waits with the default priority; a number written differently still matches', async () => {
    const r = await startRouting(sim, directory);
    try {
      const ch = placeInboundCall(sim.engine, { exten: '6000', callerNum: '4155550182' });
      const [joined] = await Promise.all([queueJoin(sim, ch.id), routed(r.router, ch.id)]);
      expect(joined).toEqual({ queue: 'support', prio: '0', customerId: regularId });
    } finally {
      await r.stop();
    }
  });

  it('an unknown caller lands in the support queue with the default priority and no customer', async () => {
    const r = await startRouting(sim, directory);
    try {
      const ch = placeInboundCall(sim.engine, { exten: '6000', callerNum: STRANGER });
      const [joined, call] = await Promise.all([queueJoin(sim, ch.id), routed(r.router, ch.id)]);
      expect(joined).toEqual({ queue: 'support', prio: '0', customerId: undefined });
      expect(call.route?.reason).toBe('unknown');
    } finally {
      await r.stop();
    }
  });

  it('when the CRM does not answer, the caller is still routed to the default queue', async () => {
    const stuck: CustomerDirectory = { findByE164: () => new Promise(() => undefined) };
    const r = await startRouting(sim, stuck, { lookupDeadlineMs: 50 });
    try {
      const ch = placeInboundCall(sim.engine, { exten: '6000', callerNum: VIP });
      const [joined, call] = await Promise.all([queueJoin(sim, ch.id), routed(r.router, ch.id)]);
      expect(joined).toMatchObject({ queue: 'support', prio: '0', customerId: undefined });
      expect(call.route?.reason).toBe('lookup-failed');
    } finally {
      await r.stop();
    }
  });

  it('a caller left in Stasis while the CTI server was away is routed when it reconnects', async () => {
    // Another client holds the app while the call enters Stasis, then disappears without acting.
    const gone = new WebSocket(`ws://127.0.0.1:${sim.httpPort}/ari/events?app=cti`, { headers: { authorization: `Basic ${Buffer.from('cti:cti-secret').toString('base64')}` } });
    await new Promise((resolve, reject) => gone.once('open', resolve).once('error', reject));
    const entered = new Promise<void>((resolve) => gone.on('message', (m) => (String(m).includes('"StasisStart"') ? resolve() : undefined)));
    const ch = placeInboundCall(sim.engine, { exten: '6000', callerNum: VIP });
    await entered;
    await new Promise<void>((resolve) => {
      gone.once('close', () => resolve());
      gone.terminate();
    });
    const joining = queueJoin(sim, ch.id);
    const r = await startRouting(sim, directory);
    try {
      expect(await joining).toEqual({ queue: 'support', prio: '10', customerId: vipId });
    } finally {
      await r.stop();
    }
  });
});
