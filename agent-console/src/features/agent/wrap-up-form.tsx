import { useId, useState, type FormEvent } from 'react';
import { t } from '../../i18n/t.js';
import { Countdown } from '../../realtime/live-format.js';
import type { RealtimeClient } from '../../realtime/socket-client.js';
import type { DispositionOption } from '../../realtime/snapshot-extras.js';
import { dispositionLabel } from './agent-model.js';
import { useCommandRunner } from './use-command.js';

interface WrapUpFormProps {
  callId: string;
  callerText: string | null;
  /** End of the wrap-up time (server clock); null once the agent is out of wrap-up. */
  until: number | null;
  clockOffsetMs: number;
  options: DispositionOption[];
  client: RealtimeClient;
}

/** The call's outcome and notes, with the time left before the next call rings. */
export function WrapUpForm({ callId, callerText, until, clockOffsetMs, options, client }: WrapUpFormProps) {
  const id = useId();
  const [code, setCode] = useState('');
  const [notes, setNotes] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useCommandRunner();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!code) {
      setCodeError(t('wrapUp.dispositionRequired'));
      document.getElementById(`${id}-code`)?.focus();
      return;
    }
    const ok = await run(() => client.sendCommand('setDisposition', notes.trim() ? { callId, code, notes } : { callId, code }));
    setSaved(ok);
  }

  return (
    <section className="card wrap-up" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('wrapUp.title')}</h2>
      {callerText && <p className="subtitle">{t('wrapUp.call', { caller: callerText })}</p>}
      {until !== null && (
        <p className="wrap-up__countdown">
          {t('wrapUp.timeLeft')} <Countdown until={until} clockOffsetMs={clockOffsetMs} />
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className={codeError ? 'field field--invalid' : 'field'}>
          <label htmlFor={`${id}-code`}>{t('wrapUp.disposition')}</label>
          <select
            id={`${id}-code`}
            value={code}
            required
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? `${id}-code-error` : undefined}
            onChange={(e) => {
              setCode(e.target.value);
              setCodeError(null);
              setSaved(false);
            }}
          >
            <option value="">{t('wrapUp.choose')}</option>
            {options.map((o) => (
              <option key={o.code} value={o.code}>
                {dispositionLabel(o)}
              </option>
            ))}
          </select>
          {codeError && (
            <p id={`${id}-code-error`} className="error-text">
              <span aria-hidden="true">⚠ </span>
              {codeError}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-notes`}>{t('wrapUp.notes')}</label>
          <textarea id={`${id}-notes`} rows={4} maxLength={2000} value={notes} onChange={(e) => { setNotes(e.target.value); setSaved(false); }} />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('form.saving') : t('wrapUp.save')}
          </button>
          {until !== null && (
            <button type="button" className="button" disabled={busy} onClick={() => void run(() => client.sendCommand('unpause', {}))}>
              {t('wrapUp.readyNow')}
            </button>
          )}
        </div>
        <p role="status">{saved && t('wrapUp.saved')}</p>
        <div role="alert" className="alert-slot">
          {error && <p className="error-text">{error}</p>}
        </div>
      </form>
    </section>
  );
}
