import type { AgentRepository } from './auth/agent-repository.js';
import type { AuthService } from './auth/auth-service.js';
import type { CommandLimiter } from './auth/command-limits.js';
import type { OriginPolicy } from './auth/origin-policy.js';
import type { SessionEndings } from './auth/session-endings.js';
import type { Config } from './config.js';
import type { PgCustomerDirectory } from './crm/customers/customer-directory.js';
import type { InteractionRepository } from './crm/customers/interaction-repository.js';
import type { AgentPhones } from './cti/agent-phones.js';
import { AmiEventSource } from './cti/ami-event-source.js';
import type { CallerLookups } from './cti/caller-lookups.js';
import { createCtiModule, type CtiModule, type CtiModuleDeps } from './cti/cti-module.js';
import type { QueueMembership } from './cti/queue-membership.js';
import type { ContactPolicy } from './domain/ports/contact-policy.js';
import type { Logger } from './logger.js';
import type { PbxRuntime } from './pbx-runtime.js';
import type { SwitchTenants, TenantList } from './tenancy/switch-tenants.js';
import type { TenantCallLimits } from './cti/tenant-call-limits.js';

/** The CTI layer on the node's switch connection, from the parts main.ts built (composition only). */
export function buildCti(
  env: { config: Config; logger: Logger; origins: OriginPolicy },
  pbxRuntime: PbxRuntime,
  parts: {
    agents: AgentRepository;
    auth: AuthService;
    sessionEndings: SessionEndings;
    directory: PgCustomerDirectory;
    callerLookups: CallerLookups;
    interactions: InteractionRepository;
    phones: AgentPhones;
    commandLimiter: CommandLimiter;
    queueMembership: QueueMembership;
    contactPolicy: ContactPolicy;
    /** Which tenant owns each switch name (loaded at boot), re-read from `tenantList` on takeover and on tenantsChanged(). */
    tenants: SwitchTenants;
    tenantList: TenantList;
    callLimits?: TenantCallLimits;
  },
  ownerHooks: CtiModuleDeps['ownerHooks'],
): CtiModule {
  const { config, logger, origins } = env;
  const { ami, pbx } = pbxRuntime;
  if (!ami || !pbx) throw new Error('the CTI layer needs a switch connection');
  return createCtiModule({
    agents: parts.agents,
    sessions: parts.auth,
    sessionEndings: parts.sessionEndings,
    commandLimiter: parts.commandLimiter,
    pbx,
    pbxEvents: new AmiEventSource(ami),
    directory: parts.directory,
    callerLookups: parts.callerLookups,
    phones: parts.phones,
    consoleLog: parts.agents,
    queueMembership: parts.queueMembership,
    contactPolicy: parts.contactPolicy,
    tenants: parts.tenants,
    tenantList: parts.tenantList,
    ...(parts.callLimits ? { callLimits: parts.callLimits } : {}),
    interactionLog: parts.interactions,
    redisUrl: config.redisUrl,
    redisPrefix: config.redisKeyPrefix,
    origins,
    ...(ownerHooks ? { ownerHooks } : {}),
    logger,
    settings: {
      defaultCountry: config.defaultCountry,
      popDeadlineMs: config.cti.popDeadlineMs,
      queueUpdateIntervalMs: config.cti.queueUpdateIntervalMs,
      defaultWrapUpSeconds: config.cti.wrapUpSeconds,
      defaultServiceLevelSeconds: config.cti.serviceLevelSeconds,
      pauseReasons: config.cti.pauseReasons,
      dispositions: config.cti.dispositions,
      awayLogoutSeconds: config.cti.awayLogoutSeconds,
    },
  });
}
