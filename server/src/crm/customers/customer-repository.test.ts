import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isRingsideError, type RingsideError } from '@ringside/shared';
import type { Database } from '../../db/database.js';
import { testDatabases, type TestDatabase } from '../../db/test-databases.js';
import { AgentRepository } from '../../auth/agent-repository.js';
import { UserRepository } from '../../auth/user-repository.js';
import { CustomerRepository, type NewCustomer } from './customer-repository.js';
import { CustomerService } from './customer-service.js';
import { PgCustomerDirectory } from './customer-directory.js';
import { InteractionRepository, type InteractionRecord } from './interaction-repository.js';

function leg(legId: string, extra: Partial<InteractionRecord> = {}): InteractionRecord {
  const offeredAt = Date.parse('2025-01-02T10:00:00Z');
  return {
    legId, linkedid: `call-${legId}`, agentId: null, customerId: null, queue: 'sales', direction: 'inbound', channel: 'voice',
    callerNumber: '+14155550100', offeredAt, answeredAt: offeredAt + 5000, endedAt: offeredAt + 65_000,
    waitSeconds: 5, talkSeconds: 60, holdSeconds: 0, abandoned: false, disposition: null, notes: null, recording: null, ...extra,
  };
}

function person(first: string, last: string, extra: Partial<NewCustomer> = {}): NewCustomer {
  return { kind: 'person', firstName: first, lastName: last, lifecycle: 'lead', valueScore: 10, contactPoints: [], ...extra };
}

