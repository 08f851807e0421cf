import { asSystem } from '../../db/tenant-scope.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFile, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { RingsideError, isRingsideError } from '@ringside/shared';
import type { Database } from '../../db/database.js';
import { MIGRATIONS_DIR } from '../../db/database.js';
import { dbCall } from '../../db/db-errors.js';
import { rowsOf } from '../../db/rows.js';
import { testDatabases, type TestDatabase } from '../../db/test-databases.js';
import { CustomerRepository } from './customer-repository.js';
import { CustomerService } from './customer-service.js';
import { InteractionRepository } from './interaction-repository.js';
import { recordChange } from './change-history.js';

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

describe.each(testDatabases())('the party model on %s', (_name, make) => {
  let handle: TestDatabase;
  let database: Database;
  let service: CustomerService;
  let customers: CustomerRepository;

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
    customers = new CustomerRepository(database, { defaultCountry: 'US' });
    service = new CustomerService(customers, new InteractionRepository(database));
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  });

  it('stores a person with full details and typed contact points, deriving the time zone from the address', async () => {
    const c = await service.create(
      {
        kind: 'person',
        firstName: 'Lena',
        lastName: 'Schmidt',
        salutation: 'Dr.',
        birthDate: '1980-04-12',
        language: 'de-de',
        contactPoints: [
          { kind: 'phone', value: '+49 151 23456789', purpose: 'home' },
          { kind: 'email', value: 'Lena.Schmidt@Example.DE', purpose: 'work' },
          { kind: 'address', addressLines: ['Hauptstr. 5'], city: 'Berlin', postalCode: '10115', country: 'de', purpose: 'billing' },
        ],
      },
      agent,
    );
    expect(c).toMatchObject({ salutation: 'Dr.', birthDate: '1980-04-12', language: 'de-DE', timeZone: 'Europe/Berlin' });
    const [phone, email, address] = c.contactPoints;
    expect(phone).toMatchObject({ e164: '+4915123456789', phoneType: 'mobile', primary: true, source: 'agent' });
    expect(email).toMatchObject({ value: 'Lena.Schmidt@Example.DE', emailLower: 'lena.schmidt@example.de', purpose: 'work', primary: true });
    expect(address).toMatchObject({ kind: 'address', city: 'Berlin', country: 'DE', addressLines: ['Hauptstr. 5'], purpose: 'billing', primary: true });
    expect(address?.value).toBe('Hauptstr. 5, 10115 Berlin, DE');
  });

  it('derives the time zone from the phone when there is no address, and leaves it empty for a country with several zones', async () => {
    const fr = await service.create({ kind: 'person', firstName: 'Jean', contactPoints: [{ kind: 'phone', value: '+33 1 42 68 53 00' }] });
    expect(fr.timeZone).toBe('Europe/Paris');
    expect(fr.contactPoints[0]?.phoneType).toBe('landline');
    const us = await service.create({ kind: 'person', firstName: 'Sam', contactPoints: [{ kind: 'phone', value: '415 555 0100' }] });
    expect(us.timeZone).toBeNull();
    const given = await service.create({ kind: 'person', firstName: 'Kai', timeZone: 'America/Denver', contactPoints: [{ kind: 'phone', value: '+33 1 42 68 53 00' }] });
    expect(given.timeZone).toBe('America/Denver');
  });

  it('stores an organisation with legal and trading names, registration number, industry and size band', async () => {
    const org = await service.create({
      kind: 'organisation',
      organisationName: 'Northwind Traders Ltd',
      tradingName: 'Northwind',
      registrationNumber: 'GB 01234567',
      industry: 'Wholesale',
      sizeBand: '50-249',
    });
    expect(org).toMatchObject({ organisationName: 'Northwind Traders Ltd', tradingName: 'Northwind', registrationNumber: 'GB 01234567', industry: 'Wholesale', sizeBand: '50-249' });
  });

  it.each([
    [{ kind: 'person', firstName: 'A', contactPoints: [{ kind: 'email', value: 'not-an-email' }] }, 'contactPoints.0.value', 'INVALID_EMAIL'],
    [{ kind: 'person', firstName: 'A', contactPoints: [{ kind: 'address', city: 'Oslo', country: 'XX' }] }, 'contactPoints.0.country', 'INVALID_COUNTRY'],
    [{ kind: 'person', firstName: 'A', contactPoints: [{ kind: 'address', country: 'NO' }] }, 'contactPoints.0.addressLines', 'INVALID_ADDRESS'],
    [{ kind: 'person', firstName: 'A', birthDate: '1980-02-30' }, 'birthDate', 'INVALID_DATE'],
    [{ kind: 'person', firstName: 'A', birthDate: '2999-01-01' }, 'birthDate', 'INVALID_DATE'],
    [{ kind: 'person', firstName: 'A', language: 'english please' }, 'language', 'INVALID_LANGUAGE'],
    [{ kind: 'person', firstName: 'A', timeZone: 'Mars/Olympus' }, 'timeZone', 'INVALID_TIME_ZONE'],
    [{ kind: 'person', firstName: 'A', contactPoints: [{ kind: 'phone', value: '4155550100', validFrom: '2026-02-01', validTo: '2026-01-01' }] }, 'contactPoints.0.validTo', 'INVALID_DATE_RANGE'],
    [{ kind: 'person', firstName: 'A', contactPoints: [{ kind: 'phone', value: '4155550100', primary: true }, { kind: 'phone', value: '4155550101', primary: true }] }, 'contactPoints.1.primary', 'DUPLICATE_PRIMARY'],
    [{ kind: 'person', firstName: 'A', contactPoints: [{ kind: 'phone', value: 'call me' }] }, 'contactPoints.0.value', 'INVALID_PHONE'],
  ])('refuses %j with a stable field code, storing nothing', async (body, pathName, code) => {
    const before = await customers.count();
    const err = await caught(() => service.create(body));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: pathName, code })]));
    expect(await customers.count()).toBe(before);
  });

  it('the database itself refuses two primary phones for one customer', async () => {
    const c = await service.create({ kind: 'person', firstName: 'Uno', contactPoints: [{ kind: 'phone', value: '4155550150' }, { kind: 'phone', value: '4155550151' }] });
    expect(c.contactPoints.map((p) => p.primary)).toEqual([true, false]);
    const err = await caught(() => dbCall('force two primaries', () => database.db.execute(sql`UPDATE contact_points SET is_primary = true WHERE customer_id = ${c.id}`)));
    expect(err.code).toBe('CONFLICT');
  });

  it('keeps every change to a party and its contact points, naming who made it', async () => {
    const c = await service.create({ kind: 'person', firstName: 'Hist', lastName: 'Ory', contactPoints: [{ kind: 'phone', value: '4155550160' }] }, agent);
    const phoneId = c.contactPoints[0]?.id;
    await service.update(
      c.id,
      {
        lastName: 'Oryx',
        language: 'fr',
        contactPoints: [
          { kind: 'phone', value: '(415) 555-0160', purpose: 'work' },
          { kind: 'email', value: 'h@ory.example' },
        ],
      },
      agent,
    );
    const changes = await service.history(c.id, {});
    const byField = (entity: string, field: string) => changes.find((ch) => ch.entity === entity && ch.field === field);
    expect(byField('customer', 'lastName')).toMatchObject({ action: 'update', oldValue: 'Ory', newValue: 'Oryx', changedBy: agent.id, changedByName: 'Agent One' });
    expect(byField('customer', 'language')).toMatchObject({ oldValue: null, newValue: 'fr' });
    // The same number typed differently is the same contact point: its id stays, its purpose change is logged.
    expect(byField('contact_point', 'purpose')).toMatchObject({ entityId: phoneId, oldValue: 'home', newValue: 'work' });
    expect(changes.filter((ch) => ch.entity === 'contact_point' && ch.action === 'create').map((ch) => (ch.newValue as { kind: string }).kind).sort()).toEqual(['email', 'phone']);
    expect(changes.find((ch) => ch.entity === 'customer' && ch.action === 'create')).toMatchObject({ changedByName: 'Agent One' });
    expect(changes.some((ch) => ch.field === 'firstName')).toBe(false);

    await service.update(c.id, { contactPoints: [] }, agent);
    const after = await service.history(c.id, {});
    expect(after.filter((ch) => ch.action === 'delete').map((ch) => ch.entityId)).toContain(phoneId);
  });

  it('an edit that sends only kind and value keeps the purpose, source and verification of a kept contact point', async () => {
    const c = await service.create({
      kind: 'person',
      firstName: 'Keep',
      contactPoints: [{ kind: 'phone', value: '4155550175', purpose: 'work', source: 'web', verifiedAt: '2026-01-02T03:04:05Z' }],
    });
    const updated = await service.update(c.id, { contactPoints: [{ kind: 'phone', value: '+1 415-555-0175' }] });
    expect(updated.contactPoints[0]).toMatchObject({ id: c.contactPoints[0]?.id, purpose: 'work', source: 'web', verifiedAt: '2026-01-02T03:04:05.000Z', primary: true });
  });

  it('writes the history in the transaction of the change: a failed change leaves no history, and history cannot be edited', async () => {
    const c = await service.create({ kind: 'person', firstName: 'Tx', contactPoints: [{ kind: 'phone', value: '4155550170' }] });
    const before = (await service.history(c.id, {})).length;
    // The second phone becomes primary by hand while the first stays primary by default: the partial unique index refuses it mid-transaction.
    const failing = caught(() =>
      dbCall('change with history', () =>
        database.db.transaction(async (tx) => {
          await recordChange(tx, agent, { customerId: c.id, entity: 'consent', action: 'create', newValue: { granted: true } });
          await tx.execute(sql`INSERT INTO contact_points (customer_id, kind, value, is_primary) VALUES (${c.id}, 'phone', 'x', true)`);
        }),
      ),
    );
    expect((await failing).code).toBe('CONFLICT');
    expect((await service.history(c.id, {})).length).toBe(before);

    await database.db.transaction(async (tx) => recordChange(tx, agent, { customerId: c.id, entity: 'consent', action: 'create', field: 'voice/marketing', newValue: 'granted' }));
    expect((await service.history(c.id, {}))[0]).toMatchObject({ entity: 'consent', field: 'voice/marketing', newValue: 'granted' });

    await expect(database.db.execute(sql`UPDATE customer_changes SET new_value = '"forged"' WHERE customer_id = ${c.id}`)).rejects.toThrow();
    await expect(database.db.execute(sql`DELETE FROM customer_changes WHERE customer_id = ${c.id}`)).rejects.toThrow();
    expect((await service.history(c.id, {})).length).toBe(before + 1);
  });

  it('answers the history of an unknown customer with CUSTOMER_NOT_FOUND and a bad limit with INVALID_INPUT', async () => {
    expect((await caught(() => service.history('00000000-0000-4000-8000-00000000abcd', {}))).code).toBe('CUSTOMER_NOT_FOUND');
    const c = await service.create({ kind: 'person', firstName: 'Lim' });
    expect((await caught(() => service.history(c.id, { limit: 'lots' }))).code).toBe('INVALID_INPUT');
  });
});

