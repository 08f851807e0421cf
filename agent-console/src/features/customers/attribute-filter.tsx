import { t } from '../../i18n/t.js';
import { useAttributeDefinitions } from './attributes-api.js';

/** The search's attribute filter as typed: both set, or no filter. */
export interface AttributeFilterValue {
  attribute: string;
  value: string;
}

/** Attribute and value to narrow the customer search to (applied with the search button); hidden while no attribute is defined. */
export function AttributeFilter({ idPrefix, value, onChange }: { idPrefix: string; value: AttributeFilterValue; onChange(v: AttributeFilterValue): void }) {
  const definitions = useAttributeDefinitions();
  if (!definitions || definitions.length === 0) return null;
  const chosen = definitions.find((d) => d.key === value.attribute);
  return (
    <div className="search__filter">
      <label htmlFor={`${idPrefix}-attribute`}>{t('attributes.filter')}</label>
      <select id={`${idPrefix}-attribute`} value={value.attribute} onChange={(e) => onChange({ attribute: e.target.value, value: '' })}>
        <option value="">{t('attributes.choose')}</option>
        {definitions.map((d) => (
          <option key={d.key} value={d.key}>
            {d.label}
          </option>
        ))}
      </select>
      {chosen && (
        <>
          <label htmlFor={`${idPrefix}-attribute-value`}>{t('attributes.filterValue', { label: chosen.label })}</label>
          {chosen.type === 'choice' ? (
            <select id={`${idPrefix}-attribute-value`} value={value.value} onChange={(e) => onChange({ ...value, value: e.target.value })}>
              <option value="">{t('attributes.choose')}</option>
              {chosen.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <input id={`${idPrefix}-attribute-value`} type={chosen.type === 'date' ? 'date' : 'text'} value={value.value} autoComplete="off" onChange={(e) => onChange({ ...value, value: e.target.value })} />
          )}
        </>
      )}
    </div>
  );
}
