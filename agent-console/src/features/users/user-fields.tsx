import type { InputHTMLAttributes, ReactNode } from 'react';
import { ROLES, type Role } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { endpointFor, type AgentValues, type FieldErrors } from './user-form-model.js';
import type { PhoneChoice } from './users-api.js';

/** The DOM id of a form's field, from the form id and the issue path. */
export const idFor = (formId: string, path: string) => `${formId}-${path.replace(/\./g, '-')}`;

const ROLE_KEYS = { agent: 'role.agent', supervisor: 'role.supervisor', admin: 'role.admin' } as const;

/** A labelled field with its hint and inline error; the ⚠ keeps the error visible without colour. */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error: string | undefined; hint?: string; children: ReactNode }) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error-text">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

/** aria attributes tying an input to its hint and error. */
export function described(id: string, error: string | undefined, hint = false) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { ...(error ? { 'aria-invalid': true as const } : {}), ...(ids ? { 'aria-describedby': ids } : {}) };
}

/** A text input inside a Field. */
export function TextInput(props: {
  formId: string;
  name: string;
  label: string;
  value: string;
  errors: FieldErrors;
  hint?: string;
  onChange(value: string): void;
  input?: InputHTMLAttributes<HTMLInputElement>;
  /** The field a dialog focuses when it opens. */
  autofocus?: boolean;
}) {
  const id = idFor(props.formId, props.name);
  const error = props.errors[props.name];
  return (
    <Field id={id} label={props.label} error={error} {...(props.hint ? { hint: props.hint } : {})}>
      <input
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete="off"
        data-autofocus={props.autofocus ? '' : undefined}
        {...props.input}
        {...described(id, error, Boolean(props.hint))}
      />
    </Field>
  );
}

/** The role select. */
export function RoleSelect({ formId, value, errors, disabled, hint, onChange }: { formId: string; value: Role; errors: FieldErrors; disabled?: boolean; hint?: string; onChange(role: Role): void }) {
  const id = idFor(formId, 'role');
  return (
    <Field id={id} label={t('users.role')} error={errors.role} {...(hint ? { hint } : {})}>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Role)} {...described(id, errors.role, Boolean(hint))}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(ROLE_KEYS[r])}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Whether the user takes calls, and the phone (extension and channel) they take them on. */
export function AgentFields({ formId, values, errors, phones, onChange }: { formId: string; values: AgentValues; errors: FieldErrors; phones: PhoneChoice[]; onChange(next: AgentValues): void }) {
  const checkId = idFor(formId, 'isAgent');
  const listId = `${formId}-phones`;
  return (
    <fieldset className="agent-fields">
      <legend>{t('users.agent.legend')}</legend>
      <div className="field field--check">
        <label htmlFor={checkId}>
          <input id={checkId} type="checkbox" checked={values.isAgent} onChange={(e) => onChange({ ...values, isAgent: e.target.checked })} /> {t('users.agent.isAgent')}
        </label>
      </div>
      {errors.agent && (
        <p className="error-text">
          <span aria-hidden="true">⚠ </span>
          {errors.agent}
        </p>
      )}
      {values.isAgent && (
        <div className="row">
          <TextInput
            formId={formId}
            name="agent.extension"
            label={t('users.agent.extension')}
            value={values.extension}
            errors={errors}
            hint={t('users.agent.extensionHint')}
            input={{ inputMode: 'numeric', list: listId }}
            onChange={(extension) => onChange({ ...values, extension, endpoint: endpointFor(values, extension) })}
          />
          <datalist id={listId}>
            {phones.map((p) => (
              <option key={p.extension} value={p.extension}>
                {p.displayName}
              </option>
            ))}
          </datalist>
          <TextInput
            formId={formId}
            name="agent.endpoint"
            label={t('users.agent.endpoint')}
            value={values.endpoint}
            errors={errors}
            hint={t('users.agent.endpointHint')}
            onChange={(endpoint) => onChange({ ...values, endpoint })}
          />
        </div>
      )}
    </fieldset>
  );
}
