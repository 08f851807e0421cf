import { useEffect, useId, useState } from 'react';
import { commandErrorText, type CommandOutcome } from '../../realtime/command-outcome.js';
import { t, type PlainMessageKey } from '../../i18n/t.js';
import type { CallQuality, PhoneCallState, PhoneDriver, PhoneEventMap, RegistrationState } from './phone-driver.js';

const REGISTRATION: Record<RegistrationState, { key: PlainMessageKey; glyph: string }> = {
  unregistered: { key: 'phone.registration.unregistered', glyph: '○' },
  registering: { key: 'phone.registration.registering', glyph: '◐' },
  registered: { key: 'phone.registration.registered', glyph: '●' },
  failed: { key: 'phone.registration.failed', glyph: '✕' },
};

const CALL: Record<PhoneCallState, PlainMessageKey> = {
  idle: 'phone.call.idle',
  incoming: 'phone.call.incoming',
  active: 'phone.call.active',
  held: 'phone.call.held',
  ended: 'phone.call.ended',
};

const PROBLEM_KEYS: Record<string, PlainMessageKey> = {
  MIC_DENIED: 'phone.error.micDenied',
  MIC_MISSING: 'phone.error.micMissing',
  NOT_SUPPORTED: 'phone.error.notSupported',
  NETWORK: 'phone.error.network',
};

function useDriverEvent<E extends keyof PhoneEventMap>(driver: PhoneDriver, event: E): PhoneEventMap[E] | null {
  const [value, setValue] = useState(() => driver.latest(event));
  useEffect(() => {
    setValue(driver.latest(event));
    return driver.on(event, setValue);
  }, [driver, event]);
  return value;
}

/** The phone: how it is connected, whether it can take calls, the call it has, and media quality. */
export function SoftphonePanel({ driver }: { driver: PhoneDriver }) {
  const id = useId();
  const registration = useDriverEvent(driver, 'registration');
  const callState = useDriverEvent(driver, 'callState')?.state ?? 'idle';
  const incoming = useDriverEvent(driver, 'incoming');
  const quality = useDriverEvent(driver, 'quality');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reg = registration?.state ?? 'unregistered';
  const problemKey = registration?.problem ? PROBLEM_KEYS[registration.problem] : undefined;

  async function run(action: () => Promise<CommandOutcome>) {
    setBusy(true);
    setError(null);
    const outcome = await action();
    setBusy(false);
    if (!outcome.ok) setError(commandErrorText(outcome.error));
  }

  return (
    <section className="card softphone" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('phone.title')}</h2>
      <p className="hint">{t(driver.kind === 'webrtc' ? 'phone.mode.webrtc' : 'phone.mode.server')}</p>
      <dl className="facts">
        <div>
          <dt>{t('phone.registration')}</dt>
          <dd className={`conn conn--${reg === 'registered' ? 'ok' : reg === 'failed' ? 'down' : 'warn'}`}>
            <span aria-hidden="true">{REGISTRATION[reg].glyph}</span> {t(REGISTRATION[reg].key)}
          </dd>
        </div>
        <div>
          <dt>{t('phone.callState')}</dt>
          <dd>
            {t(CALL[callState])}
            {callState === 'incoming' && incoming?.remote ? ` · ${incoming.remote}` : ''}
          </dd>
        </div>
        {quality && <QualityFacts quality={quality} />}
      </dl>
      <div role="alert" className="alert-slot">
        {(error ?? (problemKey && t(problemKey))) && <p className="error-text">{error ?? (problemKey ? t(problemKey) : '')}</p>}
      </div>
      <div className="actions">
        {driver.kind === 'webrtc' && (reg === 'unregistered' || reg === 'failed') && (
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => driver.register())}>
            {t('phone.connect')}
          </button>
        )}
        {reg === 'registered' && callState === 'incoming' && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => driver.answer())}>
            {t('phone.answer')}
          </button>
        )}
        {driver.kind === 'webrtc' && (reg === 'registered' || reg === 'registering') && (
          <button type="button" className="button" onClick={() => driver.unregister()}>
            {t('phone.disconnect')}
          </button>
        )}
      </div>
    </section>
  );
}

function QualityFacts({ quality }: { quality: CallQuality }) {
  const dash = t('timeline.none');
  return (
    <div>
      <dt>{t('phone.quality')}</dt>
      <dd>
        {t('phone.qualityValues', {
          rtt: quality.rttMs ?? dash,
          jitter: quality.jitterMs ?? dash,
          loss: quality.packetLossPct ?? dash,
        })}
      </dd>
    </div>
  );
}
