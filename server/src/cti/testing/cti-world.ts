import { LivePlanQueueMembership } from '../queue-membership.js';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CONFIG_DIR, startPbxSim, type PbxSim } from '@ringside/pbx-sim';
import { SESSION_COOKIE, demoDialPlan, type Role } from '@ringside/shared';
import { AgentRepository } from '../../auth/agent-repository.js';
import { AuthService, createUserWithPassword } from '../../auth/auth-service.js';
import { LoginRateLimiter } from '../../auth/login-rate-limiter.js';
import { SessionRepository } from '../../auth/session-repository.js';
import { UserRepository } from '../../auth/user-repository.js';
import { PgCustomerDirectory } from '../../crm/customers/customer-directory.js';
import { CustomerRepository } from '../../crm/customers/customer-repository.js';
import { InteractionRepository } from '../../crm/customers/interaction-repository.js';
import type { Database } from '../../db/database.js';
import { postgresTestDatabase, type TestDatabase } from '../../db/test-databases.js';
import { requireSession } from '../../http/auth-middleware.js';
import { apiNotFound, errorMiddleware } from '../../http/error-middleware.js';
import { agentQueueRouter } from '../../http/agent-queue-router.js';
import { createLogger, type Logger } from '../../logger.js';
import { AmiClient, AmiPbx } from '../../pbx/ami/index.js';
import { MUTED_VARIABLE } from '../../pbx/ami/mute-variable.js';
import { TcpProxy } from '../../pbx/ami/testing/tcp-proxy.js';
import { AmiEventSource } from '../ami-event-source.js';
import { createCtiModule, type CtiModule, type CtiModuleDeps } from '../cti-module.js';
import { ConsentRepository } from '../../crm/customers/consent-repository.js';
import { ConsentService, consentContactPolicy } from '../../crm/customers/consent-service.js';

/** The people of a test world: three agents on the demo phones and a supervisor. */
export type Person = 'agent1' | 'agent2' | 'agent3' | 'sup';

const PEOPLE: Record<Person, { role: Role; displayName: string; agent?: { endpoint: string; extension: string } }> = {
  agent1: { role: 'agent', displayName: 'Alex Agent', agent: { endpoint: 'PJSIP/1001', extension: '1001' } },
  agent2: { role: 'agent', displayName: 'Blair Agent', agent: { endpoint: 'PJSIP/1002', extension: '1002' } },
  agent3: { role: 'agent', displayName: 'Casey Agent', agent: { endpoint: 'PJSIP/1003', extension: '1003' } },
  sup: { role: 'supervisor', displayName: 'Sam Supervisor' },
};

/** Real parts shared by the nodes of a test: PostgreSQL, users with live sessions, pbx-sim. */
export interface CtiWorld {
  handle: TestDatabase;
  database: Database;
  auth: AuthService;
  customers: CustomerRepository;
  interactions: InteractionRepository;
  agents: AgentRepository;
  sim: PbxSim;
  /** Cookie header of each person's session. */
  cookies: Record<Person, string>;
  /** Agent ids (agents table) of the agents. */
  agentIds: Record<Exclude<Person, 'sup'>, string>;
  logger: Logger;
  close(): Promise<void>;
}