/** A migrations folder holding only the migrations before the party model (0000..0002). */
async function migrationsBeforePartyModel(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-migrations-'));
  await mkdir(path.join(dir, 'meta'));
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < '0005');
  for (const e of journal.entries) await copyFile(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  await writeFile(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  return dir;
}

describe.each(testDatabases())('migration of existing customers to the party model on %s', (_name, make) => {
  let handle: TestDatabase;
  let folder: string;

  beforeAll(async () => {
    folder = await migrationsBeforePartyModel();
    handle = make();
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it('turns old phones and emails into contact points: the first phone becomes primary, the email column an email point', async () => {
    const old = await handle.open({ migrationsFolder: folder });
    // Before tenancy there is no tenant to run in: the old rows are written as the owner.
    await asSystem(async () => {
      await old.db.execute(sql`INSERT INTO customers (id, kind, first_name, email) VALUES
        ('11111111-1111-4111-8111-111111111111', 'person', 'Olga', 'Olga@Example.com'),
        ('22222222-2222-4222-8222-222222222222', 'organisation', NULL, NULL)`);
      await old.db.execute(sql`UPDATE customers SET organisation_name = 'Old Org' WHERE id = '22222222-2222-4222-8222-222222222222'`);
      await old.db.execute(sql`INSERT INTO contact_points (customer_id, kind, value, e164, label, position) VALUES
        ('11111111-1111-4111-8111-111111111111', 'phone', '415 555 0180', '+14155550180', 'mobile', 0),
        ('11111111-1111-4111-8111-111111111111', 'phone', '415 555 0181', '+14155550181', 'Work', 1),
        ('22222222-2222-4222-8222-222222222222', 'phone', '415 555 0182', '+14155550182', NULL, 0),
        ('22222222-2222-4222-8222-222222222222', 'email', 'Info@Old.example', NULL, NULL, 1)`);
    });
    await old.close();

    const migrated = await handle.open();
    const repo = new CustomerRepository(migrated, { defaultCountry: 'US' });
    const olga = await repo.get('11111111-1111-4111-8111-111111111111');
    expect(olga?.contactPoints.map((p) => [p.kind, p.value, p.primary, p.purpose])).toEqual([
      ['phone', '415 555 0180', true, 'home'],
      ['phone', '415 555 0181', false, 'work'],
      ['email', 'Olga@Example.com', true, 'home'],
    ]);
    expect(olga?.contactPoints[2]).toMatchObject({ emailLower: 'olga@example.com', source: 'import' });
    const org = await repo.get('22222222-2222-4222-8222-222222222222');
    expect(org?.contactPoints.map((p) => [p.kind, p.primary, p.purpose, p.emailLower])).toEqual([
      ['phone', true, 'work', null],
      ['email', true, 'work', 'info@old.example'],
    ]);
    // The screen pop still finds both by number.
    expect((await repo.findByE164('+14155550181')).map((c) => c.id)).toEqual(['11111111-1111-4111-8111-111111111111']);
    const n = rowsOf<{ n: number }>(await migrated.db.execute(sql`SELECT count(*)::int AS n FROM contact_points`))[0]?.n;
    expect(Number(n)).toBe(5);
  }, 60_000);
});
