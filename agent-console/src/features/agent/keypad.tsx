import { useState } from 'react';
import { t } from '../../i18n/t.js';
import type { PhoneDriver } from '../phone/phone-driver.js';
import { useCommandRunner } from './use-command.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** DTMF keys for menus of third parties; each press plays one tone into the call. */
export function Keypad({ id, callId, phone }: { id: string; callId: string; phone: PhoneDriver | null }) {
  const [sent, setSent] = useState('');
  const { error, run } = useCommandRunner();

  async function press(key: string) {
    if (!phone) return;
    const ok = await run(() => phone.dtmf(callId, key));
    if (ok) setSent((s) => (s + key).slice(-32));
  }

  return (
    <div id={id} className="keypad" role="group" aria-label={t('call.keypad')}>
      <div className="keypad__keys">
        {KEYS.map((k) => (
          <button key={k} type="button" className="button keypad__key" disabled={!phone} aria-label={t('call.keypadKey', { key: k })} onClick={() => void press(k)}>
            {k}
          </button>
        ))}
      </div>
      <p role="status" className="keypad__sent">
        {sent && t('call.keypadSent', { digits: sent })}
      </p>
      <div role="alert" className="alert-slot">
        {error && <p className="error-text">{error}</p>}
      </div>
    </div>
  );
}
