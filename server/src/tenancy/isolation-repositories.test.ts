import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { DEFAULT_MATCH_SETTINGS, DEFAULT_TENANT_ID } from '@ringside/shared';
import { AgentRepository } from '../auth/agent-repository.js';
import { SessionRepository } from '../auth/session-repository.js';
import { UserRepository } from '../auth/user-repository.js';
import { AttributeRepository } from '../crm/customers/attribute-repository.js';
import { ConsentRepository } from '../crm/customers/consent-repository.js';
import { CustomerRepository } from '../crm/customers/customer-repository.js';
import { ImportRepository } from '../crm/customers/import/import-repository.js';
import { InteractionRepository } from '../crm/customers/interaction-repository.js';
import { PartyMerge } from '../crm/customers/party-merge.js';
import { PartyReads } from '../crm/customers/party-reads.js';
import { RelationshipRepository } from '../crm/customers/relationship-repository.js';
import { CandidateRepository } from '../crm/identity/candidate-repository.js';
import { MatchSettingsRepository } from '../crm/identity/match-settings-repository.js';
import { MergeRepository } from '../crm/identity/merge-repository.js';
import type { Database } from '../db/database.js';
import { seedDemo } from '../db/seed.js';
import { inTenant } from '../db/tenant-scope.js';
import { testDatabases, type TestDatabase } from '../db/test-databases.js';
import { DialPlanRepository } from '../dialplan/dialplan-repository.js';
import { JobRunRepository } from '../jobs/job-run-repository.js';
import { createTenantB, markersIn, snapshotTenant, type TenantBData } from './isolation-fixture.js';
import { TenantRepository } from './tenant-repository.js';

/** A call of one repository method as tenant A, naming B's ids where it takes any. */
type Probe = (b: TenantBData) => Promise<unknown>;
/** `read`: its answer must hold no B marker as A (and, to prove it looks at B's data, some as B). `write`: B's rows must stay as they were. */
interface Probes {
  read?: Record<string, Probe>;
  write?: Record<string, Probe>;
  /** Methods not run as a tenant, each with why (system work or a pure helper). */
  exempt?: Record<string, string>;
}
interface Covered {
  file: string;
  cls: { prototype: object };
  probes: (database: Database) => Probes;
}

const actor = { id: randomUUID(), name: 'A admin' };
const noRow = async (p: Promise<unknown>) => p.then((v) => v, (e: unknown) => ({ refused: (e as { code?: string }).code ?? String(e) }));

