import { DEFAULT_TENANT_ID, demoTenantPlans, parseDialPlan, UNLIMITED, type Role } from '@ringside/shared';
import { AgentRepository } from '../auth/agent-repository.js';
import { createUserWithPassword } from '../auth/auth-service.js';
import { hashPassword } from '../auth/password.js';
import { UserRepository } from '../auth/user-repository.js';
import { CustomerRepository } from '../crm/customers/customer-repository.js';
import { renderPublicFiles } from '../dialplan/config-folder.js';
import { DialPlanRepository } from '../dialplan/dialplan-repository.js';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import type { Database } from './database.js';
import { inTenant } from './tenant-scope.js';

/** The demo's second company: its switch prefix and name. */
export const ACME_TENANT = { slug: 'acme', name: 'Acme Insurance' } as const;

/** Acme's demo dial plan (shared with pbx-config's multi-tenant rendering). */
const ACME_PLAN = parseDialPlan(demoTenantPlans.find((t) => t.prefix === ACME_TENANT.slug)?.plan);
/** Acme's queues, which its customers' past calls came through. */
export const ACME_QUEUES: readonly string[] = ACME_PLAN.queues.map((q) => q.name);

/** Acme's own logins; its agents' extensions are the default tenant's (1001, 1002), on endpoints of their own. */
export const ACME_LOGINS: { username: string; password: string; role: Role; displayName: string; agent?: { endpoint: string; extension: string } }[] = [
  { username: 'acme-admin', password: 'admin-demo', role: 'admin', displayName: 'Avery Acme' },
  { username: 'acme-agent1', password: 'agent-demo', role: 'agent', displayName: 'Dana Acme', agent: { endpoint: 'PJSIP/acme-1001', extension: '1001' } },
  { username: 'acme-agent2', password: 'agent-demo', role: 'agent', displayName: 'Emery Acme', agent: { endpoint: 'PJSIP/acme-1002', extension: '1002' } },
];

/** An outsourcer's agent working for both companies: an agent in each tenant, on a phone of each. */
export const OUTSOURCER_LOGIN = {
  username: 'olivia',
  password: 'agent-demo',
  displayName: 'Olivia Outsourcer',
  agents: [
    { tenant: 'default', endpoint: 'PJSIP/1101', extension: '1101' },
    { tenant: 'acme', endpoint: 'PJSIP/acme-1003', extension: '1003' },
  ],
} as const;

/** Acme's demo callers: one who is also the default tenant's customer (each company has its own record), one only Acme knows. */
const ACME_CUSTOMERS = [
  { kind: 'person' as const, firstName: 'Alice', lastName: 'Johnson', language: 'en-US', lifecycle: 'customer' as const, valueScore: 70, notes: 'Home and car policies with Acme.', contactPoints: [{ kind: 'phone' as const, value: '+14155550100', label: 'mobile' }] },
  { kind: 'person' as const, firstName: 'Henrik', lastName: 'Lindqvist', language: 'sv', lifecycle: 'customer' as const, valueScore: 81, notes: 'Open claim after the storm.', contactPoints: [{ kind: 'phone' as const, value: '+14155559001', label: 'home' }] },
];

/** What seeding the second tenant did. */
export interface AcmeSeed {
  tenantId: string;
  users: number;
  /** Acme's fixed demo callers, by id and number. */
  fixed: { id: string; phone: string | null }[];
}

/**
 * The second demo tenant: Acme Insurance with its own dial plan (live at once, so a fresh start
 * serves both companies on the one switch), its admin and agents, its fixed callers and the
 * outsourcer olivia, a member of both tenants. The generated customers are the caller's to add.
 */
export async function seedAcmeTenant(database: Database): Promise<AcmeSeed> {
  const tenant = await new TenantRepository(database).create({ ...ACME_TENANT, limits: UNLIMITED });
  const users = new UserRepository(database);
  const agents = new AgentRepository(database);
  const olivia = await users.create({ username: OUTSOURCER_LOGIN.username, displayName: OUTSOURCER_LOGIN.displayName, passwordHash: await hashPassword(OUTSOURCER_LOGIN.password) });
  for (const a of OUTSOURCER_LOGIN.agents) {
    await inTenant(a.tenant === 'acme' ? tenant.id : DEFAULT_TENANT_ID, async () => {
      await users.addMembership(olivia.id, 'agent');
      await agents.create({ userId: olivia.id, endpoint: a.endpoint, extension: a.extension });
    });
  }
  return inTenant(tenant.id, async () => {
    let admin: { id: string } | null = null;
    for (const login of ACME_LOGINS) {
      const created = await createUserWithPassword({ users, agents }, login);
      admin ??= created;
    }
    await publishSeedPlan(database, admin!.id);
    const repo = new CustomerRepository(database, { defaultCountry: 'US' });
    const fixed = [];
    for (const c of ACME_CUSTOMERS) fixed.push(await repo.create(c));
    return { tenantId: tenant.id, users: ACME_LOGINS.length + 1, fixed: fixed.map((c) => ({ id: c.id, phone: c.contactPoints.find((p) => p.e164)?.e164 ?? null })) };
  });
}

/** Acme's demo plan as its version 1, live (the switch folder is rendered from the live versions at start). */
async function publishSeedPlan(database: Database, authorId: string): Promise<void> {
  const plan = ACME_PLAN;
  const repo = new DialPlanRepository(database.db);
  await repo.createDraftIfMissing(plan);
  await repo.insertVersion({ number: 1, plan, files: renderPublicFiles(plan, ACME_TENANT.slug), authorId, authorName: 'Avery Acme', comment: 'demo seed', rollbackOf: null });
  await repo.recordOutcome(1, { ok: true });
  await repo.rebaseDraft(1);
}
