import { useId, useState } from 'react';
import type { AgentView, CallView } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { ModalDialog } from '../../layout/modal-dialog.js';
import { AGENT_STATUS_GLYPH, AGENT_STATUS_KEYS, callerText, Elapsed } from '../../realtime/live-format.js';
import type { RealtimeClient } from '../../realtime/socket-client.js';
import { handledToday } from '../../realtime/snapshot-extras.js';
import { useCommandRunner } from '../agent/use-command.js';

interface AgentsTableProps {
  agents: AgentView[];
  calls: Record<string, CallView>;
  clockOffsetMs: number;
  pauseReasons: string[];
  client: RealtimeClient;
}

type Pending = { kind: 'pause'; agent: AgentView } | { kind: 'logout'; agent: AgentView } | null;

function currentCall(agent: AgentView, calls: Record<string, CallView>): CallView | null {
  const s = agent.status;
  return s.kind === 'ringing' || s.kind === 'on_call' || s.kind === 'on_hold' ? (calls[s.callId] ?? null) : null;
}

/** Whether the switch mutes the agent's live leg of the call. */
function mutedOn(agent: AgentView, call: CallView | null): boolean {
  return call?.legs.some((l) => l.agentId === agent.agentId && l.state !== 'ended' && l.muted) ?? false;
}

/** Every agent with state, time in state and call; supervisors listen in, coach, barge, or pause and log out. */
export function AgentsTable({ agents, calls, clockOffsetMs, pauseReasons, client }: AgentsTableProps) {
  const id = useId();
  const { busy, error, run } = useCommandRunner();
  const [pending, setPending] = useState<Pending>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const sorted = [...agents].sort((a, b) => a.name.localeCompare(b.name));

  async function send(action: () => ReturnType<RealtimeClient['sendCommand']>, done: string) {
    setNotice(null);
    if (await run(action)) setNotice(done);
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('wallboard.agents')}</h2>
      <div role="alert" className="alert-slot">
        {error && <p className="error-text">{error}</p>}
      </div>
      <p role="status">{notice}</p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('wallboard.col.agent')}</th>
              <th scope="col">{t('wallboard.col.state')}</th>
              <th scope="col">{t('wallboard.col.reason')}</th>
              <th scope="col">{t('wallboard.col.time')}</th>
              <th scope="col">{t('wallboard.col.call')}</th>
              <th scope="col">{t('wallboard.col.handled')}</th>
              <th scope="col">{t('wallboard.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((a) => {
              const call = currentCall(a, calls);
              const onCall = a.status.kind === 'on_call' || a.status.kind === 'on_hold';
              const handled = handledToday(a);
              return (
                <tr key={a.agentId}>
                  <th scope="row">
                    {a.name} <span className="hint-inline">{a.extension}</span>
                  </th>
                  <td className={`agent-status agent-status--${a.status.kind}`}>
                    <span aria-hidden="true">{AGENT_STATUS_GLYPH[a.status.kind]} </span>
                    {t(AGENT_STATUS_KEYS[a.status.kind])}
                  </td>
                  <td>{a.status.kind === 'paused' ? a.status.reason : t('timeline.none')}</td>
                  <td>
                    <Elapsed since={a.status.since} clockOffsetMs={clockOffsetMs} />
                  </td>
                  <td>
                    {call ? [callerText(call.callerNumber, call.callerE164), call.queue].filter(Boolean).join(' · ') : t('timeline.none')}
                    {/* In words, not only an icon or a colour: a muted agent is something a supervisor acts on. */}
                    {mutedOn(a, call) && (
                      <>
                        {' '}
                        <span className="badge">
                          <span aria-hidden="true">🔇 </span>
                          {t('wallboard.muted')}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{handled ?? t('timeline.none')}</td>
                  <td>
                    <div className="row-actions" role="group" aria-label={t('wallboard.actionsFor', { name: a.name })}>
                      <button type="button" className="button" disabled={busy || !onCall} onClick={() => void send(() => client.sendCommand('supervisorListen', { agentId: a.agentId }), t('wallboard.listening', { name: a.name }))}>
                        {t('wallboard.listen')}
                      </button>
                      <button type="button" className="button" disabled={busy || !onCall} onClick={() => void send(() => client.sendCommand('supervisorWhisper', { agentId: a.agentId }), t('wallboard.whispering', { name: a.name }))}>
                        {t('wallboard.whisper')}
                      </button>
                      <button type="button" className="button" disabled={busy || !onCall} onClick={() => void send(() => client.sendCommand('supervisorBarge', { agentId: a.agentId }), t('wallboard.barging', { name: a.name }))}>
                        {t('wallboard.barge')}
                      </button>
                      <button type="button" className="button" disabled={busy || a.status.kind === 'logged_out' || a.status.kind === 'paused'} onClick={() => setPending({ kind: 'pause', agent: a })}>
                        {t('wallboard.forcePause')}
                      </button>
                      <button type="button" className="button" disabled={busy || a.status.kind === 'logged_out'} onClick={() => setPending({ kind: 'logout', agent: a })}>
                        {t('wallboard.forceLogout')}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pending?.kind === 'pause' && (
        <ForcePauseDialog
          agent={pending.agent}
          reasons={pauseReasons}
          onClose={() => setPending(null)}
          onConfirm={(reason) => {
            const agent = pending.agent;
            setPending(null);
            void send(() => client.sendCommand('forcePause', { agentId: agent.agentId, reason }), t('wallboard.paused', { name: agent.name }));
          }}
        />
      )}
      {pending?.kind === 'logout' && (
        <ModalDialog title={t('wallboard.forceLogoutTitle', { name: pending.agent.name })} onClose={() => setPending(null)}>
          <p>{t('wallboard.forceLogoutBody')}</p>
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                const agent = pending.agent;
                setPending(null);
                void send(() => client.sendCommand('forceLogout', { agentId: agent.agentId }), t('wallboard.loggedOut', { name: agent.name }));
              }}
            >
              {t('wallboard.forceLogout')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setPending(null)} data-autofocus>
              {t('form.cancel')}
            </button>
          </div>
        </ModalDialog>
      )}
    </section>
  );
}

function ForcePauseDialog({ agent, reasons, onClose, onConfirm }: { agent: AgentView; reasons: string[]; onClose(): void; onConfirm(reason: string): void }) {
  const id = useId();
  const [reason, setReason] = useState(reasons[0] ?? '');
  return (
    <ModalDialog title={t('wallboard.forcePauseTitle', { name: agent.name })} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason) onConfirm(reason);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('agent.state.reason')}</label>
          <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)}>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t('wallboard.forcePause')}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
