import type { SecretMap } from '@ringside/pbx-config';
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
  logger: Logger;
}

/** The admin acting, as the session knows them. */
export interface Actor {
  id: string;
  displayName: string;
}
