import type { AttributeDefinition, Customer } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import type { FieldErrors } from './customer-form-model.js';
import { errorProps, FormField, inputIdFor } from './form-field.js';

interface AttributeFieldsProps {
  formId: string;
  definitions: readonly AttributeDefinition[];
  values: Record<string, string>;
  errors: FieldErrors;
  onChange(key: string, value: string): void;
}

/** One input per active attribute definition, typed by the definition; errors land on `attributes.<key>`. */
export function AttributeFields({ formId, definitions, values, errors, onChange }: AttributeFieldsProps) {
  const active = definitions.filter((d) => d.active);
  if (active.length === 0) return null;
  return (
    <fieldset className="attributes">
      <legend>{t('attributes.section')}</legend>
      <div className="row">
        {active.map((def) => {
          const path = `attributes.${def.key}`;
          const id = inputIdFor(formId, path);
          const error = errors[path];
          const common = { id, name: path, value: values[def.key] ?? '', required: def.required, ...errorProps(id, error) };
          return (
            <FormField key={def.key} id={id} label={def.required ? `${def.label} *` : def.label} error={error}>
              {def.type === 'choice' ? (
                <select {...common} onChange={(e) => onChange(def.key, e.target.value)}>
                  <option value="">{t('attributes.choose')}</option>
                  {def.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...common}
                  // Number stays a text input: the server's message explains a wrong value, where a number input would silently drop it.
                  type={def.type === 'date' ? 'date' : 'text'}
                  inputMode={def.type === 'number' ? 'decimal' : undefined}
                  autoComplete="off"
                  onChange={(e) => onChange(def.key, e.target.value)}
                />
              )}
            </FormField>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The customer's attribute values with their labels (360 page); values of deactivated definitions are marked. */
export function AttributeFacts({ customer, definitions }: { customer: Customer; definitions: readonly AttributeDefinition[] }) {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const order = new Map(definitions.map((d, n) => [d.key, n]));
  // The admins' order, not the stored one (jsonb orders keys by length).
  const entries = Object.entries(customer.attributes ?? {}).sort(([a], [b]) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size));
  if (entries.length === 0) return <p>{t('attributes.none')}</p>;
  return (
    <dl className="facts">
      {entries.map(([key, value]) => {
        const def = byKey.get(key);
        const label = def?.label ?? key;
        return (
          <div key={key}>
            <dt>{def && !def.active ? t('attributes.inactive', { label }) : label}</dt>
            <dd>{String(value)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
