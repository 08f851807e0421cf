import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isRingsideError, type RingsideError, type SessionUser } from '@ringside/shared';
import type { Database } from '../../db/database.js';
import { testDatabases, type TestDatabase } from '../../db/test-databases.js';
import { CustomerRepository } from './customer-repository.js';
import { RelationshipRepository } from './relationship-repository.js';
import { PgCustomerDirectory } from './customer-directory.js';
import { InteractionRepository } from './interaction-repository.js';
import { matchFromLookup } from '../../domain/screen-pop.js';
import { RelationshipService } from './relationship-service.js';

async function caught(work: () => Promise<unknown>): Promise<RingsideError> {
  try {
    await work();
  } catch (err) {
    if (isRingsideError(err)) return err;
    throw new Error(`expected a RingsideError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected the call to fail');
}

const user = { id: '00000000-0000-4000-8000-00000000a001', username: 'agent1', displayName: 'Agent One', role: 'agent' } as SessionUser;

describe.each(testDatabases())('relationships between parties on %s', (name, make) => {
  let handle: TestDatabase;
  let database: Database;
  let customers: CustomerRepository;
  let rels: RelationshipService;
  const org = async (n: string) => (await customers.create({ kind: 'organisation', organisationName: n, lifecycle: 'customer', valueScore: 0, contactPoints: [] })).id;
  const person = async (first: string, last: string) => (await customers.create({ kind: 'person', firstName: first, lastName: last, lifecycle: 'lead', valueScore: 0, contactPoints: [] })).id;

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
    customers = new CustomerRepository(database, { defaultCountry: 'US' });
    rels = new RelationshipService(new RelationshipRepository(database));
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  });

  it('an employee shows on both ends, read each way, and the organisation lists its people', async () => {
    const acme = await org('Acme Rel');
    const ann = await person('Ann', 'Employee');
    const bob = await person('Bob', 'Contact');
    await rels.add(ann, { type: 'employee_of', fromPartyId: ann, toPartyId: acme, jobTitle: 'Buyer', isPrimary: true }, user);
    await rels.add(acme, { type: 'contact_of', fromPartyId: bob, toPartyId: acme }, user);
    const fromAnn = (await rels.list(ann)).relationships;
    expect(fromAnn.map((r) => [r.label, r.other.displayName, r.jobTitle, r.isPrimary, r.active])).toEqual([['employee of', 'Acme Rel', 'Buyer', true, true]]);
    const fromAcme = (await rels.list(acme)).relationships;
    expect(fromAcme.map((r) => [r.direction, r.label, r.other.displayName]).sort()).toEqual([
      ['incoming', 'employs', 'Ann Employee'],
      ['incoming', 'has contact', 'Bob Contact'],
    ]);
  });

  it('at most one current primary contact per organisation; ending the old one frees the flag', async () => {
    const nw = await org('Primary Co');
    const a = await person('First', 'Primary');
    const b = await person('Second', 'Primary');
    const first = await rels.add(a, { type: 'employee_of', fromPartyId: a, toPartyId: nw, isPrimary: true }, user);
    expect((await caught(() => rels.add(b, { type: 'contact_of', fromPartyId: b, toPartyId: nw, isPrimary: true }, user))).code).toBe('PRIMARY_CONTACT_TAKEN');
    await rels.end(a, first.relationships[0]!.id, {});
    await rels.add(b, { type: 'contact_of', fromPartyId: b, toPartyId: nw, isPrimary: true }, user);
    const list = (await rels.list(nw)).relationships;
    expect(list.map((r) => [r.other.displayName, r.isPrimary, r.active])).toEqual([
      ['Second Primary', true, true],
      ['First Primary', true, false],
    ]);
  });

  it('refuses types between the wrong kinds, self links, a duplicate current link and ends that are not this party\'s', async () => {
    const o = await org('Kinds Org');
    const p = await person('Kind', 'Person');
    const q = await person('Other', 'Person');
    expect((await caught(() => rels.add(o, { type: 'employee_of', fromPartyId: o, toPartyId: p }, user))).code).toBe('INVALID_INPUT');
    expect((await caught(() => rels.add(p, { type: 'household_member', fromPartyId: p, toPartyId: p }, user))).code).toBe('INVALID_INPUT');
    expect((await caught(() => rels.add(p, { type: 'household_member', fromPartyId: p, toPartyId: q, jobTitle: 'x' }, user))).code).toBe('INVALID_INPUT');
    expect((await caught(() => rels.add(p, { type: 'household_member', fromPartyId: q, toPartyId: o }, user))).code).toBe('INVALID_INPUT');
    expect((await caught(() => rels.add(p, { type: 'referred_by', fromPartyId: p, toPartyId: '00000000-0000-4000-8000-000000000000' }, user))).code).toBe('CUSTOMER_NOT_FOUND');
    const added = await rels.add(p, { type: 'household_member', fromPartyId: p, toPartyId: q }, user);
    expect((await caught(() => rels.add(p, { type: 'household_member', fromPartyId: p, toPartyId: q }, user))).code).toBe('CONFLICT');
    expect((await caught(() => rels.end(o, added.relationships[0]!.id, {}))).code).toBe('RELATIONSHIP_NOT_FOUND');
    expect((await caught(() => rels.end(p, added.relationships[0]!.id, { validTo: '2000-01-01' }))).code).toBe('INVALID_INPUT');
    await rels.delete(p, added.relationships[0]!.id);
    expect((await rels.list(q)).relationships).toEqual([]);
    expect((await caught(() => rels.list('00000000-0000-4000-8000-000000000000'))).code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('an account hierarchy of any depth refuses the link that would close a cycle', async () => {
    const top = await org('Cycle Top');
    const mid = await org('Cycle Mid');
    const low = await org('Cycle Low');
    await rels.add(mid, { type: 'subsidiary_of', fromPartyId: mid, toPartyId: top }, user);
    await rels.add(low, { type: 'subsidiary_of', fromPartyId: low, toPartyId: mid }, user);
    const err = await caught(() => rels.add(top, { type: 'subsidiary_of', fromPartyId: top, toPartyId: low }, user));
    expect(err.code).toBe('RELATIONSHIP_CYCLE');
    expect((await rels.list(top)).relationships.map((r) => r.label)).toEqual(['parent of']);
    // An ended link no longer counts: after the split the former top may sit under the former bottom.
    const midUp = (await rels.list(mid)).relationships.find((r) => r.label === 'subsidiary of')!;
    await rels.end(mid, midUp.id, {});
    await rels.add(top, { type: 'subsidiary_of', fromPartyId: top, toPartyId: low }, user);
  });

  it('the screen pop of a person of an organisation shows the person and the organisation; a former employer is not shown', async () => {
    const acme = await org('Pop Org');
    const old = await org('Pop Former');
    const p = (await customers.create({ kind: 'person', firstName: 'Pop', lastName: 'Person', lifecycle: 'lead', valueScore: 0, contactPoints: [{ kind: 'phone', value: '4155550355' }] })).id;
    await rels.add(p, { type: 'employee_of', fromPartyId: p, toPartyId: acme, jobTitle: 'Owner' }, user);
    const former = await rels.add(p, { type: 'contact_of', fromPartyId: p, toPartyId: old, validFrom: '2020-01-01' }, user);
    await rels.end(p, former.relationships.find((r) => r.other.id === old)!.id, {});
    const directory = new PgCustomerDirectory(customers, new InteractionRepository(database), new RelationshipRepository(database));
    const lookup = await directory.findByE164('+14155550355');
    expect(lookup.organisations).toEqual([{ id: acme, kind: 'organisation', displayName: 'Pop Org' }]);
    const match = matchFromLookup({ raw: '4155550355', e164: '+14155550355' }, lookup);
    expect(match).toMatchObject({ kind: 'single', customer: { id: p }, organisations: [{ displayName: 'Pop Org' }] });
  });

  if (name === 'postgres') {
    it('two concurrent links that would together make a cycle: exactly one is refused', async () => {
      for (let round = 0; round < 5; round++) {
        const a = await org(`Race A${round}`);
        const b = await org(`Race B${round}`);
        const results = await Promise.allSettled([
          rels.add(a, { type: 'subsidiary_of', fromPartyId: a, toPartyId: b }, user),
          rels.add(b, { type: 'subsidiary_of', fromPartyId: b, toPartyId: a }, user),
        ]);
        const refused = results.filter((r) => r.status === 'rejected');
        expect(refused).toHaveLength(1);
        expect(((refused[0] as PromiseRejectedResult).reason as RingsideError).code).toBe('RELATIONSHIP_CYCLE');
      }
    });
  }
});
