import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { placeInboundCall } from '@ringside/pbx-sim';
import { UNLIMITED, type RoomDelta } from '@ringside/shared';
import { startCtiNode, type CtiNode } from '../cti/testing/cti-world.js';
import { TestClient, until } from '../cti/testing/test-client.js';
import { SHARED_CALLER, createTwoTenantWorld, type TwoTenantWorld } from '../cti/testing/two-tenant-world.js';
import { loadSwitchTenants, type SwitchTenants } from '../tenancy/switch-tenants.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const WAIT_MS = 15_000;

// Two nodes behind one switch shared by two tenants: the owner's deltas reach the other node's
// sockets through the Redis adapter, each only in its tenant's rooms; each node has its own tenants.
let world: TwoTenantWorld;
let owner: CtiNode;
let other: CtiNode;
let ownerTenants: SwitchTenants;
const clients: TestClient[] = [];

beforeAll(async () => {
  world = await createTwoTenantWorld();
  const prefix = `ringside-test-${randomBytes(4).toString('hex')}`;
  const start = async (nodeId: string) => {
    const tenants = await loadSwitchTenants(world.tenantList);
    return { tenants, node: await startCtiNode(world, { redisUrl: REDIS_URL, redisPrefix: prefix, nodeId, leaseTtlMs: 900, tenants, tenantList: world.tenantList }) };
  };
  const a = await start('node-a');
  owner = a.node;
  ownerTenants = a.tenants;
  await until('node A to own the switch', () => owner.module.isOwner(), WAIT_MS);
  other = (await start('node-b')).node;
  await owner.ami.whenReady(WAIT_MS);
  await until('acme 1001 in its support queue', () => owner.module.service.state().agent(world.agentIds.alice)?.memberships.has('acme-support'), WAIT_MS);
}, 90_000);

afterAll(async () => {
  for (const c of clients) c.close();
  for (const ch of world?.sim.engine.listChannels() ?? []) world.sim.engine.remoteHangup(ch);
  await other?.stop();
  await owner?.stop();
  await world?.close();
}, 30_000);

describe('two tenants on several nodes', () => {
  it("a supervisor on the node without the switch gets their tenant's call, the other tenant's supervisor there gets nothing of it", async () => {
    const [ava, sid] = await Promise.all([TestClient.connect(other.url, world.cookies.ava, WAIT_MS), TestClient.connect(other.url, world.cookies.sid, WAIT_MS)]);
    clients.push(ava, sid);
    const callId = placeInboundCall(world.sim.engine, { from: 'acme-3001', exten: '7001', callerNum: SHARED_CALLER }).linkedid;
    const delta = await ava.waitFor<RoomDelta>('delta', (d) => d.changes.some((c) => c.type === 'call' && c.call.callId === callId && c.call.queue === 'support'), WAIT_MS);
    expect([delta.room, delta.tenantId]).toEqual(['supervisors', world.acmeId]);
    // A round trip on sid's socket: whatever the server sent it before has arrived.
    await sid.command('resync', {});
    expect(JSON.stringify(sid.events)).not.toContain(callId);
  });

  it('a tenant created through the node without the switch is known on the owner once announced', async () => {
    const gamma = await world.tenantList.create({ slug: 'gamma', name: 'Gamma Services', limits: UNLIMITED });
    expect(ownerTenants.tenantOf('gamma-support')).toBe(world.defaultId);
    await other.module.tenantsChanged();
    await until('the owner re-read the tenants', () => ownerTenants.tenantOf('gamma-support') === gamma.id, WAIT_MS);
  });
});
