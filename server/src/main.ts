import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DUPLICATE_SCAN_QUEUE, isRingsideError } from '@ringside/shared';
import { AgentRepository } from './auth/agent-repository.js';
import { AuthService } from './auth/auth-service.js';
import { LoginRateLimiter } from './auth/login-rate-limiter.js';
import { RedisLoginRateLimiter } from './auth/redis-login-rate-limiter.js';
import { FlexibleCommandLimiter } from './auth/command-limits.js';
import { SessionRepository } from './auth/session-repository.js';
import { SessionEndings } from './auth/session-endings.js';
import { UserAdminService } from './auth/user-admin-service.js';
import { UserRepository } from './auth/user-repository.js';
import { loadConfig, type Config } from './config.js';
import { PgCustomerDirectory } from './crm/customers/customer-directory.js';
import { CustomerRepository } from './crm/customers/customer-repository.js';
import { CustomerService } from './crm/customers/customer-service.js';
import { InteractionRepository } from './crm/customers/interaction-repository.js';
import { ConsentRepository } from './crm/customers/consent-repository.js';
import { ConsentService, consentContactPolicy } from './crm/customers/consent-service.js';
import { RelationshipRepository } from './crm/customers/relationship-repository.js';
import { RelationshipService } from './crm/customers/relationship-service.js';
import { consentAdminRouter, customerConsentRouter } from './http/consent-router.js';
import { relationshipRouter } from './http/relationship-router.js';
import { attributeRouter } from './http/attribute-router.js';
import { AttributeRepository } from './crm/customers/attribute-repository.js';
import { AttributeService } from './crm/customers/attribute-service.js';
import { DuplicateChecker } from './crm/customers/duplicate-check.js';
import { PartyMerge } from './crm/customers/party-merge.js';
import { PartyReads } from './crm/customers/party-reads.js';
import { CandidateRepository } from './crm/identity/candidate-repository.js';
import { IdentityService } from './crm/identity/identity-service.js';
import { MatchSettingsRepository } from './crm/identity/match-settings-repository.js';
import { MergeRepository } from './crm/identity/merge-repository.js';
import { MergeService } from './crm/identity/merge-service.js';
import { identityRouter } from './http/identity-router.js';
import { duplicateScanJob } from './crm/identity/duplicate-scan-job.js';
import { jobsRouter } from './http/jobs-router.js';
import { customerImportRouter } from './http/customer-import-router.js';
import { ImportRepository } from './crm/customers/import/import-repository.js';
import { ImportService } from './crm/customers/import/import-service.js';
import { CUSTOMER_IMPORT_QUEUE, customerImportWorker } from './crm/customers/import/import-run.js';
import { startJobs, type JobsModule } from './jobs/jobs-module.js';
import { openDatabase, type Database } from './db/database.js';
import { DEMO_SIGN_INS, seedDemo, type SeedSummary } from './db/seed.js';
import { CALLER_LOOKUP_MAX_AGE_MS, CallerLookups } from './cti/caller-lookups.js';
import type { CtiModule } from './cti/cti-module.js';
import { buildCti } from './build-cti.js';
import type { PbxStatus } from './domain/ports/pbx-status.js';
import { startPbxRuntime, worstPbxState, type PbxRuntime } from './pbx-runtime.js';
import { StasisRouter } from './routing/stasis-router.js';
import { createDialPlanApplier, createDialPlanModule, prepareSwitchConfigDir, readLivePlan, tenantSecrets } from './dialplan/dialplan-module.js';
import { readSwitchPlans } from './dialplan/switch-plans.js';
import { loadSwitchTenants } from './tenancy/switch-tenants.js';
import { callLimitsFrom } from './cti/tenant-call-limits.js';
import { agentQueueRouter } from './http/agent-queue-router.js';
import { DialPlanRepository } from './dialplan/dialplan-repository.js';
import { AgentPhones } from './cti/agent-phones.js';
import { LivePlanQueueMembership } from './cti/queue-membership.js';
import type { Express } from 'express';
import { createApp } from './http/app.js';
import { OriginPolicy } from './auth/origin-policy.js';
import { createLogger, type Logger } from './logger.js';
import { openTenantStorage, startPlatform } from './tenancy/platform-module.js';

