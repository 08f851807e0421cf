import { useEffect, useState } from 'react';
import type { DialPlanVersion } from '@ringside/shared';
import { useList } from '../../api/use-list.js';
import { LOCALE, t } from '../../i18n/t.js';
import { listVersions } from './dial-plan-api.js';
import { RollbackDialog } from './rollback-dialog.js';

// While the switch is still taking a version, the list is fetched again at this pace.
const PENDING_POLL_MS = 3000;

const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

function ApplyStatus({ version }: { version: DialPlanVersion }) {
  switch (version.applyStatus) {
    case 'applied':
      return (
        <span className="apply apply--applied">
          <span aria-hidden="true">✓ </span>
          {t('dialplan.versions.applied')}
        </span>
      );
    case 'pending':
      return (
        <span className="apply apply--pending">
          <span aria-hidden="true">◌ </span>
          {t('dialplan.versions.pending')}
        </span>
      );
    default:
      return (
        <span className="apply apply--failed">
          <span aria-hidden="true">✗ </span>
          {t('dialplan.versions.failed')}
          {version.applyError && <span className="apply__error">{`: ${version.applyError}`}</span>}
        </span>
      );
  }
}

/** Published versions with their apply status, and a confirmed one-step rollback to any of them. */
export function VersionsSection({ refreshKey, onRolledBack }: { refreshKey: number; onRolledBack(version: DialPlanVersion): void }) {
  const { state, reload: load } = useList(listVersions, refreshKey);
  const [target, setTarget] = useState<DialPlanVersion | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const pending = state.status === 'ready' && state.items.some((v) => v.applyStatus === 'pending');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void load(), PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [pending, load]);

  return (
    <div className="dp-section">
      <div role="status" className="alert-slot">
        {notice && <p className="ok-text">{notice}</p>}
      </div>
      {state.status === 'loading' && <p role="status">{t('dialplan.versions.loading')}</p>}
      {state.status === 'error' && (
        <p role="alert" className="error-text">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && state.items.length === 0 && <p>{t('dialplan.versions.none')}</p>}
      {state.status === 'ready' && state.items.length > 0 && (
        <div className="table-scroll">
          <table className="table versions">
            <caption className="visually-hidden">{t('dialplan.versions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dialplan.versions.number')}</th>
                <th scope="col">{t('dialplan.versions.when')}</th>
                <th scope="col">{t('dialplan.versions.author')}</th>
                <th scope="col">{t('dialplan.versions.comment')}</th>
                <th scope="col">{t('dialplan.versions.status')}</th>
                <th scope="col">{t('dialplan.versions.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((v) => (
                <tr key={v.number} className={v.live ? 'versions__live' : undefined}>
                  <th scope="row">
                    {v.number}
                    {v.live && <span className="badge badge--live">{t('dialplan.versions.live')}</span>}
                  </th>
                  <td>
                    <time dateTime={v.createdAt}>{formatDate(v.createdAt)}</time>
                  </td>
                  <td>{v.author}</td>
                  <td>{v.comment}</td>
                  <td>
                    <ApplyStatus version={v} />
                  </td>
                  <td>
                    {!v.live && (
                      <button type="button" className="button" onClick={() => setTarget(v)}>
                        {t('dialplan.versions.rollback', { number: v.number })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {target && (
        <RollbackDialog
          version={target}
          onClose={() => setTarget(null)}
          onDone={(version) => {
            setTarget(null);
            setNotice(t('dialplan.versions.rolledBack', { from: target.number, number: version.number }));
            void load();
            onRolledBack(version);
          }}
        />
      )}
    </div>
  );
}