export async function createCtiWorld(): Promise<CtiWorld> {
  const handle = postgresTestDatabase();
  const database = await handle.open();
  const users = new UserRepository(database);
  const agents = new AgentRepository(database);
  const auth = new AuthService(users, new SessionRepository(database), new LoginRateLimiter(100), { sessionSecret: 'x'.repeat(40), sessionTtlHours: 1 });
  const cookies = {} as Record<Person, string>;
  for (const [username, p] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
    await createUserWithPassword({ users, agents }, { username, displayName: p.displayName, role: p.role, password: 'test-password', ...(p.agent ? { agent: p.agent } : {}) });
    const { token } = await auth.login({ username, password: 'test-password' }, '127.0.0.1');
    cookies[username] = `${SESSION_COOKIE}=${encodeURIComponent(token)}`;
  }
  const byEndpoint = new Map((await agents.list()).map((a) => [a.endpoint, a.id]));
  const agentIds = { agent1: byEndpoint.get('PJSIP/1001') as string, agent2: byEndpoint.get('PJSIP/1002') as string, agent3: byEndpoint.get('PJSIP/1003') as string };
  const simConfigDir = await productionLikeSimConfig();
  const sim = await startPbxSim({ configDir: simConfigDir, amiPort: 0, httpPort: 0, engine: { log: () => undefined } });
  const interactions = new InteractionRepository(database);
  return {
    handle,
    database,
    auth,
    customers: new CustomerRepository(database, { defaultCountry: 'US' }),
    interactions,
    agents,
    sim,
    cookies,
    agentIds,
    logger: createLogger(process.env['CTI_TEST_LOG'] === '1' ? 'debug' : 'silent'),
    async close() {
      await sim.stop();
      await handle.dispose();
      await rm(simConfigDir, { recursive: true, force: true });
    },
  };
}

/**
 * pbx-sim's demo configuration with manager.conf's `channelvars` as Ringside's Asterisk config
 * has them (pbx-config/asterisk/manager.conf): the demo folder itself stays as the recorded
 * traces' switch was, for the fidelity tests.
 */
async function productionLikeSimConfig(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-cti-sim-'));
  await cp(DEMO_CONFIG_DIR, dir, { recursive: true });
  const manager = await readFile(path.join(dir, 'manager.conf'), 'utf8');
  await writeFile(path.join(dir, 'manager.conf'), manager.replace('[general]\n', `[general]\nchannelvars = ${MUTED_VARIABLE}\n`));
  return dir;
}

/** One server node: HTTP server on port 0 (REST commands mounted), AMI through a recording proxy, the CTI module. */
export interface CtiNode {
  url: string;
  httpServer: HttpServer;
  module: CtiModule;
  ami: AmiClient;
  /** Everything this node sent to the switch. */
  proxy: TcpProxy;
  stop(): Promise<void>;
}

/** What a node needs of a world (the two-tenant world has the same parts). */
export type NodeParts = Pick<CtiWorld, 'sim' | 'agents' | 'auth' | 'customers' | 'interactions' | 'database' | 'logger'>;

export async function startCtiNode(world: NodeParts, extra: Partial<CtiModuleDeps> = {}): Promise<CtiNode> {
  const proxy = new TcpProxy({ host: '127.0.0.1', port: world.sim.amiPort });
  await proxy.listen();
  const ami = new AmiClient({ host: '127.0.0.1', port: proxy.port, username: 'cti', secret: 'cti-secret', backoff: { initialMs: 100, maxMs: 500 } });
  // Who may join which queue, as the demo dial plan says (agent1 and agent2 may log in to sales).
  const queueMembership = new LivePlanQueueMembership(async () => ({ prefix: '', plan: demoDialPlan }));
  const module = createCtiModule({
    agents: world.agents,
    sessions: world.auth,
    pbx: new AmiPbx(ami, { queueExtensions: { support: '*1' } }),
    pbxEvents: new AmiEventSource(ami),
    directory: new PgCustomerDirectory(world.customers, world.interactions),
    interactionLog: world.interactions,
    logger: world.logger,
    settings: { defaultWrapUpSeconds: 30 },
    queueMembership,
    contactPolicy: consentContactPolicy(new ConsentService(new ConsentRepository(world.database), { defaultCountry: 'US' })),
    ...extra,
  });
  const app = express();
  app.use(express.json());
  app.use('/api', requireSession(world.auth));
  app.use('/api', module.commandRouter);
  app.use('/api/agent', agentQueueRouter(extra.queueMembership ?? queueMembership));
  app.use('/api', apiNotFound);
  app.use(errorMiddleware(world.logger));
  const httpServer = createServer(app);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  await module.start(httpServer);
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    url,
    httpServer,
    module,
    ami,
    proxy,
    async stop() {
      await module.stop();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await proxy.close();
    },
  };
}
