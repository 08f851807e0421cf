import { randomUUID } from 'node:crypto';
import { DEFAULT_MATCH_SETTINGS, UNLIMITED } from '@ringside/shared';
import { AgentRepository } from '../auth/agent-repository.js';
import { createUserWithPassword } from '../auth/auth-service.js';
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
import { asSystem, inTenant } from '../db/tenant-scope.js';
import { DialPlanRepository } from '../dialplan/dialplan-repository.js';
import { JobRunRepository } from '../jobs/job-run-repository.js';
import { TenantRepository } from './tenant-repository.js';

/** What tenant B owns in an isolation test; every id and name is a marker that must never reach tenant A. */
export interface TenantBData {
  tenantId: string;
  customerId: string;
  secondCustomerId: string;
  mergedId: string;
  contactPointId: string;
  phone: string;
  email: string;
  relationshipId: string;
  candidateId: string;
  mergeId: string;
  interactionId: string;
  openLegId: string;
  agentId: string;
  endpoint: string;
  userId: string;
  username: string;
  attributeKey: string;
  importId: string;
  importSource: string;
  jobId: string;
  finishedJobId: string;
  /** Strings that appear only in B's rows. */
  markers: string[];
}

/** The distinctive B values; chosen so no seed or A row contains them. */
export const B_NAMES = { first: 'Zebulon', last: 'Quixotebee', org: 'Blorptastic Holdings', phone: '+14155550777', email: 'zebulon@blorp.example', username: 'blorp-admin', attribute: 'blorp_tier', importSource: 'blorp-crm', plan: 'blorp-plan-marker' };

