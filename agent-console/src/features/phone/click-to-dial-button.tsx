import { useState } from 'react';
import { dialNumberSchema } from '@ringside/shared';
import { commandErrorText } from '../../realtime/command-outcome.js';
import { useConnectionState, useOptionalRealtime } from '../../realtime/realtime-context.js';
import { t } from '../../i18n/t.js';

interface ClickToDialProps {
  /** The number to dial, E.164 preferred. */
  number: string;
  /** What the user reads (the formatted number). */
  label: string;
  customerId?: string;
}

/**
 * A phone number: a button that dials it from the agent's phone while the socket is connected,
 * otherwise a plain tel: link (which the OS may hand to a desk phone or app).
 */
export function ClickToDial({ number, label, customerId }: ClickToDialProps) {
  const client = useOptionalRealtime();
  const connection = useConnectionState();
  const [status, setStatus] = useState<{ kind: 'idle' | 'dialling' | 'sent' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const dialable = dialNumberSchema.safeParse(number).success;

  if (!client || connection !== 'connected' || !dialable) {
    return dialable ? <a href={`tel:${number}`}>{label}</a> : <span>{label}</span>;
  }

  async function dial() {
    if (!client) return;
    setStatus({ kind: 'dialling' });
    const outcome = await client.sendCommand('clickToDial', customerId ? { number, customerId } : { number });
    setStatus(outcome.ok ? { kind: 'sent' } : { kind: 'failed', message: commandErrorText(outcome.error) });
  }

  return (
    <span className="click-to-dial">
      <button
        type="button"
        className="button button--link"
        aria-label={t('dial.button', { number: label })}
        disabled={status.kind === 'dialling'}
        onClick={() => void dial()}
      >
        <span aria-hidden="true">☎ </span>
        {label}
      </button>
      <span role="status" className="click-to-dial__status">
        {status.kind === 'dialling' && t('dial.dialling')}
        {status.kind === 'sent' && t('dial.sent')}
        {status.kind === 'failed' && <span className="error-text">{status.message}</span>}
      </span>
    </span>
  );
}
