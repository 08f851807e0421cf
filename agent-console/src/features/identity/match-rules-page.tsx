import { useEffect, useState } from 'react';
import type { MatchRule, MatchSettings } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { identityErrorText } from './identity-error.js';
import { getMatchSettings, resetMatchSettings, saveMatchSettings } from './identity-api.js';

type NumberField = 'weight' | 'mismatchWeight' | 'minSimilarity';

/** The matching rules and thresholds: everyone who reviews sees them, admins change them. */
export function MatchRulesPage({ canEdit }: { canEdit: boolean }) {
  const http = useApi();
  const [settings, setSettings] = useState<MatchSettings | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    getMatchSettings(http, abort.signal).then(setSettings, (err: unknown) => !abort.signal.aborted && setMessage({ kind: 'error', text: identityErrorText(err) }));
    return () => abort.abort();
  }, [http]);

  async function run(work: () => Promise<MatchSettings>) {
    setMessage(null);
    try {
      setSettings(await work());
      setMessage({ kind: 'ok', text: t('identity.rules.saved') });
    } catch (err) {
      setMessage({ kind: 'error', text: t('identity.rules.failed', { message: identityErrorText(err) }) });
    }
  }

  const setRule = (id: string, patch: Partial<MatchRule>) => settings && setSettings({ ...settings, rules: settings.rules.map((r) => (r.id === id ? { ...r, ...patch } : r)) });
  const num = (rule: MatchRule, field: NumberField) => (
    <input type="number" step="0.5" value={rule[field]} disabled={!canEdit} aria-label={`${rule.id} ${t(`identity.rules.${field}`)}`} onChange={(e) => setRule(rule.id, { [field]: Number(e.target.value) })} />
  );

  return (
    <section className="page" aria-labelledby="match-rules-title">
      <h1 id="match-rules-title">{t('identity.rules.title')}</h1>
      <p>{t('identity.rules.intro')}</p>
      {message && (
        <p role={message.kind === 'ok' ? 'status' : 'alert'} className={message.kind === 'ok' ? 'notice' : 'error-text'}>
          {message.text}
        </p>
      )}
      {settings && (
        <>
          <p className="merge-choice">
            <label>
              {t('identity.rules.sureThreshold')}{' '}
              <input type="number" step="0.5" value={settings.sureThreshold} disabled={!canEdit} onChange={(e) => setSettings({ ...settings, sureThreshold: Number(e.target.value) })} />
            </label>{' '}
            <label>
              {t('identity.rules.reviewThreshold')}{' '}
              <input type="number" step="0.5" value={settings.reviewThreshold} disabled={!canEdit} onChange={(e) => setSettings({ ...settings, reviewThreshold: Number(e.target.value) })} />
            </label>
          </p>
          <div className="table-scroll merge-choice">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('identity.rules.rule')}</th>
                  <th scope="col">{t('identity.rules.weight')}</th>
                  <th scope="col">{t('identity.rules.mismatchWeight')}</th>
                  <th scope="col">{t('identity.rules.minSimilarity')}</th>
                  <th scope="col">{t('identity.rules.enabled')}</th>
                </tr>
              </thead>
              <tbody>
                {settings.rules.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.id} <span className="badge">{`${r.attribute} · ${r.comparator}`}</span>
                    </th>
                    <td>{num(r, 'weight')}</td>
                    <td>{num(r, 'mismatchWeight')}</td>
                    <td>{r.comparator === 'similar' ? num(r, 'minSimilarity') : '—'}</td>
                    <td>
                      <input type="checkbox" checked={r.enabled} disabled={!canEdit} aria-label={`${r.id} ${t('identity.rules.enabled')}`} onChange={(e) => setRule(r.id, { enabled: e.target.checked })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canEdit && (
            <p>
              <button type="button" className="button button--primary" onClick={() => void run(() => saveMatchSettings(http, settings))}>
                {t('identity.rules.save')}
              </button>{' '}
              <button type="button" className="button" onClick={() => void run(() => resetMatchSettings(http))}>
                {t('identity.rules.reset')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
