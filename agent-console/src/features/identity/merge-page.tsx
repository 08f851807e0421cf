import { useState } from 'react';
import { MERGE_FIELDS, SURVIVORSHIP_RULES, customerDisplayName, type Customer, type CustomerMergeSummary, type MergeField, type SurvivorshipRule } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { Link } from '../../routing/link.js';
import { contactText } from '../customers/customer-format.js';
import { CustomerRecordPending } from '../customers/customer-360-page.js';
import { useCustomerRecord } from '../customers/use-customer-record.js';
import { identityErrorText } from './identity-error.js';
import { mergeCustomers, undoMerge } from './identity-api.js';

type Side = 'left' | 'right';

function shown(v: unknown): string {
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

/** Two records side by side: pick the one to keep and, per field, whose value it keeps; merge, then undo if need be. */
export function MergePage({ leftId, rightId }: { leftId: string; rightId: string }) {
  const left = useCustomerRecord(leftId);
  const right = useCustomerRecord(rightId);
  if (left.status !== 'ok') return <CustomerRecordPending state={left} />;
  if (right.status !== 'ok') return <CustomerRecordPending state={right} />;
  return <MergeForm left={left.record.customer} right={right.record.customer} />;
}

function MergeForm({ left, right }: { left: Customer; right: Customer }) {
  const http = useApi();
  const [keep, setKeep] = useState<Side>('left');
  const [rule, setRule] = useState<SurvivorshipRule>('most_complete');
  const [choices, setChoices] = useState<Partial<Record<MergeField, Side>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [merge, setMerge] = useState<CustomerMergeSummary | null>(null);
  const [undone, setUndone] = useState(false);
  const sides = { left, right };
  const survivor = sides[keep];
  const merged = sides[keep === 'left' ? 'right' : 'left'];
  const fields = MERGE_FIELDS.filter((f) => shown(left[f]) !== '—' || shown(right[f]) !== '—');

  async function submit() {
    setBusy(true);
    setFailure(null);
    try {
      const byRole = Object.fromEntries(Object.entries(choices).map(([f, side]) => [f, side === keep ? 'survivor' : 'merged']));
      setMerge(await mergeCustomers(http, { survivorId: survivor.id, mergedId: merged.id, survivorVersion: survivor.version, mergedVersion: merged.version, rule, choices: byRole }));
    } catch (err) {
      setFailure(t('identity.merge.failed', { message: identityErrorText(err) }));
    } finally {
      setBusy(false);
    }
  }

  async function undo(id: string) {
    setFailure(null);
    try {
      await undoMerge(http, id);
      setUndone(true);
    } catch (err) {
      setFailure(t('identity.undoFailed', { message: identityErrorText(err) }));
    }
  }

  if (merge) {
    return (
      <section className="page" aria-labelledby="merge-title">
        <h1 id="merge-title">{t('identity.merge.title')}</h1>
        <p role="status" className="notice">
          {undone ? t('identity.merge.undone') : t('identity.merge.done', { name: customerDisplayName(merged) })}
        </p>
        {failure && (
          <p role="alert" className="error-text">
            {failure}
          </p>
        )}
        <p>
          <Link to={`/customers/${survivor.id}`} className="button">
            {t('identity.merge.open')}
          </Link>{' '}
          {!undone && (
            <button type="button" className="button button--danger" onClick={() => void undo(merge.id)}>
              {t('identity.merge.undo')}
            </button>
          )}
        </p>
      </section>
    );
  }

  return (
    <section className="page" aria-labelledby="merge-title">
      <h1 id="merge-title">{t('identity.merge.title')}</h1>
      <p>{t('identity.merge.intro')}</p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('identity.merge.field')}</th>
              {(['left', 'right'] as const).map((side) => (
                <th scope="col" key={side}>
                  <label className="merge-choice">
                    <input type="radio" name="keep" checked={keep === side} onChange={() => setKeep(side)} /> {t('identity.merge.keep')}: {customerDisplayName(sides[side])}
                  </label>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f}>
                <th scope="row">{t(`identity.field.${f}`)}</th>
                {(['left', 'right'] as const).map((side) => (
                  <td key={side}>
                    <label className="merge-choice">
                      <input type="radio" name={`field-${f}`} checked={choices[f] === side} onChange={() => setChoices({ ...choices, [f]: side })} aria-label={`${t(`identity.field.${f}`)}: ${shown(sides[side][f])}`} />{' '}
                      {shown(sides[side][f])}
                    </label>
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('identity.merge.contactPoints')}</th>
              {(['left', 'right'] as const).map((side) => (
                <td key={side}>
                  <ul>
                    {sides[side].contactPoints.map((p) => (
                      <li key={p.id}>{contactText(p)}</li>
                    ))}
                  </ul>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        <label>
          {t('identity.merge.rule')}{' '}
          <select value={rule} onChange={(e) => setRule(e.target.value as SurvivorshipRule)}>
            {SURVIVORSHIP_RULES.map((r) => (
              <option key={r} value={r}>
                {t(`identity.merge.rule.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </p>
      {failure && (
        <p role="alert" className="error-text">
          {failure}
        </p>
      )}
      <button type="button" className="button button--primary" disabled={busy} onClick={() => void submit()}>
        {busy ? t('identity.merge.working') : t('identity.merge.submit')}
      </button>
    </section>
  );
}