async function caught(work: () => Promise<unknown>): Promise<RingsideError> {
  try {
    await work();
  } catch (err) {
    if (isRingsideError(err)) return err;
    throw new Error(`expected a RingsideError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected the call to fail');
}

describe.each(testDatabases())('customer records on %s', (_name, make) => {
  let handle: TestDatabase;
  let database: Database;
  let customers: CustomerRepository;
  let interactions: InteractionRepository;

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
    customers = new CustomerRepository(database, { defaultCountry: 'US' });
    interactions = new InteractionRepository(database);
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  });

  it('creates a customer with its contact points and reads it back in the order entered', async () => {
    const created = await customers.create(
      person('Ada', 'Lovelace', {
        email: 'ada@analytical.example',
        contactPoints: [
          { kind: 'phone', value: '(415) 555-0142', label: 'mobile' },
          { kind: 'email', value: 'ada.work@analytical.example' },
          { kind: 'phone', value: '+44 20 7946 0018', label: 'office' },
        ],
      }),
    );
    const again = await customers.get(created.id);
    expect(again?.firstName).toBe('Ada');
    expect(again?.contactPoints.map((p) => [p.kind, p.value, p.e164])).toEqual([
      ['phone', '(415) 555-0142', '+14155550142'],
      ['email', 'ada.work@analytical.example', null],
      ['phone', '+44 20 7946 0018', '+442079460018'],
    ]);
  });

  it('finds a customer by a phone number typed in another format', async () => {
    const c = await customers.create(person('Grace', 'Hopper', { contactPoints: [{ kind: 'phone', value: '415.555.0177' }] }));
    for (const q of ['+1 415 555 0177', '(415) 555-0177', '0014155550177', '4155550177']) {
      const page = await customers.search({ q, limit: 10, offset: 0 });
      expect(page.items.map((x) => x.id)).toEqual([c.id]);
      expect(page.total).toBe(1);
    }
    expect((await customers.findByE164('+14155550177')).map((x) => x.id)).toEqual([c.id]);
  });

  it('finds customers by name prefix, full name, company and email, case-insensitively', async () => {
    const a = await customers.create(person('Zelda', 'Quarrington', { company: 'Xylophonics Ltd', email: 'zq@xylo.example' }));
    const b = await customers.create(person('Zeno', 'Quarrington'));
    const ids = async (q: string) => (await customers.search({ q, limit: 10, offset: 0 })).items.map((x) => x.id).sort();
    expect(await ids('quarr')).toEqual([a.id, b.id].sort());
    expect(await ids('zelda QUARRINGTON')).toEqual([a.id]);
    expect(await ids('xylophon')).toEqual([a.id]);
    expect(await ids('ZQ@xylo')).toEqual([a.id]);
    expect(await ids('quarr_')).toEqual([]);
  });

  it('pages through search results with a stable total', async () => {
    for (let i = 0; i < 5; i++) await customers.create(person(`Pagey${i}`, 'Pagination'));
    const first = await customers.search({ q: 'pagination', limit: 2, offset: 0 });
    const third = await customers.search({ q: 'pagination', limit: 2, offset: 4 });
    expect(first.total).toBe(5);
    expect(first.items).toHaveLength(2);
    expect(third.items).toHaveLength(1);
    expect(third.total).toBe(5);
  });

  it('refuses a phone contact point that is not a number, storing nothing', async () => {
    const before = await customers.count();
    const err = await caught(() => customers.create(person('Nobody', 'Numberless', { contactPoints: [{ kind: 'phone', value: 'call me maybe' }] })));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toContain('contactPoints.0.value');
    expect(await customers.count()).toBe(before);
  });

  it('leaves no half-written customer when a contact point write fails inside the transaction', async () => {
    const err = await caught(() =>
      customers.create(person('Half', 'Written', { contactPoints: [{ kind: 'phone', value: '4155550190' }, { kind: 'fax' as never, value: 'x' }] })),
    );
    expect(err.code).not.toBe('INTERNAL');
    expect((await customers.search({ q: 'half written', limit: 5, offset: 0 })).total).toBe(0);
    expect(await customers.findByE164('+14155550190')).toEqual([]);
  });

  it('records an interaction leg once even when the write is retried', async () => {
    const c = await customers.create(person('Retry', 'Caller'));
    const first = leg(`leg-${c.id}`, { customerId: c.id, talkSeconds: 42 });
    expect(await interactions.recordLeg(first)).toBe(true);
    expect(await interactions.recordLeg({ ...first, talkSeconds: 99 })).toBe(false);
    await interactions.record({ ...first, talkSeconds: 7 });
    await interactions.setDisposition(first.legId, 'resolved', 'wanted a refund');
    const list = await interactions.listByCustomer(c.id);
    expect(list.map((i) => [i.talkSeconds, i.disposition, i.notes])).toEqual([[42, 'resolved', 'wanted a refund']]);
    expect((await caught(() => interactions.setDisposition('no-such-leg', 'x', null))).code).toBe('NOT_FOUND');
  });

  it('shows a customer with the newest interactions first and the agent name', async () => {
    const users = new UserRepository(database);
    const agents = new AgentRepository(database);
    const u = await users.create({ username: `timeline-${Date.now()}`, displayName: 'Tina Timeline', passwordHash: 'x' });
    // A phone belongs to a member of the tenant (migration 0013).
    await users.addMembership(u.id, 'agent');
    const agent = await agents.create({ userId: u.id, endpoint: `PJSIP/t${Date.now()}`, extension: `t${Date.now()}` });
    const c = await customers.create(person('Time', 'Line'));
    await interactions.record(leg(`old-${c.id}`, { customerId: c.id, offeredAt: Date.parse('2024-01-01T00:00:00Z') }));
    await interactions.record(leg(`new-${c.id}`, { customerId: c.id, agentId: agent.id, direction: 'outbound', offeredAt: Date.parse('2025-06-01T00:00:00Z') }));
    const service = new CustomerService(customers, interactions);
    const { customer, interactions: list } = await service.getWithInteractions(c.id);
    expect(customer.id).toBe(c.id);
    expect(list.map((i) => [i.legId, i.agentName])).toEqual([
      [`new-${c.id}`, 'Tina Timeline'],
      [`old-${c.id}`, null],
    ]);
  });

  it('pops one customer with their timeline, or every owner of a shared number without one', async () => {
    const directory = new PgCustomerDirectory(customers, interactions);
    const solo = await customers.create(person('Solo', 'Owner', { contactPoints: [{ kind: 'phone', value: '(415) 555-0133' }] }));
    await interactions.record(leg(`pop-${solo.id}`, { customerId: solo.id }));
    const one = await directory.findByE164('+14155550133');
    expect(one.customers.map((c) => c.id)).toEqual([solo.id]);
    expect(one.lastInteractions.map((i) => i.legId)).toEqual([`pop-${solo.id}`]);
    await customers.create(person('Shared', 'One', { contactPoints: [{ kind: 'phone', value: '415 555 0134' }] }));
    await customers.create(person('Shared', 'Two', { contactPoints: [{ kind: 'phone', value: '+1 415-555-0134' }] }));
    const two = await directory.findByE164('+14155550134');
    expect(two.customers.map((c) => c.firstName + ' ' + c.lastName).sort()).toEqual(['Shared One', 'Shared Two']);
    expect(two.lastInteractions).toEqual([]);
    expect((await directory.findByE164('+14155550135')).customers).toEqual([]);
  });

  it('reports a duplicate username as CONFLICT, not as a raw driver error', async () => {
    const users = new UserRepository(database);
    await users.create({ username: 'dupe', displayName: 'One', passwordHash: 'x' });
    const err = await caught(() => users.create({ username: 'DUPE', displayName: 'Two', passwordHash: 'x' }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('users_username_unique');
  });

  it('updates fields and replaces contact points atomically', async () => {
    const c = await customers.create(person('Pat', 'Change', { contactPoints: [{ kind: 'phone', value: '4155550161' }] }));
    const service = new CustomerService(customers, interactions);
    const updated = await service.update(c.id, { lifecycle: 'customer', company: 'Changed Co', contactPoints: [{ kind: 'phone', value: '+1 415 555 0162' }] });
    expect(updated.lifecycle).toBe('customer');
    expect(updated.firstName).toBe('Pat');
    expect(updated.contactPoints.map((p) => p.e164)).toEqual(['+14155550162']);
    expect(await customers.findByE164('+14155550161')).toEqual([]);
    const err = await caught(() => service.update(c.id, { firstName: null, lastName: null }));
    expect(err.code).toBe('INVALID_INPUT');
  });
});
