import type { ConfFile, ConfSection } from './conf-parser.js';
import { firstValue } from './conf-parser.js';
import { ConfigError } from './conf-error.js';

export const QUEUE_STRATEGIES = ['ringall', 'rrmemory', 'leastrecent', 'fewestcalls', 'random', 'linear', 'wrandom'] as const;
/** A queue strategy name as app_queue spells it. */
export type QueueStrategy = (typeof QUEUE_STRATEGIES)[number];

/** A static member line `member => Interface,penalty,name,stateInterface`. */
export interface QueueMemberConfig {
  interface: string;
  penalty: number;
  memberName: string;
  stateInterface: string;
}

/** One queue section with the parameters pbx-sim honours. */
export interface QueueConfig {
  name: string;
  strategy: QueueStrategy;
  timeout: number;
  retry: number;
  wrapuptime: number;
  maxlen: number;
  joinempty: string;
  leavewhenempty: string;
  ringinuse: boolean;
  musicclass: string;
  servicelevel: number;
  weight: number;
  members: QueueMemberConfig[];
}

const TRUE_RE = /^(yes|true|y|t|1|on)$/i;

function intParam(s: ConfSection, key: string, value: string, file: string, line: number): number {
  if (!/^-?\d+$/.test(value)) throw new ConfigError(file, line, `queue [${s.name}]: '${key}' must be a number, got '${value}'`);
  return Number(value);
}

/** Reads queues.conf; app_queue takes `strategy` from its first line and every other option from its last. */
export function loadQueues(conf: ConfFile): QueueConfig[] {
  const out: QueueConfig[] = [];
  for (const s of conf.concrete()) {
    if (s.name === 'general') continue;
    const strategy = (firstValue(s, 'strategy') ?? 'ringall').toLowerCase();
    if (!(QUEUE_STRATEGIES as readonly string[]).includes(strategy)) {
      const e = s.entries.find((x) => x.key.toLowerCase() === 'strategy')!;
      throw new ConfigError(e.file, e.line, `queue [${s.name}]: unknown strategy '${strategy}'`);
    }
    const q: QueueConfig = {
      name: s.name,
      strategy: strategy as QueueStrategy,
      timeout: 15,
      retry: 5,
      wrapuptime: 0,
      maxlen: 0,
      joinempty: 'yes',
      leavewhenempty: 'no',
      ringinuse: true,
      musicclass: 'default',
      servicelevel: 0,
      weight: 0,
      members: [],
    };
    for (const e of s.entries) {
      const key = e.key.toLowerCase();
      switch (key) {
        case 'strategy':
          break;
        case 'timeout':
        case 'retry':
        case 'wrapuptime':
        case 'maxlen':
        case 'servicelevel':
        case 'weight':
          q[key] = intParam(s, key, e.value, e.file, e.line);
          break;
        case 'joinempty':
        case 'leavewhenempty':
          q[key] = e.value.toLowerCase();
          break;
        case 'ringinuse':
          q.ringinuse = TRUE_RE.test(e.value);
          break;
        case 'musicclass':
        case 'musiconhold':
          q.musicclass = e.value;
          break;
        case 'member': {
          const [iface, penalty, name, stateIface] = e.value.split(',').map((x) => x.trim());
          if (!iface || !/^[A-Za-z]+\/.+/.test(iface)) throw new ConfigError(e.file, e.line, `queue [${s.name}]: invalid member '${e.value}'`);
          if (penalty && !/^\d+$/.test(penalty)) throw new ConfigError(e.file, e.line, `queue [${s.name}]: invalid penalty '${penalty}'`);
          q.members.push({
            interface: iface,
            penalty: penalty ? Number(penalty) : 0,
            memberName: name || iface,
            stateInterface: stateIface || iface,
          });
          break;
        }
        default:
          // app_queue accepts many presentation options (announcements, autopause...) that change no AMI event here.
          break;
      }
    }
    out.push(q);
  }
  return out;
}
