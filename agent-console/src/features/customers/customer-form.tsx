import { useEffect, useId, useRef, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { LIFECYCLE_STATES, ORG_SIZE_BANDS, type AttributeDefinition, type DuplicateCandidate } from '@ringside/shared';
import { isApiError } from '../../api/api-error.js';
import { t } from '../../i18n/t.js';
import { Link } from '../../routing/link.js';
import { errorText } from '../../session/error-text.js';
import { AttributeFields } from './attribute-fields.js';
import { ContactPointsEditor } from './contact-points-editor.js';
import { DuplicateWarning } from './duplicate-warning.js';
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

type TextField =
  | 'firstName'
  | 'lastName'
  | 'salutation'
  | 'birthDate'
  | 'language'
  | 'timeZone'
  | 'organisationName'
  | 'tradingName'
  | 'registrationNumber'
  | 'industry'
  | 'company'
  | 'email'
  | 'valueScore'
  | 'notes';

interface CustomerFormProps {
  initial: CustomerFormValues;
  mode: 'create' | 'edit';
  cancelTo: string;
  /** The attribute definitions (active ones get a field). */
  definitions?: readonly AttributeDefinition[];
  /** Asked before saving; candidates stop the save until the user opens one or saves anyway. */
  checkDuplicates?(input: ValidCustomer): Promise<DuplicateCandidate[]>;
  /** Sends the body customerInputSchema accepted (confirmed: the user saw duplicates and saves anyway); a rejected ApiError is shown on the form. */
  onSubmit(input: ValidCustomer, confirmed: boolean): Promise<void>;
}

/** Create and edit form: validated with the shared schema first, then the server's issues land on the same fields. */
export function CustomerForm({ initial, mode, cancelTo, definitions = [], checkDuplicates, onSubmit }: CustomerFormProps) {
  const formId = useId().replace(/:/g, '');
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The checked draft and its likely duplicates, while the warning is shown.
  const [duplicates, setDuplicates] = useState<{ input: ValidCustomer; candidates: DuplicateCandidate[] } | null>(null);
  const [errorRound, setErrorRound] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // After each failed submit, focus the first bad field in page order, so keyboard and
  // screen-reader users start where the problem is.
  useEffect(() => {
    if (errorRound > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errorRound]);

  function set<K extends keyof CustomerFormValues>(name: K, value: CustomerFormValues[K]) {
    setDuplicates(null);
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
    const checked = validateCustomer(toCustomerInput(values, definitions), values.kind);
    if (!checked.ok) {
      showErrors(checked.errors);
      return;
    }
    setErrors({});
    await save(checked.input, false);
  }

  async function save(input: ValidCustomer, confirmed: boolean) {
    setBusy(true);
    try {
      if (!confirmed && checkDuplicates) {
        // A failed check does not block the save: the server checks again on create and answers DUPLICATE_SUSPECTED.
        const candidates = await checkDuplicates(input).catch(() => []);
        if (candidates.length > 0) {
          setDuplicates({ input, candidates });
          return;
        }
      }
      setDuplicates(null);
      await onSubmit(input, confirmed);
    } catch (err) {
      if (isApiError(err, 'INVALID_INPUT') && err.issues.length > 0) {
        showErrors(serverFieldErrors(err.issues, values.kind));
        setFormError(t('form.serverRejected'));
      } else if (isApiError(err, 'CONFLICT')) {
        setFormError(t('form.conflict'));
      } else if (isApiError(err, 'DUPLICATE_SUSPECTED')) {
        // The check before saving failed or a duplicate arrived meanwhile: ask again to show the evidence.
        const candidates = (await checkDuplicates?.(input).catch(() => [])) ?? [];
        if (candidates.length > 0) setDuplicates({ input, candidates });
        else setFormError(t('duplicates.suspected'));
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

  const known = new Set([
    ...(values.kind === 'person' ? ['firstName', 'lastName', 'salutation', 'birthDate', 'language', 'timeZone', 'company'] : ['organisationName', 'tradingName', 'registrationNumber', 'industry', 'sizeBand']),
    'email',
    'valueScore',
    'notes',
    'lifecycle',
    'contactPoints',
    ...definitions.filter((d) => d.active).map((d) => `attributes.${d.key}`),
  ]);
  const stray = Object.entries(errors).filter(([k]) => !known.has(k) && !known.has(k.split('.')[0] ?? k));
  const sizeBandId = inputIdFor(formId, 'sizeBand');
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
        <>
          <div className="row">
            {text('salutation', t('customer.salutation'), { autoComplete: 'off' })}
            {text('firstName', t('form.firstName'), { autoComplete: 'off' })}
            {text('lastName', t('form.lastName'), { autoComplete: 'off' })}
            {text('company', t('form.company'), { autoComplete: 'off' })}
          </div>
          <div className="row">
            {text('birthDate', t('customer.birthDate'), { type: 'date' })}
            {text('language', t('customer.language'), { autoComplete: 'off', placeholder: 'en-US' })}
            {text('timeZone', t('customer.timeZone'), { autoComplete: 'off', placeholder: 'Europe/Paris' })}
          </div>
        </>
      ) : (
        <>
          <div className="row">
            {text('organisationName', t('form.organisationName'), { autoComplete: 'off' })}
            {text('tradingName', t('customer.tradingName'), { autoComplete: 'off' })}
            {text('registrationNumber', t('customer.registrationNumber'), { autoComplete: 'off' })}
          </div>
          <div className="row">
            {text('industry', t('customer.industry'), { autoComplete: 'off' })}
            <FormField id={sizeBandId} label={t('customer.sizeBand')} error={errors.sizeBand}>
              <select id={sizeBandId} value={values.sizeBand} onChange={(e) => set('sizeBand', e.target.value as CustomerFormValues['sizeBand'])}>
                <option value="">{t('form.sizeBandNone')}</option>
                {ORG_SIZE_BANDS.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </FormField>
          </div>
        </>
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

      <AttributeFields
        formId={formId}
        definitions={definitions}
        values={values.attributes}
        errors={errors}
        onChange={(key, value) => {
          setDuplicates(null);
          setValues((v) => ({ ...v, attributes: { ...v.attributes, [key]: value } }));
          setErrors((e) => {
            const { [`attributes.${key}`]: _gone, ...rest } = e;
            return rest;
          });
        }}
      />

      <FormField id={notesId} label={t('customer.notes')} error={errors.notes}>
        <textarea id={notesId} rows={5} value={values.notes} onChange={(e) => set('notes', e.target.value)} {...errorProps(notesId, errors.notes)} />
      </FormField>

      {duplicates && <DuplicateWarning candidates={duplicates.candidates} busy={busy} onSaveAnyway={() => void save(duplicates.input, true)} />}

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
