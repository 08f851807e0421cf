import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RingsideError, isRingsideError } from '@ringside/shared';
import type { Database } from '../../db/database.js';
import { testDatabases, type TestDatabase } from '../../db/test-databases.js';
import { AttributeRepository } from './attribute-repository.js';
import { AttributeService } from './attribute-service.js';
import { CustomerRepository } from './customer-repository.js';
import { CustomerService } from './customer-service.js';
import { DuplicateChecker } from './duplicate-check.js';
import { InteractionRepository } from './interaction-repository.js';

const agent = { id: '00000000-0000-4000-8000-000000000001', name: 'Agent One' };

async function caught(work: () => Promise<unknown>): Promise<RingsideError> {
  try {
    await work();
  } catch (err) {
    if (isRingsideError(err)) return err;
    throw new Error(`expected a RingsideError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected the call to fail');
}

describe.each(testDatabases())('custom attributes and the duplicate check on %s', (_name, make) => {
  let handle: TestDatabase;
  let database: Database;
  let attributes: AttributeService;
  let service: CustomerService;

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
    const customers = new CustomerRepository(database, { defaultCountry: 'US' });
    attributes = new AttributeService(new AttributeRepository(database));
    const duplicates = new DuplicateChecker(customers, { defaultCountry: 'US' });
    service = new CustomerService(customers, new InteractionRepository(database), { attributes, duplicates });
    await attributes.create({ key: 'tier', label: 'Tier', type: 'choice', options: ['gold', 'silver'] });
    await attributes.create({ key: 'seats', label: 'Seats', type: 'number' });
    await attributes.create({ key: 'renewal', label: 'Renewal date', type: 'date' });
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  });

  it('stores typed values, keeps each change in the history and finds customers by value', async () => {
    const c = await service.create({ kind: 'person', firstName: 'Ines', lastName: 'Moreau', attributes: { tier: 'gold', seats: 12 } }, agent);
    expect(c.attributes).toEqual({ tier: 'gold', seats: 12 });
    const updated = await service.update(c.id, { attributes: { tier: 'silver', seats: null, renewal: '2027-03-01' } }, agent);
    expect(updated.attributes).toEqual({ tier: 'silver', renewal: '2027-03-01' });
    const history = await service.history(c.id, {});
    const tier = history.filter((h) => h.field === 'attributes.tier').map((h) => [h.oldValue, h.newValue]);
    expect(tier).toEqual([['gold', 'silver'], [null, 'gold']]);
    expect(history.find((h) => h.field === 'attributes.seats')).toMatchObject({ oldValue: 12, newValue: null, changedByName: 'Agent One' });

    const found = await service.search({ attribute: 'tier', value: 'silver' });
    expect(found.items.map((x) => x.id)).toEqual([c.id]);
    expect((await service.search({ attribute: 'tier', value: 'silver', q: 'mor' })).items).toHaveLength(1);
    expect((await service.search({ attribute: 'tier', value: 'silver', q: 'zzz' })).items).toHaveLength(0);
    expect((await service.search({ attribute: 'tier', value: 'gold' })).items).toHaveLength(0);
  });

  it('matches a number attribute by its number', async () => {
    const c = await service.create({ kind: 'organisation', organisationName: 'Seatco', attributes: { seats: 250 } });
    expect((await service.search({ attribute: 'seats', value: '250' })).items.map((x) => x.id)).toEqual([c.id]);
    expect((await caught(() => service.search({ attribute: 'seats', value: 'many' }))).issues?.[0]?.code).toBe('ATTRIBUTE_INVALID');
  });

  it('refuses values that do not fit their definition, with a code and message per attribute, and saves nothing', async () => {
    const err = await caught(() => service.create({ kind: 'person', firstName: 'Bad', lastName: 'Values', attributes: { tier: 'bronze', seats: 'ten', renewal: '2027-02-30', colour: 'red' } }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.issues).toEqual(
      expect.arrayContaining([
        { path: 'attributes.tier', code: 'ATTRIBUTE_INVALID', message: 'Tier must be one of: gold, silver' },
        { path: 'attributes.seats', code: 'ATTRIBUTE_INVALID', message: 'Seats must be a number' },
        { path: 'attributes.renewal', code: 'ATTRIBUTE_INVALID', message: 'Renewal date must be a date YYYY-MM-DD' },
        { path: 'attributes.colour', code: 'ATTRIBUTE_UNKNOWN', message: 'no active customer attribute "colour"' },
      ]),
    );
    expect((await service.search({ q: 'values' })).items).toHaveLength(0);
  });

  it('asks for a required attribute on create and refuses clearing it', async () => {
    await attributes.create({ key: 'account_no', label: 'Account number', type: 'text', required: true });
    try {
      const missing = await caught(() => service.create({ kind: 'person', firstName: 'Noa', lastName: 'Account' }));
      expect(missing.issues).toEqual([{ path: 'attributes.account_no', code: 'ATTRIBUTE_REQUIRED', message: 'Account number is required' }]);
      const c = await service.create({ kind: 'person', firstName: 'Noa', lastName: 'Account', attributes: { account_no: 'A-1' } });
      const cleared = await caught(() => service.update(c.id, { attributes: { account_no: '  ' } }));
      expect(cleared.issues?.[0]?.code).toBe('ATTRIBUTE_REQUIRED');
    } finally {
      await attributes.update('account_no', { required: false });
    }
  });

  it('deactivates a definition whose values are in use (values kept, new ones refused) and deletes an unused one', async () => {
    await attributes.create({ key: 'segment', label: 'Segment', type: 'text' });
    await attributes.create({ key: 'unused', label: 'Unused', type: 'text' });
    const c = await service.create({ kind: 'person', firstName: 'Seg', lastName: 'Ment', attributes: { segment: 'smb' } });
    expect(await attributes.remove('unused')).toEqual({ outcome: 'deleted', valuesKept: 0, definition: null });
    const removal = await attributes.remove('segment');
    expect(removal).toMatchObject({ outcome: 'deactivated', valuesKept: 1, definition: { key: 'segment', active: false } });
    expect((await service.getWithInteractions(c.id)).customer.attributes).toEqual({ segment: 'smb' });
    expect((await caught(() => service.update(c.id, { attributes: { segment: 'ent' } }))).issues?.[0]?.code).toBe('ATTRIBUTE_UNKNOWN');
    expect((await service.update(c.id, { attributes: { segment: null } })).attributes).toEqual({});
    expect((await attributes.list()).map((d) => d.key)).not.toContain('unused');
    expect((await caught(() => attributes.create({ key: 'segment', label: 'Again', type: 'text' }))).code).toBe('ATTRIBUTE_EXISTS');
    expect((await caught(() => attributes.create({ key: 'kind', label: 'Kind', type: 'choice', options: [] }))).issues?.[0]?.path).toBe('options');
  });

  describe('duplicate check', () => {
    let carol: string;
    let northwind: string;

    beforeAll(async () => {
      carol = (
        await service.create({
          kind: 'person',
          firstName: 'Carol',
          lastName: 'Nguyen',
          birthDate: '1985-04-12',
          contactPoints: [
            { kind: 'phone', value: '+1 415 555 0103' },
            { kind: 'email', value: 'carol.nguyen@example.com' },
          ],
        })
      ).id;
      northwind = (await service.create({ kind: 'organisation', organisationName: 'Northwind Traders Inc.', contactPoints: [{ kind: 'phone', value: '+1 415 555 0102' }] })).id;
      await service.create({ kind: 'person', firstName: 'Karl', lastName: 'Newman', contactPoints: [{ kind: 'phone', value: '+1 212 555 0199' }] });
    });

    it('finds a person by phone in another format and a sound-alike name, with the rules that fired', async () => {
      const [top, ...rest] = await service.duplicateCheck({ kind: 'person', firstName: 'Karol', lastName: 'Nguyen', contactPoints: [{ kind: 'phone', value: '(415) 555-0103' }] });
      expect(rest).toHaveLength(0);
      expect(top?.customer.id).toBe(carol);
      expect(top?.score).toBeGreaterThanOrEqual(7);
      expect(top?.evidence.map((e) => e.ruleId)).toEqual(expect.arrayContaining(['phone_exact', 'family_phonetic', 'given_phonetic']));
      expect(top?.evidence.find((e) => e.ruleId === 'phone_exact')).toMatchObject({ left: '+14155550103', right: '+14155550103' });
    });

    it('finds a person by the sound of both names with the birth date, no phone or email given', async () => {
      const found = await service.duplicateCheck({ kind: 'person', firstName: 'Karol', lastName: 'Nguyen', birthDate: '1985-04-12' });
      expect(found.map((c) => c.customer.id)).toEqual([carol]);
      expect(found[0]?.decision).toBe('sure');
    });

    it('finds a person by name alone only with more evidence: swapped name plus email', async () => {
      expect(await service.duplicateCheck({ kind: 'person', firstName: 'Carol', lastName: 'Nguyen' })).toEqual([]);
      const found = await service.duplicateCheck({ kind: 'person', firstName: 'Nguyen', lastName: 'Carol', email: 'Carol.Nguyen@example.com' });
      expect(found.map((c) => c.customer.id)).toEqual([carol]);
    });

    it('finds an organisation by its name without the legal suffix', async () => {
      const found = await service.duplicateCheck({ kind: 'organisation', organisationName: 'NORTHWIND TRADERS GmbH' });
      expect(found.map((c) => c.customer.id)).toEqual([northwind]);
      expect(found[0]?.evidence[0]).toMatchObject({ ruleId: 'organisation_exact', left: 'northwind traders', right: 'northwind traders' });
    });

    it('never reports the customer being edited, and a different person sharing nothing stays distinct', async () => {
      expect(await service.duplicateCheck({ kind: 'person', firstName: 'Carol', lastName: 'Nguyen', contactPoints: [{ kind: 'phone', value: '+14155550103' }], customerId: carol })).toEqual([]);
      expect(await service.duplicateCheck({ kind: 'person', firstName: 'Zed', lastName: 'Quill', contactPoints: [{ kind: 'phone', value: '+1 646 555 0000' }] })).toEqual([]);
    });

    it('holds back a create that is a likely duplicate unless confirmed', async () => {
      const draft = { kind: 'person', firstName: 'Carol', lastName: 'Nguyen', contactPoints: [{ kind: 'phone', value: '415-555-0103' }] };
      const err = await caught(() => service.create(draft, agent));
      expect(err.code).toBe('DUPLICATE_SUSPECTED');
      const candidates = (err.details?.['candidates'] ?? []) as { customer: { id: string } }[];
      expect(candidates.map((c) => c.customer.id)).toEqual([carol]);
      const created = await service.create({ ...draft, confirmDuplicate: true }, agent);
      expect(created.id).not.toBe(carol);
    });
  });
});
