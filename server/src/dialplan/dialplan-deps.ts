import type { SecretMap } from '@ringside/pbx-config';
import type { DialPlan } from '@ringside/shared';
import type { Logger } from '../logger.js';
import type { ConfigApplier } from './config-applier.js';
import type { DialPlanRepository } from './dialplan-repository.js';

/** What every dial-plan command works with. */
export interface DialPlanDeps {
  repo: DialPlanRepository;
  applier: ConfigApplier;
  secrets: SecretMap;
  /** Base config folder, for the runtime includes it reads by absolute path. */
  baseDir: string | null;
  /** Told of every version that went live (the agents' phones follow the plan). */
  onLive?: (plan: DialPlan, version: number) => void;
  logger: Logger;
}

/** The admin acting, as the session knows them. */
export interface Actor {
  id: string;
  displayName: string;
}
