import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isRingsideError, type RingsideError, type SessionUser } from '@ringside/shared';
import type { Database } from '../../db/database.js';
import { testDatabases, type TestDatabase } from '../../db/test-databases.js';
import { CustomerRepository } from './customer-repository.js';
import { ConsentRepository } from './consent-repository.js';
import { ConsentService } from './consent-service.js';
import { importDncList } from './import-dnc-list.js';

async function caught(work: () => Promise<unknown>): Promise<RingsideError> {
  try {
    await work();
  } catch (err) {
    if (isRingsideError(err)) return err;
    throw new Error(`expected a RingsideError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected the call to fail');
}

const agent: SessionUser = { id: '00000000-0000-4000-8000-00000000a001', username: 'agent1', displayName: 'Agent One', role: 'agent' } as SessionUser;
const admin: SessionUser = { id: '00000000-0000-4000-8000-00000000a002', username: 'admin', displayName: 'Admin', role: 'admin' } as SessionUser;

describe.each(testDatabases())('the consent ledger on %s', (_name, make) => {
  let handle: TestDatabase;
  let database: Database;
  let customers: CustomerRepository;
  let ledger: ConsentRepository;
  let consent: ConsentService;

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
    customers = new CustomerRepository(database, { defaultCountry: 'US' });
    ledger = new ConsentRepository(database);
    consent = new ConsentService(ledger, { defaultCountry: 'US' });
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  });

  it('with no events, service contact is allowed and marketing is not, both with state unknown', async () => {
    const c = await customers.create({ kind: 'person', firstName: 'Dee', lastName: 'Fault', lifecycle: 'lead', valueScore: 0, contactPoints: [{ kind: 'phone', value: '4155550301' }, { kind: 'email', value: 'Dee@Example.com' }] });
    const [phone, email] = c.contactPoints;
    expect(await consent.consentFor({ contactPointId: phone!.id, channel: 'voice', purpose: 'service' })).toEqual({ state: 'unknown', since: null, event: null, allowed: true });
    expect(await consent.consentFor({ contactPointId: phone!.id, channel: 'sms', purpose: 'marketing' })).toMatchObject({ state: 'unknown', allowed: false });
    expect(await consent.consentFor({ contactPointId: email!.id, channel: 'email', purpose: 'marketing' })).toMatchObject({ state: 'unknown', allowed: false });
    expect((await caught(() => consent.consentFor({ contactPointId: email!.id, channel: 'voice', purpose: 'service' }))).code).toBe('INVALID_INPUT');
    expect((await caught(() => consent.consentFor({ contactPointId: '00000000-0000-4000-8000-000000000000', channel: 'voice', purpose: 'service' }))).code).toBe('CONTACT_POINT_NOT_FOUND');
    expect((await caught(() => consent.consentFor({ e164: 'twelve', channel: 'voice', purpose: 'service' }))).code).toBe('INVALID_INPUT');
  });

  it('the latest event wins, at any moment asked, and the same address answers by contact point, number or email', async () => {
    const c = await customers.create({ kind: 'person', firstName: 'Led', lastName: 'Ger', lifecycle: 'lead', valueScore: 0, contactPoints: [{ kind: 'phone', value: '(415) 555-0302' }, { kind: 'email', value: 'LED@example.com' }] });
    const [phone, email] = c.contactPoints;
    const grant = await consent.record(c.id, { contactPointId: phone!.id, channel: 'sms', purpose: 'marketing', state: 'granted', occurredAt: '2025-03-01T10:00:00Z', evidence: { note: 'asked on the call' } }, agent);
    await consent.record(c.id, { contactPointId: phone!.id, channel: 'sms', purpose: 'marketing', state: 'withdrawn', occurredAt: '2025-06-01T10:00:00Z' }, agent);
    // Entered later, but about an earlier moment: it does not override the June withdrawal.
    await consent.record(c.id, { contactPointId: phone!.id, channel: 'sms', purpose: 'marketing', state: 'granted', occurredAt: '2025-04-01T10:00:00Z', evidence: { note: 'web form print-out' } }, admin);
    const now = await consent.consentFor({ e164: '+1 415 555 0302', channel: 'sms', purpose: 'marketing' });
    expect(now).toMatchObject({ state: 'withdrawn', since: '2025-06-01T10:00:00.000Z', allowed: false });
    expect(await consent.consentFor({ contactPointId: phone!.id, channel: 'sms', purpose: 'marketing', at: new Date('2025-03-15T00:00:00Z') })).toMatchObject({ state: 'granted', allowed: true, event: { id: grant.id, evidence: { note: 'asked on the call' } } });
    expect(await consent.consentFor({ e164: '4155550302', channel: 'sms', purpose: 'marketing', at: new Date('2025-02-01T00:00:00Z') })).toMatchObject({ state: 'unknown', allowed: false });
    // Other channels and purposes of the same number are separate facts.
    expect(await consent.consentFor({ e164: '+14155550302', channel: 'voice', purpose: 'marketing' })).toMatchObject({ state: 'unknown' });
    await consent.record(c.id, { contactPointId: email!.id, channel: 'email', purpose: 'service', state: 'withdrawn' }, agent);
    expect(await consent.consentFor({ email: ' Led@Example.COM ', channel: 'email', purpose: 'service' })).toMatchObject({ state: 'withdrawn', allowed: false });
    const view = await consent.forCustomer(c.id);
    expect(view.history.map((e) => [e.channel, e.state, e.occurredAt.slice(0, 10)]).slice(1)).toEqual([
      ['sms', 'withdrawn', '2025-06-01'],
      ['sms', 'granted', '2025-04-01'],
      ['sms', 'granted', '2025-03-01'],
    ]);
    expect(view.contactPoints[0]!.current.find((x) => x.channel === 'sms' && x.purpose === 'marketing')).toMatchObject({ state: 'withdrawn' });
    expect(view.contactPoints[1]!.current.map((x) => [x.channel, x.purpose, x.state])).toEqual([['email', 'service', 'withdrawn'], ['email', 'marketing', 'unknown']]);
  });

  it('the ledger is append-only: the database refuses to edit or delete an event', async () => {
    const c = await customers.create({ kind: 'person', firstName: 'App', lastName: 'End', lifecycle: 'lead', valueScore: 0, contactPoints: [{ kind: 'phone', value: '4155550303' }] });
    await consent.record(c.id, { contactPointId: c.contactPoints[0]!.id, channel: 'voice', purpose: 'service', state: 'withdrawn' }, agent);
    const refusal = async (statement: string) => {
      try {
        await database.db.execute(sql.raw(statement));
      } catch (err) {
        return String((err as { cause?: { message?: string } }).cause?.message ?? err);
      }
      return 'accepted';
    };
    expect(await refusal("UPDATE consent_events SET state = 'granted'")).toMatch(/append-only/);
    expect(await refusal('DELETE FROM consent_events')).toMatch(/append-only/);
    expect(await consent.consentFor({ e164: '4155550303', channel: 'voice', purpose: 'service' })).toMatchObject({ state: 'withdrawn' });
  });

  it('an agent grant needs evidence, a withdrawal never does; the contact point must be the customer\'s; no future dates', async () => {
    const c = await customers.create({ kind: 'person', firstName: 'Evi', lastName: 'Dence', lifecycle: 'lead', valueScore: 0, contactPoints: [{ kind: 'phone', value: '4155550304' }] });
    const other = await customers.create({ kind: 'person', firstName: 'Not', lastName: 'Theirs', lifecycle: 'lead', valueScore: 0, contactPoints: [{ kind: 'phone', value: '4155550305' }] });
    const point = c.contactPoints[0]!.id;
    expect((await caught(() => consent.record(c.id, { contactPointId: point, channel: 'voice', purpose: 'marketing', state: 'granted' }, agent))).code).toBe('CONSENT_EVIDENCE_REQUIRED');
    await consent.record(c.id, { contactPointId: point, channel: 'voice', purpose: 'marketing', state: 'granted' }, admin);
    await consent.record(c.id, { contactPointId: point, channel: 'voice', purpose: 'marketing', state: 'withdrawn' }, agent);
    expect((await caught(() => consent.record(c.id, { contactPointId: other.contactPoints[0]!.id, channel: 'voice', purpose: 'marketing', state: 'withdrawn' }, agent))).code).toBe('CONTACT_POINT_NOT_FOUND');
    expect((await caught(() => consent.record(c.id, { contactPointId: point, channel: 'voice', purpose: 'marketing', state: 'withdrawn', method: 'web_form' }, agent))).code).toBe('FORBIDDEN');
    expect((await caught(() => consent.record(c.id, { contactPointId: point, channel: 'email', purpose: 'marketing', state: 'withdrawn' }, agent))).code).toBe('INVALID_INPUT');
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await caught(() => consent.record(c.id, { contactPointId: point, channel: 'voice', purpose: 'marketing', state: 'withdrawn', occurredAt: future }, agent))).code).toBe('INVALID_INPUT');
    expect((await caught(() => consent.forCustomer('00000000-0000-4000-8000-000000000000'))).code).toBe('CUSTOMER_NOT_FOUND');
    expect((await consent.forCustomer(c.id)).history).toHaveLength(2);
  });

  it('a do-not-call import withdraws voice and SMS marketing for every owner of the number, once however often it is imported', async () => {
    const owner = await customers.create({ kind: 'person', firstName: 'Dnc', lastName: 'Owner', lifecycle: 'lead', valueScore: 0, contactPoints: [{ kind: 'phone', value: '+1 415 555 0311' }] });
    await consent.record(owner.id, { contactPointId: owner.contactPoints[0]!.id, channel: 'voice', purpose: 'marketing', state: 'granted', occurredAt: '2024-01-01T00:00:00Z' }, admin);
    const csv = '\ufeffPhone Number,source\n"(415) 555-0311",x\n415-555-0312,y\nnot a number,z\n+14155550312,dup\n\n0014155550313,w\n';
    const run = () => importDncList(ledger, Readable.from([csv]), { list: 'us-national' }, { defaultCountry: 'US', actor: admin.id });
    const first = await run();
    expect(first).toMatchObject({ list: 'us-national', numbers: 4, added: 3, alreadyListed: 1, invalid: 1 });
    expect(first.errors).toEqual([{ row: 4, value: 'not a number', reason: expect.stringContaining('not a phone number') }]);
    const again = await run();
    expect(again).toMatchObject({ numbers: 4, added: 0, alreadyListed: 4, invalid: 1 });
    expect(await consent.consentFor({ contactPointId: owner.contactPoints[0]!.id, channel: 'voice', purpose: 'marketing' })).toMatchObject({ state: 'withdrawn', allowed: false, event: { method: 'dnc_list', customerId: null } });
    expect(await consent.consentFor({ e164: '+14155550313', channel: 'sms', purpose: 'marketing' })).toMatchObject({ state: 'withdrawn', allowed: false });
    expect(await consent.consentFor({ e164: '+14155550313', channel: 'voice', purpose: 'service' })).toMatchObject({ state: 'unknown', allowed: true });
    expect((await consent.forCustomer(owner.id)).history.filter((e) => e.method === 'dnc_list')).toHaveLength(2);
    expect((await caught(() => importDncList(ledger, Readable.from(['a,"b\n']), {}, { defaultCountry: 'US', actor: admin.id }))).code).toBe('INVALID_INPUT');
    expect((await caught(() => importDncList(ledger, Readable.from(['x']), { list: 'bad list!' }, { defaultCountry: 'US', actor: admin.id }))).code).toBe('INVALID_INPUT');
  });
});
