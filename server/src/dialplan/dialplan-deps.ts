import type { Logger } from '../logger.js';
import type { ConfigApplier } from './config-applier.js';
import type { DialPlanRepository } from './dialplan-repository.js';
import type { LiveTenantPlan, TenantSecrets } from './switch-plans.js';

/** What every dial-plan command works with. */
export interface DialPlanDeps {
  repo: DialPlanRepository;
  applier: ConfigApplier;
  /** Each tenant's secrets by its switch prefix. */
  secretsOf: TenantSecrets;
  /** Base config folder, for the runtime includes it reads by absolute path. */
  baseDir: string | null;
  /** Told of every switch configuration that went live: all tenants' plans (the agents' phones follow them). */
  onLive?: (plans: LiveTenantPlan[]) => void;
  logger: Logger;
}

/** The admin acting, as the session knows them. */
export interface Actor {
  id: string;
  displayName: string;
}
