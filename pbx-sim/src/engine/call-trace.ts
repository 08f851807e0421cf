import type { Engine } from './engine.js';
import type { PbxEvent } from './types.js';
import { placeInboundCall } from './calls.js';

// Call-flow tests as code: a dial-plan change is asserted by where a scripted caller lands.

/** Where an inbound call ended up. */
export type Landing =
  | { kind: 'queue'; queue: string }
  | { kind: 'extension'; extension: string }
  | { kind: 'external'; number: string; trunk: string }
  | { kind: 'stasis'; app: string; args: string[] }
  | { kind: 'voicemail'; mailbox: string }
  | { kind: 'hangup'; cause: string };

/** What happened to one call: where it landed and the dial-plan contexts it passed through. */
export interface CallOutcome {
  landed: Landing;
  contexts: string[];
  /** How many times the caller was asked for input (a menu's WaitExten). */
  prompts: number;
}

/** One inbound call: the number dialled, and what the caller presses at each menu, in order. */
export interface CallScript {
  did: string;
  /** One entry per menu prompt (`'1'`, or several digits such as `'1001'` typed at one prompt). */
  presses?: string[];
  callerNum?: string;
  /** Give up after this long without a landing (a safety net against a dial plan that loops). */
  timeoutMs?: number;
}

const field = (e: PbxEvent, name: string) => e.fields.find(([k]) => k === name)?.[1] ?? '';

function landingOf(e: PbxEvent): Landing | null {
  if (e.name === 'QueueCallerJoin') return { kind: 'queue', queue: field(e, 'Queue') };
  if (e.name === 'Hangup') return { kind: 'hangup', cause: field(e, 'Cause') };
  if (e.name !== 'Newexten') return null;
  const app = field(e, 'Application').toLowerCase();
  const data = field(e, 'AppData');
  if (app === 'stasis') {
    const [name = '', ...args] = data.split(',');
    return { kind: 'stasis', app: name, args };
  }
  if (app === 'voicemail') return { kind: 'voicemail', mailbox: data.split(',')[0] ?? '' };
  if (app === 'dial') {
    const target = data.split(',')[0] ?? '';
    const m = /^PJSIP\/([^@&]+)(?:@(.+))?$/.exec(target);
    if (m?.[2]) return { kind: 'external', number: m[1]!, trunk: m[2] };
    if (m) return { kind: 'extension', extension: m[1]! };
  }
  return null;
}

/**
 * Places an inbound call from the trunk, presses the scripted digits each time the
 * dial plan waits for input, and resolves where the call landed; the caller then hangs up.
 */
export function traceInboundCall(engine: Engine, script: CallScript): Promise<CallOutcome> {
  const presses = [...(script.presses ?? [])];
  const contexts: string[] = [];
  let prompts = 0;
  let channelId: string | undefined;
  const early: PbxEvent[] = [];
  return new Promise<CallOutcome>((resolve, reject) => {
    let done = false;
    const finish = (result: CallOutcome | Error) => {
      if (done) return;
      done = true;
      off();
      clearTimeout(timer);
      const ch = channelId ? engine.channels.get(channelId) : undefined;
      if (ch && !ch.gone) engine.remoteHangup(ch);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onEvent = (e: PbxEvent) => {
      if (e.channelId !== channelId) return;
      const context = field(e, 'Context');
      if (e.name === 'Newexten' && context && contexts[contexts.length - 1] !== context) contexts.push(context);
      const landed = landingOf(e);
      if (landed) return finish({ landed, contexts, prompts });
      if (e.name === 'Newexten' && /^(waitexten|read)$/i.test(field(e, 'Application'))) {
        prompts++;
        const digits = presses.shift();
        // Deferred: the application starts reading digits after announcing itself.
        if (digits) setImmediate(() => !done && engine.channels.get(channelId!) && engine.receiveDtmf(engine.channels.get(channelId!)!, digits));
      }
    };
    const off = engine.on((e) => (channelId === undefined ? early.push(e) : onEvent(e)));
    const timer = setTimeout(() => finish(new Error(`call to ${script.did} did not land within ${script.timeoutMs ?? 10_000} ms (contexts: ${contexts.join(' > ') || 'none'})`)), script.timeoutMs ?? 10_000);
    try {
      const ch = placeInboundCall(engine, { exten: script.did, ...(script.callerNum ? { callerNum: script.callerNum } : {}) });
      channelId = ch.id;
      for (const e of early.splice(0)) onEvent(e);
    } catch (e) {
      finish(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

