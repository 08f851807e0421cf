import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { placeInboundCall } from '@ringside/pbx-sim';
import { PgCustomerDirectory } from '../crm/customers/customer-directory.js';
import { testDatabases } from '../db/test-databases.js';
import { ACME_STASIS_DID, SHARED_CALLER, createTwoTenantWorld, type TwoTenantWorld } from '../cti/testing/two-tenant-world.js';
import { queueJoin, routed, startRouting } from './testing/stasis-kit.js';

// Stasis routing on a switch shared by the default tenant (DID 6000) and Acme (DID 7600): the
// channel's dial-plan context says whose call it is, the lookup reads only that tenant's customers
// and the caller waits in that tenant's queue.

describe.each(testDatabases())('Stasis routing with two tenants (%s)', (_driver, testDatabase) => {
  let world: TwoTenantWorld;
  let router: Awaited<ReturnType<typeof startRouting>>;

  beforeAll(async () => {
    world = await createTwoTenantWorld(testDatabase);
    router = await startRouting(world.sim, new PgCustomerDirectory(world.customers, world.interactions), { tenants: world.tenants });
  }, 60_000);

  afterAll(async () => {
    for (const ch of world?.sim.engine.listChannels() ?? []) world.sim.engine.remoteHangup(ch);
    await router?.stop();
    await world?.close();
  }, 30_000);

  it("a caller of Acme's DID waits in acme-support, identified as Acme's customer with that number", async () => {
    const ch = placeInboundCall(world.sim.engine, { from: 'acme-3001', exten: ACME_STASIS_DID, callerNum: SHARED_CALLER });
    const [joined, call] = await Promise.all([queueJoin(world.sim, ch.id), routed(router.router, ch.id)]);
    expect(joined).toEqual({ queue: 'acme-support', prio: '0', customerId: world.customerIds.alice });
    expect(call).toMatchObject({ outcome: 'target', route: { queue: 'support', customerId: world.customerIds.alice } });
  });

  it("the same number on the default tenant's DID is the default tenant's customer, in its own support queue", async () => {
    const ch = placeInboundCall(world.sim.engine, { from: '2001', exten: '6000', callerNum: SHARED_CALLER });
    const [joined] = await Promise.all([queueJoin(world.sim, ch.id), routed(router.router, ch.id)]);
    expect(joined).toEqual({ queue: 'support', prio: '0', customerId: world.customerIds.dana });
  });
});
