import { useId, useState } from 'react';
import { t } from '../../i18n/t.js';
import { useCoalescedRealtimeState, useRealtime } from '../../realtime/realtime-context.js';
import { pauseReasons } from '../agent/agent-model.js';
import { SyncStatus } from '../agent/agent-page.js';
import { AgentsTable } from './agents-table.js';
import { IntervalChart } from './interval-chart.js';
import { QueueTile } from './queue-tile.js';
import { ServiceLevelChart } from './service-level-chart.js';
import { DEFAULT_THRESHOLDS, intervalSeries, type WallboardThresholds } from './thresholds.js';

const ALL = '';

/** The supervisor's live view: queue tiles, the agents, and today's intervals; redrawn at most twice a second. */
export function WallboardPage({ thresholds = DEFAULT_THRESHOLDS }: { thresholds?: WallboardThresholds }) {
  const id = useId();
  const client = useRealtime();
  const state = useCoalescedRealtimeState();
  const [chartQueue, setChartQueue] = useState(ALL);
  const live = state.live;

  if (!live) {
    return (
      <section className="page" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('wallboard.title')}</h1>
        <SyncStatus state={state} />
      </section>
    );
  }

  const queues = Object.values(live.queues).sort((a, b) => a.name.localeCompare(b.name));
  const chosen = chartQueue === ALL ? queues.map((q) => q.name) : [chartQueue];
  const points = intervalSeries(state.history, chosen);

  return (
    <section className="page wallboard" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('wallboard.title')}</h1>
      <section aria-labelledby={`${id}-queues`}>
        <h2 id={`${id}-queues`}>{t('wallboard.queues')}</h2>
        {queues.length === 0 ? (
          <p>{t('wallboard.noQueues')}</p>
        ) : (
          <div className="tiles">
            {queues.map((q) => (
              <QueueTile key={q.name} queue={q} clockOffsetMs={live.clockOffsetMs} thresholds={thresholds} />
            ))}
          </div>
        )}
      </section>
      <AgentsTable agents={Object.values(live.agents)} calls={live.calls} clockOffsetMs={live.clockOffsetMs} pauseReasons={pauseReasons(live)} client={client} />
      <section aria-labelledby={`${id}-today`}>
        <h2 id={`${id}-today`}>{t('wallboard.today')}</h2>
        <div className="field field--inline">
          <label htmlFor={`${id}-chart-queue`}>{t('wallboard.chart.queue')}</label>
          <select id={`${id}-chart-queue`} value={chartQueue} onChange={(e) => setChartQueue(e.target.value)}>
            <option value={ALL}>{t('wallboard.chart.allQueues')}</option>
            {queues.map((q) => (
              <option key={q.name} value={q.name}>
                {q.name}
              </option>
            ))}
          </select>
        </div>
        {Object.keys(live.extras.queueHistory).length === 0 && <p className="hint">{t('wallboard.chart.sinceOpened')}</p>}
        <IntervalChart points={points} />
        <ServiceLevelChart points={points} target={thresholds.minServiceLevel} />
      </section>
    </section>
  );
}
