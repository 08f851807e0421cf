import { useEffect, useRef } from 'react';
import { CONTACT_KINDS } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { CONTACT_KIND_KEYS } from './customer-format.js';
import { newContactDraft, type ContactDraft, type FieldErrors } from './customer-form-model.js';
import { errorProps, FieldError, FormField, inputIdFor } from './form-field.js';

interface ContactPointsEditorProps {
  formId: string;
  rows: ContactDraft[];
  errors: FieldErrors;
  onChange(rows: ContactDraft[]): void;
}

/** Rows of kind, number or address, and label; rows are added and removed with real buttons. */
export function ContactPointsEditor({ formId, rows, errors, onChange }: ContactPointsEditorProps) {
  const addRef = useRef<HTMLButtonElement>(null);
  const added = useRef<string | null>(null);

  // A new row's value field is where the user wants to type next.
  useEffect(() => {
    if (added.current === null) return;
    const index = rows.findIndex((r) => r.key === added.current);
    added.current = null;
    if (index >= 0) document.getElementById(inputIdFor(formId, `contactPoints.${index}.value`))?.focus();
  }, [rows, formId]);

  function update(index: number, patch: Partial<ContactDraft>) {
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  }

  function add() {
    const row = newContactDraft();
    added.current = row.key;
    onChange([...rows, row]);
  }

  function remove(index: number) {
    onChange(rows.filter((_, i) => i !== index));
    addRef.current?.focus();
  }

  const listId = inputIdFor(formId, 'contactPoints');
  return (
    <fieldset className="contact-points">
      <legend>{t('form.contactPoints')}</legend>
      {rows.length === 0 && <p>{t('form.noContactPoints')}</p>}
      <FieldError id={listId} error={errors.contactPoints} />
      <ol>
        {rows.map((row, i) => {
          const kindId = inputIdFor(formId, `contactPoints.${i}.kind`);
          const valueId = inputIdFor(formId, `contactPoints.${i}.value`);
          const labelId = inputIdFor(formId, `contactPoints.${i}.label`);
          const valueError = errors[`contactPoints.${i}.value`];
          const labelError = errors[`contactPoints.${i}.label`];
          const kindError = errors[`contactPoints.${i}.kind`];
          return (
            <li key={row.key} className="contact-row">
              <FormField id={kindId} label={t('form.contactKind', { n: i + 1 })} error={kindError}>
                <select id={kindId} value={row.kind} onChange={(e) => update(i, { kind: e.target.value as ContactDraft['kind'] })} {...errorProps(kindId, kindError)}>
                  {/* Addresses are structured (lines, city, country): the form keeps stored ones and the API creates them. */}
                  {CONTACT_KINDS.filter((k) => k !== 'address' || row.kind === 'address').map((k) => (
                    <option key={k} value={k}>
                      {t(CONTACT_KIND_KEYS[k])}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField id={valueId} label={t('form.contactValue', { n: i + 1 })} error={valueError}>
                <input
                  id={valueId}
                  value={row.value}
                  type={row.kind === 'email' ? 'email' : row.kind === 'address' ? 'text' : 'tel'}
                  readOnly={row.kind === 'address'}
                  autoComplete="off"
                  onChange={(e) => update(i, { value: e.target.value })}
                  {...errorProps(valueId, valueError)}
                />
              </FormField>
              <FormField id={labelId} label={t('form.contactLabel', { n: i + 1 })} error={labelError}>
                <input id={labelId} value={row.label} onChange={(e) => update(i, { label: e.target.value })} {...errorProps(labelId, labelError)} />
              </FormField>
              <button type="button" className="button button--quiet" onClick={() => remove(i)}>
                {t('form.removeContact', { n: i + 1 })}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" ref={addRef} className="button" onClick={add}>
        {t('form.addContact')}
      </button>
    </fieldset>
  );
}
