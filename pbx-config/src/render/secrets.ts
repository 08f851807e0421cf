import { RingsideError, type DialPlan, type FieldIssue } from '@ringside/shared';
import type { TenantPlan } from './switch-plan.js';

/** Secret values by reference name (`sip-1001` -> password), given at apply time, never stored in the model. */
export type SecretMap = Readonly<Record<string, string>>;

/**
 * Each tenant's secrets by its switch prefix ('' for the default tenant). Tenants name their
 * secrets independently (both may say `sip-1001`), so each has its own map and one tenant's
 * reference can never resolve to another tenant's password.
 */
export type TenantSecretMap = Readonly<Record<string, SecretMap>>;

/** A secret the plan refers to, and where. */
export interface SecretRef {
  ref: string;
  path: string;
}

/**
 * Every secret reference of the plan, so the server can ask for exactly these. With
 * `system: false` the AMI and ARI references are left out: on a shared switch only the first
 * tenant's system settings are rendered.
 */
export function listSecretRefs(plan: DialPlan, options: { system?: boolean } = {}): SecretRef[] {
  return [
    ...plan.endpoints.map((e, i) => ({ ref: e.passwordRef, path: `endpoints.${i}.passwordRef` })),
    ...plan.trunks.flatMap((t, i) => (t.passwordRef ? [{ ref: t.passwordRef, path: `trunks.${i}.passwordRef` }] : [])),
    ...(options.system === false
      ? []
      : [
          { ref: plan.system.ami.secretRef, path: 'system.ami.secretRef' },
          { ref: plan.system.ari.passwordRef, path: 'system.ari.passwordRef' },
        ]),
  ];
}

// A secret lands in `password = <value>`: one printable token; `;` would start a comment.
const SECRET_VALUE = /^[\x21-\x3a\x3c-\x7e]{8,128}$/;

function secretIssues(refs: SecretRef[], secrets: SecretMap | undefined, pathPrefix: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const { ref, path } of refs) {
    const value = secrets && Object.hasOwn(secrets, ref) ? secrets[ref] : undefined;
    if (value === undefined) issues.push({ path: `${pathPrefix}${path}`, message: `secret '${ref}' is missing` });
    else if (!SECRET_VALUE.test(value)) {
      issues.push({ path: `${pathPrefix}${path}`, message: `secret '${ref}' must be 8-128 printable ASCII characters without spaces or ';'` });
    }
  }
  return issues;
}

/**
 * Resolves every reference or throws CONFIG_INVALID naming each missing or unusable secret,
 * so nothing is rendered with a hole or a placeholder password in it.
 */
export function resolveSecrets(plan: DialPlan, secrets: SecretMap): (ref: string) => string {
  return resolveTenantSecrets([{ prefix: '', plan }], { '': secrets })[0]!;
}

/**
 * One lookup per tenant, each reading only that tenant's map; throws CONFIG_INVALID naming
 * every missing or unusable secret as `tenants.<i>.plan.<path>` (a lone default tenant: `<path>`).
 */
export function resolveTenantSecrets(tenants: readonly TenantPlan[], secrets: TenantSecretMap): ((ref: string) => string)[] {
  const lone = tenants.length === 1 && tenants[0]!.prefix === '';
  const issues = tenants.flatMap((t, i) => {
    const own = Object.hasOwn(secrets, t.prefix) ? secrets[t.prefix] : undefined;
    return secretIssues(listSecretRefs(t.plan, { system: i === 0 }), own, lone ? '' : `tenants.${i}.plan.`);
  });
  if (issues.length) {
    throw new RingsideError('CONFIG_INVALID', `cannot render: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return tenants.map((t) => {
    const own = secrets[t.prefix] ?? {};
    return (ref) => own[ref]!;
  });
}
