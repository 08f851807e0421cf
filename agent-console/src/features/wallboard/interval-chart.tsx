import { useId } from 'react';
import { t } from '../../i18n/t.js';
import type { IntervalPoint } from './thresholds.js';

const W = 720;
const H = 220;
const PAD = { left: 36, right: 8, top: 10, bottom: 28 };

/** `HH:MM` of a period key `YYYY-MM-DDTHH:MM`. */
export function periodTime(period: string): string {
  return period.length >= 16 ? period.slice(11, 16) : period;
}

const SERIES = [
  { key: 'offered', className: 'bar--offered', labelKey: 'wallboard.chart.offered' },
  { key: 'answered', className: 'bar--answered', labelKey: 'wallboard.chart.answered' },
  { key: 'abandoned', className: 'bar--abandoned', labelKey: 'wallboard.chart.abandoned' },
] as const;

/** Offered, answered and abandoned calls per 15 minutes: bars for the eye, a table for screen readers. */
export function IntervalChart({ points }: { points: IntervalPoint[] }) {
  const id = useId();
  const max = Math.max(1, ...points.map((p) => p.offered), ...points.map((p) => p.answered + p.abandoned));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(points.length, 1);
  const barW = Math.max(1, (slot * 0.8) / SERIES.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * max)).filter((v, i, a) => a.indexOf(v) === i);
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{t('wallboard.chart.intervals')}</figcaption>
      <ul className="chart__legend" aria-hidden="true">
        {SERIES.map((s) => (
          <li key={s.key}>
            <svg width="14" height="14" className={s.className}>
              <rect width="14" height="14" />
            </svg>{' '}
            {t(s.labelKey)}
          </li>
        ))}
      </ul>
      {points.length === 0 ? (
        <p>{t('wallboard.chart.empty')}</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} className="chart__svg" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`}>
          <defs>
            <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" className="hatch-bg" />
              <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
            </pattern>
          </defs>
          {ticks.map((v) => (
            <g key={v} className="chart__grid">
              <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
              <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end">
                {v}
              </text>
            </g>
          ))}
          {points.map((p, i) => (
            <g key={p.period}>
              {SERIES.map((s, j) => (
                <rect
                  key={s.key}
                  className={`bar ${s.className}`}
                  x={PAD.left + i * slot + slot * 0.1 + j * barW}
                  y={y(p[s.key])}
                  width={barW}
                  height={Math.max(0, PAD.top + plotH - y(p[s.key]))}
                  {...(s.key === 'abandoned' ? { fill: `url(#${id}-hatch)` } : {})}
                >
                  <title>{`${periodTime(p.period)} ${t(s.labelKey)}: ${p[s.key]}`}</title>
                </rect>
              ))}
              {i % labelEvery === 0 && (
                <text className="chart__label" x={PAD.left + i * slot + slot / 2} y={H - 8} textAnchor="middle">
                  {periodTime(p.period)}
                </text>
              )}
            </g>
          ))}
        </svg>
      )}
      <table id={`${id}-table`} className="visually-hidden">
        <caption>{t('wallboard.chart.intervals')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wallboard.chart.interval')}</th>
            {SERIES.map((s) => (
              <th key={s.key} scope="col">
                {t(s.labelKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.period}>
              <th scope="row">{periodTime(p.period)}</th>
              <td>{p.offered}</td>
              <td>{p.answered}</td>
              <td>{p.abandoned}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
