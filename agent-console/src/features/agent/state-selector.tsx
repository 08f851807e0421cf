import { useId, useState } from 'react';
import type { AgentView } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { AGENT_STATUS_GLYPH, AGENT_STATUS_KEYS, Elapsed } from '../../realtime/live-format.js';
import type { RealtimeClient } from '../../realtime/socket-client.js';
import { useCommandRunner } from './use-command.js';

interface StateSelectorProps {
  me: AgentView;
  clockOffsetMs: number;
  reasons: string[];
  client: RealtimeClient;
}

/** The agent's state with its running time, and the ready / pause-with-reason switch. */
export function StateSelector({ me, clockOffsetMs, reasons, client }: StateSelectorProps) {
  const id = useId();
  const { busy, error, run } = useCommandRunner();
  const current = me.status.kind === 'paused' ? me.status.reason : '';
  const [reason, setReason] = useState(current || reasons[0] || '');
  const kind = me.status.kind;

  return (
    <section className="card agent-state" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('agent.state.title')}</h2>
      <p className={`agent-status agent-status--${kind}`}>
        <span aria-hidden="true">{AGENT_STATUS_GLYPH[kind]} </span>
        <strong>{t(AGENT_STATUS_KEYS[kind])}</strong>
        {me.status.kind === 'paused' && ` · ${me.status.reason}`} · {t('agent.state.for')}{' '}
        <Elapsed since={me.status.since} clockOffsetMs={clockOffsetMs} />
      </p>
      <div className="agent-state__controls">
        <button
          type="button"
          className="button button--primary"
          aria-pressed={kind === 'ready'}
          // On a call the switch decides the state; Ready comes back with wrap-up or the call's end.
          disabled={busy || kind === 'ready' || kind === 'ringing' || kind === 'on_call' || kind === 'on_hold'}
          onClick={() => void run(() => client.sendCommand('unpause', {}))}
        >
          {t('agent.state.ready')}
        </button>
        <form
          className="agent-state__pause"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason) void run(() => client.sendCommand('pause', { reason }));
          }}
        >
          <label htmlFor={`${id}-reason`}>{t('agent.state.reason')}</label>
          <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)}>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button type="submit" className="button" disabled={busy || !reason || (kind === 'paused' && current === reason)}>
            {t('agent.state.pause')}
          </button>
        </form>
      </div>
      <div role="alert" className="alert-slot">
        {error && <p className="error-text">{error}</p>}
      </div>
    </section>
  );
}
