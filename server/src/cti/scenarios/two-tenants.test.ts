import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { answerPhone, placeInboundCall } from '@ringside/pbx-sim';
import { UNLIMITED, type CallView, type RoomDelta, type ScreenPop, type SupervisorSnapshot } from '@ringside/shared';
import { eq } from 'drizzle-orm';
import { interactions } from '../../db/schema.js';
import { testDatabases } from '../../db/test-databases.js';
import { inTenant } from '../../db/tenant-scope.js';
import { callLimitsFrom } from '../tenant-call-limits.js';
import { startCtiNode, type CtiNode } from '../testing/cti-world.js';
import { WAIT_MS } from '../testing/scenario-kit.js';
import { TestClient, until } from '../testing/test-client.js';
import { SHARED_CALLER, createTwoTenantWorld, type TwoTenantWorld } from '../testing/two-tenant-world.js';

// Two tenants on one switch, each with an agent on extension 1001 (`PJSIP/1001`, `PJSIP/acme-1001`)
// and a supervisor; one caller number that is a customer in both. Calls go into both tenants at once.

/** The newest pop of a call with the directory's answer in (the first may be `pending`). */
const resolvedPop = (client: TestClient, callId: string) =>
  until(
    `the resolved pop of ${callId}`,
    () => [...client.all<ScreenPop>('screenPop'), ...client.all<ScreenPop>('screenPopRecord')].filter((p) => p.callId === callId && p.match.kind !== 'pending').at(-1),
    WAIT_MS,
  );

/** The first view of the call a client was sent that matches (any view by default). */
const callSeen = (client: TestClient, callId: string, match: (c: CallView) => boolean = () => true) =>
  until(
    `call ${callId} in a delta`,
    () => client.all<RoomDelta>('delta').flatMap((d) => d.changes.flatMap((c) => (c.type === 'call' && c.call.callId === callId && match(c.call) ? [c.call] : []))).at(0),
    WAIT_MS,
  );

/** Everything a socket was sent, as text: what it must not contain, it never received. */
const everything = (client: TestClient) => JSON.stringify(client.events);

