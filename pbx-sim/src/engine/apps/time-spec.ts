const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The wall-clock fields of an instant in a time zone (UTC when none is given). */
export interface ZonedTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when the runtime knows the IANA zone. */
export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock time of `ms` in `tz` (an IANA name); an empty or unknown zone reads UTC. */
export function zonedTime(ms: number, tz = ''): ZonedTime {
  const zone = tz && isKnownTimeZone(tz) ? tz : 'UTC';
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
    weekday: DAYS.indexOf(String(parts['weekday']).slice(0, 3).toLowerCase()),
  };
}

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

/** Asterisk's `times,weekdays,mdays,months[,timezone]` check, in the given zone (UTC without one). */
export function matchesTimeSpec(spec: string, nowMs: number): boolean {
  const [times = '*', wdays = '*', mdays = '*', months = '*', tz = ''] = spec.split(/[,|]/).map((s) => s.trim());
  const d = zonedTime(nowMs, tz);
  const minutes = d.hour * 60 + d.minute;
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
  return timeOk && inRange(d.weekday, wdays, DAYS) && inRange(d.day, mdays) && inRange(d.month, months, MONTHS);
}
