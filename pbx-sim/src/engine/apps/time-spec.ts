const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function inRange(value: number, spec: string, names?: string[]): boolean {
  if (spec === '*' || spec === '') return true;
  return spec.split('&').some((part) => {
    const [a, b] = part.split('-').map((x) => x.trim().toLowerCase());
    const conv = (x: string | undefined) => (x === undefined ? undefined : names && names.includes(x) ? names.indexOf(x) + (names === MONTHS ? 1 : 0) : Number(x));
    const lo = conv(a)!;
    const hi = conv(b) ?? lo;
    return lo <= hi ? value >= lo && value <= hi : value >= lo || value <= hi;
  });
}

/** Asterisk's `times,weekdays,mdays,months` check, evaluated in UTC. */
export function matchesTimeSpec(spec: string, nowMs: number): boolean {
  const [times = '*', wdays = '*', mdays = '*', months = '*'] = spec.split(/[,|]/).map((s) => s.trim());
  const d = new Date(nowMs);
  const minutes = d.getUTCHours() * 60 + d.getUTCMinutes();
  let timeOk = true;
  if (times !== '*') {
    timeOk = times.split('&').some((r) => {
      const [from = '00:00', to = '23:59'] = r.split('-');
      const m = (t: string) => {
        const [h, mi] = t.split(':').map(Number);
        return (h ?? 0) * 60 + (mi ?? 0);
      };
      return minutes >= m(from) && minutes <= m(to);
    });
  }
  return timeOk && inRange(d.getUTCDay(), wdays, DAYS) && inRange(d.getUTCDate(), mdays) && inRange(d.getUTCMonth() + 1, months, MONTHS);
}
