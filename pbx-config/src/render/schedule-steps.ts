import { WEEKDAYS, type Schedule, type Weekday } from '@ringside/shared';

/** `mon-fri`, `mon&wed-fri`: the days of a range as GotoIfTime reads them, in week order. */
export function weekdaySpec(days: Weekday[]): string {
  const on = WEEKDAYS.map((d) => days.includes(d));
  const parts: string[] = [];
  for (let i = 0; i < 7; i++) {
    if (!on[i]) continue;
    let j = i;
    while (j + 1 < 7 && on[j + 1]) j++;
    parts.push(i === j ? WEEKDAYS[i]! : `${WEEKDAYS[i]}-${WEEKDAYS[j]}`);
    i = j;
  }
  return parts.join('&');
}

/** GotoIfTime's end minute is inclusive, so a range closing at 18:00 ends at 17:59. */
export function lastOpenMinute(close: string): string {
  const [h, m] = close.split(':').map(Number) as [number, number];
  const minutes = h * 60 + m - 1;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Steps that jump to label `open` while the schedule is open and otherwise fall through.
 * Holidays are checked first, as dates in the schedule's time zone.
 */
export function scheduleChecks(s: Schedule): string[] {
  const steps: string[] = [];
  const holidays = [...new Set(s.holidays.map((h) => h.date))].sort();
  if (holidays.length) {
    steps.push(`Set(RINGSIDE_TODAY=\${STRFTIME(\${EPOCH},${s.timeZone},%Y-%m-%d)})`);
    for (const date of holidays) steps.push(`GotoIf($["\${RINGSIDE_TODAY}" = "${date}"]?closed)`);
  }
  for (const r of s.weekly) {
    if (r.close <= r.open) continue;
    steps.push(`GotoIfTime(${r.open}-${lastOpenMinute(r.close)},${weekdaySpec(r.days)},*,*,${s.timeZone}?open)`);
  }
  return steps;
}
