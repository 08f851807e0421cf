import { useEffect, useId, useRef, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { LIFECYCLE_STATES } from '@ringside/shared';
import { isApiError } from '../../api/api-error.js';
import { t } from '../../i18n/t.js';
import { Link } from '../../routing/link.js';
import { errorText } from '../../session/error-text.js';
import { ContactPointsEditor } from './contact-points-editor.js';
import { LIFECYCLE_KEYS } from './customer-format.js';
import {
  serverFieldErrors,
  toCustomerInput,
  validateCustomer,
  type CustomerFormValues,
  type FieldErrors,
  type ValidCustomer,
} from './customer-form-model.js';
import { errorProps, FormField, inputIdFor } from './form-field.js';

type TextField = 'firstName' | 'lastName' | 'organisationName' | 'company' | 'email' | 'valueScore' | 'notes';

interface CustomerFormProps {
  initial: CustomerFormValues;
  mode: 'create' | 'edit';
  cancelTo: string;
  /** Sends the body customerInputSchema accepted; a rejected ApiError is shown on the form. */
  onSubmit(input: ValidCustomer): Promise<void>;
}

/** Create and edit form: validated with the shared schema first, then the server's issues land on the same fields. */
export function CustomerForm({ initial, mode, cancelTo, onSubmit }: CustomerFormProps) {
  const formId = useId().replace(/:/g, '');
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [errorRound, setErrorRound] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // After each failed submit, focus the first bad field in page order, so keyboard and
  // screen-reader users start where the problem is.
  useEffect(() => {
    if (errorRound > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errorRound]);

  function set<K extends keyof CustomerFormValues>(name: K, value: CustomerFormValues[K]) {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(next)) if (key === name || key.startsWith(`${name}.`)) delete next[key];
      return next;
    });
  }

  function showErrors(found: FieldErrors) {
    setErrors(found);
    setErrorRound((n) => n + 1);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const checked = validateCustomer(toCustomerInput(values), values.kind);
    if (!checked.ok) {
      showErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(checked.input);
    } catch (err) {
      if (isApiError(err, 'INVALID_INPUT') && err.issues.length > 0) {
        showErrors(serverFieldErrors(err.issues, values.kind));
        setFormError(t('form.serverRejected'));
      } else if (isApiError(err, 'CONFLICT')) {
        setFormError(t('form.conflict'));
      } else {
        setFormError(errorText(err));
      }
    } finally {
      setBusy(false);
    }
  }

  const text = (name: TextField, label: string, extra: InputHTMLAttributes<HTMLInputElement> = {}) => {
    const id = inputIdFor(formId, name);
    return (
      <FormField id={id} label={label} error={errors[name]}>
        <input id={id} name={name} value={values[name]} onChange={(e) => set(name, e.target.value)} {...extra} {...errorProps(id, errors[name])} />
      </FormField>
    );
  };

  const known = new Set(['firstName', 'lastName', 'organisationName', 'company', 'email', 'valueScore', 'notes', 'lifecycle', 'contactPoints']);
  const stray = Object.entries(errors).filter(([k]) => !known.has(k.split('.')[0] ?? k));
  const kindId = inputIdFor(formId, 'kind');
  const lifecycleId = inputIdFor(formId, 'lifecycle');
  const notesId = inputIdFor(formId, 'notes');

  return (
    <form ref={formRef} className="customer-form" onSubmit={submit} noValidate aria-describedby={`${formId}-alert`}>
      <div id={`${formId}-alert`} role="alert" className="alert-slot">
        {formError && <p className="error-text">{formError}</p>}
        {stray.length > 0 && (
          <ul className="error-text">
            {stray.map(([k, msg]) => (
              <li key={k}>{`${k}: ${msg}`}</li>
            ))}
          </ul>
        )}
      </div>

      <fieldset className="kind">
        <legend id={kindId}>{t('form.kind')}</legend>
        {(['person', 'organisation'] as const).map((k) => (
          <label key={k} className="choice">
            <input type="radio" name={`${formId}-kind`} value={k} checked={values.kind === k} onChange={() => set('kind', k)} />{' '}
            {t(k === 'person' ? 'customer.kind.person' : 'customer.kind.organisation')}
          </label>
        ))}
      </fieldset>

      {values.kind === 'person' ? (
        <div className="row">
          {text('firstName', t('form.firstName'), { autoComplete: 'off' })}
          {text('lastName', t('form.lastName'), { autoComplete: 'off' })}
          {text('company', t('form.company'), { autoComplete: 'off' })}
        </div>
      ) : (
        <div className="row">{text('organisationName', t('form.organisationName'), { autoComplete: 'off' })}</div>
      )}

      <div className="row">
        {text('email', t('form.email'), { type: 'email', autoComplete: 'off' })}
        <FormField id={lifecycleId} label={t('customer.lifecycle')} error={errors.lifecycle}>
          <select id={lifecycleId} value={values.lifecycle} onChange={(e) => set('lifecycle', e.target.value as CustomerFormValues['lifecycle'])}>
            {LIFECYCLE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(LIFECYCLE_KEYS[s])}
              </option>
            ))}
          </select>
        </FormField>
        {text('valueScore', t('form.valueScore'), { type: 'number', min: 0, max: 100, step: 1, inputMode: 'numeric' })}
      </div>

      <ContactPointsEditor formId={formId} rows={values.contactPoints} errors={errors} onChange={(rows) => set('contactPoints', rows)} />

      <FormField id={notesId} label={t('customer.notes')} error={errors.notes}>
        <textarea id={notesId} rows={5} value={values.notes} onChange={(e) => set('notes', e.target.value)} {...errorProps(notesId, errors.notes)} />
      </FormField>

      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('form.saving') : t(mode === 'create' ? 'form.create' : 'form.save')}
        </button>
        <Link to={cancelTo} className="button button--quiet">
          {t('form.cancel')}
        </Link>
      </div>
    </form>
  );
}
