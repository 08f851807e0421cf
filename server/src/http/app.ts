import compression from 'compression';
import express, { type Express, type Router } from 'express';
import type { AuthService } from '../auth/auth-service.js';
import type { UserRepository } from '../auth/user-repository.js';
import type { CustomerService } from '../crm/customers/customer-service.js';
import type { Database } from '../db/database.js';
import type { PbxStatus } from '../domain/ports/pbx-status.js';
import type { Logger } from '../logger.js';
import { currentUser, requireSession } from './auth-middleware.js';
import { commandLimit, type CommandLimiter } from '../auth/command-limits.js';
import { authRouter } from './auth-router.js';
import { consoleStatic } from './console-static.js';
import { customerRouter } from './customer-router.js';
import { apiNotFound, errorMiddleware } from './error-middleware.js';
import { healthRouter } from './health-router.js';
import { userRouter } from './user-router.js';
import type { UserAdminService } from '../auth/user-admin-service.js';
import type { TrustProxySetting } from '../config.js';
import type { WebRtcSettings } from '../cti/agent-phones.js';
import type { OriginPolicy } from '../auth/origin-policy.js';
import { jsonOnly, noStore, originGuard } from './request-guards.js';
import { securityHeaders } from './security-headers.js';

export interface AppDeps {
  auth: AuthService;
  users: UserRepository;
  userAdmin: UserAdminService;
  customers: CustomerService;
  database: Database;
  pbx: PbxStatus;
  consoleDir: string;
  logger: Logger;
  startedAt: number;
  /** The CTI commands (POST /api/commands/:name, /api/calls/:id/:name); absent when PBX_MODE=none. */
  ctiRouter?: Router;
  /** More admin routers mounted under /api after the session check (dial plan, ...). */
  extraRouters?: { path: string; router: Router }[];
  /** Per-user budgets of state-changing requests by class, shared with the socket commands. */
  commandLimiter: CommandLimiter;
  /** Who may send state-changing requests, which proxies are believed, and the softphone origins the CSP allows. */
  security: { origins: OriginPolicy; trustProxy: TrustProxySetting; webrtc: WebRtcSettings | null };
}

/** The express app: public health and login, everything else under /api behind a session. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // req.secure, req.ip and req.hostname follow X-Forwarded-* only from the proxies TRUST_PROXY names.
  app.set('trust proxy', deps.security.trustProxy);
  app.use(securityHeaders(deps.security.webrtc));
  // The console bundle is ~930 KB raw and ~250 KB gzipped: compress what goes over the wire.
  app.use(compression());
  app.use('/api', noStore, originGuard(deps.security.origins), jsonOnly);
  app.use(express.json({ limit: '256kb' }));

  app.use(healthRouter({ database: deps.database, pbx: deps.pbx, startedAt: deps.startedAt }));
  app.use('/api/auth', authRouter(deps.auth));
  app.use('/api', requireSession(deps.auth), commandLimit(deps.commandLimiter, currentUser));
  app.use('/api/customers', customerRouter(deps.customers));
  app.use('/api/users', userRouter(deps.users, deps.userAdmin));
  if (deps.ctiRouter) app.use('/api', deps.ctiRouter);
  for (const extra of deps.extraRouters ?? []) app.use(extra.path, extra.router);
  app.use('/api', apiNotFound);
  app.use(consoleStatic(deps.consoleDir));
  app.use(errorMiddleware(deps.logger));
  return app;
}
