import { sql } from 'drizzle-orm';
import { DEFAULT_TENANT_ID, type Role } from '@ringside/shared';
import { AgentRepository } from '../auth/agent-repository.js';
import { createUserWithPassword } from '../auth/auth-service.js';
import { UserRepository } from '../auth/user-repository.js';
import { CustomerRepository, type NewCustomer } from '../crm/customers/customer-repository.js';
import type { Database } from './database.js';
import { dbCall } from './db-errors.js';
import { rowsOf } from './rows.js';
import { currentTenantId, inTenant } from './tenant-scope.js';
import { interactions } from './schema.js';
import { PhoneGenerator, createRandom, generateCustomer, generateInteraction, type GeneratedCustomer } from './seed-data.js';
import { seedParties } from '../crm/customers/seed-parties.js';
import { ACME_LOGINS, ACME_QUEUES, ACME_TENANT, OUTSOURCER_LOGIN, seedAcmeTenant } from './seed-acme.js';

/** The demo logins seeded into an empty database. */
export const DEMO_LOGINS: { username: string; password: string; role: Role; displayName: string; agent?: { endpoint: string; extension: string }; platformOperator?: boolean }[] = [
  { username: 'admin', password: 'admin-demo', role: 'admin', displayName: 'Ada Admin' },
  { username: 'supervisor', password: 'supervisor-demo', role: 'supervisor', displayName: 'Sam Supervisor' },
  { username: 'agent1', password: 'agent-demo', role: 'agent', displayName: 'Alex Agent', agent: { endpoint: 'PJSIP/1001', extension: '1001' } },
  { username: 'agent2', password: 'agent-demo', role: 'agent', displayName: 'Blair Agent', agent: { endpoint: 'PJSIP/1002', extension: '1002' } },
  { username: 'agent3', password: 'agent-demo', role: 'agent', displayName: 'Casey Agent', agent: { endpoint: 'PJSIP/1003', extension: '1003' } },
  // The platform operator signs in like anyone, into a tenant they belong to: a supervisor of the default tenant (sees, changes nothing there).
  { username: 'operator', password: 'operator-demo', role: 'supervisor', displayName: 'Pat Operator', platformOperator: true },
];

/** Every demo sign-in with the companies (tenants) it works in, as the start-up output lists them. */
export const DEMO_SIGN_INS: { username: string; password: string; role: Role; tenants: string }[] = [
  ...DEMO_LOGINS.map((l) => ({ username: l.username, password: l.password, role: l.role, tenants: 'default' })),
  ...ACME_LOGINS.map((l) => ({ username: l.username, password: l.password, role: l.role, tenants: ACME_TENANT.slug })),
  { username: OUTSOURCER_LOGIN.username, password: OUTSOURCER_LOGIN.password, role: 'agent', tenants: `default, ${ACME_TENANT.slug}` },
];

/**
 * Customers with fixed numbers, seeded whatever DEFAULT_COUNTRY is, so demos, the simulator and
 * tests can call in as someone known. SHARED belongs to two customers (the ambiguous caller).
 */
export const DEMO_CALLERS = {
  aliceJohnson: '+14155550100',
  bobMartinez: '+14155550101',
  northwindTraders: '+14155550102',
  carolNguyen: '+14155550103',
  davidOkafor: '+14155550104',
  shared: '+14155550199',
} as const;

