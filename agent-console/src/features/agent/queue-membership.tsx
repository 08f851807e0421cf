import { useId } from 'react';
import type { AgentView, QueueView } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { Elapsed } from '../../realtime/live-format.js';
import type { RealtimeClient } from '../../realtime/socket-client.js';
import { useCommandRunner } from './use-command.js';

/** Callers waiting in a queue and how long the first of them has waited, so an agent sees the pressure. */
function Waiting({ queue, clockOffsetMs }: { queue: QueueView | undefined; clockOffsetMs: number }) {
  if (!queue) return null;
  return (
    <span className="queue-list__waiting">
      {t('agent.queues.waiting', { count: String(queue.waiting) })}
      {queue.longestWaitSince !== null && (
        <>
          {' · '}
          {t('agent.queues.longest')} <Elapsed since={queue.longestWaitSince} clockOffsetMs={clockOffsetMs} />
        </>
      )}
    </span>
  );
}

/** The queues the agent may take calls from, each with its waiting callers and a log in / log out switch. */
export function QueueMembership({ me, queues, clockOffsetMs, client }: { me: AgentView; queues: Record<string, QueueView>; clockOffsetMs: number; client: RealtimeClient }) {
  const id = useId();
  const { busy, error, run } = useCommandRunner();
  const names = [...new Set([...Object.keys(queues), ...me.memberships.map((m) => m.queue)])].sort();

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('agent.queues.title')}</h2>
      {names.length === 0 ? (
        <p>{t('agent.queues.none')}</p>
      ) : (
        <ul className="queue-list">
          {names.map((queue) => {
            const m = me.memberships.find((x) => x.queue === queue);
            return (
              <li key={queue}>
                <span className="queue-list__name">{queue}</span>{' '}
                <span className="badge">
                  <span aria-hidden="true">{m ? (m.paused ? '⏸ ' : '● ') : '○ '}</span>
                  {m ? (m.paused ? t('agent.queues.memberPaused', { reason: m.pausedReason ?? '' }) : t('agent.queues.member')) : t('agent.queues.notMember')}
                </span>{' '}
                <Waiting queue={queues[queue]} clockOffsetMs={clockOffsetMs} />{' '}
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => void run(() => client.sendCommand(m ? 'queueLogout' : 'queueLogin', { queue }))}
                >
                  {m ? t('agent.queues.logout', { queue }) : t('agent.queues.login', { queue })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div role="alert" className="alert-slot">
        {error && <p className="error-text">{error}</p>}
      </div>
    </section>
  );
}
