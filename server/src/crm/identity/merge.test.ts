import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { DEFAULT_TENANT_ID, isRingsideError, type Customer, type RingsideError } from '@ringside/shared';
import type { Database } from '../../db/database.js';
import { rowsOf } from '../../db/rows.js';
import { interactions, partyRelationships } from '../../db/schema.js';
import { testDatabases, type TestDatabase } from '../../db/test-databases.js';
import { CustomerRepository } from '../customers/customer-repository.js';
import { CustomerService } from '../customers/customer-service.js';
import { InteractionRepository } from '../customers/interaction-repository.js';
import { PartyMerge } from '../customers/party-merge.js';
import { MergeRepository } from './merge-repository.js';
import { MergeService } from './merge-service.js';
import { RelationshipRepository } from '../customers/relationship-repository.js';
import { RelationshipService } from '../customers/relationship-service.js';

const supervisor = { id: '00000000-0000-4000-8000-000000000002', name: 'Sue Pervisor' };

async function caught(work: () => Promise<unknown>): Promise<RingsideError> {
  try {
    await work();
  } catch (err) {
    if (isRingsideError(err)) return err;
    throw new Error(`expected a RingsideError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected the call to fail');
}

describe.each(testDatabases())('merging and unmerging customers on %s', (_name, make) => {
  let handle: TestDatabase;
  let database: Database;
  let customers: CustomerService;
  let merges: MergeService;
  let relationships: RelationshipService;
  let alice: Customer;
  let alicia: Customer;
  let northwind: Customer;
  let carol: Customer;

  /** Every row attached to a customer, by table, as ids: what a merge moves and an undo must give back. */
  async function attached(id: string): Promise<{ contactPoints: string[]; interactions: string[]; relationships: string[]; consent: string[] }> {
    const q = async (query: ReturnType<typeof sql>) => rowsOf<{ id: string }>(await database.db.execute(query)).map((r) => String(r.id)).sort();
    return {
      contactPoints: await q(sql`SELECT id FROM contact_points WHERE customer_id = ${id}`),
      interactions: await q(sql`SELECT id FROM interactions WHERE customer_id = ${id}`),
      relationships: await q(sql`SELECT id FROM party_relationships WHERE from_party_id = ${id} OR to_party_id = ${id}`),
      consent: await q(sql`SELECT id FROM consent_events WHERE customer_id = ${id}`),
    };
  }

  async function party(id: string) {
    const c = (await customers.getWithInteractions(id)).customer;
    const { version: _v, updatedAt: _u, mergedIntoId: _m, ...rest } = c;
    return rest;
  }

  async function addInteractions(customerId: string, n: number, tag: string) {
    for (let i = 0; i < n; i++) {
      await database.db.insert(interactions).values({ customerId, direction: 'inbound', legId: `${tag}-${i}`, offeredAt: new Date(Date.UTC(2026, 0, 1 + i)), notes: `${tag} call ${i}` });
    }
  }

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
    const repo = new CustomerRepository(database, { defaultCountry: 'US' });
    customers = new CustomerService(repo, new InteractionRepository(database));
    merges = new MergeService(new MergeRepository(database, new PartyMerge()));
    relationships = new RelationshipService(new RelationshipRepository(database));
    northwind = await customers.create({ kind: 'organisation', organisationName: 'Northwind Traders', contactPoints: [] }, supervisor);
    carol = await customers.create({ kind: 'person', firstName: 'Carol', lastName: 'Nguyen', contactPoints: [] }, supervisor);
    alice = await customers.create(
      { kind: 'person', firstName: 'Alice', lastName: 'Johnson', notes: 'Prefers mornings', contactPoints: [{ kind: 'phone', value: '+14155550100' }, { kind: 'email', value: 'alice@example.org' }] },
      supervisor,
    );
    alicia = await customers.create(
      {
        kind: 'person',
        firstName: 'Alicia',
        lastName: 'Johnson',
        birthDate: '1980-01-01',
        notes: 'Asked for a callback',
        contactPoints: [
          { kind: 'phone', value: '(415) 555-0100', primary: true },
          { kind: 'phone', value: '+14155550177' },
          { kind: 'email', value: 'ajohnson@example.org', primary: true },
        ],
      },
      supervisor,
    );
    await addInteractions(alice.id, 2, 'alice');
    await addInteractions(alicia.id, 3, 'alicia');
    await database.db.insert(partyRelationships).values([
      { type: 'employee_of', fromPartyId: alice.id, toPartyId: northwind.id },
      { type: 'employee_of', fromPartyId: alicia.id, toPartyId: northwind.id },
      { type: 'contact_of', fromPartyId: alicia.id, toPartyId: northwind.id, isPrimary: true },
      { type: 'household_member', fromPartyId: alicia.id, toPartyId: alice.id },
      { type: 'referred_by', fromPartyId: carol.id, toPartyId: alicia.id },
    ]);
    await database.db.execute(
      sql`INSERT INTO consent_events (address_kind, address, customer_id, channel, purpose, state, occurred_at, method, actor) VALUES ('phone', '+14155550177', ${alicia.id}, 'voice', 'marketing', 'granted', now(), 'agent', 'test')`,
    );
    // Admin-defined attributes on both: the survivor's value of a key stands, a key only Alicia has is carried over.
    await database.db.execute(sql`UPDATE customers SET attributes = '{"tier":"gold"}'::jsonb WHERE id = ${alice.id}`);
    await database.db.execute(sql`UPDATE customers SET attributes = '{"tier":"silver","seats":12}'::jsonb WHERE id = ${alicia.id}`);
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  });

  it('moves everything of the merged record to the survivor and undo gives back exactly what was moved', async () => {
    const before = { alice: await attached(alice.id), alicia: await attached(alicia.id), northwind: await attached(northwind.id), carol: await attached(carol.id) };
    const partiesBefore = { alice: await party(alice.id), alicia: await party(alicia.id) };
    const current = { alice: (await customers.getWithInteractions(alice.id)).customer, alicia: (await customers.getWithInteractions(alicia.id)).customer };

    const merge = await merges.merge({ survivorId: alice.id, mergedId: alicia.id, survivorVersion: current.alice.version, mergedVersion: current.alicia.version, rule: 'most_complete', choices: { firstName: 'survivor' } }, supervisor);
    expect(merge.fields).toMatchObject({ firstName: 'survivor', birthDate: 'merged', notes: 'both' });
    // The same number typed twice collapses into the survivor's; the other phone and the email move.
    expect(merge.moved).toMatchObject({ contactPoints: 2, collapsedContactPoints: 1, interactions: 3, relationships: 2, removedRelationships: 2 });

    const after = await attached(alice.id);
    expect(after.contactPoints).toHaveLength(4);
    expect(after.interactions).toEqual([...before.alice.interactions, ...before.alicia.interactions].sort());
    expect(await attached(alicia.id)).toEqual({ contactPoints: [], interactions: [], relationships: [], consent: before.alicia.consent });

    // The merged-away id resolves to the survivor, with both timelines and the survivor's primary phone kept first.
    const resolved = await customers.getWithInteractions(alicia.id);
    expect(resolved.mergedFrom).toBe(alicia.id);
    expect(resolved.customer).toMatchObject({ id: alice.id, firstName: 'Alice', birthDate: '1980-01-01', notes: 'Prefers mornings\n\nAsked for a callback', attributes: { tier: 'gold', seats: 12 } });
    expect(resolved.customer.contactPoints.map((p) => [p.value, p.primary])).toEqual([
      ['+14155550100', true],
      ['alice@example.org', true],
      ['+14155550177', false],
      ['ajohnson@example.org', false],
    ]);
    expect(resolved.interactions).toHaveLength(5);
    // Search and the screen pop never show the merged-away record.
    expect((await customers.search({ q: 'alicia' })).items).toEqual([]);
    expect((await customers.search({ q: '+14155550177' })).items.map((c) => c.id)).toEqual([alice.id]);
    expect((await customers.search({ q: 'johnson' })).items.map((c) => c.id)).toEqual([alice.id]);
    // Audited on both records; the survivor's history also reads the merged record's.
    const history = await customers.history(alice.id, {});
    expect(history.filter((h) => h.action === 'merge').map((h) => h.customerId).sort()).toEqual([alice.id, alicia.id].sort());
    expect(history.some((h) => h.customerId === alicia.id && h.action === 'create')).toBe(true);
    expect(history.find((h) => h.field === 'birthDate')).toMatchObject({ changedByName: 'Sue Pervisor', newValue: '1980-01-01' });

    const listed = await merges.list({ survivorId: alice.id, status: 'merged' });
    expect(listed.map((m) => [m.id, m.mergedName])).toEqual([[merge.id, 'Alicia Johnson']]);

    const undone = await merges.unmerge(merge.id, supervisor);
    expect(undone.status).toBe('undone');
    expect({ alice: await attached(alice.id), alicia: await attached(alicia.id), northwind: await attached(northwind.id), carol: await attached(carol.id) }).toEqual(before);
    expect({ alice: await party(alice.id), alicia: await party(alicia.id) }).toEqual(partiesBefore);
    expect((await customers.search({ q: 'alicia' })).items.map((c) => c.id)).toEqual([alicia.id]);
    expect((await customers.getWithInteractions(alicia.id)).mergedFrom).toBeUndefined();
    expect((await caught(() => merges.unmerge(merge.id, supervisor))).code).toBe('UNMERGE_CONFLICT');
  });

  it('refuses a merge into itself, of a merged-away record, from a stale view, and changes nothing', async () => {
    const a = (await customers.getWithInteractions(alice.id)).customer;
    const b = (await customers.getWithInteractions(alicia.id)).customer;
    const before = { alice: await attached(alice.id), alicia: await attached(alicia.id) };
    expect((await caught(() => merges.merge({ survivorId: a.id, mergedId: a.id, survivorVersion: a.version, mergedVersion: a.version }, supervisor))).code).toBe('MERGE_SELF');
    // Someone edits Alice after the reviewer loaded both records.
    await customers.update(a.id, { salutation: 'Ms' }, supervisor);
    expect((await caught(() => merges.merge({ survivorId: a.id, mergedId: b.id, survivorVersion: a.version, mergedVersion: b.version }, supervisor))).code).toBe('VERSION_CONFLICT');
    expect({ alice: await attached(alice.id), alicia: await attached(alicia.id) }).toEqual(before);
    expect((await caught(() => merges.merge({ survivorId: a.id, mergedId: northwind.id, survivorVersion: a.version + 1, mergedVersion: northwind.version }, supervisor))).code).toBe('INVALID_INPUT');
    expect((await caught(() => merges.unmerge('00000000-0000-4000-8000-00000000dead', supervisor))).code).toBe('MERGE_NOT_FOUND');

    const merged = await merges.merge({ survivorId: a.id, mergedId: b.id, survivorVersion: a.version + 1, mergedVersion: b.version }, supervisor);
    const fresh = (await customers.getWithInteractions(carol.id)).customer;
    expect((await caught(() => merges.merge({ survivorId: fresh.id, mergedId: b.id, survivorVersion: fresh.version, mergedVersion: b.version + 1 }, supervisor))).code).toBe('MERGE_TARGET_MERGED');
    expect((await caught(() => merges.merge({ survivorId: b.id, mergedId: fresh.id, survivorVersion: b.version + 1, mergedVersion: fresh.version }, supervisor))).code).toBe('MERGE_TARGET_MERGED');
    expect((await caught(() => customers.update(b.id, { notes: 'edited after the merge' }, supervisor))).code).toBe('MERGE_TARGET_MERGED');
    const user = { id: supervisor.id, username: 'sue', displayName: supervisor.name, role: 'supervisor' as const, agent: null, tenant: { id: DEFAULT_TENANT_ID, slug: 'default', name: 'Default' }, tenants: [], platformOperator: false };
    expect((await caught(() => relationships.add(b.id, { type: 'referred_by', fromPartyId: b.id, toPartyId: carol.id }, user))).code).toBe('CUSTOMER_NOT_FOUND');
    await merges.unmerge(merged.id, supervisor);
  });

  it('two reviewers merging one pair in opposite directions at once: one wins, the other is refused, nothing is lost', async () => {
    const x = await customers.create({ kind: 'person', firstName: 'Xavier', lastName: 'Race', contactPoints: [{ kind: 'phone', value: '+14155550161' }] }, supervisor);
    const y = await customers.create({ kind: 'person', firstName: 'Xavier', lastName: 'Race', contactPoints: [{ kind: 'phone', value: '+14155550162' }] }, supervisor);
    const results = await Promise.allSettled([
      merges.merge({ survivorId: x.id, mergedId: y.id, survivorVersion: x.version, mergedVersion: y.version }, supervisor),
      merges.merge({ survivorId: y.id, mergedId: x.id, survivorVersion: y.version, mergedVersion: x.version }, supervisor),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(['MERGE_TARGET_MERGED', 'VERSION_CONFLICT']).toContain((lost[0]?.reason as RingsideError).code);
    const points = [...(await attached(x.id)).contactPoints, ...(await attached(y.id)).contactPoints];
    expect(points).toHaveLength(2);
  });

  it('refuses to undo when a moved contact point was removed from the survivor since', async () => {
    const a = (await customers.getWithInteractions(alice.id)).customer;
    const b = (await customers.getWithInteractions(alicia.id)).customer;
    const merge = await merges.merge({ survivorId: a.id, mergedId: b.id, survivorVersion: a.version, mergedVersion: b.version }, supervisor);
    const survivor = (await customers.getWithInteractions(a.id)).customer;
    const kept = survivor.contactPoints.filter((p) => p.value !== '+14155550177').map((p) => ({ kind: p.kind, value: p.value }));
    await customers.update(a.id, { contactPoints: kept }, supervisor);
    const err = await caught(() => merges.unmerge(merge.id, supervisor));
    expect(err.code).toBe('UNMERGE_CONFLICT');
    expect(err.message).toMatch(/contact point/);
    // The refused undo changed nothing: Alicia is still merged away.
    expect((await customers.getWithInteractions(b.id)).mergedFrom).toBe(b.id);
  });
});
