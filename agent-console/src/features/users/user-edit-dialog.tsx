import { useId, useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH, type ManagedUser } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { isApiError } from '../../api/api-error.js';
import { t } from '../../i18n/t.js';
import { ModalDialog } from '../../layout/modal-dialog.js';
import { errorText } from '../../session/error-text.js';
import { AgentFields, RoleSelect, TextInput } from './user-fields.js';
import { editValuesFrom, serverErrors, validateEdit, type EditValues, type FieldErrors } from './user-form-model.js';
import { updateUser, type PhoneChoice } from './users-api.js';

interface UserEditDialogProps {
  user: ManagedUser;
  /** The signed-in admin may not lock themselves out by demoting or deactivating their own account. */
  isSelf: boolean;
  phones: PhoneChoice[];
  onClose(): void;
  onSaved(user: ManagedUser): void;
}

/** Edit display name, role, active, phone, or set a new password; only changed fields are sent. */
export function UserEditDialog({ user, isSelf, phones, onClose, onSaved }: UserEditDialogProps) {
  const http = useApi();
  const formId = useId().replace(/:/g, '');
  const [values, setValues] = useState<EditValues>(() => editValuesFrom(user));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function set(patch: Partial<EditValues>) {
    setValues((v) => ({ ...v, ...patch }));
    setErrors({});
    setFormError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const checked = validateEdit(user, values);
    if (!checked.ok) return setErrors(checked.errors);
    if (Object.keys(checked.body).length === 0) return setFormError(t('users.edit.nothing'));
    setBusy(true);
    try {
      onSaved(await updateUser(http, user.id, checked.body));
    } catch (err) {
      if (isApiError(err, 'INVALID_INPUT') && err.issues.length > 0) setErrors(serverErrors(err.issues));
      else if (isApiError(err, 'CONFLICT')) {
        // The only unique thing a PATCH can change is the phone, which another user may hold.
        if (checked.body.agent) setErrors({ 'agent.endpoint': t('users.error.endpointTaken') });
        else setFormError(err.message);
      } else setFormError(errorText(err));
      setBusy(false);
    }
  }

  const activeId = `${formId}-active`;
  const selfHint = isSelf ? t('users.edit.selfHint') : undefined;
  return (
    <ModalDialog title={t('users.edit.title', { username: user.username })} onClose={onClose}>
      <form onSubmit={submit} noValidate className="user-form">
        <TextInput formId={formId} name="displayName" label={t('users.displayName')} value={values.displayName} errors={errors} onChange={(displayName) => set({ displayName })} autofocus />
        <RoleSelect formId={formId} value={values.role} errors={errors} disabled={isSelf} {...(selfHint ? { hint: selfHint } : {})} onChange={(role) => set({ role })} />
        <div className="field field--check">
          <label htmlFor={activeId}>
            <input id={activeId} type="checkbox" checked={values.active} disabled={isSelf} onChange={(e) => set({ active: e.target.checked })} /> {t('users.edit.active')}
          </label>
          {errors.active && <p className="error-text">{errors.active}</p>}
        </div>
        <TextInput
          formId={formId}
          name="password"
          label={t('users.edit.password')}
          value={values.password}
          errors={errors}
          hint={t('users.edit.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          input={{ type: 'password', autoComplete: 'new-password' }}
          onChange={(password) => set({ password })}
        />
        <AgentFields formId={formId} values={values} errors={errors} phones={phones} onChange={(agent) => set(agent)} />
        <div role="alert" className="alert-slot">
          {formError && <p className="error-text">{formError}</p>}
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('form.saving') : t('form.save')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
