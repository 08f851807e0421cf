import { createTenantRequestSchema, type CreateTenantRequest, type TenantLimits } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import type { FieldErrors } from '../users/user-form-model.js';

/** The create form's fields as typed. */
export interface TenantFormValues {
  slug: string;
  name: string;
  adminUsername: string;
  adminPassword: string;
  limits: Record<keyof TenantLimits, string>;
}

export const emptyTenantValues = (): TenantFormValues => ({ slug: '', name: '', adminUsername: '', adminPassword: '', limits: { agents: '', concurrentCalls: '', storageMb: '', messagesPerDay: '' } });

/** The form's values as the request, checked with the same shared schema the server uses; errors keyed by issue path. */
export function validateTenant(v: TenantFormValues): { ok: true; body: CreateTenantRequest } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const limits: Partial<TenantLimits> = {};
  for (const [key, raw] of Object.entries(v.limits) as [keyof TenantLimits, string][]) {
    if (raw.trim() === '') continue;
    if (!/^\d+$/.test(raw.trim())) errors[`limits.${key}`] = t('platform.error.notANumber');
    else limits[key] = Number(raw.trim());
  }
  const body = {
    slug: v.slug.trim(),
    name: v.name.trim(),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
    ...(v.adminUsername.trim() ? { admin: { username: v.adminUsername.trim(), ...(v.adminPassword ? { password: v.adminPassword } : {}) } } : {}),
  };
  const parsed = createTenantRequestSchema.safeParse(body);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= issue.message;
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}
