import { useId } from 'react';
import { t } from '../../i18n/t.js';
import { periodTime } from './interval-chart.js';
import { percent } from './queue-tile.js';
import { pointServiceLevel, type IntervalPoint } from './thresholds.js';

const W = 720;
const H = 200;
const PAD = { left: 40, right: 8, top: 10, bottom: 28 };

/** Service level per 15 minutes against the target line. */
export function ServiceLevelChart({ points, target }: { points: IntervalPoint[]; target: number }) {
  const id = useId();
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(points.length, 1);
  const x = (i: number) => PAD.left + i * step + step / 2;
  const y = (ratio: number) => PAD.top + plotH - ratio * plotH;
  const measured = points.map((p, i) => ({ p, i, sl: pointServiceLevel(p) })).filter((m): m is { p: IntervalPoint; i: number; sl: number } => m.sl !== null);
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{t('wallboard.chart.serviceLevel', { target: Math.round(target * 100) })}</figcaption>
      {measured.length === 0 ? (
        <p>{t('wallboard.chart.empty')}</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} className="chart__svg" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`}>
          {[0, 0.5, 1].map((v) => (
            <g key={v} className="chart__grid">
              <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
              <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end">
                {`${v * 100}%`}
              </text>
            </g>
          ))}
          <line className="chart__target" x1={PAD.left} x2={W - PAD.right} y1={y(target)} y2={y(target)} strokeDasharray="6 4" />
          <polyline className="chart__line" fill="none" points={measured.map((m) => `${x(m.i)},${y(m.sl)}`).join(' ')} />
          {measured.map((m) => (
            // Points under target are drawn as squares, not only in another colour.
            m.sl < target ? (
              <rect key={m.p.period} className="chart__point chart__point--low" x={x(m.i) - 4} y={y(m.sl) - 4} width="8" height="8">
                <title>{`${periodTime(m.p.period)}: ${percent(m.sl)}`}</title>
              </rect>
            ) : (
              <circle key={m.p.period} className="chart__point" cx={x(m.i)} cy={y(m.sl)} r="4">
                <title>{`${periodTime(m.p.period)}: ${percent(m.sl)}`}</title>
              </circle>
            )
          ))}
          {points.map((p, i) =>
            i % labelEvery === 0 ? (
              <text key={p.period} className="chart__label" x={x(i)} y={H - 8} textAnchor="middle">
                {periodTime(p.period)}
              </text>
            ) : null,
          )}
        </svg>
      )}
      <table id={`${id}-table`} className="visually-hidden">
        <caption>{t('wallboard.chart.serviceLevel', { target: Math.round(target * 100) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wallboard.chart.interval')}</th>
            <th scope="col">{t('wallboard.chart.sl')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.period}>
              <th scope="row">{periodTime(p.period)}</th>
              <td>{percent(pointServiceLevel(p))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
