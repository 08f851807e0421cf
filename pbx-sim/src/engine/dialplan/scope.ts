import type { Channel } from '../channel.js';
import type { Engine } from '../engine.js';
import { splitTopLevel } from '../../config/dialplan-loader.js';
import { evaluateExpression } from './expression.js';
import { substitute, type SubstitutionScope } from './substitute.js';
import { isTrue } from './expression.js';
import { STATE_DESC } from '../types.js';
import { isKnownTimeZone, zonedTime } from '../apps/time-spec.js';

/** Formats a time like strftime (in a time zone, UTC without one) for the conversions dial plans use. */
function strftime(ms: number, format: string, tz = ''): string {
  const d = zonedTime(ms, tz);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return format.replace(/%([YmdHMSsejaAbBp%])/g, (_, c: string) => {
    switch (c) {
      case 'Y': return String(d.year);
      case 'm': return p(d.month);
      case 'd': return p(d.day);
      case 'e': return String(d.day).padStart(2, ' ');
      case 'H': return p(d.hour);
      case 'M': return p(d.minute);
      case 'S': return p(d.second);
      case 's': return String(Math.floor(ms / 1000));
      case 'j': return p(Math.round((Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(d.year, 0, 1)) / 86400000) + 1, 3);
      case 'a': return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.weekday]!;
      case 'A': return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.weekday]!;
      case 'b': return ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.month - 1]!;
      case 'B': return ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][d.month - 1]!;
      case 'p': return d.hour < 12 ? 'AM' : 'PM';
      default: return '%';
    }
  });
}

/** FILTER's allowed set: characters and `a-z` style ranges (backslash escapes a `-`). */
export function filterChars(allowed: string, value: string): string {
  const set = new Set<string>();
  for (let i = 0; i < allowed.length; i++) {
    let c = allowed[i]!;
    if (c === '\\' && i + 1 < allowed.length) c = allowed[++i]!;
    if (allowed[i + 1] === '-' && i + 2 < allowed.length) {
      const to = allowed[i + 2]!;
      for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code++) set.add(String.fromCharCode(code));
      i += 2;
    } else set.add(c);
  }
  return [...value].filter((c) => set.has(c)).join('');
}

