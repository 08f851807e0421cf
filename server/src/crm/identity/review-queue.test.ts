import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { DEFAULT_MATCH_SETTINGS, DUPLICATE_SCAN_QUEUE } from '@ringside/shared';
import type { Database } from '../../db/database.js';
import { rowsOf } from '../../db/rows.js';
import { testDatabases, type TestDatabase } from '../../db/test-databases.js';
import type { JobContext, JobQueue } from '../../jobs/job-queue.js';
import { CustomerRepository } from '../customers/customer-repository.js';
import { CustomerService } from '../customers/customer-service.js';
import { InteractionRepository } from '../customers/interaction-repository.js';
import { CandidateRepository } from './candidate-repository.js';
import { duplicateScanJob } from './duplicate-scan-job.js';
import { IdentityService } from './identity-service.js';
import { MatchSettingsRepository } from './match-settings-repository.js';
import { PartyMerge } from '../customers/party-merge.js';
import { PartyReads } from '../customers/party-reads.js';
import { MergeRepository } from './merge-repository.js';
import { MergeService } from './merge-service.js';

const reviewer = { id: '00000000-0000-4000-8000-000000000003', name: 'Rita Reviewer' };

/** A job context that keeps what the job reported. */
function fakeContext(): JobContext & { reports: { done: number; total: number | null; message?: string | undefined }[] } {
  const reports: { done: number; total: number | null; message?: string | undefined }[] = [];
  return {
    jobId: 'job-1',
    attempt: 1,
    signal: new AbortController().signal,
    reports,
    async progress(done, total, message) {
      reports.push({ done, total, message });
    },
  };
}