/** Every *-repository.ts under server/src, with the probes of each public method. */
const COVERED: Covered[] = [
  { file: 'auth/agent-repository.ts', cls: AgentRepository, probes: (d) => { const r = new AgentRepository(d); return {
    write: { create: (b) => noRow(r.create({ userId: b.userId, endpoint: 'PJSIP/a-9001', extension: '9001' })) },
    // The CTI core watches the whole switch: it resolves endpoints to agents of every tenant and logs
    // their consoles as platform work; the socket gateway passes only the signed-in agent's own id.
    exempt: Object.fromEntries(['list', 'findByEndpoint', 'consoleUsers', 'opened', 'closed', 'consoleUsersAll', 'select', 'selectAll'].map((m) => [m, 'system: the CTI core across the switch'])),
  }; } },
  { file: 'auth/session-repository.ts', cls: SessionRepository, probes: () => ({ exempt: Object.fromEntries(['create', 'switchTenant', 'memberships', 'membershipStatuses', 'findUser', 'find', 'delete', 'deleteOfUser', 'deleteOfTenant', 'deleteExpired'].map((m) => [m, 'system: a session is resolved before its tenant is known (the app role has no access to sessions)'])) }) },
  { file: 'auth/user-repository.ts', cls: UserRepository, probes: (d) => { const r = new UserRepository(d); return {
    read: { list: () => r.list() },
    exempt: { create: 'system: a user is one identity across tenants', insert: 'private helper of create', findCredentials: 'system: sign-in, before any tenant', credentials: 'private helper of findCredentials', setPasswordHash: 'system: the user changes their own password', count: 'system: the seed counts users platform-wide', countAgents: 'a number of the current tenant (the agents limit; the rows behind it are list\'s)', addMembership: 'written by the platform operator\'s tenant creation and the seed (the admin route creates users through UserAdminService)' },
  }; } },
  { file: 'crm/customers/attribute-repository.ts', cls: AttributeRepository, probes: (d) => { const r = new AttributeRepository(d); return {
    read: { list: () => r.list(), get: (b) => r.get(b.attributeKey) },
    write: { update: (b) => r.update(b.attributeKey, { label: 'taken over' }), remove: (b) => r.remove(b.attributeKey), create: (b) => noRow(r.create({ key: b.attributeKey, label: 'A tier', type: 'text', options: [], required: false })) },
  }; } },
  { file: 'crm/customers/consent-repository.ts', cls: ConsentRepository, probes: (d) => { const r = new ConsentRepository(d); return {
    read: { latest: (b) => r.latest(b.phone, 'voice', 'marketing', new Date()), history: (b) => r.history([b.phone]), addressOf: (b) => r.addressOf(b.contactPointId), customerExists: async (b) => ((await r.customerExists(b.customerId)) ? b.customerId : null), addressesOfCustomer: (b) => r.addressesOfCustomer(b.customerId) },
    write: { append: (b) => noRow(r.append({ addressKind: 'phone', address: '+14155550999', contactPointId: null, customerId: null, channel: 'voice', purpose: 'marketing', state: 'withdrawn', occurredAt: new Date(), method: 'agent', actor: actor.id, evidence: { note: b.tenantId } } as Parameters<ConsentRepository['append']>[0])), appendOnce: () => noRow(r.appendOnce([])) },
  }; } },
  { file: 'crm/customers/customer-repository.ts', cls: CustomerRepository, probes: (d) => { const r = new CustomerRepository(d, { defaultCountry: 'US' }); return {
    read: { get: (b) => r.get(b.customerId), search: () => r.search({ q: 'Zebulon', limit: 50, offset: 0 }), findByE164: (b) => r.findByE164(b.phone), history: (b) => r.history(b.customerId, { limit: 50 }), listByQuery: (b) => r.listByQuery(sql`select id from customers where id = ${b.customerId}`) },
    write: { update: (b) => noRow(r.update(b.customerId, { notes: 'taken over' }, actor)), create: (b) => noRow(r.create({ kind: 'person', firstName: 'Anna', lifecycle: 'lead', valueScore: 1, contactPoints: [{ kind: 'phone', value: b.phone }] })) },
    exempt: { contactRows: 'pure: builds rows, runs no SQL', loadMany: 'private helper of get and search (probed through them)', replaceContactPoints: 'private helper of update (probed through it)', count: 'counts the current tenant (checked below: A\'s count is not B\'s)' },
  }; } },
  { file: 'crm/customers/interaction-repository.ts', cls: InteractionRepository, probes: (d) => { const r = new InteractionRepository(d); return {
    read: { listByCustomer: (b) => r.listByCustomer(b.customerId), listByOwnerOf: (b) => r.listByOwnerOf(b.phone, 20), handledSince: () => r.handledSince(0) },
    exempt: { totalsSince: 'numbers of the current tenant (usage figures; the rows behind them are listByCustomer\'s)' },
    write: {
      reconcile: () => r.reconcile([], Date.now()),
      setDisposition: (b) => r.setDisposition(b.openLegId, 'taken-over', 'x'),
      record: (b) => noRow(r.record({ legId: b.openLegId, linkedid: 'x', agentId: b.agentId, customerId: b.customerId, queue: null, direction: 'inbound', channel: 'voice', callerNumber: null, offeredAt: Date.now(), answeredAt: null, endedAt: Date.now(), waitSeconds: 0, talkSeconds: 0, holdSeconds: 0, abandoned: true, disposition: null, notes: null, recording: null })),
      recordLeg: (b) => noRow(r.recordLeg({ legId: `a-${randomUUID()}`, linkedid: 'x', agentId: null, customerId: b.customerId, queue: null, direction: 'inbound', channel: 'voice', callerNumber: null, offeredAt: Date.now(), answeredAt: null, endedAt: Date.now(), waitSeconds: 0, talkSeconds: 0, holdSeconds: 0, abandoned: true, disposition: null, notes: null, recording: null })),
      open: (b) => noRow(r.open({ legId: b.openLegId, linkedid: 'x', agentId: b.agentId, customerId: b.customerId, queue: null, direction: 'inbound', channel: 'voice', callerNumber: null, offeredAt: Date.now(), answeredAt: Date.now(), waitSeconds: 0 } as Parameters<InteractionRepository['open']>[0])),
    },
  }; } },
  { file: 'crm/customers/relationship-repository.ts', cls: RelationshipRepository, probes: (d) => { const r = new RelationshipRepository(d); return {
    read: { partyKinds: async (b) => [...(await r.partyKinds([b.customerId, b.secondCustomerId])).keys()], get: (b) => r.get(b.relationshipId), listFor: (b) => r.listFor(b.customerId, new Date()), organisationsOfOwnersOf: async (b) => [...(await r.organisationsOfOwnersOf(b.phone)).entries()] },
    write: { end: (b) => r.end(b.relationshipId, new Date()), delete: (b) => r.delete(b.relationshipId), insert: (b) => noRow(r.insert({ type: 'contact_of', fromPartyId: b.customerId, toPartyId: b.secondCustomerId, jobTitle: null, isPrimary: false, validFrom: new Date(), validTo: null, createdBy: null })) },
  }; } },
  { file: 'crm/customers/import/import-repository.ts', cls: ImportRepository, probes: (d) => { const r = new ImportRepository(d.db); return {
    read: { getFile: (b) => r.getFile(b.importId), getMapping: (b) => r.getMapping(b.importSource), getRun: (b) => r.getRun(b.importId), runErrors: (b) => r.runErrors(b.importId, null, 50) },
    write: { saveMapping: (b) => r.saveMapping({ source: b.importSource, columns: {} } as unknown as Parameters<ImportRepository['saveMapping']>[0], null), createFile: (b) => noRow(r.createFile({ id: b.importId, source: 'a', fileName: 'a.csv', bytes: 1, sha256: 'a'.repeat(64), createdBy: null })) },
  }; } },
  { file: 'crm/identity/candidate-repository.ts', cls: CandidateRepository, probes: (d) => { const r = new CandidateRepository(d, new PartyReads(d)); return {
    read: { liveBatch: () => r.liveBatch(null, 1000), distinctPairs: async () => [...(await r.distinctPairs())], list: () => r.list({ status: 'open', limit: 100, offset: 0 }) },
    write: { review: (b) => r.review(b.candidateId, 'not_duplicate', actor), upsert: (b) => noRow(r.upsert([{ a: b.customerId, b: b.secondCustomerId, clusterKey: randomUUID(), score: 9, decision: 'review', evidence: [] }])) },
    exempt: { countLive: 'counts the current tenant (a number; the rows behind it are liveBatch\'s)' },
  }; } },
  { file: 'crm/identity/match-settings-repository.ts', cls: MatchSettingsRepository, probes: (d) => { const r = new MatchSettingsRepository(d); return {
    read: { current: async () => { const s = await r.current(); return s.sureThreshold === 77.5 ? 'blorp settings' : s; } },
    write: { save: () => r.save(DEFAULT_MATCH_SETTINGS, actor), reset: () => r.reset() },
  }; } },
  { file: 'crm/identity/merge-repository.ts', cls: MergeRepository, probes: (d) => { const r = new MergeRepository(d, new PartyMerge()); return {
    read: { list: () => r.list({ limit: 100 }) },
    write: { merge: (b) => noRow(r.merge({ survivorId: b.customerId, mergedId: b.secondCustomerId, survivorVersion: 1, mergedVersion: 1, rule: 'most_complete', choices: {} }, actor)), unmerge: (b) => noRow(r.unmerge(b.mergeId, actor)) },
  }; } },
  { file: 'dialplan/dialplan-repository.ts', cls: DialPlanRepository, probes: (d) => { const r = new DialPlanRepository(d.db); return {
    read: { getDraft: () => r.getDraft(), listVersions: () => r.listVersions(), getVersion: () => r.getVersion(1), liveVersion: () => r.liveVersion(), withPublishLock: () => r.withPublishLock((locked) => locked.getDraft()) },
    write: { saveDraft: () => r.saveDraft({ a: 1 }, null), createDraftIfMissing: () => r.createDraftIfMissing({ a: 1 }), rebaseDraft: () => noRow(r.rebaseDraft(1)), recordOutcome: () => noRow(r.recordOutcome(1, { ok: false, error: 'x' })), insertVersion: () => noRow(r.insertVersion({ number: 1, plan: {}, files: {}, authorId: actor.id, authorName: 'A', comment: 'a', rollbackOf: null } as Parameters<DialPlanRepository['insertVersion']>[0])) },
    exempt: {
      lastVersionNumber: 'a number of the current tenant (the rows behind it are listVersions\')',
      ownSwitchPrefix: 'the current tenant\'s own prefix (its tenants row only, by the policy)',
      switchTenants: 'system: the tenants on the one switch, read before the publish lock',
      liveVersionOf: 'inside the publish lock only: the switch is rendered from every tenant\'s live plan; the version stored and returned holds the publishing tenant\'s part only',
    },
  }; } },
  { file: 'jobs/job-run-repository.ts', cls: JobRunRepository, probes: (d) => { const r = new JobRunRepository(d.db); return {
    read: { get: (b) => r.get(b.jobId), list: () => r.list({ limit: 100 }) },
    write: {
      cancel: (b) => r.cancel(b.jobId), delete: (b) => r.delete(b.jobId), progress: (b) => r.progress(b.jobId, 1, 2, 'taken over'), finish: (b) => r.finish(b.jobId, { state: 'failed', code: 'X', message: 'x' }),
      pruneFinished: () => r.pruneFinished(new Date(Date.now() + 86_400_000)), start: (b) => noRow(r.start(b.jobId, 'blorp.queue', 2)), create: (b) => noRow(r.create({ id: b.jobId, queue: 'a', label: 'a', singletonKey: null, createdBy: null })),
    },
  }; } },
  { file: 'tenancy/tenant-repository.ts', cls: TenantRepository, probes: () => ({ exempt: Object.fromEntries(['list', 'get', 'create', 'update', 'delete', 'limitsOf'].map((m) => [m, 'system: the platform operator\'s tenant administration and the limits'])) }) },
];