/** Reads variables and functions for one channel; unknown functions are reported, never silently empty. */
export function channelScope(engine: Engine, ch: Channel | undefined): SubstitutionScope {
  const scope: SubstitutionScope = {
    warn: (m) => engine.log('warn', `${ch?.name ?? 'none'}: ${m}`),
    variable(name) {
      if (ch) {
        switch (name) {
          case 'EXTEN': return ch.exten;
          case 'CONTEXT': return ch.context;
          case 'PRIORITY': return String(ch.priority);
          case 'UNIQUEID': return ch.id;
          case 'CHANNEL': return ch.name;
          case 'EPOCH': return String(Math.floor(engine.clock.now() / 1000));
          case 'HANGUPCAUSE': return String(ch.hangupCause);
        }
        const v = ch.vars.get(name);
        if (v !== undefined) return v;
      }
      if (name === 'EPOCH') return String(Math.floor(engine.clock.now() / 1000));
      return engine.globals.get(name);
    },
    func(name, rawArgs) {
      const args = splitTopLevel(rawArgs).map((a) => a.trim());
      const a0 = (args[0] ?? '').toLowerCase();
      switch (name) {
        case 'CALLERID':
          if (!ch) return '';
          if (a0 === 'num' || a0 === 'number') return ch.callerNum;
          if (a0 === 'name') return ch.callerName;
          if (a0 === 'all') return `"${ch.callerName}" <${ch.callerNum}>`;
          return '';
        case 'CONNECTEDLINE':
          if (!ch) return '';
          if (a0 === 'num' || a0 === 'number') return ch.connectedNum;
          if (a0 === 'name') return ch.connectedName;
          if (a0 === 'all') return `"${ch.connectedName}" <${ch.connectedNum}>`;
          return '';
        case 'CHANNEL':
          if (!ch) return '';
          switch (a0) {
            case 'name': return ch.name;
            case 'language': return ch.language;
            case 'uniqueid': return ch.id;
            case 'linkedid': return ch.linkedid;
            case 'state': return STATE_DESC[ch.state] ?? 'Unknown';
            case 'accountcode': return ch.accountCode;
            case 'channeltype': return ch.tech;
            case 'musicclass': return ch.mohClass ?? 'default';
            case 'endpoint': return ch.endpoint ?? '';
            default:
              scope.warn(`CHANNEL(${a0}) is not supported by pbx-sim`);
              return '';
          }
        case 'GLOBAL': return engine.globals.get(args[0] ?? '') ?? '';
        case 'LEN': return String(rawArgs.length);
        case 'ISNULL': return rawArgs === '' ? '1' : '0';
        case 'EXISTS': return rawArgs !== '' ? '1' : '0';
        case 'IF': {
          const q = rawArgs.indexOf('?');
          const cond = q < 0 ? rawArgs : rawArgs.slice(0, q);
          const [t = '', f = ''] = (q < 0 ? '' : rawArgs.slice(q + 1)).split(':');
          return isTrue(cond) ? t : f;
        }
        case 'EVAL': return substitute(rawArgs, scope);
        case 'MATH': return evaluateExpression(rawArgs.replace(/,.*$/, ''));
        case 'EPOCH': return String(Math.floor(engine.clock.now() / 1000));
        case 'STRFTIME': {
          const epoch = args[0] ? Number(args[0]) * 1000 : engine.clock.now();
          const tz = args[1] ?? '';
          if (tz && !isKnownTimeZone(tz)) scope.warn(`STRFTIME: unknown time zone '${tz}', using UTC`);
          return strftime(epoch, args.slice(2).join(',') || '%c', tz);
        }
        case 'FILTER': {
          // The first comma splits: the string filtered may itself hold commas.
          const comma = rawArgs.indexOf(',');
          return comma < 0 ? '' : filterChars(rawArgs.slice(0, comma), rawArgs.slice(comma + 1));
        }
        case 'CUT': {
          const [value = '', delim = '-', field = '1'] = args;
          const parts = (ch?.vars.get(value) ?? engine.globals.get(value) ?? '').split(delim || '-');
          const [from, to] = field.split('-').map(Number);
          return parts.slice((from ?? 1) - 1, to ?? from ?? 1).join(delim);
        }
        case 'TOUPPER': return rawArgs.toUpperCase();
        case 'TOLOWER': return rawArgs.toLowerCase();
        case 'RAND': {
          const lo = Number(args[0] || 0);
          const hi = Number(args[1] || 2147483647);
          return String(lo + Math.floor(Math.random() * (hi - lo + 1)));
        }
        case 'QUEUE_MEMBER_COUNT':
          return String(engine.queues.get(args[0] ?? '')?.members.length ?? 0);
        default:
          scope.warn(`function ${name}() is not supported by pbx-sim; it expands to ''`);
          return '';
      }
    },
  };
  return scope;
}

/** Set(FUNC(arg)=value) and Set(VAR=value); returns false for a function pbx-sim cannot write. */
export function assign(engine: Engine, ch: Channel, target: string, value: string): boolean {
  const fm = /^([A-Za-z_]+)\((.*)\)$/.exec(target.trim());
  if (!fm) {
    const name = target.trim().replace(/^_{1,2}/, '');
    engine.setVar(ch, name, value);
    return true;
  }
  const fn = fm[1]!.toUpperCase();
  const arg = (fm[2] ?? '').trim().toLowerCase();
  switch (fn) {
    case 'GLOBAL':
      engine.setGlobal(fm[2]!.trim(), value);
      return true;
    case 'CHANNEL':
      if (arg === 'language') ch.language = value;
      else if (arg === 'accountcode') engine.setAccountCode(ch, value);
      else if (arg === 'musicclass') ch.mohClass = value;
      else if (arg === 'hangup_handler_push') return true;
      else return false;
      return true;
    case 'CALLERID':
      if (arg === 'num' || arg === 'number') engine.setCallerId(ch, value, ch.callerName);
      else if (arg === 'name') engine.setCallerId(ch, ch.callerNum, value);
      else if (arg === 'all') {
        const m = /^"?([^"<]*)"?\s*<([^>]*)>$/.exec(value);
        engine.setCallerId(ch, m?.[2] ?? value, (m?.[1] ?? '').trim());
      } else return false;
      return true;
    case 'CONNECTEDLINE':
      if (arg === 'num' || arg === 'number') engine.setConnectedLine(ch, value, ch.connectedName);
      else if (arg === 'name') engine.setConnectedLine(ch, ch.connectedNum, value);
      else return false;
      return true;
    case 'TIMEOUT':
      ch.vars.set(`__TIMEOUT_${arg.toUpperCase()}`, value);
      return true;
    default:
      return false;
  }
}
