import { RingsideError, type FieldIssue } from '../errors.js';
import { isSwitchPrefix, splitSwitchName } from '../tenancy-names.js';
import type { DialPlan } from './dial-plan.js';
import { parseNumberPattern, patternsOverlap } from './number-pattern.js';
import { checkDialPlan } from './validate.js';
import type { DialPlanPath } from './walk.js';

/** One tenant's dial plan on a shared switch, with the switch prefix its names carry ('' for the default tenant). */
export interface TenantDialPlan {
  prefix: string;
  plan: DialPlan;
}

/** Codes of problems between the tenants of one switch; stable, so the console can explain each one. */
export const TENANT_PLAN_ISSUE_CODES = ['INVALID_PREFIX', 'DUPLICATE_PREFIX', 'DID_TAKEN', 'SWITCH_NAME_AMBIGUOUS'] as const;
/** A problem code between tenants. */
export type TenantPlanIssueCode = (typeof TENANT_PLAN_ISSUE_CODES)[number];

/** A problem between tenants, pointing into the plan of the tenant `prefix` (the later one of a clash). */
export interface TenantPlanIssue {
  code: TenantPlanIssueCode;
  /** Index of the tenant in the list given. */
  tenant: number;
  prefix: string;
  path: DialPlanPath;
  message: string;
  /** DID_TAKEN: the DID as this tenant wrote it, the clashing one and both tenants' prefixes. */
  details?: Record<string, unknown>;
}

const who = (prefix: string): string => (prefix === '' ? 'the default tenant' : `tenant ${prefix}`);

function checkPrefixes(tenants: readonly TenantDialPlan[], add: (i: TenantPlanIssue) => void): void {
  const seen = new Set<string>();
  for (const [tenant, t] of tenants.entries()) {
    if (!isSwitchPrefix(t.prefix)) {
      add({ code: 'INVALID_PREFIX', tenant, prefix: t.prefix, path: [], message: `switch prefix ${JSON.stringify(t.prefix)} must be empty or a lowercase letter and 1-15 lowercase letters or digits, and not a reserved one` });
    } else if (seen.has(t.prefix)) {
      add({ code: 'DUPLICATE_PREFIX', tenant, prefix: t.prefix, path: [], message: `${who(t.prefix)} is listed twice: one switch prefix per tenant` });
    }
    seen.add(t.prefix);
  }
}

/** A DID belongs to one tenant: the trunk context could not tell which tenant a call on it is for. */
function checkDids(tenants: readonly TenantDialPlan[], add: (i: TenantPlanIssue) => void): void {
  const claimed: { prefix: string; did: string; parsed: NonNullable<ReturnType<typeof parseNumberPattern>> }[] = [];
  for (const [tenant, t] of tenants.entries()) {
    const mine = new Set<string>();
    t.plan.inboundRoutes.forEach((r, i) => {
      const parsed = parseNumberPattern(r.did);
      if (!parsed || mine.has(r.did)) return;
      mine.add(r.did);
      const other = claimed.find((c) => c.prefix !== t.prefix && patternsOverlap(c.parsed, parsed));
      if (other) {
        const same = other.did === r.did;
        add({
          code: 'DID_TAKEN',
          tenant,
          prefix: t.prefix,
          path: ['inboundRoutes', i, 'did'],
          message: same
            ? `DID ${r.did} of ${who(t.prefix)} is already taken by ${who(other.prefix)}`
            : `DID ${r.did} of ${who(t.prefix)} can match the same numbers as DID ${other.did} of ${who(other.prefix)}`,
          details: { did: r.did, takenDid: other.did, prefix: t.prefix, takenBy: other.prefix },
        });
      }
    });
    for (const did of mine) claimed.push({ prefix: t.prefix, did, parsed: parseNumberPattern(did)! });
  }
}

/**
 * The default tenant's bare names must not look like another tenant's (`a-sales` when tenant
 * `a` exists): splitSwitchName would give the call to that tenant.
 */
function checkAmbiguous(tenants: readonly TenantDialPlan[], add: (i: TenantPlanIssue) => void): void {
  const prefixes = tenants.map((t) => t.prefix);
  const tenant = prefixes.indexOf('');
  const bare = tenants[tenant];
  if (!bare || prefixes.length < 2) return;
  const names: { name: string; path: DialPlanPath; what: string }[] = [
    ...bare.plan.queues.map((q, i) => ({ name: q.name, path: ['queues', i, 'name'], what: 'queue' })),
    ...bare.plan.trunks.map((t, i) => ({ name: t.id, path: ['trunks', i, 'id'], what: 'trunk' })),
  ];
  for (const { name, path, what } of names) {
    const owner = splitSwitchName(name, prefixes);
    if (owner && owner.prefix !== '') {
      add({ code: 'SWITCH_NAME_AMBIGUOUS', tenant, prefix: '', path, message: `${what} '${name}' of the default tenant reads as '${owner.local}' of tenant ${owner.prefix}: rename it` });
    }
  }
}

/** Checks between the (each already valid) plans of the tenants of one switch; empty when they can share it. */
export function validateTenantPlans(tenants: readonly TenantDialPlan[]): TenantPlanIssue[] {
  const issues: TenantPlanIssue[] = [];
  const add = (i: TenantPlanIssue): void => void issues.push(i);
  checkPrefixes(tenants, add);
  checkDids(tenants, add);
  checkAmbiguous(tenants, add);
  return issues;
}

/**
 * Parses every tenant's plan and checks them together, or throws INVALID_INPUT listing every
 * problem as `tenants.<i>.plan.<path>` with its code in brackets (DID_TAKEN, UNKNOWN_TARGET, ...).
 */
export function parseTenantPlans(inputs: readonly { prefix: string; plan: unknown }[]): TenantDialPlan[] {
  if (inputs.length === 0) throw new RingsideError('INVALID_INPUT', 'a switch needs at least one tenant');
  const issues: FieldIssue[] = [];
  const tenants: TenantDialPlan[] = [];
  inputs.forEach((t, i) => {
    const result = checkDialPlan(t.plan);
    if (result.ok) tenants.push({ prefix: t.prefix, plan: result.plan });
    else for (const x of result.issues) issues.push({ path: ['tenants', i, 'plan', ...x.path].join('.'), message: `${x.message} [${x.code}]` });
  });
  if (!issues.length) {
    for (const x of validateTenantPlans(tenants)) {
      issues.push({ path: ['tenants', x.tenant, ...(x.path.length ? ['plan', ...x.path] : ['prefix'])].join('.'), message: `${x.message} [${x.code}]` });
    }
  }
  if (issues.length) throw new RingsideError('INVALID_INPUT', `invalid tenant dial plans: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  return tenants;
}
