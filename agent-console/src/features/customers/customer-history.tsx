import { useEffect, useState } from 'react';
import type { CustomerChange } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { errorText } from '../../session/error-text.js';
import { t, type PlainMessageKey } from '../../i18n/t.js';
import { formatDateTime } from './customer-format.js';
import { getCustomerHistory } from './customers-api.js';

type HistoryState = { status: 'loading' } | { status: 'ok'; changes: CustomerChange[] } | { status: 'error'; message: string };

const ENTITY_KEYS: Record<string, PlainMessageKey> = {
  customer: 'history.entity.customer',
  contact_point: 'history.entity.contact_point',
  consent: 'history.entity.consent',
};

/** A stored value as one line: objects (a whole contact point) show their non-empty fields. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return t('history.none');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['value'] === 'string') return record['value'];
    return JSON.stringify(value);
  }
  return String(value);
}

function summary(c: CustomerChange): string {
  const who = c.changedByName ?? t('history.system');
  const what = ENTITY_KEYS[c.entity] ? t(ENTITY_KEYS[c.entity] as PlainMessageKey) : c.entity;
  if (c.action === 'create') return t('history.created', { who, what });
  if (c.action === 'delete') return t('history.deleted', { who, what });
  // The survivor's entry has no field; the merged-away record's names mergedIntoId.
  if (c.action === 'merge') return t(c.field ? 'history.mergedAway' : 'history.mergedIn', { who });
  if (c.action === 'unmerge') return t('history.unmerged', { who });
  return t('history.changed', { who, what, field: c.field ?? '' });
}

/** The customer's change history (who, when, field, old and new value), newest first. */
export function CustomerHistory({ customerId, headingId, refreshKey }: { customerId: string; headingId: string; refreshKey: string }) {
  const http = useApi();
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getCustomerHistory(http, customerId, controller.signal).then(
      (changes) => setState({ status: 'ok', changes }),
      (err: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: errorText(err) });
      },
    );
    return () => controller.abort();
  }, [http, customerId, refreshKey]);

  if (state.status === 'loading') return <p role="status">{t('history.loading')}</p>;
  if (state.status === 'error') return <p role="alert" className="error-text">{t('history.loadFailed', { message: state.message })}</p>;
  if (state.changes.length === 0) return <p>{t('history.empty')}</p>;
  return (
    <ol className="history" aria-labelledby={headingId}>
      {state.changes.map((c) => (
        <li key={c.id}>
          <time dateTime={c.changedAt}>{formatDateTime(c.changedAt)}</time> {summary(c)}
          {c.action === 'update' && (
            <>
              {' '}
              <span className="history__old">
                {t('history.from')} {valueText(c.oldValue)}
              </span>{' '}
              <span className="history__new">
                {t('history.to')} {valueText(c.newValue)}
              </span>
            </>
          )}
          {(c.action === 'create' || c.action === 'delete') && <> · {valueText(c.action === 'create' ? c.newValue : c.oldValue)}</>}
        </li>
      ))}
    </ol>
  );
}
