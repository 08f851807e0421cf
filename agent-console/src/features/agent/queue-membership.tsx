import { useId } from 'react';
import { agentQueuesSchema, type AgentQueue, type AgentView, type QueueView } from '@ringside/shared';
import type { HttpClient } from '../../api/http-client.js';
import { useList } from '../../api/use-list.js';
import { t } from '../../i18n/t.js';
import { Elapsed } from '../../realtime/live-format.js';
import type { RealtimeClient } from '../../realtime/socket-client.js';
import { useCommandRunner } from './use-command.js';

/** The queues the live dial plan lets this agent take: the same list the queue commands enforce. */
async function fetchMyQueues(http: HttpClient, signal?: AbortSignal): Promise<AgentQueue[]> {
  return agentQueuesSchema.parse(await http.get('/api/agent/queues', signal ? { signal } : {})).queues;
}

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

/**
 * What the list shows: every queue the agent may take, and a queue the switch still has them in
 * although the dial plan no longer lists them (they may leave it). Queues they may not join are hidden.
 */
function rowsOf(allowed: AgentQueue[], me: AgentView): AgentQueue[] {
  const extra = me.memberships.filter((m) => !allowed.some((q) => q.queue === m.queue)).map((m): AgentQueue => ({ queue: m.queue, membership: 'dynamic' }));
  return [...allowed, ...extra].sort((a, b) => a.queue.localeCompare(b.queue));
}

/** The queues the agent may take calls from, each with its waiting callers; dynamic ones with a log in / log out switch. */
export function QueueMembership({ me, queues, clockOffsetMs, client }: { me: AgentView; queues: Record<string, QueueView>; clockOffsetMs: number; client: RealtimeClient }) {
  const id = useId();
  const { busy, error, run } = useCommandRunner();
  const { state, reload } = useList(fetchMyQueues, me.agentId);

  let body;
  if (state.status === 'loading') body = <p>{t('agent.queues.loading')}</p>;
  else if (state.status === 'error') body = <p className="error-text">{state.message}</p>;
  else if (rowsOf(state.items, me).length === 0) body = <p>{t('agent.queues.none')}</p>;
  else {
    body = (
      <ul className="queue-list">
        {rowsOf(state.items, me).map(({ queue, membership }) => {
          const m = me.memberships.find((x) => x.queue === queue);
          return (
            <li key={queue}>
              <span className="queue-list__name">{queue}</span>{' '}
              <span className="badge">
                <span aria-hidden="true">{m ? (m.paused ? '⏸ ' : '● ') : '○ '}</span>
                {m ? (m.paused ? t('agent.queues.memberPaused', { reason: m.pausedReason ?? '' }) : t('agent.queues.member')) : t('agent.queues.notMember')}
              </span>{' '}
              <Waiting queue={queues[queue]} clockOffsetMs={clockOffsetMs} />{' '}
              {membership === 'static' ? (
                <span className="queue-list__waiting">{t('agent.queues.static')}</span>
              ) : (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  // The dial plan may have changed meanwhile: a refusal brings the list up to date.
                  onClick={() => void run(() => client.sendCommand(m ? 'queueLogout' : 'queueLogin', { queue })).then((ok) => (ok ? undefined : reload()))}
                >
                  {m ? t('agent.queues.logout', { queue }) : t('agent.queues.login', { queue })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('agent.queues.title')}</h2>
      {body}
      <div role="alert" className="alert-slot">
        {error && <p className="error-text">{error}</p>}
      </div>
    </section>
  );
}
