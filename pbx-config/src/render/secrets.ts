import { RingsideError, type DialPlan, type FieldIssue } from '@ringside/shared';

/** Secret values by reference name (`sip-1001` -> password), given at apply time, never stored in the model. */
export type SecretMap = Readonly<Record<string, string>>;

/** A secret the plan refers to, and where. */
export interface SecretRef {
  ref: string;
  path: string;
}

/** Every secret reference of the plan, so the server can ask for exactly these. */
export function listSecretRefs(plan: DialPlan): SecretRef[] {
  return [
    ...plan.endpoints.map((e, i) => ({ ref: e.passwordRef, path: `endpoints.${i}.passwordRef` })),
    ...plan.trunks.flatMap((t, i) => (t.passwordRef ? [{ ref: t.passwordRef, path: `trunks.${i}.passwordRef` }] : [])),
    { ref: plan.system.ami.secretRef, path: 'system.ami.secretRef' },
    { ref: plan.system.ari.passwordRef, path: 'system.ari.passwordRef' },
  ];
}

// A secret lands in `password = <value>`: one printable token; `;` would start a comment.
const SECRET_VALUE = /^[\x21-\x3a\x3c-\x7e]{8,128}$/;

/**
 * Resolves every reference or throws CONFIG_INVALID naming each missing or unusable secret,
 * so nothing is rendered with a hole or a placeholder password in it.
 */
export function resolveSecrets(plan: DialPlan, secrets: SecretMap): (ref: string) => string {
  const issues: FieldIssue[] = [];
  for (const { ref, path } of listSecretRefs(plan)) {
    const value = Object.hasOwn(secrets, ref) ? secrets[ref] : undefined;
    if (value === undefined) issues.push({ path, message: `secret '${ref}' is missing` });
    else if (!SECRET_VALUE.test(value)) {
      issues.push({ path, message: `secret '${ref}' must be 8-128 printable ASCII characters without spaces or ';'` });
    }
  }
  if (issues.length) {
    throw new RingsideError('CONFIG_INVALID', `cannot render: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return (ref) => secrets[ref]!;
}