/** Creates tenant B (slug `blorp`) and rows of it in every table, through the repositories, inside inTenant(B). */
export async function createTenantB(database: Database, options: { password?: string } = {}): Promise<TenantBData> {
  const tenant = await new TenantRepository(database).create({ slug: 'blorp', name: 'Blorp Tenant', limits: UNLIMITED });
  return inTenant(tenant.id, async () => {
    const users = new UserRepository(database);
    const agentsRepo = new AgentRepository(database);
    const admin = await createUserWithPassword({ users, agents: agentsRepo }, { username: B_NAMES.username, password: options.password ?? 'blorp-password', role: 'admin', displayName: 'Blorp Boss', agent: { endpoint: 'PJSIP/blorp-2001', extension: '2001' } });
    const [agent] = (await agentsRepo.list()).filter((a) => a.userId === admin.id);
    if (!agent) throw new Error('B agent missing');
    const customers = new CustomerRepository(database, { defaultCountry: 'US' });
    const zeb = await customers.create({ kind: 'person', firstName: B_NAMES.first, lastName: B_NAMES.last, email: B_NAMES.email, lifecycle: 'customer', valueScore: 50, contactPoints: [{ kind: 'phone', value: B_NAMES.phone }, { kind: 'email', value: B_NAMES.email }] });
    const org = await customers.create({ kind: 'organisation', organisationName: B_NAMES.org, lifecycle: 'customer', valueScore: 50, contactPoints: [] });
    const twin = await customers.create({ kind: 'person', firstName: B_NAMES.first, lastName: B_NAMES.last, lifecycle: 'lead', valueScore: 10, contactPoints: [{ kind: 'phone', value: '+14155550778' }] });
    const twin2 = await customers.create({ kind: 'person', firstName: B_NAMES.first, lastName: B_NAMES.last, lifecycle: 'lead', valueScore: 11, contactPoints: [] });
    const zebNow = await customers.update(zeb.id, { notes: 'blorp notes' });
    const phonePoint = zeb.contactPoints.find((c) => c.kind === 'phone');
    if (!phonePoint) throw new Error('B phone missing');
    const relationships = new RelationshipRepository(database);
    const relationshipId = await relationships.insert({ type: 'employee_of', fromPartyId: zeb.id, toPartyId: org.id, jobTitle: 'Chief Blorp', isPrimary: true, validFrom: new Date('2026-01-01'), validTo: null, createdBy: admin.id });
    await new ConsentRepository(database).append({ addressKind: 'phone', address: B_NAMES.phone, contactPointId: phonePoint.id, customerId: zeb.id, channel: 'voice', purpose: 'marketing', state: 'granted', occurredAt: new Date(), method: 'agent', actor: admin.id, evidence: { note: 'blorp consent' } });
    await new AttributeRepository(database).create({ key: B_NAMES.attribute, label: 'Blorp tier', type: 'text', options: [], required: false });
    const interactions = new InteractionRepository(database);
    const now = Date.now();
    await interactions.record({ legId: `blorp-leg-${randomUUID()}`, linkedid: 'blorp-linked-1', agentId: agent.id, customerId: zeb.id, queue: 'blorp-sales', direction: 'inbound', channel: 'voice', callerNumber: B_NAMES.phone, offeredAt: now - 60_000, answeredAt: now - 50_000, endedAt: now - 10_000, waitSeconds: 10, talkSeconds: 40, holdSeconds: 0, abandoned: false, disposition: 'blorp-done', notes: 'blorp call', recording: null });
    const openLegId = `blorp-open-${randomUUID()}`;
    await interactions.open({ legId: openLegId, linkedid: 'blorp-linked-2', agentId: agent.id, customerId: zeb.id, queue: 'blorp-sales', direction: 'inbound', channel: 'voice', callerNumber: B_NAMES.phone, offeredAt: now - 5_000, answeredAt: now - 4_000, waitSeconds: 1 } as Parameters<InteractionRepository['open']>[0]);
    const [interaction] = await interactions.listByCustomer(zeb.id);
    const candidates = new CandidateRepository(database, new PartyReads(database));
    await candidates.upsert([{ a: zeb.id, b: twin.id, clusterKey: randomUUID(), score: 8, decision: 'review', evidence: [] }]);
    const [candidate] = await candidates.list({ status: 'open', limit: 10, offset: 0 });
    // A reviewed pair too: the scan reads those back to skip them.
    await candidates.upsert([{ a: twin.id, b: org.id, clusterKey: randomUUID(), score: 7, decision: 'review', evidence: [] }]);
    const reviewed = (await candidates.list({ status: 'open', limit: 10, offset: 0 })).find((c) => c.id !== candidate?.id);
    if (reviewed) await candidates.review(reviewed.id, 'not_duplicate', { id: admin.id, name: 'Blorp Boss' });
    const merges = new MergeRepository(database, new PartyMerge());
    const merge = await merges.merge({ survivorId: zeb.id, mergedId: twin2.id, survivorVersion: zebNow?.version ?? 0, mergedVersion: twin2.version, rule: 'most_complete', choices: {} }, null);
    await new MatchSettingsRepository(database).save({ ...DEFAULT_MATCH_SETTINGS, sureThreshold: 77.5, reviewThreshold: 66.5 }, { id: admin.id, name: 'Blorp Boss' } as Parameters<MatchSettingsRepository['save']>[1]);
    const imports = new ImportRepository(database.db);
    const importId = randomUUID();
    await imports.createFile({ id: importId, source: B_NAMES.importSource, fileName: 'blorp-customers.csv', bytes: 123, sha256: 'b'.repeat(64), createdBy: admin.id });
    await imports.saveMapping({ source: B_NAMES.importSource, columns: { blorp_given: 'givenName' }, encoding: 'utf-8', delimiter: ',', defaultCountry: 'US' }, admin.id);
    // The import's row errors are the worker's writes; one is enough to read back.
    await database.rawSql(`insert into customer_import_errors (tenant_id, import_id, record, position, code, message, value) values ($1, $2, 1, 0, 'INVALID', 'blorp error', 'blorp value')`, [tenant.id, importId]);
    const jobs = new JobRunRepository(database.db);
    const jobId = randomUUID();
    await jobs.create({ id: jobId, queue: 'blorp.queue', label: 'Blorp job', singletonKey: null, createdBy: admin.id });
    const finishedJobId = randomUUID();
    await jobs.create({ id: finishedJobId, queue: 'blorp.queue', label: 'Blorp finished job', singletonKey: null, createdBy: admin.id });
    await jobs.start(finishedJobId, 'blorp.queue', 1);
    await jobs.finish(finishedJobId, { state: 'completed' });
    const dialplan = new DialPlanRepository(database.db);
    await dialplan.saveDraft({ marker: B_NAMES.plan }, admin.id);
    await dialplan.insertVersion({ number: 1, plan: { marker: B_NAMES.plan }, files: { 'extensions.conf': B_NAMES.plan }, authorId: admin.id, authorName: 'Blorp Boss', comment: 'blorp version', rollbackOf: null });
    await dialplan.recordOutcome(1, { ok: true });
    if (!interaction || !candidate) throw new Error('B interaction or candidate missing');
    const data: Omit<TenantBData, 'markers'> = {
      tenantId: tenant.id,
      customerId: zeb.id,
      secondCustomerId: org.id,
      mergedId: twin2.id,
      contactPointId: phonePoint.id,
      phone: B_NAMES.phone,
      email: B_NAMES.email,
      relationshipId,
      candidateId: candidate.id,
      mergeId: merge.id,
      interactionId: interaction.id,
      openLegId,
      agentId: agent.id,
      endpoint: 'PJSIP/blorp-2001',
      userId: admin.id,
      username: B_NAMES.username,
      attributeKey: B_NAMES.attribute,
      importId,
      importSource: B_NAMES.importSource,
      jobId,
      finishedJobId,
    };
    const ids = Object.entries(data).filter(([k]) => k !== 'tenantId').map(([, v]) => v);
    // The tenant id itself is not a marker: A's replies may name tenants A belongs to, never B's rows.
    return { ...data, markers: [...ids, B_NAMES.first, B_NAMES.last, B_NAMES.org, 'blorp', '5550777', 'Blorp'] };
  });
}

/** The B markers a value's JSON contains (case-insensitive). */
export function markersIn(value: unknown, b: TenantBData): string[] {
  const text = (JSON.stringify(value) ?? '').toLowerCase();
  return b.markers.filter((m) => text.includes(m.toLowerCase()));
}

/** Every row of tenant B in every tenant table, read as system, for before/after comparisons. */
export async function snapshotTenant(database: Database, tenantId: string): Promise<Record<string, string[]>> {
  return asSystem(async () => {
    const { rows } = await database.rawSql(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id') order by 1`);
    const out: Record<string, string[]> = {};
    for (const { name } of rows as { name: string }[]) {
      const r = await database.rawSql(`select to_jsonb(t)::text as row from "${name}" t where tenant_id = $1 order by 1`, [tenantId]);
      out[name] = r.rows.map((x) => String(x['row']));
    }
    return out;
  });
}
