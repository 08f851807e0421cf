import type { Router } from 'express';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { createFileConfigApplier, type AmiCommandSender, type ConfigApplier } from './config-applier.js';
import { DEFAULT_TENANT_ID, demoDialPlan, parseDialPlan, type DialPlan } from '@ringside/shared';
import { currentScope, inTenant } from '../db/tenant-scope.js';
import { dialPlanSecrets, readBaseFiles, writeAtomic } from './config-folder.js';
import { readSwitchPlans, renderSwitchFiles, type LiveTenantPlan, type TenantSecrets } from './switch-plans.js';
import { DialPlanRepository } from './dialplan-repository.js';
import { dialPlanRouter } from './dialplan-router.js';
import { DialPlanService } from './dialplan-service.js';

export interface DialPlanModuleDeps {
  db: Database;
  config: Pick<Config, 'env' | 'pbxSecrets' | 'pbxBaseConfigDir'>;
  applier: ConfigApplier;
  /** Told of every switch configuration that went live on this node (a publish or rollback of any tenant). */
  onLive?: (plans: LiveTenantPlan[]) => void;
  logger: Logger;
}

/**
 * The plan of one tenant on the switch (default: the tenant of the running work): its newest
 * applied version; before its first publish the demo plan for the default tenant, null for
 * any other (it has nothing on the switch yet).
 */
export async function readLivePlan(repo: DialPlanRepository, tenantId?: string): Promise<{ prefix: string; version: number | null; plan: DialPlan | null }> {
  const scope = currentScope();
  const id = tenantId ?? (scope?.kind === 'tenant' ? scope.tenantId : DEFAULT_TENANT_ID);
  const [prefix, live] = await inTenant(id, () => Promise.all([repo.ownSwitchPrefix(), repo.liveVersion()]));
  if (prefix === null) return { prefix: '', version: null, plan: null };
  if (live) return { prefix, version: live.number, plan: parseDialPlan(live.plan) };
  return { prefix, version: null, plan: prefix === '' ? parseDialPlan(demoDialPlan) : null };
}

/** Each tenant's secrets by its switch prefix, from PBX_SECRETS (see dialPlanSecrets). */
export function tenantSecrets(config: Pick<Config, 'env' | 'pbxSecrets'>): TenantSecrets {
  return (prefix) => dialPlanSecrets(config.env, config.pbxSecrets, prefix);
}

/** The dial-plan administration, ready to mount: `app.use('/api/dialplan', router)` after requireSession. */
export function createDialPlanModule(deps: DialPlanModuleDeps): { router: Router; service: DialPlanService } {
  const service = new DialPlanService({
    repo: new DialPlanRepository(deps.db.db),
    applier: deps.applier,
    secretsOf: tenantSecrets(deps.config),
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
 * Fills PBX_CONFIG_DIR with every tenant's live version together (the default tenant's demo
 * plan before its first publish): base config, rendered files, runtime includes. For the
 * embedded pbx-sim, which must run from the folder publishes write to, so that a reload
 * re-reads them; call it before starting the sim. Returns the tenants' plans rendered.
 */
export async function prepareSwitchConfigDir(deps: Pick<DialPlanModuleDeps, 'db' | 'logger'> & { config: Pick<Config, 'env' | 'pbxSecrets' | 'pbxBaseConfigDir' | 'pbxConfigDir'> }): Promise<LiveTenantPlan[]> {
  const plans = await readSwitchPlans(new DialPlanRepository(deps.db.db));
  const { config } = deps;
  const files = { ...(await readBaseFiles(config.pbxBaseConfigDir)), ...renderSwitchFiles(plans, tenantSecrets(config), config.pbxBaseConfigDir) };
  for (const [name, text] of Object.entries(files)) await writeAtomic(config.pbxConfigDir, name, text);
  deps.logger.info('switch config folder prepared', { configDir: config.pbxConfigDir, tenants: plans.map((p) => `${p.prefix || '(default)'}:${p.version ?? 'demo plan'}`).join(' ') });
  return plans;
}
