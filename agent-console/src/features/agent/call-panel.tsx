import { useId, useState, type ReactNode } from 'react';
import { customerDisplayName, type AgentView, type CallView, type IvrStep, type ScreenPop } from '@ringside/shared';
import { formatDuration } from '../customers/customer-format.js';
import { t } from '../../i18n/t.js';
import { CALL_STATUS_KEYS, callerText, Elapsed } from '../../realtime/live-format.js';
import type { RealtimeClient } from '../../realtime/socket-client.js';
import type { PhoneDriver } from '../phone/phone-driver.js';
import { mutedOn } from './agent-model.js';
import { Keypad } from './keypad.js';
import { useCommandRunner } from './use-command.js';

/** An attended transfer whose consultation call is running. */
export interface Consultation {
  callId: string;
  target: string;
}

interface CallPanelProps {
  call: CallView;
  me: AgentView;
  pop: ScreenPop | null;
  clockOffsetMs: number;
  client: RealtimeClient;
  phone: PhoneDriver | null;
  consultation: Consultation | null;
  onConsultationEnd(): void;
  onTransfer(): void;
}

function ivrText(path: IvrStep[]): string {
  if (path.length === 0) return t('timeline.none');
  return path.map((s) => (s.kind === 'menu' ? s.menu : t('call.ivrDigit', { digit: s.digit }))).join(' › ');
}

function customerName(pop: ScreenPop | null, call: CallView): string | null {
  if (pop?.match.kind === 'single') return customerDisplayName(pop.match.customer) || null;
  return call.callerName;
}

/** The live call: who, from where, for how long, and the controls the agent needs during it. */
export function CallPanel(props: CallPanelProps) {
  const { call, me, pop, clockOffsetMs, client, phone, consultation } = props;
  const id = useId();
  const { busy, error, run } = useCommandRunner();
  const [keypadOpen, setKeypadOpen] = useState(false);
  const held = me.status.kind === 'on_hold' || call.status.kind === 'held';
  const talking = me.status.kind === 'on_call' || me.status.kind === 'on_hold';
  // From the call view, not from this component: a reload, a second console and the wallboard agree.
  const muted = mutedOn(call, me);
  const waitFrom = call.queuedAt ?? call.offeredAt;
  const name = customerName(pop, call);
  const consulting = consultation?.callId === call.callId;

  return (
    <section className="card call-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('call.title')}</h2>
      <p className="call-panel__who">
        <span className="call-panel__number">{callerText(call.callerNumber, call.callerE164)}</span>
        {name && <span className="call-panel__name"> · {name}</span>}
      </p>
      <dl className="facts">
        <Fact label={t('call.state')}>
          <span aria-hidden="true">{held ? '◎ ' : '◉ '}</span>
          {t(CALL_STATUS_KEYS[call.status.kind])}
        </Fact>
        <Fact label={t('call.queue')}>{call.queue ?? t('timeline.none')}</Fact>
        <Fact label={t('call.ivr')}>{ivrText(call.ivrPath)}</Fact>
        <Fact label={t('call.wait')}>
          {call.answeredAt ? formatDuration((call.answeredAt - waitFrom) / 1000) : <Elapsed since={waitFrom} clockOffsetMs={clockOffsetMs} />}
        </Fact>
        <Fact label={t('call.talk')}>{call.answeredAt ? <Elapsed since={call.answeredAt} clockOffsetMs={clockOffsetMs} /> : t('timeline.none')}</Fact>
        <Fact label={t('call.hold')}>
          {me.status.kind === 'on_hold' ? (
            <Elapsed since={me.status.since} clockOffsetMs={clockOffsetMs} extraSeconds={call.holdSeconds} />
          ) : (
            formatDuration(call.holdSeconds)
          )}
        </Fact>
      </dl>

      <div className="call-controls" role="group" aria-label={t('call.controls')}>
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void run(() => client.sendCommand('hangUp', { callId: call.callId }))}>
          {t('call.hangUp')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={held}
          disabled={busy || !talking}
          onClick={() => void run(() => client.sendCommand(held ? 'unhold' : 'hold', { callId: call.callId }))}
        >
          {held ? t('call.unhold') : t('call.hold.action')}
        </button>
        {/* Muted at the switch in every phone mode: a softphone's own mute would be invisible to the server. */}
        <button type="button" className="button" aria-pressed={muted} disabled={busy || !talking} onClick={() => void run(() => client.sendCommand(muted ? 'unmute' : 'mute', { callId: call.callId }))}>
          {muted ? t('call.unmute') : t('call.mute')}
        </button>
        <button type="button" className="button" aria-expanded={keypadOpen} aria-controls={`${id}-keypad`} disabled={!talking} onClick={() => setKeypadOpen((o) => !o)}>
          {t('call.keypad')}
        </button>
        <button type="button" className="button" disabled={busy || !talking || consulting} onClick={props.onTransfer}>
          {t('call.transfer')}
        </button>
      </div>

      {consulting && consultation && (
        <div className="call-panel__consult" role="group" aria-label={t('transfer.consulting', { target: consultation.target })}>
          <p>{t('transfer.consulting', { target: consultation.target })}</p>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void run(() => client.sendCommand('attendedTransferComplete', { callId: call.callId })).then((ok) => ok && props.onConsultationEnd())}
          >
            {t('transfer.complete')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => client.sendCommand('attendedTransferCancel', { callId: call.callId })).then((ok) => ok && props.onConsultationEnd())}
          >
            {t('transfer.cancel')}
          </button>
        </div>
      )}

      {keypadOpen && talking && <Keypad id={`${id}-keypad`} callId={call.callId} phone={phone} />}

      <div role="alert" className="alert-slot">
        {error && <p className="error-text">{error}</p>}
      </div>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
