import { useId, useState, type FormEvent } from 'react';
import type { TenantLimits, TenantSummary } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { isApiError } from '../../api/api-error.js';
import { t } from '../../i18n/t.js';
import { errorText } from '../../session/error-text.js';
import { TextInput } from '../users/user-fields.js';
import { serverErrors, type FieldErrors } from '../users/user-form-model.js';
import { createTenant } from './platform-api.js';
import { emptyTenantValues, validateTenant, type TenantFormValues } from './tenant-form-model.js';

const LIMIT_FIELDS = [
  ['agents', 'platform.create.agentsLimit'],
  ['concurrentCalls', 'platform.create.callsLimit'],
  ['storageMb', 'platform.create.storageLimit'],
  ['messagesPerDay', 'platform.create.messagesLimit'],
] as const satisfies readonly (readonly [keyof TenantLimits, string])[];

/** New tenant: checked with the shared schema first; the server's answers land on the same fields. */
export function TenantCreateForm({ onCreated }: { onCreated(tenant: TenantSummary): void }) {
  const http = useApi();
  const formId = useId().replace(/:/g, '');
  const [values, setValues] = useState<TenantFormValues>(emptyTenantValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function set(patch: Partial<TenantFormValues>) {
    setValues((v) => ({ ...v, ...patch }));
    // A field's error goes as soon as it is edited; both admin fields share one error.
    const touched = Object.keys(patch).map((k) => (k.startsWith('admin') ? 'admin' : k));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.some((p) => k === p || k.startsWith(`${p}.`)))));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const checked = validateTenant(values);
    if (!checked.ok) return setErrors(checked.errors);
    setBusy(true);
    try {
      const tenant = await createTenant(http, checked.body);
      setValues(emptyTenantValues());
      setErrors({});
      onCreated(tenant);
    } catch (err) {
      if (isApiError(err, 'TENANT_EXISTS')) setErrors({ slug: t('platform.error.slugTaken') });
      else if (isApiError(err, 'INVALID_INPUT') && err.issues.length > 0) {
        setErrors(serverErrors(err.issues));
        setFormError(t('form.serverRejected'));
      } else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const adminError = errors['admin.username'] ?? errors['admin.password'] ?? errors['admin'];
  return (
    <form className="card user-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('platform.create.title')}</h2>
      <div role="alert" className="alert-slot">
        {formError && <p className="error-text">{formError}</p>}
      </div>
      <div className="row">
        <TextInput formId={formId} name="slug" label={t('platform.slug')} value={values.slug} errors={errors} hint={t('platform.create.slugHint')} onChange={(slug) => set({ slug })} />
        <TextInput formId={formId} name="name" label={t('platform.name')} value={values.name} errors={errors} onChange={(name) => set({ name })} />
      </div>
      <div className="row">
        <TextInput formId={formId} name="admin.username" label={t('platform.create.adminUsername')} value={values.adminUsername} errors={adminError ? { 'admin.username': adminError } : {}} hint={t('platform.create.adminHint')} onChange={(adminUsername) => set({ adminUsername })} />
        <TextInput formId={formId} name="adminPassword" label={t('platform.create.adminPassword')} value={values.adminPassword} errors={{}} input={{ type: 'password', autoComplete: 'new-password' }} onChange={(adminPassword) => set({ adminPassword })} />
      </div>
      <div className="row">
        {LIMIT_FIELDS.map(([key, label]) => (
          <TextInput
            key={key}
            formId={formId}
            name={`limits.${key}`}
            label={t(label)}
            value={values.limits[key]}
            errors={errors}
            hint={t('platform.create.limitHint')}
            input={{ inputMode: 'numeric' }}
            onChange={(raw) => {
              setValues((v) => ({ ...v, limits: { ...v.limits, [key]: raw } }));
              setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== `limits.${key}`)));
            }}
          />
        ))}
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('platform.create.submit')}
      </button>
    </form>
  );
}
