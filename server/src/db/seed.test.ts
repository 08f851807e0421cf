import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_TENANT_ID, toE164 } from '@ringside/shared';
import { sql } from 'drizzle-orm';
import { AgentRepository } from '../auth/agent-repository.js';
import { tenantSecrets } from '../dialplan/dialplan-module.js';
import { DialPlanRepository } from '../dialplan/dialplan-repository.js';
import { readSwitchPlans, renderSwitchFiles } from '../dialplan/switch-plans.js';
import { loadConfig } from '../config.js';
import { rowsOf } from './rows.js';
import { ACME_LOGINS, OUTSOURCER_LOGIN } from './seed-acme.js';
import { asSystem, inTenant } from './tenant-scope.js';
import { CustomerRepository } from '../crm/customers/customer-repository.js';
import type { Database } from './database.js';
import { bulkAddCustomers, countCustomers, seedDemo, seedUsers, DEMO_CALLERS } from './seed.js';
import { PhoneGenerator, createRandom } from './seed-data.js';
import { testDatabases, type TestDatabase } from './test-databases.js';

describe.each(testDatabases())('seeding on %s', (_name, make) => {
  let handle: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  });

  it('the demo seed fills an empty database once: users, fixed callers, generated customers, timelines', async () => {
    const first = await seedDemo(database, { defaultCountry: 'US', customers: 60, acmeCustomers: 40 });
    // Five default logins, the platform operator, Acme's three and olivia; 60 default customers, Acme's 2 fixed and 40 generated.
    expect(first).toEqual({ users: 10, customers: 102, interactions: expect.any(Number) });
    expect(first?.interactions).toBeGreaterThanOrEqual(12);
    expect(await seedDemo(database, { defaultCountry: 'US', customers: 60 })).toBeNull();
    expect(await seedUsers(database)).toBe(0);
    const repo = new CustomerRepository(database, { defaultCountry: 'US' });
    expect((await repo.findByE164(DEMO_CALLERS.aliceJohnson)).map((c) => c.firstName)).toEqual(['Alice']);
    expect((await repo.findByE164(DEMO_CALLERS.shared)).map((c) => c.firstName).sort()).toEqual(['David', 'Erin']);
    const [northwind] = await repo.findByE164(DEMO_CALLERS.northwindTraders);
    expect(northwind).toMatchObject({ kind: 'organisation', organisationName: 'Northwind Traders', tradingName: 'Northwind', sizeBand: '250-999' });
    expect(northwind?.contactPoints.find((p) => p.kind === 'address')).toMatchObject({ city: 'Oakland', country: 'US', purpose: 'billing' });
    const [alice] = await repo.findByE164(DEMO_CALLERS.aliceJohnson);
    expect(alice).toMatchObject({ salutation: 'Ms', birthDate: '1984-06-02', language: 'en-US' });
    expect(alice?.contactPoints.filter((p) => p.kind === 'address').map((p) => p.purpose)).toEqual(['work', 'shipping']);
  }, 60_000);

  it("the second company, Acme, has its own live dial plan, agents on the same extensions, its own customers, and olivia works for both", async () => {
    const [acme] = rowsOf<{ id: string; name: string }>(await asSystem(async () => await database.db.execute(sql`select id, name from tenants where slug = 'acme'`)));
    expect(acme?.name).toBe('Acme Insurance');
    const acmeId = acme!.id;
    // (Drizzle's statements are lazy: each is awaited inside its scope.)
    // The switch renders both tenants' live plans together; the default's is the demo plan before its first publish.
    const plans = await readSwitchPlans(new DialPlanRepository(database.db));
    expect(plans.map((p) => [p.prefix, p.version])).toEqual([['', null], ['acme', 1]]);
    const files = renderSwitchFiles(plans, tenantSecrets(loadConfig({ NODE_ENV: 'test' })), null);
    expect(files['ringside-queues.conf']).toContain('[acme-support](ringside-queue)');
    expect(files['ringside-pjsip-auth.conf']).toContain('[acme-1001](ringside-auth)\nusername = acme-1001\npassword = acme-1001');
    const agentsOf = (tenant: string) => inTenant(tenant, async () => (await new AgentRepository(database).list()).filter((a) => a.tenantId === tenant).map((a) => [a.endpoint, a.extension]).sort());
    expect(await agentsOf(acmeId)).toEqual([['PJSIP/acme-1001', '1001'], ['PJSIP/acme-1002', '1002'], ['PJSIP/acme-1003', '1003']]);
    expect((await agentsOf(DEFAULT_TENANT_ID)).map(([, x]) => x)).toEqual(['1001', '1002', '1003', '1101']);
    const memberships = rowsOf<{ tenant_id: string; role: string }>(
      await asSystem(async () => await database.db.execute(sql`select m.tenant_id, m.role from tenant_memberships m join users u on u.id = m.user_id where u.username = ${OUTSOURCER_LOGIN.username}`)),
    );
    expect(memberships.map((m) => [m.tenant_id, m.role]).sort()).toEqual([[DEFAULT_TENANT_ID, 'agent'], [acmeId, 'agent']].sort());
    expect(ACME_LOGINS.map((l) => l.username)).toEqual(['acme-admin', 'acme-agent1', 'acme-agent2']);
    // Each company has its own record of the caller they share, and its own generated customers.
    const repo = new CustomerRepository(database, { defaultCountry: 'US' });
    const alice = await inTenant(acmeId, () => repo.findByE164(DEMO_CALLERS.aliceJohnson));
    expect(alice.map((c) => c.notes)).toEqual(['Home and car policies with Acme.']);
    const names = (tenant: string) => inTenant(tenant, async () => rowsOf<{ n: string }>(await database.db.execute(sql`select coalesce(first_name || ' ' || last_name, organisation_name) as n from customers`)).map((r) => r.n));
    const [mine, theirs] = [await names(acmeId), await names(DEFAULT_TENANT_ID)];
    expect(mine).toHaveLength(42);
    expect(mine.filter((n) => theirs.includes(n)).length).toBeLessThan(5);
  });

  it('bulk-added customers carry phones whose raw form reads back as their E.164 in the default country', async () => {
    const before = await countCustomers(database);
    const sample = await bulkAddCustomers(database, { count: 1200, batchSize: 500, defaultCountry: 'GB', seed: 9 });
    expect(await countCustomers(database)).toBe(before + 1200);
    const repo = new CustomerRepository(database, { defaultCountry: 'GB' });
    for (const c of sample.slice(0, 200)) {
      for (const p of c.phones) {
        expect(p.e164).toMatch(/^\+44\d{9,10}$/);
        expect(toE164(p.raw, 'GB')).toBe(p.e164);
      }
    }
    const one = sample[7];
    const phone = one?.phones[0];
    const found = await repo.search({ q: phone?.raw ?? '', limit: 50, offset: 0 });
    expect(found.items.map((c) => c.id)).toContain(one?.id);
  });
});

describe('generated phone numbers', () => {
  it.each(['US', 'GB'])('are valid %s numbers and, as in a real CRM, rarely shared: fewer than 1 in 100 of 200,000 repeat', (country) => {
    const rnd = createRandom(7);
    const phones = new PhoneGenerator(country, rnd);
    const seen = new Set<string>();
    let repeats = 0;
    for (let i = 0; i < 200_000; i++) {
      const { raw, e164 } = phones.next(rnd);
      if (i % 1000 === 0) expect(toE164(raw, country)).toBe(e164);
      if (seen.has(e164)) repeats++;
      seen.add(e164);
    }
    expect(repeats / 200_000).toBeLessThan(0.01);
  });
});
