import { z } from 'zod';
import { RingsideError } from './errors.js';

// Several tenants share one switch, whose names (PJSIP endpoints, AORs, auths, queues,
// dial-plan contexts) form flat namespaces. Each tenant's names carry its switch prefix:
// `a-1001`, `a-support`, `a-ringside-ivr-main`. Exactly one tenant may have the empty prefix
// (the default tenant); its names stay bare, so a single-tenant install keeps the names (and
// the rendered files) it always had. A prefix never contains '-', so the first '-' of a
// prefixed name ends the prefix and splitting is unambiguous.

/** Shape of a non-empty switch prefix: a lowercase letter, then 1-15 lowercase letters or digits. */
export const SWITCH_PREFIX_PATTERN = /^[a-z][a-z0-9]{1,15}$/;

/**
 * Prefixes a tenant may not take because names of the shared base config already start with
 * them (`ringside-stasis`, `from-customers`, `dial-agent`, `transport-udp`): those names would
 * read as that tenant's.
 */
export const RESERVED_SWITCH_PREFIXES = ['ringside', 'from', 'dial', 'transport'] as const;

// What a local name may hold: every name the dial-plan model can produce (extensions, ids,
// context names), nothing that could end a .conf line, an application argument or a
// channel name (`,` `;` `/` `&` `(` spaces, control characters).
const LOCAL_NAME = /^[A-Za-z0-9_.*#+-]{1,80}$/;
const SWITCH_NAME = /^[A-Za-z0-9_.*#+-]{1,97}$/;

/** A tenant's switch prefix: '' (the default tenant) or a lowercase slug. */
export const switchPrefixSchema = z
  .string()
  .refine((p) => p === '' || SWITCH_PREFIX_PATTERN.test(p), 'must be empty (the default tenant) or a lowercase letter followed by 1-15 lowercase letters or digits')
  .refine((p) => !(RESERVED_SWITCH_PREFIXES as readonly string[]).includes(p), 'is reserved by the base configuration of the switch');

/** True when `prefix` is usable as a switch prefix ('' or an unreserved slug). */
export function isSwitchPrefix(prefix: string): boolean {
  return switchPrefixSchema.safeParse(prefix).success;
}

/** The switch name of a tenant's local name: `${prefix}-${local}`, or `local` for the default tenant. */
export function switchName(prefix: string, local: string): string {
  if (!isSwitchPrefix(prefix)) throw new RingsideError('INVALID_INPUT', `invalid switch prefix ${JSON.stringify(prefix)}`);
  if (!LOCAL_NAME.test(local)) throw new RingsideError('INVALID_INPUT', `invalid local switch name ${JSON.stringify(local)}`);
  return prefix === '' ? local : `${prefix}-${local}`;
}

/** A switch name split into the owning tenant's prefix and the tenant's local name. */
export interface SplitSwitchName {
  prefix: string;
  local: string;
}

/**
 * Which of `prefixes` owns a switch name (the longest prefix `p` with `name` = `p-<local>`);
 * a name with no known prefix belongs to the default tenant ('') when it is among `prefixes`,
 * else to nobody (null). Names a renderer could not have produced are nobody's.
 */
export function splitSwitchName(name: string, prefixes: readonly string[]): SplitSwitchName | null {
  if (!SWITCH_NAME.test(name)) return null;
  let best: SplitSwitchName | null = null;
  for (const p of prefixes) {
    if (p === '' || !name.startsWith(`${p}-`) || name.length === p.length + 1) continue;
    if (!best || p.length > best.prefix.length) best = { prefix: p, local: name.slice(p.length + 1) };
  }
  if (best) return best;
  return prefixes.includes('') ? { prefix: '', local: name } : null;
}