const serverSrc = fileURLToPath(new URL('..', import.meta.url));
function repositoryFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return repositoryFiles(full);
    return e.name.endsWith('-repository.ts') ? [path.relative(serverSrc, full).split(path.sep).join('/')] : [];
  });
}
const methodsOf = (cls: { prototype: object }) => Object.getOwnPropertyNames(cls.prototype).filter((m) => m !== 'constructor').sort();

describe.each(testDatabases())('repositories as tenant A never see or change tenant B (%s)', (_name, make) => {
  let t: TestDatabase;
  let database: Database;
  let b: TenantBData;
  const A = DEFAULT_TENANT_ID;

  beforeAll(async () => {
    t = make();
    database = await t.open();
    await seedDemo(database, { defaultCountry: 'US', customers: 20 });
    b = await createTenantB(database);
  }, 180_000);
  afterAll(() => t?.dispose(), 30_000);

  it('the probe list names exactly the repository files on disk, and every method of each class is probed or exempt with a reason', () => {
    expect(COVERED.map((c) => c.file).sort()).toEqual(repositoryFiles(serverSrc).sort());
    const uncovered: string[] = [];
    for (const c of COVERED) {
      const p = c.probes(database);
      const named = new Set([...Object.keys(p.read ?? {}), ...Object.keys(p.write ?? {}), ...Object.keys(p.exempt ?? {})]);
      for (const m of methodsOf(c.cls)) if (!named.has(m)) uncovered.push(`${c.file}: ${m}`);
      for (const m of named) if (!methodsOf(c.cls).includes(m)) uncovered.push(`${c.file}: probe of missing method ${m}`);
    }
    expect(uncovered).toEqual([]);
  });

  it('each read method answers tenant A with nothing of B, and tenant B with its own rows', async () => {
    const leaks: string[] = [];
    const blind: string[] = [];
    for (const c of COVERED) {
      for (const [method, probe] of Object.entries(c.probes(database).read ?? {})) {
        const asA = await inTenant(A, () => probe(b));
        const found = markersIn(asA, b);
        if (found.length) leaks.push(`${c.file} ${method}: ${found.join(', ')}`);
        if (markersIn(await inTenant(b.tenantId, () => probe(b)), b).length === 0) blind.push(`${c.file} ${method}`);
      }
    }
    expect(leaks).toEqual([]);
    // A probe that finds nothing of B even as B proves nothing about A.
    expect(blind).toEqual([]);
  }, 120_000);

  it('counts of tenant A do not include B\'s rows', async () => {
    const customers = new CustomerRepository(database, { defaultCountry: 'US' });
    const [asA, asB] = [await inTenant(A, () => customers.count()), await inTenant(b.tenantId, () => customers.count())];
    expect(asB).toBe(4);
    expect(asA).toBe(Number((await database.rawSql(`select count(*)::int as n from customers where tenant_id = $1`, [A])).rows[0]?.['n']));
  });

  it('each write method run as tenant A with B\'s ids leaves every row of B as it was, and A\'s new rows never point at B\'s', async () => {
    const before = await snapshotTenant(database, b.tenantId);
    const outcomes: Record<string, unknown> = {};
    for (const c of COVERED) {
      for (const [method, probe] of Object.entries(c.probes(database).write ?? {})) outcomes[`${c.file} ${method}`] = await inTenant(A, () => noRow(probe(b)));
    }
    expect(await snapshotTenant(database, b.tenantId)).toEqual(before);
    // Foreign keys include tenant_id (0013): naming B's customer, agent or import from A is "not found".
    expect(outcomes['crm/customers/relationship-repository.ts insert']).toEqual({ refused: 'NOT_FOUND' });
    expect(outcomes['crm/identity/candidate-repository.ts upsert']).toEqual({ refused: 'NOT_FOUND' });
    expect(outcomes['crm/customers/interaction-repository.ts recordLeg']).toEqual({ refused: 'NOT_FOUND' });
    // Upserting over B's row meets B's policy: refused as "not found", not as a server error.
    expect(outcomes['jobs/job-run-repository.ts start']).toEqual({ refused: 'NOT_FOUND' });
    // An agent must be a member of its tenant (0013): B's user is not A's.
    expect(outcomes['auth/agent-repository.ts create']).toEqual({ refused: 'NOT_FOUND' });
    const aRows = await snapshotTenant(database, A);
    const pointing = Object.entries(aRows).flatMap(([table, rows]) => rows.filter((r) => markersIn(r, b).some((m) => m.length >= 36)).map((r) => `${table}: ${r.slice(0, 160)}`));
    expect(pointing).toEqual([]);
  }, 120_000);
});
