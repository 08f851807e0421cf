import type { Interaction } from '@ringside/shared';
import { t } from '../../i18n/t.js';
import { CHANNEL_KEYS, DIRECTION_KEYS, formatDateTime, formatDuration, numberText, safeRecordingHref } from './customer-format.js';
import { dispositionLabel } from '../agent/agent-model.js';

const DIRECTION_GLYPH: Record<Interaction['direction'], string> = { inbound: '↙', outbound: '↗', internal: '↔' };

/** The customer's interactions, newest first, each with who, where, how long and how it ended. */
export function InteractionTimeline({ interactions, headingId }: { interactions: Interaction[]; headingId: string }) {
  if (interactions.length === 0) return <p>{t('timeline.empty')}</p>;
  const sorted = [...interactions].sort((a, b) => b.offeredAt.localeCompare(a.offeredAt));
  return (
    <ol className="timeline" aria-labelledby={headingId}>
      {sorted.map((i) => (
        <li key={i.id} className="timeline__entry">
          <TimelineEntry interaction={i} />
        </li>
      ))}
    </ol>
  );
}

function TimelineEntry({ interaction: i }: { interaction: Interaction }) {
  const recordingHref = i.recording ? safeRecordingHref(i.recording) : null;
  return (
    <article aria-label={t('timeline.entryLabel', { direction: t(DIRECTION_KEYS[i.direction]), when: formatDateTime(i.offeredAt) })}>
      <header className="timeline__head">
        <span className={`direction direction--${i.direction}`}>
          <span aria-hidden="true">{DIRECTION_GLYPH[i.direction]}</span> {t(DIRECTION_KEYS[i.direction])}
        </span>
        <span>{t(CHANNEL_KEYS[i.channel])}</span>
        <time dateTime={i.offeredAt}>{formatDateTime(i.offeredAt)}</time>
        {i.abandoned && <span className="badge badge--warn">{t('timeline.abandoned')}</span>}
        {i.status === 'open' && <span className="badge">{t('timeline.inProgress')}</span>}
        {i.closedBy === 'recovery' && (
          <span className="badge badge--warn" title={t('timeline.recoveredHint')}>
            {t('timeline.recovered')}
          </span>
        )}
      </header>
      <dl className="facts">
        <Fact label={t('timeline.queue')} value={i.queue ?? t('timeline.none')} />
        <Fact label={t('timeline.agent')} value={i.agentName ?? t('timeline.none')} />
        {i.callerNumber && <Fact label={t('timeline.number')} value={numberText(i.callerNumber)} />}
        <Fact label={t('timeline.wait')} value={formatDuration(i.waitSeconds)} />
        <Fact label={t('timeline.talk')} value={formatDuration(i.talkSeconds)} />
        <Fact label={t('timeline.hold')} value={formatDuration(i.holdSeconds)} />
        <Fact label={t('timeline.disposition')} value={i.disposition ? dispositionLabel({ code: i.disposition, label: null }) : t('timeline.none')} />
      </dl>
      {i.notes && <p className="notes">{i.notes}</p>}
      {i.recording &&
        (recordingHref ? (
          <p>
            <a href={recordingHref} target="_blank" rel="noopener noreferrer">
              {t('timeline.recording')}
            </a>
          </p>
        ) : (
          <p>{t('timeline.recordingName', { name: i.recording })}</p>
        ))}
    </article>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
