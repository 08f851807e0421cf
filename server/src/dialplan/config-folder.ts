import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DialPlan } from '@ringside/shared';
import {
  absoluteBaseIncludes,
  baseConfFiles,
  demoSecrets,
  demoTenantSecrets,
  renderAll,
  renderExtensionsConf,
  renderHttpConf,
  renderPjsipConf,
  renderQueuesConf,
  renderRuntimeIncludes,
  renderTenantExtensionsConf,
  renderTenantPjsipConf,
  renderTenantQueuesConf,
  SECRET_FILES,
  switchPlan,
  type SecretMap,
} from '@ringside/pbx-config';

/**
 * Development secrets of a tenant: the demo tenants' own, over the demo plan's values marked
 * with the prefix, so every tenant's phones have passwords of their own (never another's).
 */
function developmentSecrets(prefix: string): SecretMap {
  if (prefix === '') return demoSecrets;
  const marked = Object.fromEntries(Object.entries(demoSecrets).map(([ref, value]) => [ref, `${prefix}-${value}`]));
  return { ...marked, ...(demoTenantSecrets[prefix] ?? {}) };
}

/**
 * The secrets one tenant's references resolve with: its entries of PBX_SECRETS (the default
 * tenant's as `ref=value`, another tenant's as `<prefix>/ref=value`), over development ones
 * outside production. Each tenant has its own map: `sip-1001` of acme is not the default's.
 */
export function dialPlanSecrets(env: 'development' | 'test' | 'production', configured: Readonly<Record<string, string>>, prefix = ''): SecretMap {
  const own: Record<string, string> = {};
  for (const [key, value] of Object.entries(configured)) {
    const slash = key.indexOf('/');
    if (slash < 0 ? prefix === '' : key.slice(0, slash) === prefix) own[slash < 0 ? key : key.slice(slash + 1)] = value;
  }
  return env === 'production' ? own : { ...developmentSecrets(prefix), ...own };
}

/** True for files that carry secrets: never stored in a version, written 0600. */
export function isSecretFile(name: string): boolean {
  return (SECRET_FILES as readonly string[]).includes(name) || name.includes('/');
}

/** The rendered files that hold no secret, as a version stores them and the diff compares them. */
export function withoutSecrets(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([name]) => !isSecretFile(name)));
}

/**
 * The secret-free files of a schema-valid plan, rendered without the semantic check, so the
 * diff can show a draft that still has issues. Must list what renderAll renders minus
 * SECRET_FILES (a test holds the two together).
 */
export function renderPublicFiles(plan: DialPlan, prefix = ''): Record<string, string> {
  if (prefix !== '') {
    // A prefixed tenant's own part of the switch, its names as the switch has them; the
    // HTTP file is the default tenant's (one per switch), so it is not this tenant's to show.
    const sp = switchPlan([{ prefix, plan }]);
    return { 'ringside-extensions.conf': renderTenantExtensionsConf(sp), 'ringside-queues.conf': renderTenantQueuesConf(sp), 'ringside-pjsip.conf': renderTenantPjsipConf(sp) };
  }
  return {
    'ringside-extensions.conf': renderExtensionsConf(plan),
    'ringside-queues.conf': renderQueuesConf(plan),
    'ringside-pjsip.conf': renderPjsipConf(plan),
    'ringside-http.conf': renderHttpConf(plan),
  };
}

/**
 * Everything the switch's config folder needs for a plan: the rendered files (secrets
 * included) and the runtime includes the base config reads by absolute path, which pbx-sim
 * resolves inside the folder (the container's entrypoint writes its own in production).
 */
export function renderForSwitch(plan: DialPlan, secrets: SecretMap, baseDir: string | null): Record<string, string> {
  const runtime = baseDir ? renderRuntimeIncludes(plan, secrets, absoluteBaseIncludes(baseDir)) : {};
  return { ...renderAll(plan, secrets), ...runtime };
}

/** The base config's files by name (empty without a base folder). */
export async function readBaseFiles(baseDir: string | null): Promise<Record<string, string>> {
  if (!baseDir) return {};
  const out: Record<string, string> = {};
  for (const name of baseConfFiles(baseDir)) out[name] = await readFile(path.join(baseDir, name), 'utf8');
  return out;
}

/** Reads a file, or null when it does not exist. */
export async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Replaces one file atomically: a reader (the switch reloading) sees the old or the new
 * content, never half of it. `null` removes the file.
 */
export async function writeAtomic(dir: string, name: string, text: string | null): Promise<void> {
  const target = path.join(dir, name);
  if (text === null) {
    await rm(target, { force: true });
    return;
  }
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const mode = isSecretFile(name) ? 0o600 : 0o644;
  try {
    await writeFile(temp, text, { mode });
    await chmod(temp, mode);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
