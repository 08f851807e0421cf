import { useId } from 'react';
import type { TenantLimits, TenantUsage } from '@ringside/shared';
import { LOCALE, t, type PlainMessageKey } from '../../i18n/t.js';

const W = 520;
const ROW = 26;
const LABEL_W = 190;
const VALUE_W = 110;
const number = new Intl.NumberFormat(LOCALE);

interface Figure {
  key: PlainMessageKey;
  value: number;
  /** The limit the figure counts against, in the figure's unit; null when unlimited or none applies. */
  limit: number | null;
}

/** The figures a tenant is billed and limited on; storage in KB so small tenants do not all read 0. */
export function usageFigures(usage: TenantUsage, limits: TenantLimits): Figure[] {
  return [
    { key: 'platform.usage.agents', value: usage.agents, limit: limits.agents },
    { key: 'platform.usage.customers', value: usage.customers, limit: null },
    { key: 'platform.usage.interactions', value: usage.interactionsThisMonth, limit: null },
    { key: 'platform.usage.talkMinutes', value: usage.talkMinutesThisMonth, limit: null },
    { key: 'platform.usage.storage', value: Math.ceil(usage.storageBytes / 1024), limit: limits.storageMb === null ? null : limits.storageMb * 1024 },
    { key: 'platform.usage.calls', value: usage.concurrentCalls, limit: limits.concurrentCalls },
  ];
}

/**
 * One bar per figure. A limited figure's bar is its share of the limit (a full bar: at the limit);
 * an unlimited one is drawn against the largest unlimited figure, so the bars still compare.
 */
export function UsageChart({ name, usage, limits }: { name: string; usage: TenantUsage; limits: TenantLimits }) {
  const id = useId();
  const figures = usageFigures(usage, limits);
  const largest = Math.max(1, ...figures.filter((f) => f.limit === null).map((f) => f.value));
  const barW = W - LABEL_W - VALUE_W;
  const share = (f: Figure) => Math.min(1, f.limit === null ? f.value / largest : f.limit === 0 ? 1 : f.value / f.limit);
  const text = (f: Figure) => (f.limit === null ? number.format(f.value) : `${number.format(f.value)} / ${number.format(f.limit)}`);
  const summary = figures.map((f) => `${t(f.key)} ${text(f)}`).join(', ');
  return (
    <figure className="chart usage-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{t('platform.usage', { name })}</figcaption>
      <svg viewBox={`0 0 ${W} ${figures.length * ROW + 4}`} className="chart__svg" role="img" aria-label={t('platform.usage.chartLabel', { name, figures: summary })}>
        {figures.map((f, i) => (
          <g key={f.key} transform={`translate(0, ${i * ROW + 2})`}>
            <text x={0} y={ROW / 2 + 4} className="chart__label">
              {t(f.key)}
            </text>
            <rect x={LABEL_W} y={4} width={barW} height={ROW - 10} className="chart__grid" fill="none" stroke="currentColor" strokeOpacity={0.2} />
            <rect x={LABEL_W} y={4} width={Math.max(0, share(f) * barW)} height={ROW - 10} className={f.limit !== null && share(f) >= 1 ? 'chart__bar chart__bar--full' : 'chart__bar'} />
            <text x={W - 4} y={ROW / 2 + 4} textAnchor="end" className="chart__label">
              {text(f)}
            </text>
          </g>
        ))}
      </svg>
      <table className="visually-hidden">
        <tbody>
          {figures.map((f) => (
            <tr key={f.key}>
              <th scope="row">{t(f.key)}</th>
              <td data-usage={f.key}>{text(f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
