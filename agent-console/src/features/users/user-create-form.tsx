import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { isApiError } from '../../api/api-error.js';
import { t } from '../../i18n/t.js';
import { errorText } from '../../session/error-text.js';
import { AgentFields, RoleSelect, TextInput } from './user-fields.js';
import { emptyCreateValues, serverErrors, validateCreate, type CreateValues, type FieldErrors } from './user-form-model.js';
import { createUser, type PhoneChoice } from './users-api.js';

/** New user: checked with the shared schema first; the server's answers land on the same fields. */
export function UserCreateForm({ phones, onCreated }: { phones: PhoneChoice[]; onCreated(username: string): void }) {
  const http = useApi();
  const formId = useId().replace(/:/g, '');
  const [values, setValues] = useState<CreateValues>(emptyCreateValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [errorRound, setErrorRound] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // After a failed submit, start keyboard users at the first field with a problem.
  useEffect(() => {
    if (errorRound > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errorRound]);

  function set(patch: Partial<CreateValues>) {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) delete next[key];
      if ('extension' in patch || 'endpoint' in patch || 'isAgent' in patch) {
        delete next['agent.extension'];
        delete next['agent.endpoint'];
        delete next.agent;
      }
      return next;
    });
  }

  function fail(found: FieldErrors) {
    setErrors(found);
    setErrorRound((n) => n + 1);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const checked = validateCreate(values);
    if (!checked.ok) return fail(checked.errors);
    setBusy(true);
    try {
      await createUser(http, checked.body);
      setValues(emptyCreateValues());
      setErrors({});
      onCreated(checked.body.username);
    } catch (err) {
      if (isApiError(err, 'CONFLICT')) fail({ username: t('users.error.usernameTaken') });
      else if (isApiError(err, 'INVALID_INPUT') && err.issues.length > 0) {
        fail(serverErrors(err.issues));
        setFormError(t('form.serverRejected'));
      } else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} className="card user-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('users.create.title')}</h2>
      <div role="alert" className="alert-slot">
        {formError && <p className="error-text">{formError}</p>}
      </div>
      <div className="row">
        <TextInput formId={formId} name="username" label={t('users.username')} value={values.username} errors={errors} hint={t('users.usernameHint')} onChange={(username) => set({ username })} />
        <TextInput formId={formId} name="displayName" label={t('users.displayName')} value={values.displayName} errors={errors} onChange={(displayName) => set({ displayName })} />
        <RoleSelect formId={formId} value={values.role} errors={errors} onChange={(role) => set({ role })} />
      </div>
      <div className="row">
        <TextInput
          formId={formId}
          name="password"
          label={t('users.password')}
          value={values.password}
          errors={errors}
          hint={t('users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          input={{ type: 'password', autoComplete: 'new-password' }}
          onChange={(password) => set({ password })}
        />
      </div>
      <AgentFields formId={formId} values={values} errors={errors} phones={phones} onChange={(agent) => set(agent)} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('users.create.busy') : t('users.create.submit')}
        </button>
      </div>
    </form>
  );
}
