import { useCallback, useId, useState } from 'react';
import type { Colleague, Snapshot } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { commandErrorText, type CommandOutcome } from '../../realtime/command-outcome.js';
import { callerText } from '../../realtime/live-format.js';
import type { LiveData } from '../../realtime/live-state.js';
import { useRealtime, useRealtimeState } from '../../realtime/realtime-context.js';
import type { RealtimeState } from '../../realtime/socket-client.js';
import { SoftphonePanel } from '../phone/softphone-panel.js';
import { usePhoneDriver } from '../phone/use-phone-driver.js';
import { activeCall, dispositions, mutedOn, pauseReasons, popFor, wrapUpCallId } from './agent-model.js';
import { CallPanel, type Consultation } from './call-panel.js';
import { QueueMembership } from './queue-membership.js';
import { ScreenPopPanel } from './screen-pop-panel.js';
import { useShortcuts, type ShortcutAction } from './shortcuts.js';
import { ShortcutsHelpDialog } from './shortcuts-help-dialog.js';
import { StateSelector } from './state-selector.js';
import { TransferDialog } from './transfer-dialog.js';
import { WrapUpForm } from './wrap-up-form.js';

/** What the page says while it has no trustworthy picture. */
export function SyncStatus({ state }: { state: RealtimeState }) {
  const key =
    state.connection === 'offline'
      ? 'live.offline'
      : state.connection === 'reconnecting'
        ? 'live.reconnecting'
        : state.connection === 'connecting'
          ? 'live.connecting'
          : 'live.syncing';
  return (
    <p role="status" className="notice" aria-busy="true">
      {t(key)}
    </p>
  );
}

/**
 * The agent's desk: state, queues, phone, the live call with its caller's record, and wrap-up.
 * `multiTenant`: the user works for several tenants, so each pop says whose caller it is.
 */
export function AgentPage({ multiTenant = false }: { multiTenant?: boolean }) {
  const client = useRealtime();
  const state = useRealtimeState();
  const id = useId();
  const phone = usePhoneDriver(client, state.live?.extras.phone ?? null);
  const [helpOpen, setHelpOpen] = useState(false);

  return (
    <section className="page agent-page" aria-labelledby={`${id}-title`}>
      <div className="page__head">
        <h1 id={`${id}-title`}>{t('agent.title')}</h1>
        <button type="button" className="button" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
          {t('shortcuts.open')}
        </button>
      </div>
      {state.serverError && (
        <p role="alert" className="error-text">
          {commandErrorText(state.serverError)}
        </p>
      )}
      {state.live?.me ? (
        <AgentDesk live={state.live} state={state} phone={phone} onHelp={() => setHelpOpen(true)} multiTenant={multiTenant} />
      ) : state.live ? (
        <p role="alert">{t('agent.notAnAgent')}</p>
      ) : (
        <SyncStatus state={state} />
      )}
      {helpOpen && <ShortcutsHelpDialog onClose={() => setHelpOpen(false)} />}
    </section>
  );
}

interface DeskProps {
  live: LiveData;
  state: RealtimeState;
  phone: ReturnType<typeof usePhoneDriver>;
  onHelp(): void;
  multiTenant: boolean;
}

function AgentDesk({ live, state, phone, onHelp, multiTenant }: DeskProps) {
  const client = useRealtime();
  const api = useApi();
  const loadColleagues = useCallback(async (): Promise<Colleague[]> => {
    const reply = await api.get<{ ok: boolean; data?: Snapshot }>('/api/cti/snapshot');
    return reply.data?.view === 'agent' ? (reply.data.colleagues ?? []) : [];
  }, [api]);
  const me = live.me as NonNullable<LiveData['me']>;
  const call = activeCall(live);
  const wrapId = wrapUpCallId(me);
  const pop = popFor(state.pops, call?.callId ?? wrapId);
  const [consultation, setConsultation] = useState<Consultation | null>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const [shortcutError, setShortcutError] = useState<string | null>(null);
  const talking = me.status.kind === 'on_call' || me.status.kind === 'on_hold';

  async function act(action: () => Promise<CommandOutcome>) {
    setShortcutError(null);
    const outcome = await action();
    if (!outcome.ok) setShortcutError(commandErrorText(outcome.error));
  }

  useShortcuts((action: ShortcutAction) => {
    if (action === 'help') onHelp();
    else if (action === 'ready') void act(() => client.sendCommand('unpause', {}));
    else if (!call) setShortcutError(t('shortcuts.noCall'));
    else if (action === 'hangUp') void act(() => client.sendCommand('hangUp', { callId: call.callId }));
    else if (action === 'hold' && talking) void act(() => client.sendCommand(me.status.kind === 'on_hold' ? 'unhold' : 'hold', { callId: call.callId }));
    else if (action === 'transfer' && talking) setTransferOpen(true);
    else if (action === 'mute' && talking) void act(() => client.sendCommand(mutedOn(call, me) ? 'unmute' : 'mute', { callId: call.callId }));
  });

  const lastCaller = me.lastCall?.callId === wrapId && me.lastCall.callerNumber ? callerText(me.lastCall.callerNumber, null) : null;

  return (
    <div className="agent-desk">
      <div className="agent-desk__side">
        <StateSelector me={me} clockOffsetMs={live.clockOffsetMs} reasons={pauseReasons(live)} client={client} />
        <QueueMembership me={me} queues={live.queues} clockOffsetMs={live.clockOffsetMs} client={client} />
        {phone && <SoftphonePanel driver={phone} />}
      </div>
      <div className="agent-desk__main">
        <div role="alert" className="alert-slot">
          {shortcutError && <p className="error-text">{shortcutError}</p>}
        </div>
        {call ? (
          <CallPanel
            call={call}
            me={me}
            pop={pop}
            clockOffsetMs={live.clockOffsetMs}
            client={client}
            phone={phone}
            consultation={consultation}
            onConsultationEnd={() => setConsultation(null)}
            onTransfer={() => setTransferOpen(true)}
          />
        ) : (
          <section className="card">
            <h2>{t('call.title')}</h2>
            <p>{t('call.none')}</p>
          </section>
        )}
        {wrapId && (
          <WrapUpForm
            // Prefixed: the pop below is keyed by the same call id, and siblings' keys must differ.
            key={`wrap-up:${wrapId}`}
            callId={wrapId}
            callerText={lastCaller}
            until={me.status.kind === 'wrap_up' ? me.status.until : null}
            clockOffsetMs={live.clockOffsetMs}
            options={dispositions(live)}
            client={client}
          />
        )}
        {pop && <ScreenPopPanel key={`pop:${pop.callId}`} pop={pop} showTenant={multiTenant} />}
      </div>
      {transferOpen && call && (
        <TransferDialog
          callId={call.callId}
          directory={{
            // Agents see colleagues from their snapshot; a supervisor with a phone sees the live agent list.
            agents: (live.view === 'agent' ? live.colleagues : Object.values(live.agents)).filter((a) => a.agentId !== me.agentId && a.status.kind !== 'logged_out'),
            queues: Object.keys(live.queues).sort(),
          }}
          loadColleagues={loadColleagues}
          client={client}
          onClose={() => setTransferOpen(false)}
          onConsultStarted={(target) => {
            setConsultation({ callId: call.callId, target });
            setTransferOpen(false);
          }}
        />
      )}
    </div>
  );
}
