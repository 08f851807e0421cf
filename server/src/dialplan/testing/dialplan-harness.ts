import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { demoDialPlan } from '@ringside/shared';
import { startPbxSim, type PbxSim } from '@ringside/pbx-sim';
import { AgentRepository } from '../../auth/agent-repository.js';
import { AuthService, createUserWithPassword } from '../../auth/auth-service.js';
import { LoginRateLimiter } from '../../auth/login-rate-limiter.js';
import { SessionRepository } from '../../auth/session-repository.js';
import { UserRepository } from '../../auth/user-repository.js';
import { loadConfig, type Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { TestDatabase } from '../../db/test-databases.js';
import { authRouter } from '../../http/auth-router.js';
import { requireSession } from '../../http/auth-middleware.js';
import { apiNotFound, errorMiddleware } from '../../http/error-middleware.js';
import { loginCookie } from '../../http/test-server.js';
import { createLogger } from '../../logger.js';
import { AmiClient } from '../../pbx/ami/index.js';
import { dialPlanSecrets, readBaseFiles, renderForSwitch, writeAtomic } from '../config-folder.js';
import { createDialPlanApplier, createDialPlanModule } from '../dialplan-module.js';
import type { DialPlanService } from '../dialplan-service.js';

/** Everything a dial-plan scenario needs: a server slice, the real switch simulator, the real AMI client. */
export interface DialPlanRig {
  url: string;
  config: Config;
  database: Database;
  sim: PbxSim | null;
  ami: AmiClient;
  /** The service behind the routes, for work in another tenant's scope (inTenant). */
  service: DialPlanService;
  cookies: { admin: string; admin2: string; supervisor: string; agent: string };
  /** Stops the switch (AMI goes away), as a crashed or unreachable Asterisk would. */
  stopSwitch(): Promise<void>;
  /** Every file under PBX_CONFIG_DIR by relative name, for before/after comparisons. */
  snapshotConfigDir(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

const silent = createLogger('silent');

async function listFiles(dir: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(path.join(dir, prefix), { withFileTypes: true }).catch(() => [])) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, await listFiles(dir, rel));
    else out[rel] = await readFile(path.join(dir, rel), 'utf8');
  }
  return out;
}

/**
 * Starts the dial-plan routes over `testDb` with admins, a supervisor and an agent; a switch
 * folder (PBX_CONFIG_DIR) installed with the shipped demo config, as a fresh Asterisk has it;
 * pbx-sim on that very folder (so a reload re-reads what the server wrote); and the server's
 * own AMI client connected to it.
 */
export async function startDialPlanRig(testDb: TestDatabase): Promise<DialPlanRig> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ringside-dialplan-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PBX_MODE: 'simulated', NODE_ENV: 'test' });
  const database = await testDb.open();
  const users = new UserRepository(database);
  const agents = new AgentRepository(database);
  const people = [
    { username: 'admin', displayName: 'Ada Admin', role: 'admin' as const },
    { username: 'admin2', displayName: 'Bo Admin', role: 'admin' as const },
    { username: 'supervisor', displayName: 'Sam Supervisor', role: 'supervisor' as const },
    { username: 'agent', displayName: 'Alex Agent', role: 'agent' as const },
  ];
  for (const p of people) await createUserWithPassword({ users, agents }, { ...p, password: 'password-123' });
  // The switch as installed: the base config and the demo site, before any publish.
  const installed = { ...(await readBaseFiles(config.pbxBaseConfigDir)), ...renderForSwitch(demoDialPlan, dialPlanSecrets('test', {}), config.pbxBaseConfigDir) };
  for (const [name, text] of Object.entries(installed)) await writeAtomic(config.pbxConfigDir, name, text);
  let sim: PbxSim | null = await startPbxSim({ configDir: config.pbxConfigDir, amiPort: 0, httpPort: 0, engine: { promptMs: 5, ttsCharMs: 0.1, log: () => undefined } });
  const ami = new AmiClient({ host: '127.0.0.1', port: sim.amiPort, username: 'cti', secret: 'cti-secret', events: 'off', backoff: { initialMs: 50, maxMs: 200 } });
  ami.start();
  await ami.whenReady();
  const auth = new AuthService(users, new SessionRepository(database), new LoginRateLimiter(100), { sessionSecret: 'x'.repeat(40), sessionTtlHours: 1 });
  const { router, service } = createDialPlanModule({ db: database, config, applier: createDialPlanApplier(config, ami, silent), logger: silent });
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.use('/api/auth', authRouter(auth));
  app.use('/api', requireSession(auth));
  app.use('/api/dialplan', router);
  app.use('/api', apiNotFound);
  app.use(errorMiddleware(silent));
  const http: Server = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const login = (u: string) => loginCookie(url, u, 'password-123');
  const cookies = { admin: await login('admin'), admin2: await login('admin2'), supervisor: await login('supervisor'), agent: await login('agent') };
  const stopSwitch = async () => {
    const s = sim;
    sim = null;
    await s?.stop();
  };
  return {
    url,
    config,
    database,
    get sim() {
      return sim;
    },
    ami,
    service,
    cookies,
    stopSwitch,
    snapshotConfigDir: () => listFiles(config.pbxConfigDir),
    async close() {
      await ami.stop();
      await stopSwitch();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await testDb.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
