import { useId } from 'react';
import { AGENT_STATUS_KINDS, type QueueView } from '@ringside/shared';
import { formatDuration } from '../customers/customer-format.js';
import { t, type PlainMessageKey } from '../../i18n/t.js';
import { AGENT_STATUS_GLYPH, AGENT_STATUS_KEYS } from '../../realtime/live-format.js';
import { useTick } from '../../realtime/use-tick.js';
import { breaches, longestWaitSeconds, type Metric, type WallboardThresholds } from './thresholds.js';

const METRIC_ALERT_KEYS: Record<Metric, PlainMessageKey> = {
  waiting: 'wallboard.alert.waiting',
  longestWait: 'wallboard.alert.longestWait',
  serviceLevel: 'wallboard.alert.serviceLevel',
  abandonRate: 'wallboard.alert.abandonRate',
};

/** A 0..1 ratio as a whole percentage, or a dash. */
export function percent(ratio: number | null): string {
  return ratio === null ? t('timeline.none') : t('wallboard.percent', { value: Math.round(ratio * 100) });
}

const seconds = (s: number | null) => (s === null ? t('timeline.none') : formatDuration(s));

/** One queue at a glance; over a limit the tile turns red and says which figure, in words and with ⚠. */
export function QueueTile({ queue, clockOffsetMs, thresholds }: { queue: QueueView; clockOffsetMs: number; thresholds: WallboardThresholds }) {
  const id = useId();
  const now = useTick() + clockOffsetMs;
  const over = breaches(queue, now, thresholds);
  const alert = over.length > 0;
  const metric = (m: Metric, label: string, value: string) => {
    const bad = over.includes(m);
    return (
      <div className={bad ? 'metric metric--alert' : 'metric'}>
        <dt>{label}</dt>
        <dd>
          {bad && <span aria-hidden="true">⚠ </span>}
          {value}
        </dd>
      </div>
    );
  };

  return (
    <article className={alert ? 'tile tile--alert' : 'tile'} aria-labelledby={`${id}-name`} data-alert={alert}>
      <h3 id={`${id}-name`}>{queue.name}</h3>
      {alert && (
        <p className="tile__alert">
          <span aria-hidden="true">⚠ </span>
          {t('wallboard.alert', { reasons: over.map((m) => t(METRIC_ALERT_KEYS[m])).join(', ') })}
        </p>
      )}
      <dl className="tile__metrics">
        {metric('waiting', t('wallboard.waiting'), String(queue.waiting))}
        {metric('longestWait', t('wallboard.longestWait'), queue.longestWaitSince === null ? t('timeline.none') : formatDuration(longestWaitSeconds(queue, now)))}
        {metric('serviceLevel', t('wallboard.serviceLevel', { seconds: queue.serviceLevelSeconds }), percent(queue.today.serviceLevel))}
        <div className="metric">
          <dt>{t('wallboard.asa')}</dt>
          <dd>{seconds(queue.today.asaSeconds)}</dd>
        </div>
        <div className="metric">
          <dt>{t('wallboard.aht')}</dt>
          <dd>{seconds(queue.today.ahtSeconds)}</dd>
        </div>
        {metric('abandonRate', t('wallboard.abandonRate'), percent(queue.today.abandonRate))}
      </dl>
      <ul className="tile__agents" aria-label={t('wallboard.agentsByState')}>
        {AGENT_STATUS_KINDS.filter((k) => k !== 'logged_out').map((k) => (
          <li key={k}>
            <span aria-hidden="true">{AGENT_STATUS_GLYPH[k]} </span>
            {t(AGENT_STATUS_KEYS[k])}: {queue.agents[k]}
          </li>
        ))}
      </ul>
    </article>
  );
}
