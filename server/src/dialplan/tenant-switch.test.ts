import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoDialPlan, demoTenantPlans, DEFAULT_TENANT_ID, isRingsideError, parseDialPlan, UNLIMITED, type DialPlan } from '@ringside/shared';
import { placeInboundCall } from '@ringside/pbx-sim';
import { UserRepository } from '../auth/user-repository.js';
import { LivePlanQueueMembership } from '../cti/queue-membership.js';
import { inTenant } from '../db/tenant-scope.js';
import { testDatabases } from '../db/test-databases.js';
import { AmiClient, field, type AmiMessage } from '../pbx/ami/index.js';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import { readLivePlan } from './dialplan-module.js';
import { DialPlanRepository } from './dialplan-repository.js';
import { startDialPlanRig, type DialPlanRig } from './testing/dialplan-harness.js';

const acmePlan = (): DialPlan => parseDialPlan(demoTenantPlans.find((t) => t.prefix === 'acme')!.plan);

/** Sections of the rendered files by `file [name] #n`, for the sections `owned` picks by name. */
function sections(files: Record<string, string>, owned: (name: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith('.conf')) continue;
    const seen = new Map<string, number>();
    for (const block of text.split(/\n(?=\[)/).slice(1)) {
      const name = /^\[([^\]]+)\]/.exec(block)?.[1] ?? '';
      if (!owned(name)) continue;
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      // Trailing comments and blank lines introduce what follows (the next tenant's part); they are not this section's.
      out.set(`${file} [${name}] #${n}`, block.replace(/(\n(;[^\n]*)?)*$/, ''));
    }
  }
  return out;
}
const SHARED = new Set(['ringside-inbound', 'from-customers', 'general', 'globals', 'dial-agent', 'ringside-stasis']);
const acmes = (name: string) => name.startsWith('acme-');
const defaults = (name: string) => !name.startsWith('acme-') && !SHARED.has(name);

function thrown(e: unknown): { code: string; message: string } {
  if (isRingsideError(e)) return { code: e.code, message: e.message };
  throw e;
}