describe.each(testDatabases())('the duplicate review queue on %s', (_name, make) => {
  let handle: TestDatabase;
  let database: Database;
  let customers: CustomerService;
  let candidates: CandidateRepository;
  let identity: IdentityService;
  let merges: MergeService;
  let settings: MatchSettingsRepository;
  const sent: { queue: string; data: object }[] = [];
  const ids: Record<string, string> = {};

  const rowCount = async () => Number(rowsOf<{ n: number }>(await database.db.execute(sql`SELECT count(*)::int AS n FROM identity_candidates`))[0]?.n);

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
    customers = new CustomerService(new CustomerRepository(database, { defaultCountry: 'US' }), new InteractionRepository(database));
    candidates = new CandidateRepository(database, new PartyReads(database));
    const queue: JobQueue = {
      async work() {},
      async send(queueName, data) {
        sent.push({ queue: queueName, data });
        return 'job-1';
      },
      async schedule() {},
      async cancel() {},
    };
    settings = new MatchSettingsRepository(database);
    identity = new IdentityService(candidates, queue, settings);
    merges = new MergeService(new MergeRepository(database, new PartyMerge()));
    const people = {
      bob: { firstName: 'Bob', lastName: 'Martinez', birthDate: '1975-03-02', contactPoints: [{ kind: 'phone', value: '+14155550101' }] },
      robert: { firstName: 'Robert', lastName: 'Martinez', birthDate: '1975-03-02', contactPoints: [{ kind: 'phone', value: '415-555-0101' }] },
      carol: { firstName: 'Carol', lastName: 'Nguyen', contactPoints: [{ kind: 'email', value: 'carol@example.org' }] },
      carole: { firstName: 'Carole', lastName: 'Nguyen', contactPoints: [{ kind: 'email', value: 'Carol@example.org' }] },
      erin: { firstName: 'Erin', lastName: 'Okafor', contactPoints: [{ kind: 'phone', value: '+14155550199' }] },
      david: { firstName: 'David', lastName: 'Okafor', contactPoints: [{ kind: 'phone', value: '+14155550199' }] },
    };
    for (const [key, body] of Object.entries(people)) ids[key] = (await customers.create({ kind: 'person', ...body }, reviewer)).id;
    // More customers than one batch, so the keyset paging is exercised.
    for (let i = 0; i < 12; i++) await customers.create({ kind: 'person', firstName: `Solo${i}`, lastName: `Person${i}`, contactPoints: [] }, reviewer);
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  });

  it('a scan fills the queue with scored pairs and the rules that fired; a rerun adds nothing', async () => {
    expect(await identity.startScan()).toEqual({ jobId: 'job-1' });
    expect(sent).toEqual([{ queue: DUPLICATE_SCAN_QUEUE, data: { batchSize: 1000 } }]);

    const context = fakeContext();
    // Rules an admin raised past Carol's score (11) leave her pair out of the scan.
    const strict = await identity.saveMatchSettings({ ...DEFAULT_MATCH_SETTINGS, reviewThreshold: 12, sureThreshold: 13 }, reviewer);
    await duplicateScanJob({ candidates, settings: () => settings.current() })({ batchSize: 10 }, fakeContext());
    expect((await identity.list({})).map((c) => c.left.name)).toEqual([expect.stringMatching(/Martinez/)]);
    expect(await identity.matchSettings()).toEqual(strict);
    await expect(identity.saveMatchSettings({ ...DEFAULT_MATCH_SETTINGS, reviewThreshold: 12, sureThreshold: 10 }, reviewer)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await identity.resetMatchSettings()).toEqual(DEFAULT_MATCH_SETTINGS);

    await duplicateScanJob({ candidates, settings: () => settings.current() })({ batchSize: 10 }, context);
    const open = await identity.list({});
    const pairs = open.map((c) => [c.left.name, c.right.name].sort().join(' + '));
    expect(pairs.sort()).toEqual(['Bob Martinez + Robert Martinez', 'Carol Nguyen + Carole Nguyen']);
    // The household sharing a phone (different given names) is not proposed.
    const bob = open.find((c) => c.left.name.includes('Martinez'));
    expect(bob?.evidence.map((e) => e.ruleId)).toEqual(expect.arrayContaining(['phone_exact', 'family_phonetic', 'birth_date_exact']));
    expect(bob?.score).toBeGreaterThanOrEqual(9);
    expect(context.reports.map((r) => r.done)).toEqual([10, 18, 36]);
    expect(context.reports.at(-1)).toMatchObject({ total: 36, message: expect.stringMatching(/2 candidate pairs .* 1 new/) });

    const rows = await rowCount();
    const again = fakeContext();
    await duplicateScanJob({ candidates })({}, again);
    expect(await rowCount()).toBe(rows);
    expect(again.reports.at(-1)?.message).toMatch(/0 new/);
  });

  it('"not a duplicate" is remembered across scans, skip leaves the open queue, and a merge closes its candidate', async () => {
    const open = await identity.list({});
    const carol = open.find((c) => c.left.name.startsWith('Carol')) ?? open[0];
    const bob = open.find((c) => c !== carol);
    if (!carol || !bob) throw new Error('expected two candidates');
    await identity.review(carol.id, 'not_duplicate', reviewer);
    await duplicateScanJob({ candidates })({}, fakeContext());
    expect((await identity.list({})).map((c) => c.id)).toEqual([bob.id]);
    expect(await identity.list({ status: 'not_duplicate' })).toEqual([expect.objectContaining({ id: carol.id, reviewedByName: 'Rita Reviewer' })]);

    await identity.review(bob.id, 'skipped', reviewer);
    expect(await identity.list({})).toEqual([]);
    await expect(identity.review('00000000-0000-4000-8000-00000000beef', 'skipped', reviewer)).rejects.toMatchObject({ code: 'CANDIDATE_NOT_FOUND' });

    await merges.merge({ survivorId: bob.left.id, mergedId: bob.right.id, survivorVersion: bob.left.version, mergedVersion: bob.right.version, candidateId: bob.id }, reviewer);
    expect((await identity.list({ status: 'merged' })).map((c) => c.id)).toEqual([bob.id]);
    // The merged-away record is no longer scanned: nothing new about it is proposed.
    await duplicateScanJob({ candidates })({}, fakeContext());
    expect(await identity.list({})).toEqual([]);
  });

  it('a page of the open queue leaves out pairs with a merged-away side and counts its offset without them', async () => {
    const made = rowsOf<{ id: string }>(await database.db.execute(sql`INSERT INTO customers (kind, first_name, last_name) SELECT 'person', 'Page', 'P' || g FROM generate_series(1, 40) g RETURNING id`));
    const party = made.map((r) => String(r.id));
    // Every pair of the 40 (780, more than one round of reads), each with its own score, best first.
    const found = party.flatMap((a, i) => party.slice(i + 1).map((b) => ({ a, b, clusterKey: party[0] as string, decision: 'review' as const, evidence: [] })));
    await candidates.upsert(found.map((p, i) => ({ ...p, score: 1000 - i })));
    const [gone, kept] = [party[0] as string, party[1] as string];
    const shown = await customers.getWithInteractions(kept);
    await merges.merge({ survivorId: kept, mergedId: gone, survivorVersion: shown.customer.version, mergedVersion: 1 }, reviewer);
    const pairOf = (c: { left: { id: string }; right: { id: string } }) => [c.left.id, c.right.id].sort().join('+');
    const live = found.filter((p) => p.a !== gone && p.b !== gone).map((p) => [p.a, p.b].sort().join('+'));
    expect(live).toHaveLength(780 - 39);
    expect((await identity.list({ limit: 200, offset: 450 })).map(pairOf)).toEqual(live.slice(450, 650));
    expect((await identity.list({ limit: 200, offset: 700 })).map(pairOf)).toEqual(live.slice(700));
    expect((await identity.list({ status: 'merged' })).map(pairOf)).toEqual(expect.arrayContaining([[gone, kept].sort().join('+')]));
  });
});
