import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import {
  CONSENT_PURPOSES,
  channelsFor,
  type ConsentChannel,
  type ConsentPurpose,
  type Customer,
  type CustomerConsent,
} from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { errorText } from '../../session/error-text.js';
import { contactText, formatDateTime } from './customer-format.js';
import { getConsent, partyErrorText, recordConsent } from './party-api.js';

const CHANNEL_KEYS = { voice: 'consent.channel.voice', sms: 'consent.channel.sms', email: 'consent.channel.email' } as const;
const PURPOSE_KEYS = { service: 'consent.purpose.service', marketing: 'consent.purpose.marketing' } as const;
const STATE_KEYS = { granted: 'consent.state.granted', withdrawn: 'consent.state.withdrawn', unknown: 'consent.state.unknown' } as const;
const METHOD_KEYS = {
  agent: 'consent.method.agent',
  inbound_sms_keyword: 'consent.method.inbound_sms_keyword',
  import: 'consent.method.import',
  web_form: 'consent.method.web_form',
  api: 'consent.method.api',
  dnc_list: 'consent.method.dnc_list',
} as const;

type Load = { status: 'loading' } | { status: 'ok'; data: CustomerConsent } | { status: 'error'; message: string };

/** Consent per contact point (derived from the ledger), its history, and a form to record a change. */
export function ConsentPanel({ customer }: { customer: Customer }) {
  const http = useApi();
  const id = useId();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const reload = useCallback(
    (signal?: AbortSignal) =>
      getConsent(http, customer.id, signal).then(
        (data) => setLoad({ status: 'ok', data }),
        (err: unknown) => {
          if (!signal?.aborted) setLoad({ status: 'error', message: errorText(err) });
        },
      ),
    [http, customer.id],
  );
  useEffect(() => {
    const controller = new AbortController();
    void reload(controller.signal);
    return () => controller.abort();
  }, [reload]);

  const label = (contactPointId: string) => {
    const cp = customer.contactPoints.find((p) => p.id === contactPointId);
    return cp ? contactText(cp) : contactPointId;
  };

  return (
    <section className="card consent" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('consent.title')}</h2>
      {load.status === 'loading' && <p role="status">{t('consent.loading')}</p>}
      {load.status === 'error' && (
        <p role="alert" className="error-text">
          {load.message}
        </p>
      )}
      {load.status === 'ok' && (
        <>
          {load.data.contactPoints.length === 0 && <p>{t('consent.none')}</p>}
          {load.data.contactPoints.map((cp) => (
            <table key={cp.contactPointId} className="consent__table">
              <caption>{t('consent.caption', { address: label(cp.contactPointId) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('consent.channel')}</th>
                  <th scope="col">{t('consent.purpose')}</th>
                  <th scope="col">{t('consent.state')}</th>
                  <th scope="col">{t('consent.contactAllowed')}</th>
                </tr>
              </thead>
              <tbody>
                {cp.current.map((c) => (
                  <tr key={`${c.channel}-${c.purpose}`}>
                    <td>{t(CHANNEL_KEYS[c.channel])}</td>
                    <td>{t(PURPOSE_KEYS[c.purpose])}</td>
                    <td>
                      {t(STATE_KEYS[c.state])}
                      {c.since ? ` · ${formatDateTime(c.since)}` : ''}
                    </td>
                    <td>
                      <span className={`badge ${c.allowed ? 'badge--ok' : 'badge--warn'}`}>{t(c.allowed ? 'consent.allowed' : 'consent.refused')}</span>
                      {c.state === 'unknown' ? ` ${t('consent.byDefault')}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          <h3 id={`${id}-history`}>{t('consent.history')}</h3>
          {load.data.history.length === 0 ? (
            <p>{t('consent.noHistory')}</p>
          ) : (
            <ul aria-labelledby={`${id}-history`} className="consent__history">
              {load.data.history.map((e) => (
                <li key={e.id}>
                  {t('consent.historyLine', {
                    when: formatDateTime(e.occurredAt),
                    state: t(STATE_KEYS[e.state]),
                    channel: t(CHANNEL_KEYS[e.channel]),
                    purpose: t(PURPOSE_KEYS[e.purpose]),
                    address: e.address,
                    method: t(METHOD_KEYS[e.method]),
                  })}
                  {e.evidence.note ? ` · ${e.evidence.note}` : ''}
                </li>
              ))}
            </ul>
          )}
          {load.data.contactPoints.some((cp) => cp.address) && (
            <RecordConsentForm customer={customer} data={load.data} label={label} onRecorded={() => void reload()} />
          )}
        </>
      )}
    </section>
  );
}

function RecordConsentForm({ customer, data, label, onRecorded }: { customer: Customer; data: CustomerConsent; label: (id: string) => string; onRecorded: () => void }) {
  const http = useApi();
  const id = useId();
  const points = data.contactPoints.filter((cp) => cp.address);
  const [pointId, setPointId] = useState(points[0]?.contactPointId ?? '');
  const kind = customer.contactPoints.find((p) => p.id === pointId)?.kind === 'email' ? 'email' : 'phone';
  const channels = channelsFor(kind);
  const [channel, setChannel] = useState<ConsentChannel>(channels[0] ?? 'voice');
  const [purpose, setPurpose] = useState<ConsentPurpose>('marketing');
  const [state, setState] = useState<'granted' | 'withdrawn'>('withdrawn');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const effectiveChannel = channels.includes(channel) ? channel : (channels[0] ?? 'voice');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await recordConsent(http, customer.id, { contactPointId: pointId, channel: effectiveChannel, purpose, state, evidence: note.trim() ? { note: note.trim() } : {} });
      setNote('');
      setMessage({ ok: true, text: t('consent.saved') });
      onRecorded();
    } catch (err) {
      setMessage({ ok: false, text: partyErrorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} className="consent__form">
      <h3 id={`${id}-title`}>{t('consent.record')}</h3>
      <label htmlFor={`${id}-point`}>{t('consent.contactPoint')}</label>
      <select id={`${id}-point`} value={pointId} onChange={(e) => setPointId(e.target.value)}>
        {points.map((cp) => (
          <option key={cp.contactPointId} value={cp.contactPointId}>
            {label(cp.contactPointId)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-channel`}>{t('consent.channel')}</label>
      <select id={`${id}-channel`} value={effectiveChannel} onChange={(e) => setChannel(e.target.value as ConsentChannel)}>
        {channels.map((c) => (
          <option key={c} value={c}>
            {t(CHANNEL_KEYS[c])}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-purpose`}>{t('consent.purpose')}</label>
      <select id={`${id}-purpose`} value={purpose} onChange={(e) => setPurpose(e.target.value as ConsentPurpose)}>
        {CONSENT_PURPOSES.map((p) => (
          <option key={p} value={p}>
            {t(PURPOSE_KEYS[p])}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-state`}>{t('consent.state')}</label>
      <select id={`${id}-state`} value={state} onChange={(e) => setState(e.target.value as 'granted' | 'withdrawn')}>
        <option value="withdrawn">{t('consent.state.withdrawn')}</option>
        <option value="granted">{t('consent.state.granted')}</option>
      </select>
      <label htmlFor={`${id}-note`}>{t('consent.note')}</label>
      <input id={`${id}-note`} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={busy || !pointId}>
        {t('consent.save')}
      </button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'error-text'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
