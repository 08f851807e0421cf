import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DialPlan } from '@ringside/shared';
import {
  absoluteBaseIncludes,
  baseConfFiles,
  demoSecrets,
  renderAll,
  renderExtensionsConf,
  renderHttpConf,
  renderPjsipConf,
  renderQueuesConf,
  renderRuntimeIncludes,
  SECRET_FILES,
  type SecretMap,
} from '@ringside/pbx-config';

/** Secrets the renderer resolves references with: PBX_SECRETS, over the demo ones outside production. */
export function dialPlanSecrets(env: 'development' | 'test' | 'production', configured: Readonly<Record<string, string>>): SecretMap {
  return env === 'production' ? { ...configured } : { ...demoSecrets, ...configured };
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
export function renderPublicFiles(plan: DialPlan): Record<string, string> {
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
