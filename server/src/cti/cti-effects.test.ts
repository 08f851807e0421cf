import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq } from 'drizzle-orm';
import { DEFAULT_TENANT_ID, RingsideError, type ScreenPop } from '@ringside/shared';
import { PgCustomerDirectory } from '../crm/customers/customer-directory.js';
import { CustomerRepository } from '../crm/customers/customer-repository.js';
import { InteractionRepository } from '../crm/customers/interaction-repository.js';
import type { Database } from '../db/database.js';
import { interactions } from '../db/schema.js';
import { postgresTestDatabase, type TestDatabase } from '../db/test-databases.js';
import type { CustomerDirectory } from '../domain/ports/customer-directory.js';
import type { InteractionLog, InteractionRecord } from '../domain/ports/interaction-log.js';
import type { ScreenPopContext } from '../domain/screen-pop.js';
import { createLogger } from '../logger.js';
import { InteractionWriter } from './interaction-writer.js';
import { CallerLookups } from './caller-lookups.js';
import { ScreenPopSender, type PopSink } from './screen-pop-sender.js';
import { until } from './testing/test-client.js';

const logger = createLogger('silent');
let handle: TestDatabase;
let database: Database;
let directory: PgCustomerDirectory;
let repo: InteractionRepository;

beforeAll(async () => {
  handle = postgresTestDatabase();
  database = await handle.open();
  const customers = new CustomerRepository(database, { defaultCountry: 'US' });
  repo = new InteractionRepository(database);
  directory = new PgCustomerDirectory(customers, repo);
  await customers.create({ kind: 'person', firstName: 'Mary', lastName: 'Somerville', lifecycle: 'customer', valueScore: 5, contactPoints: [{ kind: 'phone', value: '+1 415 555 0150' }] });
}, 60_000);

afterAll(async () => {
  await handle?.dispose();
});

function context(e164: string): ScreenPopContext {
  return { callId: '1700000000.1', tenant: { id: DEFAULT_TENANT_ID, slug: '', name: '' }, agentId: '00000000-0000-4000-8000-000000000001', callerNumber: { raw: e164, e164 }, queue: 'sales', ivrPath: [], waitSeconds: 3 };
}

function lookupsOver(dir: CustomerDirectory, now: () => number = Date.now): CallerLookups {
  return new CallerLookups(dir, logger, { maxAgeMs: 30_000, maxEntries: 100, now });
}

function recordingSink() {
  const pops: Array<{ pop: ScreenPop; kind: string }> = [];
  const failures: string[] = [];
  const identified: string[] = [];
  const sink: PopSink = { pop: (pop, kind) => pops.push({ pop, kind }), failed: (_c, m) => failures.push(m), identified: (_c, id) => identified.push(id) };
  return { sink, pops, failures, identified };
}

describe('screen pop delivery', () => {
  it('when the CRM answers after the deadline, the agent gets a pending pop at once and the customer follows as screenPopRecord', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const slow: CustomerDirectory = { findByE164: async (...args) => { await gate; return directory.findByE164(...args); } };
    const { sink, pops, identified } = recordingSink();
    const sender = new ScreenPopSender(lookupsOver(slow), sink, logger, { deadlineMs: 20 });
    const done = sender.send(context('+14155550150'));
    await until('the pending pop', () => pops.length === 1);
    expect(pops[0]).toMatchObject({ kind: 'screenPop', pop: { match: { kind: 'pending' }, queue: 'sales', callerNumber: { e164: '+14155550150' } } });
    open();
    await done;
    expect(pops).toHaveLength(2);
    expect(pops[1]?.kind).toBe('screenPopRecord');
    expect(pops[1]?.pop.match.kind === 'single' && pops[1].pop.match.customer.firstName).toBe('Mary');
    expect(identified).toHaveLength(1);
  });

  it('when the CRM answers in time, the full pop is the only one sent', async () => {
    const { sink, pops } = recordingSink();
    await new ScreenPopSender(lookupsOver(directory), sink, logger, { deadlineMs: 10_000 }).send(context('+14155550150'));
    expect(pops.map((p) => [p.kind, p.pop.match.kind])).toEqual([['screenPop', 'single']]);
  });

  it('a CRM that keeps failing leaves the pop pending and tells the agent to search by hand, instead of claiming an unknown caller', async () => {
    let calls = 0;
    const broken: CustomerDirectory = { findByE164: async () => { calls++; throw new RingsideError('DB_UNAVAILABLE', 'database is away'); } };
    const { sink, pops, failures } = recordingSink();
    await new ScreenPopSender(lookupsOver(broken), sink, logger, { deadlineMs: 10_000, retryDelaysMs: [1, 1] }).send(context('+14155550150'));
    expect(calls).toBe(3);
    expect(pops.map((p) => p.pop.match.kind)).toEqual(['pending']);
    expect(failures).toHaveLength(1);
  });
});