describe.each(testDatabases())('two tenants on the shared switch, through publish, on %s', (_driver, makeDb) => {
  let rig: DialPlanRig;
  let events: AmiClient;
  const seen: AmiMessage[] = [];
  let acmeId: string;
  let acmeAdmin: { id: string; displayName: string };
  const asAcme = <T>(work: () => Promise<T>) => inTenant(acmeId, work);
  const asDefault = <T>(work: () => Promise<T>) => inTenant(DEFAULT_TENANT_ID, work);
  const ofCall = (linkedid: string, event: string) => seen.filter((m) => field(m, 'Linkedid') === linkedid && field(m, 'Event') === event);

  async function until(pred: () => boolean, what: string): Promise<void> {
    for (const started = Date.now(); !pred(); await new Promise((r) => setTimeout(r, 10))) {
      if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
    }
  }

  /** A call from the carrier to `did`: the queue it joined and the agents' phones it rang. */
  async function callTo(did: string): Promise<{ queue: string; rang: string[] }> {
    const caller = placeInboundCall(rig.sim!.engine, { exten: did, callerNum: '+14155550123' });
    await until(() => ofCall(caller.linkedid, 'AgentCalled').length > 0, `agents called for ${did}`);
    await new Promise((r) => setTimeout(r, 50));
    const queue = field(ofCall(caller.linkedid, 'QueueCallerJoin')[0]!, 'Queue');
    const rang = ofCall(caller.linkedid, 'AgentCalled').map((m) => field(m, 'Interface')).sort();
    rig.sim!.engine.remoteHangup(caller);
    return { queue, rang };
  }

  beforeAll(async () => {
    rig = await startDialPlanRig(makeDb());
    acmeId = (await new TenantRepository(rig.database).create({ slug: 'acme', name: 'Acme Insurance', limits: UNLIMITED })).id;
    const users = new UserRepository(rig.database);
    acmeAdmin = { id: (await users.create({ username: 'acme-admin', displayName: 'Ana Acme', passwordHash: 'x' })).id, displayName: 'Ana Acme' };
    events = new AmiClient({ host: '127.0.0.1', port: rig.sim!.amiPort, username: 'cti', secret: 'cti-secret', backoff: { initialMs: 50, maxMs: 200 } });
    events.on('event', (m: AmiMessage) => void seen.push(m));
    events.start();
    await events.whenReady();
  }, 60_000);
  afterAll(async () => {
    await events?.stop();
    await rig?.close();
  });

  it("acme's plan goes live next to the default tenant's: the default's sections stay byte for byte, each tenant's 1001 has its own password", async () => {
    const before = await rig.snapshotConfigDir();
    await asAcme(() => rig.service.saveDraft(acmeAdmin, { plan: acmePlan() }));
    const version = await asAcme(() => rig.service.publish(acmeAdmin, { comment: 'acme goes live' }));
    expect(version).toMatchObject({ number: 1, applyStatus: 'applied', live: true });
    const after = await rig.snapshotConfigDir();
    expect(sections(before, defaults).size).toBeGreaterThan(10);
    expect([...sections(after, defaults)]).toEqual([...sections(before, defaults)]);
    expect(sections(after, acmes).size).toBeGreaterThan(10);
    expect(after['ringside-queues.conf']).toContain('[acme-support](ringside-queue)');
    const auth = after['run/ringside/asterisk/pjsip-auth.conf']!;
    expect(auth).toContain('[acme-1001](ringside-auth)\nusername = acme-1001\npassword = acme-1001');
    expect(auth).toContain('[1001](ringside-auth)\nusername = 1001\npassword = pass1001');
  });

  it("acme's version keeps only acme's part of the switch: its admins never see the default tenant's plan", async () => {
    const stored = await asAcme(() => new DialPlanRepository(rig.database.db).liveVersion());
    const text = Object.values(stored!.files).join('\n');
    expect(text).toContain('[acme-ringside-agents]');
    expect(text).not.toMatch(/^\[(1001|support|ringside-ivr-main)\]/m);
    expect(text).not.toContain('pass1001');
    expect(text).not.toContain('password =');
    // The diff compares the same part: right after the publish, acme's draft renders to exactly what is live.
    const diff = await asAcme(() => rig.service.diff());
    expect(diff.files.map((f) => [f.name, f.changed]).sort()).toEqual(Object.keys(stored!.files).sort().map((n) => [n, false]));
  });

  it("on the switch both tenants have 1001 and a queue support: acme's DID reaches acme-support and rings acme-1001, the default's support / 1001", async () => {
    expect(await callTo('7001')).toEqual({ queue: 'acme-support', rang: ['PJSIP/acme-1001', 'PJSIP/acme-1002'] });
    expect(await callTo('5001')).toEqual({ queue: 'support', rang: ['PJSIP/1001', 'PJSIP/1002'] });
  });

  it("when the default tenant publishes, acme's sections stay byte for byte and acme still answers", async () => {
    const before = await rig.snapshotConfigDir();
    const plan = structuredClone(demoDialPlan);
    plan.queues[0]!.ringTimeoutSeconds = 25;
    const actor = { id: (await asDefault(() => new UserRepository(rig.database).list()))[0]!.id, displayName: 'Ada Admin' };
    await asDefault(() => rig.service.saveDraft(actor, { plan }));
    await asDefault(() => rig.service.publish(actor, { comment: 'slower ring' }));
    const after = await rig.snapshotConfigDir();
    expect(after['ringside-queues.conf']).toContain('timeout = 25');
    expect(sections(before, acmes).size).toBeGreaterThan(10);
    expect([...sections(after, acmes)]).toEqual([...sections(before, acmes)]);
    expect((await callTo('7001')).queue).toBe('acme-support');
  });

  it("a DID the other tenant has is DID_TAKEN: the draft lists it, publishing is refused and the switch's files do not change", async () => {
    const plan = acmePlan();
    plan.inboundRoutes[1]!.did = '5001';
    const draft = await asAcme(() => rig.service.saveDraft(acmeAdmin, { plan }));
    expect(draft.issues).toEqual([{ code: 'DID_TAKEN', path: ['inboundRoutes', 1, 'did'], message: 'DID 5001 of tenant acme is already taken by the default tenant' }]);
    expect((await asAcme(() => rig.service.getDraft())).issues.map((i) => i.code)).toEqual(['DID_TAKEN']);
    const before = await rig.snapshotConfigDir();
    const refused = thrown(await asAcme(() => rig.service.publish(acmeAdmin, { comment: 'steal 5001' })).catch((e: unknown) => e));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toContain('inboundRoutes.1.did: DID 5001 of tenant acme is already taken by the default tenant [DID_TAKEN]');
    expect(await rig.snapshotConfigDir()).toEqual(before);
    expect((await asAcme(() => rig.service.listVersions())).items).toHaveLength(1);
  });

  it("each agent's queues are their own tenant's, by local name; another tenant's membership of the same extension is not theirs", async () => {
    const membership = new LivePlanQueueMembership(() => readLivePlan(new DialPlanRepository(rig.database.db)));
    expect(await asAcme(() => membership.queuesOf('1001'))).toEqual([{ queue: 'support', membership: 'static' }]);
    expect(await asAcme(() => membership.membershipOf('1001', 'support'))).toBe('static');
    // The default tenant's 1001 may join sales; Acme's 1001 may not (Acme has no such membership).
    expect(await asAcme(() => membership.membershipOf('1001', 'sales'))).toBeNull();
    expect(await asAcme(() => membership.membershipOf('1001', 'acme-support'))).toBeNull();
    expect(await asDefault(() => membership.queuesOf('1001'))).toEqual([
      { queue: 'sales', membership: 'dynamic' },
      { queue: 'support', membership: 'static' },
    ]);
    expect(await asDefault(() => membership.membershipOf('1001', 'acme-support'))).toBeNull();
  });
});
