import type { Customer } from '@ringside/shared';
import type { Database } from '../../db/database.js';
import type { CustomerRepository, NewCustomer } from './customer-repository.js';
import { ConsentRepository } from './consent-repository.js';
import { RelationshipRepository, type NewRelationship } from './relationship-repository.js';

/** The demo organisation people, each with their own line so a pop can show person and organisation. */
export const DEMO_PARTY_CALLERS = {
  noraLind: '+14155550105',
  tomReyes: '+14155550106',
} as const;

const PEOPLE: NewCustomer[] = [
  { kind: 'person', firstName: 'Nora', lastName: 'Lind', email: 'nora.lind@northwind.example', lifecycle: 'customer', valueScore: 70, contactPoints: [{ kind: 'phone', value: '+1 415 555 0105', label: 'work' }, { kind: 'email', value: 'nora.lind@northwind.example', label: 'work' }] },
  { kind: 'person', firstName: 'Tom', lastName: 'Reyes', email: 'tom.reyes@northwind.example', lifecycle: 'customer', valueScore: 45, contactPoints: [{ kind: 'phone', value: '+1 415 555 0106', label: 'work' }] },
  { kind: 'person', firstName: 'Priya', lastName: 'Shah', email: 'priya.shah@northwind.example', lifecycle: 'customer', valueScore: 40, contactPoints: [{ kind: 'email', value: 'priya.shah@northwind.example', label: 'work' }] },
];

const ORGS: NewCustomer[] = [
  { kind: 'organisation', organisationName: 'Northwind Holdings', lifecycle: 'customer', valueScore: 85, contactPoints: [] },
  { kind: 'organisation', organisationName: 'Northwind Traders West', lifecycle: 'customer', valueScore: 50, contactPoints: [{ kind: 'phone', value: '+1 628 555 0110', label: 'switchboard' }] },
];

/**
 * The demo party model on top of the fixed demo callers: the Okafor household, Northwind
 * Traders with three people (Nora the primary contact), a three-level account hierarchy
 * (Northwind Holdings > Northwind Traders > Northwind Traders West), a referral, and consent
 * events with their evidence, including a do-not-call entry on the Okafors' shared line.
 * Returns the customers it added.
 */
export async function seedParties(database: Database, repo: CustomerRepository, fixed: Customer[]): Promise<Customer[]> {
  const named = (first: string, last?: string) => {
    const c = fixed.find((x) => (last ? x.firstName === first && x.lastName === last : x.organisationName === first));
    if (!c) throw new Error(`demo customer ${first} ${last ?? ''} missing`);
    return c;
  };
  const [nora, tom, priya] = await Promise.all(PEOPLE.map((p) => repo.create(p)));
  const [holdings, west] = await Promise.all(ORGS.map((o) => repo.create(o)));
  const northwind = named('Northwind Traders');
  const david = named('David', 'Okafor');
  const erin = named('Erin', 'Okafor');
  const alice = named('Alice', 'Johnson');
  const carol = named('Carol', 'Nguyen');
  const rels = new RelationshipRepository(database);
  const since = new Date('2023-04-01T00:00:00Z');
  const link = (r: Pick<NewRelationship, 'type' | 'fromPartyId' | 'toPartyId'> & Partial<NewRelationship>) =>
    rels.insert({ jobTitle: null, isPrimary: false, validFrom: since, validTo: null, createdBy: 'seed', ...r });
  await link({ type: 'household_member', fromPartyId: david.id, toPartyId: erin.id });
  await link({ type: 'employee_of', fromPartyId: nora!.id, toPartyId: northwind.id, jobTitle: 'Purchasing manager', isPrimary: true });
  await link({ type: 'employee_of', fromPartyId: tom!.id, toPartyId: northwind.id, jobTitle: 'Accounts payable' });
  await link({ type: 'contact_of', fromPartyId: priya!.id, toPartyId: northwind.id, jobTitle: 'Logistics consultant' });
  await link({ type: 'subsidiary_of', fromPartyId: northwind.id, toPartyId: holdings!.id });
  await link({ type: 'subsidiary_of', fromPartyId: west!.id, toPartyId: northwind.id });
  await link({ type: 'referred_by', fromPartyId: carol.id, toPartyId: alice.id });

  const ledger = new ConsentRepository(database);
  const phoneOf = (c: Customer, e164: string) => c.contactPoints.find((p) => p.e164 === e164);
  const event = (c: Customer, e164: string, rest: Pick<Parameters<ConsentRepository['append']>[0], 'channel' | 'purpose' | 'state' | 'method' | 'actor' | 'evidence'> & { at: string }) => {
    const { at, ...fields } = rest;
    return ledger.append({ addressKind: 'phone', address: e164, contactPointId: phoneOf(c, e164)?.id ?? null, customerId: c.id, occurredAt: new Date(at), ...fields });
  };
  await event(alice, '+14155550100', { channel: 'voice', purpose: 'marketing', state: 'granted', method: 'web_form', actor: 'web form', evidence: { file: 'newsletter-signup', note: 'ticked "call me about offers"' }, at: '2024-02-10T09:30:00Z' });
  await event(alice, '+14155550100', { channel: 'sms', purpose: 'marketing', state: 'granted', method: 'web_form', actor: 'web form', evidence: { file: 'newsletter-signup' }, at: '2024-02-10T09:30:00Z' });
  await event(carol, '+14155550103', { channel: 'sms', purpose: 'marketing', state: 'granted', method: 'web_form', actor: 'web form', evidence: {}, at: '2023-11-02T18:00:00Z' });
  await event(carol, '+14155550103', { channel: 'sms', purpose: 'marketing', state: 'withdrawn', method: 'inbound_sms_keyword', actor: 'sms STOP', evidence: { messageId: 'seed-sms-stop-1', note: 'replied STOP' }, at: '2024-06-18T12:04:00Z' });
  await event(david, '+14155550104', { channel: 'sms', purpose: 'marketing', state: 'granted', method: 'agent', actor: 'seed', evidence: { note: 'agreed on the phone to hear about toy launches' }, at: '2024-09-01T15:00:00Z' });
  await event(nora!, DEMO_PARTY_CALLERS.noraLind, { channel: 'voice', purpose: 'service', state: 'granted', method: 'api', actor: 'partner portal', evidence: {}, at: '2024-01-05T08:00:00Z' });
  // The shared home line is on the national do-not-call list, recorded against the number itself.
  for (const channel of ['voice', 'sms'] as const) {
    await ledger.appendOnce([{ addressKind: 'phone', address: '+14155550199', contactPointId: null, customerId: null, channel, purpose: 'marketing', state: 'withdrawn', occurredAt: new Date('2024-03-01T00:00:00Z'), method: 'dnc_list', actor: 'dnc:national', evidence: { file: 'national', row: 1 }, sourceKey: `dnc:national:+14155550199:${channel}` }]);
  }
  return [nora!, tom!, priya!, holdings!, west!];
}