describe('caller lookups shared by the pops of a call', () => {
  function counting(inner: CustomerDirectory, failFirst = 0) {
    const calls: string[] = [];
    const answered = { count: 0 };
    const dir: CustomerDirectory = {
      findByE164: async (e164, options) => {
        calls.push(e164);
        if (calls.length <= failFirst) throw new RingsideError('DB_UNAVAILABLE', 'database is away');
        const found = await inner.findByE164(e164, options);
        answered.count++;
        return found;
      },
    };
    return { dir, calls, answered };
  }

  it('the lookup started when the caller became known serves every pop of the call: two ringing agents, one CRM query', async () => {
    const { dir, calls } = counting(directory);
    const lookups = lookupsOver(dir);
    lookups.prefetch('1700000000.1', '+14155550150');
    const { sink, pops } = recordingSink();
    const sender = new ScreenPopSender(lookups, sink, logger, { deadlineMs: 10_000 });
    await sender.send(context('+14155550150'));
    await sender.send({ ...context('+14155550150'), agentId: '00000000-0000-4000-8000-000000000002' });
    expect(pops.map((p) => p.pop.match.kind === 'single' && p.pop.match.customer.lastName)).toEqual(['Somerville', 'Somerville']);
    expect(calls).toHaveLength(1);
  });

  it('a caller whose lookup is already in pops in the same tick as the ring, before anything else queued runs', async () => {
    const lookups = lookupsOver(directory);
    lookups.prefetch('1700000000.1', '+14155550150');
    await lookups.lookup('1700000000.1', '+14155550150');
    const { sink, pops } = recordingSink();
    void new ScreenPopSender(lookups, sink, logger, { deadlineMs: 10_000 }).send(context('+14155550150'));
    expect(pops.map((p) => [p.kind, p.pop.match.kind])).toEqual([['screenPop', 'single']]);
  });

  it('a lookup that failed is not served again: the pop asks the CRM afresh and finds the caller', async () => {
    const { dir, calls } = counting(directory, 1);
    const lookups = lookupsOver(dir);
    lookups.prefetch('1700000000.1', '+14155550150');
    await until('the failed prefetch to be dropped', () => lookups.size === 0 || undefined);
    const { sink, pops, failures } = recordingSink();
    await new ScreenPopSender(lookups, sink, logger, { deadlineMs: 10_000 }).send(context('+14155550150'));
    expect(pops.map((p) => p.pop.match.kind)).toEqual(['single']);
    expect(failures).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('a caller who waited past the maximum age gets a refreshed card; the old one serves until the refresh is in', async () => {
    const customers = new CustomerRepository(database, { defaultCountry: 'US' });
    const created = await customers.create({ kind: 'person', firstName: 'Ada', lastName: 'Byron', lifecycle: 'lead', valueScore: 1, contactPoints: [{ kind: 'phone', value: '+1 415 555 0161' }] });
    const { dir, calls, answered } = counting(directory);
    let now = 1_000_000;
    const lookups = new CallerLookups(dir, logger, { maxAgeMs: 30_000, maxEntries: 100, now: () => now });
    lookups.prefetch('call-ada', '+14155550161');
    expect((await lookups.lookup('call-ada', '+14155550161')).customers[0]?.lastName).toBe('Byron');
    await customers.update(created.id, { lastName: 'Lovelace' });
    now += 29_000;
    lookups.refreshStale();
    expect((await lookups.lookup('call-ada', '+14155550161')).customers[0]?.lastName).toBe('Byron');
    expect(calls).toHaveLength(1);
    now += 2_000;
    lookups.refreshStale();
    expect(calls).toHaveLength(2);
    await until('the refresh to answer', () => answered.count === 2 || undefined);
    // Served from the refreshed entry: no third query.
    expect((await lookups.lookup('call-ada', '+14155550161')).customers[0]?.lastName).toBe('Lovelace');
    expect(calls).toHaveLength(2);
    lookups.forget('call-ada');
    expect(lookups.size).toBe(0);
  });
});

describe('interaction writes', () => {
  function leg(legId: string): InteractionRecord {
    const at = Date.parse('2025-03-04T10:00:00Z');
    return {
      legId, linkedid: legId, agentId: null, customerId: null, queue: 'sales', direction: 'inbound', channel: 'voice', callerNumber: '+14155550150',
      offeredAt: at, answeredAt: at + 4000, endedAt: at + 64_000, waitSeconds: 4, talkSeconds: 60, holdSeconds: 0, abandoned: false, disposition: null, notes: null, recording: null,
    };
  }

  it('a write that fails while the database is away is retried until it lands, once, and the disposition queued behind it lands after it', async () => {
    let failuresLeft = 3;
    const flaky: InteractionLog = {
      record: async (r) => {
        if (failuresLeft-- > 0) throw new RingsideError('DB_UNAVAILABLE', 'database is away');
        await repo.record(r);
      },
      setDisposition: (legId, code, notes) => repo.setDisposition(legId, code, notes),
    };
    const writer = new InteractionWriter(flaky, logger, { initialBackoffMs: 5, maxBackoffMs: 20 });
    writer.enqueue({ kind: 'record', record: leg('1700000001.7') });
    writer.enqueue({ kind: 'disposition', legId: '1700000001.7', code: 'sale', notes: 'two seats' });
    writer.enqueue({ kind: 'record', record: leg('1700000001.7') });
    await writer.idle();
    const rows = await database.db.select().from(interactions).where(eq(interactions.legId, '1700000001.7'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ disposition: 'sale', notes: 'two seats', talkSeconds: 60 });
    expect(writer.pending()).toBe(0);
    await writer.stop();
  });
});
