import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toE164 } from '@ringside/shared';
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
    const first = await seedDemo(database, { defaultCountry: 'US', customers: 60 });
    expect(first).toEqual({ users: 6, customers: 60, interactions: expect.any(Number) });
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
