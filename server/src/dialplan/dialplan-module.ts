import type { Router } from 'express';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { createFileConfigApplier, type AmiCommandSender, type ConfigApplier } from './config-applier.js';
import { DEFAULT_TENANT_ID, demoDialPlan, parseDialPlan, type DialPlan } from '@ringside/shared';
import { inTenant } from '../db/tenant-scope.js';
import { dialPlanSecrets, readBaseFiles, renderForSwitch, writeAtomic } from './config-folder.js';
import { DialPlanRepository } from './dialplan-repository.js';
import { dialPlanRouter } from './dialplan-router.js';
import { DialPlanService } from './dialplan-service.js';

export interface DialPlanModuleDeps {
  db: Database;
  config: Pick<Config, 'env' | 'pbxSecrets' | 'pbxBaseConfigDir'>;
  applier: ConfigApplier;
  /** Told of every version that went live on this node (publish or rollback). */
  onLive?: (plan: DialPlan, version: number) => void;
  logger: Logger;
}

/**
 * The plan the switch runs: the default tenant's newest applied version, or the demo plan before
 * the first publish. (The switch carries the default tenant's plan only until the other tenants'
 * plans are rendered into it with their prefixes; see writeAndApplyVersion.)
 */
export async function readLivePlan(repo: DialPlanRepository): Promise<{ version: number | null; plan: DialPlan }> {
  const live = await inTenant(DEFAULT_TENANT_ID, () => repo.liveVersion());
  return { version: live?.number ?? null, plan: parseDialPlan(live?.plan ?? demoDialPlan) };
}

/** The dial-plan administration, ready to mount: `app.use('/api/dialplan', router)` after requireSession. */
export function createDialPlanModule(deps: DialPlanModuleDeps): { router: Router; service: DialPlanService } {
  const service = new DialPlanService({
    repo: new DialPlanRepository(deps.db.db),
    applier: deps.applier,
    secrets: dialPlanSecrets(deps.config.env, deps.config.pbxSecrets),
    baseDir: deps.config.pbxBaseConfigDir,
    ...(deps.onLive ? { onLive: deps.onLive } : {}),
    logger: deps.logger,
  });
  return { router: dialPlanRouter(service), service };
}

/** The applier for this server's config: files into PBX_CONFIG_DIR, reloads through `ami` (null: PBX_MODE=none). */
export function createDialPlanApplier(config: Pick<Config, 'pbxConfigDir' | 'pbxBaseConfigDir'>, ami: AmiCommandSender | null, logger: Logger): ConfigApplier {
  return createFileConfigApplier({ configDir: config.pbxConfigDir, baseDir: config.pbxBaseConfigDir, ami, logger });
}

/**
 * Fills PBX_CONFIG_DIR with the live version (the demo plan before the first publish): base
 * config, rendered files, runtime includes. For the embedded pbx-sim, which must run from the
 * folder publishes write to, so that a reload re-reads them; call it before starting the sim.
 * Returns the version rendered (null: the demo plan).
 */
export async function prepareSwitchConfigDir(deps: Pick<DialPlanModuleDeps, 'db' | 'logger'> & { config: Pick<Config, 'env' | 'pbxSecrets' | 'pbxBaseConfigDir' | 'pbxConfigDir'> }): Promise<number | null> {
  const { version, plan } = await readLivePlan(new DialPlanRepository(deps.db.db));
  const { config } = deps;
  const files = { ...(await readBaseFiles(config.pbxBaseConfigDir)), ...renderForSwitch(plan, dialPlanSecrets(config.env, config.pbxSecrets), config.pbxBaseConfigDir) };
  for (const [name, text] of Object.entries(files)) await writeAtomic(config.pbxConfigDir, name, text);
  deps.logger.info('switch config folder prepared', { configDir: config.pbxConfigDir, version: version ?? 'demo plan' });
  return version;
}
