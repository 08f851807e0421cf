import { ChannelState } from '../types.js';
import { assign } from '../dialplan/scope.js';
import { isTrue } from '../dialplan/expression.js';
import { parseGotoTarget, setLocation } from '../dialplan/interpreter.js';
import { PRIV } from '../event-fields.js';
import type { AppContext, AppFn, AppResult } from './app-types.js';
import { UnsupportedUse } from './app-types.js';
import { matchesTimeSpec } from './time-spec.js';

function gotoTarget({ engine, ch }: AppContext, text: string): AppResult {
  const t = parseGotoTarget(ch, text);
  if (!setLocation(engine, ch, t.context, t.exten, t.priority)) {
    throw new UnsupportedUse(`Goto target '${text}' does not exist (no priority or label '${t.priority}' in ${t.context},${t.exten})`);
  }
  return 'jumped';
}

/** `cond?iftrue[:iffalse]` as GotoIf and GotoIfTime split it. */
function splitBranch(data: string): { cond: string; t: string; f: string } {
  const q = data.indexOf('?');
  if (q < 0) return { cond: data, t: '', f: '' };
  const rest = data.slice(q + 1);
  const colon = rest.indexOf(':');
  return { cond: data.slice(0, q), t: colon < 0 ? rest : rest.slice(0, colon), f: colon < 0 ? '' : rest.slice(colon + 1) };
}

/** How long Asterisk's Answer() waits for the caller's first media frame before going on. */
export const ANSWER_MEDIA_TIMEOUT_MS = 500;
/** A simulated caller's first RTP packet arrives one 20 ms packetisation interval after the answer. */
export const DEFAULT_ANSWER_MEDIA_MS = 20;

export const basicApps: Record<string, AppFn> = {
  async noop() {},
  async verbose() {},
  async log() {},
  async answer({ engine, ch, data, args }) {
    if (ch.state === ChannelState.Up) return;
    const ringing = ch.state === ChannelState.Ring || ch.state === ChannelState.Ringing;
    engine.answer(ch);
    // Asterisk's Answer() on a ringing channel waits for the caller's first media frame, at most
    // 500 ms (the recorded queue traces show the full 500 ms: their caller sent no audio); with a
    // delay it waits max(delay, 500) whatever arrives; option i answers without waiting.
    if (!ringing || args[1] === 'i') return;
    const delay = Math.max(0, Number.parseInt(data, 10) || 0);
    const media = engine.options.answerMediaMs === undefined ? DEFAULT_ANSWER_MEDIA_MS : engine.options.answerMediaMs;
    const waitMs = delay > 0 || media === null ? Math.max(delay, ANSWER_MEDIA_TIMEOUT_MS) : Math.min(media, ANSWER_MEDIA_TIMEOUT_MS);
    if (waitMs > 0) await ch.sleep(waitMs);
  },
  async ringing({ engine, ch }) {
    if (ch.state !== ChannelState.Up) engine.setState(ch, ChannelState.Ringing);
  },
  async progress() {},
  async set(ctx) {
    const eq = ctx.data.indexOf('=');
    if (eq < 0) throw new UnsupportedUse(`Set requires 'name=value', got '${ctx.data}'`);
    const target = ctx.data.slice(0, eq);
    if (!assign(ctx.engine, ctx.ch, target, ctx.data.slice(eq + 1))) {
      throw new UnsupportedUse(`Set(${target}=...) writes a function pbx-sim does not support`);
    }
  },
  async mset(ctx) {
    for (const a of ctx.args) {
      const eq = a.indexOf('=');
      if (eq > 0) assign(ctx.engine, ctx.ch, a.slice(0, eq), a.slice(eq + 1));
    }
  },
  async goto(ctx) {
    return gotoTarget(ctx, ctx.data);
  },
  async gotoif(ctx) {
    const b = splitBranch(ctx.data);
    const target = isTrue(b.cond) ? b.t : b.f;
    return target ? gotoTarget(ctx, target) : undefined;
  },
  async gotoiftime(ctx) {
    const b = splitBranch(ctx.data);
    const target = matchesTimeSpec(b.cond, ctx.engine.clock.now()) ? b.t : b.f;
    return target ? gotoTarget(ctx, target) : undefined;
  },
  async hangup({ ch, args }) {
    const cause = Number(args[0] || 0);
    if (cause) ch.hangupCause = cause;
    return 'hangup';
  },
  async busy({ ch }) {
    ch.hangupCause = 17;
    return 'hangup';
  },
  async congestion({ ch }) {
    ch.hangupCause = 34;
    return 'hangup';
  },
  async wait({ ch, args }) {
    await ch.sleep(Math.max(0, Number(args[0] || 0)) * 1000);
  },
  async startmusiconhold({ engine, ch, args }) {
    startMoh(ctxOf(engine, ch), args[0] || ch.mohClass || 'default');
  },
  async stopmusiconhold({ engine, ch }) {
    stopMoh(ctxOf(engine, ch));
  },
  async musiconhold({ engine, ch, args }) {
    const ctx = ctxOf(engine, ch);
    startMoh(ctx, args[0] || ch.mohClass || 'default');
    try {
      const secs = Number(args[1] || 0);
      if (secs > 0) await ch.sleep(secs * 1000);
      else await ch.waitFor<void>(() => () => undefined);
    } finally {
      stopMoh(ctx);
    }
  },
};

function ctxOf(engine: AppContext['engine'], ch: AppContext['ch']): Pick<AppContext, 'engine' | 'ch'> {
  return { engine, ch };
}

/** MusicOnHoldStart, as the queue and hold features also use. */
export function startMoh({ engine, ch }: Pick<AppContext, 'engine' | 'ch'>, cls = 'default'): void {
  if (ch.mohPlaying) return;
  ch.mohPlaying = true;
  engine.emitChannel('MusicOnHoldStart', PRIV.call, ch, [['Class', cls]]);
}

export function stopMoh({ engine, ch }: Pick<AppContext, 'engine' | 'ch'>): void {
  if (!ch.mohPlaying) return;
  ch.mohPlaying = false;
  if (!ch.gone) engine.emitChannel('MusicOnHoldStop', PRIV.call, ch);
}
