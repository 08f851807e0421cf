import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startPbxSim } from '@ringside/pbx-sim';
import { absoluteBaseIncludes, demoSecrets, demoTenantSecrets, renderTenantRuntimeIncludes, renderTenants } from '@ringside/pbx-config';
import { SESSION_COOKIE, UNLIMITED, demoDialPlan, demoTenantPlans, parseTenantPlans, type DialPlanInput, type Role } from '@ringside/shared';
import { AgentRepository } from '../../auth/agent-repository.js';
import { AuthService, createUserWithPassword } from '../../auth/auth-service.js';
import { LoginRateLimiter } from '../../auth/login-rate-limiter.js';
import { SessionRepository } from '../../auth/session-repository.js';
import { UserRepository } from '../../auth/user-repository.js';
import { DEFAULT_PBX_BASE_CONFIG_DIR } from '../../config.js';
import { CustomerRepository } from '../../crm/customers/customer-repository.js';
import { InteractionRepository } from '../../crm/customers/interaction-repository.js';
import { postgresTestDatabase, type TestDatabase } from '../../db/test-databases.js';
import { inTenant } from '../../db/tenant-scope.js';
import { readBaseFiles, writeAtomic } from '../../dialplan/config-folder.js';
import { createLogger } from '../../logger.js';
import { loadSwitchTenants, type SwitchTenants } from '../../tenancy/switch-tenants.js';
import { TenantRepository } from '../../tenancy/tenant-repository.js';
import type { NodeParts } from './cti-world.js';

/** One caller number, a customer in each tenant: a pop must show its own tenant's only. */
export const SHARED_CALLER = '+14155550123';

/** Acme's demo plan plus DID 7600 into the Stasis app `cti` (Ringside-controlled routing to support). */
export const ACME_STASIS_DID = '7600';

const acmePlan = (): DialPlanInput => {
  const plan = structuredClone(demoTenantPlans.find((t) => t.prefix === 'acme')!.plan);
  plan.inboundRoutes = [...(plan.inboundRoutes ?? []), { id: 'cti-line', name: 'CTI routing', did: ACME_STASIS_DID, destination: { type: 'stasis', app: 'cti', args: ['inbound', ACME_STASIS_DID] } }];
  return plan;
};

type Who = 'dana' | 'sid' | 'alice' | 'ava';
const PEOPLE: Record<Who, { tenant: 'default' | 'acme'; role: Role; agent?: { endpoint: string; extension: string } }> = {
  dana: { tenant: 'default', role: 'agent', agent: { endpoint: 'PJSIP/1001', extension: '1001' } },
  sid: { tenant: 'default', role: 'supervisor' },
  alice: { tenant: 'acme', role: 'agent', agent: { endpoint: 'PJSIP/acme-1001', extension: '1001' } },
  ava: { tenant: 'acme', role: 'supervisor' },
};

/** The default tenant and Acme on one pbx-sim, each with an agent on extension 1001 and a supervisor. */
export interface TwoTenantWorld extends NodeParts {
  acmeId: string;
  defaultId: string;
  tenants: SwitchTenants;
  tenantList: TenantRepository;
  cookies: Record<Who, string>;
  agentIds: { dana: string; alice: string };
  /** The customer of SHARED_CALLER in each tenant. */
  customerIds: { dana: string; alice: string };
  close(): Promise<void>;
}

export async function createTwoTenantWorld(testDatabase: () => TestDatabase = postgresTestDatabase): Promise<TwoTenantWorld> {
  const handle = testDatabase();
  const database = await handle.open();
  const tenantList = new TenantRepository(database);
  const acme = await tenantList.create({ slug: 'acme', name: 'Acme Insurance', limits: UNLIMITED });
  const defaultId = (await tenantList.list()).find((t) => t.switchPrefix === '')!.id;
  const tenantOf = (t: 'default' | 'acme') => (t === 'acme' ? acme.id : defaultId);
  const users = new UserRepository(database);
  const agents = new AgentRepository(database);
  const auth = new AuthService(users, new SessionRepository(database), new LoginRateLimiter(100), { sessionSecret: 'x'.repeat(40), sessionTtlHours: 1 });
  const cookies = {} as Record<Who, string>;
  for (const [username, p] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][]) {
    await inTenant(tenantOf(p.tenant), () =>
      createUserWithPassword({ users, agents }, { username, displayName: username, role: p.role, password: 'test-password', ...(p.agent ? { agent: p.agent } : {}) }),
    );
    const { token } = await auth.login({ username, password: 'test-password' }, '127.0.0.1');
    cookies[username] = `${SESSION_COOKIE}=${encodeURIComponent(token)}`;
  }
  const byEndpoint = new Map((await agents.list()).map((a) => [a.endpoint, a.id]));
  const customers = new CustomerRepository(database, { defaultCountry: 'US' });
  const customerIn = (t: 'default' | 'acme', lastName: string) =>
    inTenant(tenantOf(t), () => customers.create({ kind: 'person', firstName: 'Pat', lastName, lifecycle: 'customer', valueScore: 50, contactPoints: [{ kind: 'phone', value: SHARED_CALLER }] }));
  const customerIds = { dana: (await customerIn('default', 'Default-Customer')).id, alice: (await customerIn('acme', 'Acme-Customer')).id };
  const configDir = await twoTenantSwitchConfig();
  const sim = await startPbxSim({ configDir, amiPort: 0, httpPort: 0, engine: { promptMs: 5, log: () => undefined } });
  return {
    database,
    auth,
    agents,
    customers,
    interactions: new InteractionRepository(database),
    sim,
    logger: createLogger(process.env['CTI_TEST_LOG'] === '1' ? 'debug' : 'silent'),
    acmeId: acme.id,
    defaultId,
    tenants: await loadSwitchTenants(tenantList),
    tenantList,
    cookies,
    agentIds: { dana: byEndpoint.get('PJSIP/1001')!, alice: byEndpoint.get('PJSIP/acme-1001')! },
    customerIds,
    async close() {
      await sim.stop();
      await handle.dispose();
      await rm(configDir, { recursive: true, force: true });
    },
  };
}

/** The switch folder pbx-config renders for the default demo plan and Acme, over the base config. */
async function twoTenantSwitchConfig(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-two-tenants-'));
  const tenants = [
    { prefix: '', plan: demoDialPlan },
    { prefix: 'acme', plan: acmePlan() },
  ];
  const secrets = { '': demoSecrets, acme: demoTenantSecrets['acme']! };
  const files = {
    ...(await readBaseFiles(DEFAULT_PBX_BASE_CONFIG_DIR)),
    ...renderTenants(tenants, secrets),
    ...renderTenantRuntimeIncludes(parseTenantPlans(tenants), secrets, absoluteBaseIncludes(DEFAULT_PBX_BASE_CONFIG_DIR)),
  };
  for (const [name, text] of Object.entries(files)) await writeAtomic(dir, name, text);
  return dir;
}
