import { useId, useState, type FormEvent } from 'react';
import { ATTRIBUTE_TYPES, type AttributeDefinition, type AttributeType } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { isApiError } from '../../api/api-error.js';
import { t } from '../../i18n/t.js';
import { errorText } from '../../session/error-text.js';
import { createAttribute, removeAttribute, updateAttribute, useAttributeDefinitions } from './attributes-api.js';
import { serverFieldErrors, type FieldErrors } from './customer-form-model.js';
import { errorProps, FormField } from './form-field.js';

const TYPE_KEYS = {
  text: 'attributes.type.text',
  number: 'attributes.type.number',
  date: 'attributes.type.date',
  choice: 'attributes.type.choice',
} as const satisfies Record<AttributeType, string>;

/** Admins define customer attributes, deactivate (or delete unused) ones and reactivate them. */
export function AttributeAdminPage() {
  const http = useApi();
  const id = useId().replace(/:/g, '');
  const [version, setVersion] = useState(0);
  const definitions = useAttributeDefinitions(version);
  const [draft, setDraft] = useState({ key: '', label: '', type: 'text' as AttributeType, options: '', required: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function act(work: () => Promise<string>) {
    setStatus(null);
    setFailure(null);
    try {
      setStatus(await work());
      setVersion((v) => v + 1);
    } catch (err) {
      if (isApiError(err, 'INVALID_INPUT')) setErrors(serverFieldErrors(err.issues, 'person'));
      setFailure(isApiError(err, 'ATTRIBUTE_EXISTS') ? t('attributes.exists') : errorText(err));
    }
  }

  function add(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    const options = draft.type === 'choice' ? draft.options.split('\n').map((o) => o.trim()).filter(Boolean) : [];
    void act(async () => {
      const created = await createAttribute(http, { key: draft.key.trim(), label: draft.label, type: draft.type, options, required: draft.required });
      setDraft({ key: '', label: '', type: 'text', options: '', required: false });
      return t('attributes.added', { label: created.label });
    });
  }

  const remove = (d: AttributeDefinition) =>
    act(async () => {
      const done = await removeAttribute(http, d.key);
      return done.outcome === 'deleted' ? t('attributes.deleted', { label: d.label }) : t('attributes.deactivatedKept', { label: d.label, count: String(done.valuesKept) });
    });
  const reactivate = (d: AttributeDefinition) =>
    act(async () => {
      await updateAttribute(http, d.key, { active: true });
      return t('attributes.active');
    });

  const field = (name: 'key' | 'label', label: string) => (
    <FormField id={`${id}-${name}`} label={label} error={errors[name]}>
      <input id={`${id}-${name}`} value={draft[name]} autoComplete="off" onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} {...errorProps(`${id}-${name}`, errors[name])} />
    </FormField>
  );

  return (
    <section className="page" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('attributes.title')}</h1>
      <p>{t('attributes.intro')}</p>
      <div role="status">{status && <p>{status}</p>}</div>
      <div role="alert">{failure && <p className="error-text">{failure}</p>}</div>
      {definitions === null ? (
        <p role="status">{t('attributes.loading')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('attributes.key')}</th>
              <th scope="col">{t('attributes.label')}</th>
              <th scope="col">{t('attributes.type')}</th>
              <th scope="col">{t('attributes.required')}</th>
              <th scope="col">{t('attributes.state')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {definitions.map((d) => (
              <tr key={d.key}>
                <td>
                  <code>{d.key}</code>
                </td>
                <td>{d.label}</td>
                <td>{d.type === 'choice' ? `${t(TYPE_KEYS[d.type])}: ${d.options.join(', ')}` : t(TYPE_KEYS[d.type])}</td>
                <td>{d.required ? '✓' : ''}</td>
                <td>{t(d.active ? 'attributes.active' : 'attributes.deactivated')}</td>
                <td>
                  {d.active ? (
                    <button type="button" className="button button--quiet" onClick={() => void remove(d)}>
                      {t('attributes.remove', { label: d.label })}
                    </button>
                  ) : (
                    <button type="button" className="button button--quiet" onClick={() => void reactivate(d)}>
                      {t('attributes.reactivate', { label: d.label })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form className="customer-form" onSubmit={add} noValidate>
        <div className="row">
          {field('key', t('attributes.key'))}
          {field('label', t('attributes.label'))}
          <FormField id={`${id}-type`} label={t('attributes.type')} error={errors['type']}>
            <select id={`${id}-type`} value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value as AttributeType })}>
              {ATTRIBUTE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(TYPE_KEYS[type])}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        {draft.type === 'choice' && (
          <FormField id={`${id}-options`} label={t('attributes.options')} error={errors['options']}>
            <textarea id={`${id}-options`} rows={4} value={draft.options} onChange={(e) => setDraft({ ...draft, options: e.target.value })} {...errorProps(`${id}-options`, errors['options'])} />
          </FormField>
        )}
        <label className="choice">
          <input type="checkbox" checked={draft.required} onChange={(e) => setDraft({ ...draft, required: e.target.checked })} /> {t('attributes.required')}
        </label>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t('attributes.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