const FIXED_CUSTOMERS: NewCustomer[] = [
  { kind: 'person', firstName: 'Alice', lastName: 'Johnson', salutation: 'Ms', birthDate: '1984-06-02', language: 'en-US', timeZone: 'America/Los_Angeles', company: 'Contoso Ltd', email: 'alice.johnson@contoso.example', lifecycle: 'customer', valueScore: 92, notes: 'Key account; prefers morning calls.', contactPoints: [
    { kind: 'phone', value: '+1 (415) 555-0100', label: 'mobile', purpose: 'home', verifiedAt: '2026-01-15T10:00:00Z' },
    { kind: 'email', value: 'alice.johnson@contoso.example', purpose: 'work' },
    { kind: 'address', addressLines: ['500 Market St', 'Suite 1200'], city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US', purpose: 'work' },
    { kind: 'address', addressLines: ['12 Noe St'], city: 'San Francisco', region: 'CA', postalCode: '94114', country: 'US', purpose: 'shipping' },
  ] },
  { kind: 'person', firstName: 'Bob', lastName: 'Martinez', salutation: 'Mr', language: 'es-US', timeZone: 'America/Los_Angeles', company: 'Fabrikam Inc', email: 'bob@fabrikam.example', lifecycle: 'prospect', valueScore: 55, contactPoints: [{ kind: 'phone', value: '+14155550101', label: 'work', purpose: 'work' }] },
  { kind: 'organisation', organisationName: 'Northwind Traders', tradingName: 'Northwind', registrationNumber: 'C2458113', industry: 'Wholesale food distribution', sizeBand: '250-999', timeZone: 'America/Los_Angeles', email: 'office@northwind.example', lifecycle: 'customer', valueScore: 78, contactPoints: [
    { kind: 'phone', value: '001 415 555 0102', label: 'switchboard', purpose: 'work' },
    { kind: 'address', addressLines: ['1 Harbor Way'], city: 'Oakland', region: 'CA', postalCode: '94607', country: 'US', purpose: 'billing' },
  ] },
  { kind: 'organisation', organisationName: 'Fabrikam Incorporated', tradingName: 'Fabrikam', registrationNumber: 'HRB 123456', industry: 'Manufacturing', sizeBand: '1000+', language: 'de', lifecycle: 'prospect', valueScore: 60, contactPoints: [
    { kind: 'address', addressLines: ['Friedrichstr. 100'], city: 'Berlin', postalCode: '10117', country: 'DE', purpose: 'work' },
  ] },
  { kind: 'person', firstName: 'Carol', lastName: 'Nguyen', salutation: 'Dr', birthDate: '1979-11-23', language: 'vi', email: 'carol.nguyen@mail.example', lifecycle: 'churned', valueScore: 12, notes: 'Cancelled after the price change.', contactPoints: [{ kind: 'phone', value: '+1 415.555.0103', label: 'home' }] },
  { kind: 'person', firstName: 'David', lastName: 'Okafor', birthDate: '1990-03-08', language: 'en-US', company: 'Tailspin Toys', lifecycle: 'lead', valueScore: 30, contactPoints: [
    { kind: 'phone', value: '+1 415 555 0104', label: 'mobile' },
    { kind: 'phone', value: '+1 415 555 0199', label: 'home' },
    { kind: 'address', addressLines: ['88 Elm Ave'], city: 'Berkeley', region: 'CA', postalCode: '94704', country: 'US', purpose: 'home' },
  ] },
  { kind: 'person', firstName: 'Erin', lastName: 'Okafor', birthDate: '1991-07-19', language: 'en-US', company: 'Tailspin Toys', lifecycle: 'customer', valueScore: 64, notes: 'Shares the home line with David.', contactPoints: [
    { kind: 'phone', value: '+1-415-555-0199', label: 'home' },
    { kind: 'address', addressLines: ['88 Elm Ave'], city: 'Berkeley', region: 'CA', postalCode: '94704', country: 'US', purpose: 'home' },
  ] },
];

/**
 * Where the live demo traffic calls: the default tenant's IVR and Acme's (acme's IVR: 1 support,
 * 2 claims), twice as often the default's. Numbers the switch does not route are left out.
 */
export const DEMO_TRAFFIC_TARGETS = [
  { exten: '5000', share: 2, ivrMix: { '1': 0.6, '2': 0.3 } },
  { exten: '7000', share: 1, ivrMix: { '1': 0.5, '2': 0.4 } },
];

/** What a seed run did. */
export interface SeedSummary {
  users: number;
  customers: number;
  interactions: number;
}

/** Progress of a bulk fill, reported after every batch. */
export type SeedProgress = (done: number, total: number) => void;

/** Creates the demo users unless any user exists (never duplicates). Returns how many it made. */
export async function seedUsers(database: Database): Promise<number> {
  const users = new UserRepository(database);
  if ((await users.count()) > 0) return 0;
  const agents = new AgentRepository(database);
  for (const login of DEMO_LOGINS) await createUserWithPassword({ users, agents }, login);
  return DEMO_LOGINS.length;
}

/**
 * Adds `count` generated customers with their phones in multi-row batches, one transaction per
 * batch. Deterministic for a given `seed`; existing rows are never touched.
 */
export async function bulkAddCustomers(
  database: Database,
  options: { count: number; defaultCountry: string; seed?: number; batchSize?: number; onProgress?: SeedProgress; now?: number },
): Promise<GeneratedCustomer[]> {
  const rnd = createRandom(options.seed ?? 1);
  const phones = new PhoneGenerator(options.defaultCountry, rnd);
  const now = options.now ?? Date.now();
  const batchSize = Math.max(1, options.batchSize ?? 5000);
  const sample: GeneratedCustomer[] = [];
  for (let done = 0; done < options.count; ) {
    const size = Math.min(batchSize, options.count - done);
    const batch = Array.from({ length: size }, () => generateCustomer(rnd, phones, now));
    await dbCall('seed customers', () => database.db.transaction((tx) => insertBatch(tx, batch)));
    if (sample.length < 1000) sample.push(...batch.slice(0, 1000 - sample.length));
    done += size;
    options.onProgress?.(done, options.count);
  }
  return sample;
}

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

/**
 * One INSERT per table with a column array per parameter (unnest): building and parsing a
 * 5000-row VALUES list with 60k bind parameters costs several times more, on both drivers.
 */
async function insertBatch(tx: Tx, batch: GeneratedCustomer[]): Promise<void> {
  const col = <T>(pick: (c: GeneratedCustomer) => T) => sql.param(batch.map(pick));
  await tx.execute(sql`INSERT INTO customers (id, kind, first_name, last_name, organisation_name, company, email, lifecycle, value_score, notes, created_at, updated_at)
    SELECT id, kind, first_name, last_name, organisation_name, company, email, lifecycle, value_score, notes, created_at, created_at
    FROM unnest(${col((c) => c.id)}::uuid[], ${col((c) => c.kind)}::text[]::customer_kind[], ${col((c) => c.firstName)}::text[], ${col((c) => c.lastName)}::text[],
      ${col((c) => c.organisationName)}::text[], ${col((c) => c.company)}::text[], ${col((c) => c.email)}::text[], ${col((c) => c.lifecycle)}::text[]::lifecycle[],
      ${col((c) => c.valueScore)}::int[], ${col((c) => c.notes)}::text[], ${col((c) => c.createdAt.toISOString())}::timestamptz[])
      AS t(id, kind, first_name, last_name, organisation_name, company, email, lifecycle, value_score, notes, created_at)`);
  const phones = batch.flatMap((c) => c.phones.map((p, n) => ({ customerId: c.id, ...p, position: n })));
  const pcol = <T>(pick: (p: (typeof phones)[number]) => T) => sql.param(phones.map(pick));
  await tx.execute(sql`INSERT INTO contact_points (customer_id, kind, value, e164, label, position)
    SELECT customer_id, 'phone', value, e164, label, position
    FROM unnest(${pcol((p) => p.customerId)}::uuid[], ${pcol((p) => p.raw)}::text[], ${pcol((p) => p.e164)}::text[], ${pcol((p) => p.label)}::text[], ${pcol((p) => p.position)}::int[])
      AS t(customer_id, value, e164, label, position)`);
}

/** Adds a few past calls for each of the given customers, spread over the current tenant's agents. */
/** `queues`: the tenant's queue names the generated calls came through (the generator's own list when absent). */
export async function seedInteractions(database: Database, forCustomers: { id: string; phone: string | null }[], seed: number, queues?: readonly string[]): Promise<number> {
  const tenantId = currentTenantId();
  const agentIds = (await new AgentRepository(database).list()).filter((a) => a.tenantId === tenantId).map((a) => a.id);
  const rnd = createRandom(seed);
  const rows: (typeof interactions.$inferInsert)[] = [];
  for (const c of forCustomers) {
    const n = 1 + Math.floor(rnd() * 4);
    for (let k = 0; k < n; k++) {
      const offeredAt = new Date(Date.now() - Math.floor(rnd() * 180 * 86_400_000));
      const call = generateInteraction(rnd, offeredAt, queues);
      const linkedid = `seed-${c.id.slice(0, 8)}-${k}`;
      rows.push({
        ...call,
        customerId: c.id,
        agentId: call.abandoned || agentIds.length === 0 ? null : (agentIds[Math.floor(rnd() * agentIds.length)] ?? null),
        linkedid,
        legId: `${linkedid}-leg`,
        callerNumber: c.phone,
        offeredAt,
        channel: 'voice',
      });
    }
  }
  if (rows.length) await dbCall('seed interactions', () => database.db.insert(interactions).values(rows).onConflictDoNothing({ target: interactions.legId }));
  return rows.length;
}

/**
 * Seeds an EMPTY database (no users) with two companies. The default tenant: the demo logins,
 * the fixed demo callers, generated customers up to `customers` in total and a timeline for
 * about a fifth of them. Acme Insurance: its own logins, dial plan (live), fixed callers and
 * `acmeCustomers` generated customers of its own; and olivia, an agent of both. Returns null
 * and changes nothing when any user exists.
 */
export async function seedDemo(database: Database, options: { defaultCountry: string; customers?: number; acmeCustomers?: number }): Promise<SeedSummary | null> {
  // The demo's first company is the default tenant; its rows are written in its scope.
  const first = await inTenant(DEFAULT_TENANT_ID, () => seedDefaultTenant(database, options));
  if (!first) return null;
  const acme = await seedAcmeTenant(database);
  const second = await inTenant(acme.tenantId, async () => {
    const count = options.acmeCustomers ?? 300;
    // Another generator seed: Acme's customers are other people with other numbers.
    const generated = await bulkAddCustomers(database, { count, defaultCountry: options.defaultCountry, seed: 4242 });
    const withTimeline = [...acme.fixed, ...generated.slice(0, Math.round(count / 5)).map((c) => ({ id: c.id, phone: c.phones[0]?.e164 ?? null }))];
    return { customers: acme.fixed.length + generated.length, interactions: await seedInteractions(database, withTimeline, 11, ACME_QUEUES) };
  });
  return { users: first.users + acme.users, customers: first.customers + second.customers, interactions: first.interactions + second.interactions };
}

async function seedDefaultTenant(database: Database, options: { defaultCountry: string; customers?: number }): Promise<SeedSummary | null> {
  const userCount = await seedUsers(database);
  if (userCount === 0) return null;
  const repo = new CustomerRepository(database, { defaultCountry: options.defaultCountry });
  const fixed = [];
  for (const c of FIXED_CUSTOMERS) fixed.push(await repo.create(c));
  fixed.push(...(await seedParties(database, repo, fixed)));
  const total = options.customers ?? 500;
  const generated = await bulkAddCustomers(database, { count: Math.max(0, total - fixed.length), defaultCountry: options.defaultCountry, seed: 42 });
  const withTimeline = [
    ...fixed.map((c) => ({ id: c.id, phone: c.contactPoints.find((p) => p.e164)?.e164 ?? null })),
    ...generated.slice(0, Math.max(0, Math.round(total / 5) - fixed.length)).map((c) => ({ id: c.id, phone: c.phones[0]?.e164 ?? null })),
  ];
  const calls = await seedInteractions(database, withTimeline, 7);
  return { users: userCount, customers: fixed.length + generated.length, interactions: calls };
}

/** Rows in the customers table (for the CLI's before/after report). */
export async function countCustomers(database: Database): Promise<number> {
  const r = await dbCall('count customers', () => database.db.execute(sql`SELECT count(*)::int AS n FROM customers`));
  return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
}