describe.each(testDatabases())('two tenants on one switch (%s)', (_driver, testDatabase) => {
  let world: TwoTenantWorld;
  let node: CtiNode;
  const clients: TestClient[] = [];
  let dana: TestClient;
  let sid: TestClient;
  let alice: TestClient;
  let ava: TestClient;
  let acmeCall: string;
  let defaultCall: string;

  beforeAll(async () => {
    world = await createTwoTenantWorld(testDatabase);
    // Acme is at its concurrent-call limit; the default tenant has none.
    const callLimits = callLimitsFrom((tenantId) => tenantId !== world.acmeId);
    node = await startCtiNode(world, { tenants: world.tenants, tenantList: world.tenantList, callLimits });
    await node.ami.whenReady(WAIT_MS);
    const state = () => node.module.service.state();
    await until('both agents in their support queues', () => state().agent(world.agentIds.alice)?.memberships.has('acme-support') && state().agent(world.agentIds.dana)?.memberships.has('support'), WAIT_MS);
    const connect = async (cookie: string) => {
      const c = await TestClient.connect(node.url, cookie, WAIT_MS);
      clients.push(c);
      return c;
    };
    [dana, sid, alice, ava] = await Promise.all([connect(world.cookies.dana), connect(world.cookies.sid), connect(world.cookies.alice), connect(world.cookies.ava)]);
    acmeCall = placeInboundCall(world.sim.engine, { from: 'acme-3001', exten: '7001', callerNum: SHARED_CALLER }).linkedid;
    defaultCall = placeInboundCall(world.sim.engine, { from: '2001', exten: '5001', callerNum: SHARED_CALLER }).linkedid;
    await Promise.all([callSeen(ava, acmeCall, (c) => c.queue !== null), callSeen(sid, defaultCall, (c) => c.queue !== null), resolvedPop(alice, acmeCall), resolvedPop(dana, defaultCall)]);
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const ch of world?.sim.engine.listChannels() ?? []) world.sim.engine.remoteHangup(ch);
    await node?.stop();
    await world?.close();
  }, 30_000);

    it("each tenant's supervisor starts from a snapshot of only its own agents and queues, named as its dial plan names them", () => {
      const acme = ava.first<SupervisorSnapshot>('snapshot')!;
      expect(acme.agents.map((a) => [a.agentId, a.tenantId, a.extension])).toEqual([[world.agentIds.alice, world.acmeId, '1001']]);
      expect(acme.queues.map((q) => [q.name, q.tenantId])).toEqual([['support', world.acmeId]]);
      expect(acme.agents[0]?.memberships.map((m) => m.queue)).toEqual(['support']);
      const own = sid.first<SupervisorSnapshot>('snapshot')!;
      expect(own.agents.map((a) => a.agentId)).toEqual([world.agentIds.dana]);
      expect(own.queues.map((q) => q.name)).toEqual(['support']);
      expect(own.queues.every((q) => q.tenantId === world.defaultId)).toBe(true);
    });

    it("a supervisor sees the calls of their tenant's queues, never the other tenant's call or agent, though both queues are called support", async () => {
      const queued = (c: CallView) => c.queue !== null;
      const acmeView = await callSeen(ava, acmeCall, queued);
      expect([acmeView.tenantId, acmeView.queue, acmeView.status]).toEqual([world.acmeId, 'support', expect.objectContaining({ kind: expect.stringMatching(/queued|ringing/) })]);
      const defaultView = await callSeen(sid, defaultCall, queued);
      expect([defaultView.tenantId, defaultView.queue]).toEqual([world.defaultId, 'support']);
      // From its first view on, the Acme call went to Acme only (its trunk is Acme's).
      expect((await callSeen(ava, acmeCall)).tenantId).toBe(world.acmeId);
      for (const d of ava.all<RoomDelta>('delta')) expect(d.tenantId).toBe(world.acmeId);
      for (const d of alice.all<RoomDelta>('delta')) expect(d.tenantId).toBe(world.acmeId);
      expect(everything(ava)).not.toContain(defaultCall);
      expect(everything(ava)).not.toContain(world.agentIds.dana);
      expect(everything(alice)).not.toContain(defaultCall);
      expect(everything(sid)).not.toContain(acmeCall);
      expect(everything(sid)).not.toContain(world.agentIds.alice);
      expect(everything(dana)).not.toContain(acmeCall);
    });

    it("the same caller pops as each tenant's own customer, with the tenant on the pop", async () => {
      const acmePop = await resolvedPop(alice, acmeCall);
      expect(acmePop.tenant).toEqual({ id: world.acmeId, slug: 'acme', name: 'Acme Insurance' });
      expect(acmePop.queue).toBe('support');
      expect(acmePop.match.kind === 'single' && acmePop.match.customer.id).toBe(world.customerIds.alice);
      const defaultPop = await resolvedPop(dana, defaultCall);
      expect(defaultPop.tenant.id).toBe(world.defaultId);
      expect(defaultPop.match.kind === 'single' && defaultPop.match.customer.id).toBe(world.customerIds.dana);
      expect(everything(alice)).not.toContain(world.customerIds.dana);
      expect(everything(dana)).not.toContain(world.customerIds.alice);
    });

    it("a command naming another tenant's call or agent is refused as if it did not exist", async () => {
      // Without the tenant check the first would be FORBIDDEN ("not on your phone"), the others would act.
      expect(await alice.command('hangUp', { callId: defaultCall })).toEqual({ ok: false, error: expect.objectContaining({ code: 'CALL_NOT_FOUND' }) });
      expect(await ava.command('forcePause', { agentId: world.agentIds.dana, reason: 'Break' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'AGENT_NOT_FOUND' }) });
      expect(await ava.command('forceLogout', { agentId: world.agentIds.dana })).toEqual({ ok: false, error: expect.objectContaining({ code: 'AGENT_NOT_FOUND' }) });
      expect(await alice.command('setDisposition', { callId: defaultCall, code: 'resolved' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'CALL_NOT_FOUND' }) });
      // The default call still rings dana: nothing of it was touched.
      expect(node.module.service.state().call(defaultCall)?.legs).toBeDefined();
      expect(node.module.service.state().agent(world.agentIds.dana)?.status.kind).toBe('ringing');
    });

    it("live calls count per tenant, and a tenant at its concurrent-call limit cannot start another", async () => {
      expect([node.module.service.liveCallsOf(world.acmeId), node.module.service.liveCallsOf(world.defaultId)]).toEqual([1, 1]);
      expect(await alice.command('clickToDial', { number: '+14155550100' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'TENANT_LIMIT_EXCEEDED' }) });
    });

    it("a tenant created after boot is known once tenantsChanged() re-read the tenants", async () => {
      const beta = await world.tenantList.create({ slug: 'beta', name: 'Beta Telecom', limits: UNLIMITED });
      expect(world.tenants.tenantOf('beta-support')).toBe(world.defaultId);
      await node.module.tenantsChanged();
      expect(world.tenants.owner('beta-support')).toEqual({ tenantId: beta.id, local: 'support' });
    });

    it("an Acme agent's transfer to extension 1002 rings Acme's 1002, never the default tenant's", async () => {
      answerPhone(world.sim.engine, 'acme-1001');
      await callSeen(alice, acmeCall, (c) => c.status.kind === 'connected');
      expect(await alice.command('blindTransfer', { callId: acmeCall, target: { kind: 'extension', extension: '1002' } })).toEqual({ ok: true });
      const rung = await until('a phone rung by the transfer', () => world.sim.engine.listChannels().filter((c) => c.linkedid === acmeCall && c.endpoint?.endsWith('1002')).map((c) => c.endpoint)[0], WAIT_MS);
      expect(rung).toBe('acme-1002');
    });

    it("the call's interaction rows are Acme's, naming its queue as Acme's dial plan does", async () => {
      for (const ch of world.sim.engine.listChannels().filter((c) => c.linkedid === acmeCall)) world.sim.engine.remoteHangup(ch);
      await until('the Acme call gone', () => !node.module.service.state().call(acmeCall), WAIT_MS);
      await node.module.service.writer.idle();
      // Awaited inside the scope: a drizzle query runs when awaited, and must run in the tenant.
      const rowsIn = (tenantId: string) => inTenant(tenantId, async () => await world.database.db.select().from(interactions).where(eq(interactions.linkedid, acmeCall)));
      const rows = await rowsIn(world.acmeId);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => [r.tenantId, r.queue])).toEqual(rows.map(() => [world.acmeId, 'support']));
      expect(await rowsIn(world.defaultId)).toEqual([]);
    }, 20_000);
});
