import { DEFAULT_TENANT_ID } from '@ringside/shared';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { isRingsideError, parseDialPlan } from '@ringside/shared';
import { inTenant } from '../db/tenant-scope.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { readBaseFiles, writeAtomic } from './config-folder.js';
import { tenantSecrets } from './dialplan-module.js';
import { DialPlanRepository } from './dialplan-repository.js';
import { readSwitchPlans, renderSwitchFiles, withTenantPlan } from './switch-plans.js';

const USAGE = `usage: npm run pbx-config:from-db -- --out DIR [--version N]
Renders every tenant's live dial-plan version (with --version N: the default tenant's version N
in place of its live one) stored by the server into DIR: the base config, the rendered
ringside-*.conf and the runtime includes, ready for Asterisk or pbx-sim.
Reads DATABASE_URL (or PGlite under DATA_DIR) and the secrets from PBX_SECRETS (outside
production the demo secrets fill the gaps). It lives in the server because the server owns the
versions; pbx-config itself never reads the server's tables.`;

/** Runs the CLI; returns the exit code (0 written, 1 nothing to render or a bad plan, 2 usage). */
export async function runRenderFromDb(argv: string[], env: Record<string, string | undefined>, io: { out(l: string): void; err(l: string): void }): Promise<number> {
  let values: { out?: string | undefined; version?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { out: { type: 'string' }, version: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (!values.out || (values.version !== undefined && !/^[1-9]\d*$/.test(values.version))) {
    io.err(USAGE);
    return 2;
  }
  try {
    const config = loadConfig(env);
    // Unscoped statements are the default tenant's; the other tenants' rows are read in their own scope.
    const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir, fallbackScope: { kind: 'tenant', tenantId: DEFAULT_TENANT_ID } });
    try {
      await database.migrate();
      const repo = new DialPlanRepository(database.db);
      const version = await inTenant(DEFAULT_TENANT_ID, () => (values.version ? repo.getVersion(Number(values.version)) : repo.liveVersion()));
      if (!version) {
        io.err(values.version ? `no dial-plan version ${values.version}` : 'no live dial-plan version yet: publish one first (the draft is not rendered)');
        return 1;
      }
      const live = await readSwitchPlans(repo);
      const plans = withTenantPlan(live, { tenantId: DEFAULT_TENANT_ID, prefix: '', version: version.number, plan: parseDialPlan(version.plan) });
      const files = { ...(await readBaseFiles(config.pbxBaseConfigDir)), ...renderSwitchFiles(plans, tenantSecrets(config), config.pbxBaseConfigDir) };
      for (const [name, text] of Object.entries(files)) await writeAtomic(values.out, name, text);
      const others = plans.filter((p) => p.prefix !== '').map((p) => `${p.prefix} ${p.version}`);
      io.out(`wrote version ${version.number} (${version.applyStatus})${others.length ? ` with ${others.join(', ')}` : ''} as ${Object.keys(files).length} files to ${values.out}`);
      return 0;
    } finally {
      await database.close();
    }
  } catch (e) {
    io.err(isRingsideError(e) ? `${e.code}: ${e.message}` : (e as Error).message);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runRenderFromDb(process.argv.slice(2), process.env, {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  });
}