/** Parts a caller may supply instead of the defaults (tests, the coordinator wiring pbx-sim). */
export interface ServerOverrides {
  logger?: Logger;
  pbx?: PbxStatus;
}

/** Everything built once the server has started; repositories for tests, benches and later wiring. */
export interface RunningParts {
  database: Database;
  auth: AuthService;
  users: UserRepository;
  agents: AgentRepository;
  customers: CustomerRepository;
  interactions: InteractionRepository;
  customerService: CustomerService;
  directory: PgCustomerDirectory;
  httpServer: Server;
  /** The express app, for tests that walk its routes. */
  app: Express;
  /** The switch connection and, in simulated mode, the embedded pbx-sim. */
  pbx: PbxRuntime;
  /** The CTI layer (live state, commands, Socket.IO); null when PBX_MODE=none. */
  cti: CtiModule | null;
  /** Ringside-controlled routing of calls the dial plan hands to the Stasis app; null when PBX_MODE=none. */
  stasisRouter: StasisRouter | null;
  /** The background job queue (pg-boss on this database). */
  jobs: JobsModule['queue'];
}

export interface StartResult {
  port: number;
  url: string;
  /** What the demo seed created, or null when the database already had users (or SEED_DEMO=false). */
  seeded: SeedSummary | null;
}

export interface RingsideServer {
  readonly config: Config;
  start(): Promise<StartResult>;
  stop(): Promise<void>;
  /** The built parts; throws before start(). */
  parts(): RunningParts;
}

/**
 * The session secret: SESSION_SECRET when set, otherwise one generated on first boot and kept in
 * DATA_DIR/session-secret so sessions survive a restart.
 */
export async function resolveSessionSecret(config: Config): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, 'session-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** True when `dir` is missing or has no entries. */
async function isEmptyFolder(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/** How soon a dial plan published on another node reaches the agents' phones here. */
const PHONES_REFRESH_MS = 30_000;
/** Largest customer import file accepted (a CRM export of a few hundred thousand rows). */
const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

/** The composition root: builds every part by constructor injection; nothing happens until start(). */
export function createServer(config: Config, overrides: ServerOverrides = {}): RingsideServer {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const origins = new OriginPolicy(config.allowedOrigins, config.trustProxy);
  let running: RunningParts | null = null;
  let runtime: PbxRuntime | null = null;
  let ctiModule: CtiModule | null = null;

  let jobs: JobsModule | null = null;
  let agentPhones: AgentPhones | null = null;
  let closeLoginLimiter: (() => Promise<void>) | null = null;

  async function start(): Promise<StartResult> {
    if (running) throw new Error('server already started');
    const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
    try {
      await database.migrate();
      const seeded = config.seedDemo ? await seedDemo(database, { defaultCountry: config.defaultCountry }) : null;
      const users = new UserRepository(database);
      const agents = new AgentRepository(database);
      const customers = new CustomerRepository(database, { defaultCountry: config.defaultCountry });
      const interactions = new InteractionRepository(database);
      // Custom attributes and the duplicate check (attrs branch).
      const attributes = new AttributeService(new AttributeRepository(database));
      // The rules admins edit on the identity page decide the warnings on create as they decide the scan.
      const matchSettings = new MatchSettingsRepository(database);
      const duplicates = new DuplicateChecker(customers, { defaultCountry: config.defaultCountry, settings: () => matchSettings.current() });
      const customerService = new CustomerService(customers, interactions, { attributes, duplicates });
      const consentLedger = new ConsentRepository(database);
      const consent = new ConsentService(consentLedger, { defaultCountry: config.defaultCountry });
      const relationshipRepository = new RelationshipRepository(database);
      const relationships = new RelationshipService(relationshipRepository);
      // --- identity resolution: review queue, merge/unmerge, matching rules (the scan job is registered with the job queue below).
      const identityCandidates = new CandidateRepository(database, new PartyReads(database));
      const customerMerges = new MergeService(new MergeRepository(database, new PartyMerge()));
      // --- end identity resolution
      // With several nodes the failed logins are counted in Redis, so spreading guesses over nodes gains nothing.
      const loginLimiterFor = async (limit: number) =>
        config.redisUrl ? await RedisLoginRateLimiter.connect(config.redisUrl, { prefix: config.redisKeyPrefix, limit, logger }) : new LoginRateLimiter(limit);
      const loginLimiter = await loginLimiterFor(config.loginRateLimit);
      const addressLimiter = await loginLimiterFor(config.loginRateLimitPerAddress);
      // One budget per user and command class for socket and REST, shared by the nodes through Redis.
      const commandLimiter = config.redisUrl
        ? await FlexibleCommandLimiter.connect(config.redisUrl, { prefix: config.redisKeyPrefix, budgets: config.commandBudgets, logger })
        : FlexibleCommandLimiter.inMemory(config.commandBudgets);
      closeLoginLimiter = async () => {
        for (const l of [loginLimiter, addressLimiter]) if (l instanceof RedisLoginRateLimiter) await l.close();
        await commandLimiter.close();
      };
      // Every ended session is announced here; the gateway drops its sockets on every node.
      const sessionEndings = new SessionEndings();
      const auth = new AuthService(users, new SessionRepository(database), loginLimiter, {
        sessionSecret: await resolveSessionSecret(config),
        sessionTtlHours: config.sessionTtlHours,
        endings: sessionEndings,
        addressLimiter,
      });
      // Background work (the session purge, imports) runs on the job queue in the database; see server/src/jobs.
      jobs = await startJobs({ database, logger, sessionPurgeCron: config.sessionPurgeCron, purgeSessions: () => auth.purgeExpired() });
      const importRepository = new ImportRepository(database.db);
      // --- platform (tenant lifecycle, limits, usage)
      const { tenants: tenantRepository, limits: tenantLimits, importFiles } = await openTenantStorage(database, path.join(config.dataDir, 'imports'), IMPORT_MAX_BYTES);
      // The CTI is built later: the platform reaches it through ctiModule once it exists.
      const platform = await startPlatform({
        database, tenants: tenantRepository, users, auth, jobs, importFiles, customers, interactions,
        liveCalls: (tenantId) => ctiModule?.liveCallsOf(tenantId) ?? 0,
        onTenantsChanged: () => void ctiModule?.tenantsChanged().catch((e: unknown) => logger.warn('re-reading the tenants for the switch failed', { error: String(e) })),
      });
      // --- end platform
      await jobs.queue.work(CUSTOMER_IMPORT_QUEUE, customerImportWorker({ database, imports: importRepository, files: importFiles }));
      const customerImports = new ImportService(importRepository, importFiles, jobs.queue);
      // The duplicate scan fills the review queue; the console follows it on the jobs page.
      await jobs.queue.work(DUPLICATE_SCAN_QUEUE, duplicateScanJob({ candidates: identityCandidates, settings: () => matchSettings.current() }));
      const identity = new IdentityService(identityCandidates, jobs.queue, matchSettings);
      const directory = new PgCustomerDirectory(customers, interactions, relationshipRepository);
      // One CRM lookup per call, shared by the Stasis router and every screen pop of the call.
      const callerLookups = new CallerLookups(directory, logger, { maxAgeMs: CALLER_LOOKUP_MAX_AGE_MS, maxEntries: 20_000, now: Date.now });
      // The embedded switch runs the live dial plan (the demo plan before the first publish) from PBX_CONFIG_DIR.
      // A real Asterisk reading the same folder (docker-compose's shared volume) gets it seeded once, while empty:
      // after that it holds what publishes and rollbacks wrote, which a restart must not overwrite.
      if (config.pbxMode === 'simulated' || (config.pbxMode === 'asterisk' && (await isEmptyFolder(config.pbxConfigDir)))) await prepareSwitchConfigDir({ db: database, config, logger });
      const pbxRuntime = await startPbxRuntime(config, logger);
      runtime = pbxRuntime;
      // Agents on WebRTC endpoints of the live plan get the browser softphone in their snapshot.
      const dialPlanRepo = new DialPlanRepository(database.db);
      const phones = new AgentPhones(config.webrtc, tenantSecrets(config), () => readSwitchPlans(dialPlanRepo), logger);
      await phones.start(PHONES_REFRESH_MS);
      agentPhones = phones;
      const dialPlan = createDialPlanModule({ db: database, config, applier: createDialPlanApplier(config, pbxRuntime.ami, logger), onLive: (plans) => phones.use(plans), logger });
      // ARI: the Stasis router takes calls for `stasis` destinations (DID 6000 in the demo plan). Like the AMI
      // connection it runs only on the node that holds the switch, so Stasis calls never land on a standby node.
      // Which tenant owns each name on the switch, for the CTI and the Stasis router; the platform's
      // TenantService calls cti.tenantsChanged() after a tenant is created, renamed or deleted.
      const switchTenants = await loadSwitchTenants(tenantRepository);
      const stasisRouter = pbxRuntime.ari ? new StasisRouter({ ari: pbxRuntime.ari, lookups: callerLookups, tenants: switchTenants, defaultCountry: config.defaultCountry, logger, policy: { defaultQueue: config.stasis.defaultQueue }, lookupDeadlineMs: config.stasis.lookupDeadlineMs }) : null;
      const ari = pbxRuntime.ari;
      if (ari) {
        ari.on('problem', (p) => logger.warn(`ARI: ${p.message}`, { kind: p.kind }));
        ari.on('state', (state) => logger.info('ARI connection', { state }));
      }
      const ownerHooks = ari && stasisRouter
        ? {
            onOwner: () => {
              stasisRouter.start();
              ari.start();
            },
            onStepDown: async () => {
              stasisRouter.stop();
              await ari.stop();
            },
          }
        : undefined;
      // One membership for the queue commands and the console's list of queues (GET /api/agent/queues).
      // Each agent's queues come from their own tenant's live plan (the command or request runs in that tenant).
      const queueMembership = new LivePlanQueueMembership(() => readLivePlan(dialPlanRepo));
      const cti = pbxRuntime.ami && pbxRuntime.pbx ? buildCti({ config, logger, origins }, pbxRuntime, { agents, auth, sessionEndings, directory, callerLookups, interactions, phones, commandLimiter, queueMembership, contactPolicy: consentContactPolicy(consent), tenants: switchTenants, tenantList: tenantRepository, callLimits: callLimitsFrom((t, n) => tenantLimits.canStartCall(t, n)) }, ownerHooks) : null;
      ctiModule = cti;
      const pbx: PbxStatus = overrides.pbx ?? {
        mode: config.pbxMode,
        // A node that does not hold the switch lease serves its sockets through the owner.
        // Ready only when both AMI and ARI are up (the worse of the two counts).
        state: () => (!pbxRuntime.ami ? 'disabled' : !cti || cti.isOwner() ? worstPbxState(pbxRuntime.ami.state(), pbxRuntime.ari?.state()) : 'connected'),
      };
      // One line per router: branches add theirs without touching the others.
      const extraRouters = [
        { path: '/api/dialplan', router: dialPlan.router },
        { path: '/api/customers', router: customerConsentRouter(consent) },
        { path: '/api/customers', router: relationshipRouter(relationships) },
        { path: '/api/customer-attributes', router: attributeRouter(attributes) },
        { path: '/api/identity', router: identityRouter(identity, customerMerges) },
        { path: '/api/consent', router: consentAdminRouter(consentLedger, { defaultCountry: config.defaultCountry }) },
        { path: '/api/agent', router: agentQueueRouter(queueMembership) },
        { path: '/api/jobs', router: jobsRouter(jobs.service) },
        { path: '/api/customer-imports', router: customerImportRouter(customerImports) },
        { path: '/api/platform', router: platform.router },
      ];
      const app = createApp({ auth, users, userAdmin: new UserAdminService(database, sessionEndings, tenantLimits), customers: customerService, database, pbx, consoleDir: config.consoleDir, logger, startedAt: Date.now(), extraRouters, security: { origins, trustProxy: config.trustProxy, webrtc: config.webrtc }, commandLimiter, ...(cti ? { ctiRouter: cti.commandRouter } : {}) });
      const httpServer = createHttpServer(app);
      await cti?.start(httpServer);
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      running = { database, auth, users, agents, customers, interactions, customerService, directory, httpServer, app, pbx: pbxRuntime, cti, stasisRouter, jobs: jobs.queue };
      pbxRuntime.startTraffic();
      const port = (httpServer.address() as AddressInfo).port;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      logger.info('server started', { port, driver: database.driver, pbxMode: config.pbxMode });
      return { port, url: `http://${host}:${port}`, seeded };
    } catch (err) {
      agentPhones?.stop();
      await closeLoginLimiter?.();
      await ctiModule?.stop().catch(() => undefined);
      await runtime?.stop().catch(() => undefined);
      await jobs?.stop().catch(() => undefined);
      jobs = null;
      await database.close().catch(() => undefined);
      throw err;
    }
  }

  async function stop(): Promise<void> {
    agentPhones?.stop();
    agentPhones = null;
    await closeLoginLimiter?.();
    closeLoginLimiter = null;
    const parts = running;
    running = null;
    if (!parts) return;
    // The CTI layer goes first: it flushes interaction writes and closes sockets before the HTTP server.
    await parts.cti?.stop();
    parts.stasisRouter?.stop();
    await parts.pbx.stop();
    // Running jobs see their signal aborted and are retried after the restart.
    await jobs?.stop();
    jobs = null;
    await new Promise<void>((resolve) => {
      parts.httpServer.close(() => resolve());
      // Keep-alive sockets would hold close() open until they time out.
      parts.httpServer.closeAllConnections();
    });
    await parts.database.close();
    logger.info('server stopped');
  }

  return {
    config,
    start,
    stop,
    parts: () => {
      if (!running) throw new Error('server not started');
      return running;
    },
  };
}

/**
 * The CLI: load config from the environment, start, print the URL (and the demo logins after a
 * seed), stop on SIGINT/SIGTERM. Returns the exit code instead of exiting, for tests.
 */
export async function runMain(
  env: Record<string, string | undefined>,
  io: { out: (s: string) => void; err: (s: string) => void } = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
): Promise<{ code: number; server?: RingsideServer }> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    io.err(`${isRingsideError(err) ? err.message : String(err)}\n`);
    return { code: 1 };
  }
  const server = createServer(config);
  try {
    const { url, seeded } = await server.start();
    io.out(`Ringside is running at ${url} (database: ${server.parts().database.driver}, PBX: ${config.pbxMode})\n`);
    const sim = server.parts().pbx.sim;
    if (sim) {
      io.out(`Simulated switch on loopback: AMI 127.0.0.1:${sim.amiPort} (cti/cti-secret), ARI http://127.0.0.1:${sim.httpPort}/ari, control API http://127.0.0.1:${sim.controlPort}\n`);
      io.out(`  demo traffic: ${config.sim.callsPerSecond} calls/s (SIM_CALLS_PER_SECOND); place a call: curl -XPOST -H 'content-type: application/json' -d '{"exten":"5001","callerNum":"+14155550100"}' http://127.0.0.1:${sim.controlPort}/calls\n`);
    }
    if (seeded) {
      io.out(`Seeded ${seeded.customers} demo customers. Demo logins:\n`);
      for (const l of DEMO_SIGN_INS) io.out(`  ${l.username.padEnd(12)} ${l.password.padEnd(16)} ${l.role.padEnd(11)} ${l.tenants}\n`);
    }
    return { code: 0, server };
  } catch (err) {
    io.err(`failed to start: ${isRingsideError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err)}\n`);
    await server.stop().catch(() => undefined);
    return { code: 1 };
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { code, server } = await runMain(process.env);
  if (!server) process.exit(code);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`error while stopping: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
