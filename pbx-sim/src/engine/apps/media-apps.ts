import { isKnownSound } from '@ringside/shared';
import { ChannelState } from '../types.js';
import type { Channel } from '../channel.js';
import type { Engine } from '../engine.js';
import type { AppContext, AppFn, AppResult } from './app-types.js';

const promptMs = (engine: Engine) => engine.options.promptMs ?? 1000;

/** What a playback did: a digit that interrupted it (Background), or that a file did not exist. */
interface Played {
  digit: string;
  failed: boolean;
}

/**
 * Plays sound files for their simulated length; with `interruptible`, the first digit stops
 * playback and is returned. A file the switch does not have stops the playback there, with the
 * warning Asterisk logs (file.c), and the caller hears nothing of it.
 */
async function play(engine: Engine, ch: Channel, files: string[], interruptible: boolean, app: string): Promise<Played> {
  for (const file of files.filter(Boolean)) {
    if (!isKnownSound(file, engine.options.customSounds ?? [])) {
      engine.log('warn', `file.c: File ${file} does not exist in any format`);
      if (app !== 'Read') engine.log('warn', `${app === 'Background' ? 'pbx_builtin_background: ast_streamfile failed' : 'app_playback: Playback failed'} on ${ch.name} for ${files.join('&')}`);
      return { digit: '', failed: true };
    }
    if (!interruptible) {
      await ch.sleep(promptMs(engine));
      continue;
    }
    const d = await ch.nextDigit(promptMs(engine));
    if (d) return { digit: d, failed: false };
  }
  return { digit: '', failed: false };
}

function digitTimeout(ch: Channel): number {
  return Number(ch.vars.get('__TIMEOUT_DIGIT') ?? 5) * 1000;
}

/** Collects the rest of an extension after a first digit, then jumps there (or to `i`). */
export async function collectExtension(ctx: AppContext, first: string, context: string): Promise<AppResult> {
  const { engine, ch } = ctx;
  let digits = first;
  // Keep listening while a longer extension could still match, as the PBX core does.
  while (engine.lookup.canMatchMore(context, digits)) {
    const d = await ch.nextDigit(digitTimeout(ch));
    if (!d) break;
    digits += d;
  }
  if (engine.lookup.findExtension(context, digits)) {
    ch.context = context;
    ch.exten = digits;
    ch.priority = 1;
    return 'jumped';
  }
  if (engine.lookup.findExtension(context, 'i')) {
    engine.setVar(ch, 'INVALID_EXTEN', digits);
    ch.context = context;
    ch.exten = 'i';
    ch.priority = 1;
    return 'jumped';
  }
  engine.log('warn', `${ch.name}: invalid extension '${digits}' in '${context}' and no 'i' extension; hanging up`);
  return 'hangup';
}

function answerUnlessNoanswer(engine: Engine, ch: Channel, options: string): void {
  if (ch.state !== ChannelState.Up && !/noanswer|n/.test(options)) engine.answer(ch);
}

export const mediaApps: Record<string, AppFn> = {
  async playback({ engine, ch, args }) {
    answerUnlessNoanswer(engine, ch, args[1] ?? '');
    const played = await play(engine, ch, (args[0] ?? '').split('&'), false, 'Playback');
    engine.setVar(ch, 'PLAYBACKSTATUS', played.failed ? 'FAILED' : 'SUCCESS');
  },
  async background(ctx) {
    const { engine, ch, args } = ctx;
    answerUnlessNoanswer(engine, ch, args[1] ?? '');
    const played = await play(engine, ch, (args[0] ?? '').split('&'), true, 'Background');
    engine.setVar(ch, 'BACKGROUNDSTATUS', played.failed ? 'FAILED' : 'SUCCESS');
    return played.digit ? collectExtension(ctx, played.digit, args[3] || ch.context) : undefined;
  },
  async waitexten(ctx) {
    const { engine, ch, args } = ctx;
    const secs = Number(args[0] || ch.vars.get('__TIMEOUT_RESPONSE') || 10);
    const d = await ch.nextDigit(secs * 1000);
    if (d) return collectExtension(ctx, d, ch.context);
    if (engine.lookup.findExtension(ch.context, 't')) {
      ch.exten = 't';
      ch.priority = 1;
      return 'jumped';
    }
    engine.log('warn', `${ch.name}: WaitExten timed out and context '${ch.context}' has no 't' extension; hanging up`);
    return 'hangup';
  },
  async read({ engine, ch, args }) {
    const [variable = '', files = '', maxText = '', options = '', attemptsText = '', timeoutText = ''] = args;
    if (!variable) {
      engine.setVar(ch, 'READSTATUS', 'ERROR');
      return;
    }
    const max = Number(maxText || 0) || 255;
    const attempts = Math.max(1, Number(attemptsText || 1));
    const timeoutMs = Number(timeoutText || 0) > 0 ? Number(timeoutText) * 1000 : 10000;
    // app_read publishes READSTATUS=ERROR before it starts, then the real outcome.
    engine.setVar(ch, 'READSTATUS', 'ERROR');
    if (ch.state !== ChannelState.Up && !options.includes('n')) engine.answer(ch);
    for (let attempt = 0; attempt < attempts; attempt++) {
      // app_read plays its prompt like Playback: a missing file is skipped with a warning and input is still read.
      let digits = (await play(engine, ch, files.split('&'), !options.includes('i'), 'Read')).digit;
      while (digits.length < max && !digits.endsWith('#')) {
        const d = await ch.nextDigit(timeoutMs);
        if (!d) break;
        digits += d;
      }
      digits = digits.replace(/#$/, '');
      if (digits) {
        engine.setVar(ch, variable, digits);
        engine.setVar(ch, 'READSTATUS', 'OK');
        return;
      }
    }
    engine.setVar(ch, variable, '');
    engine.setVar(ch, 'READSTATUS', 'TIMEOUT');
  },
};
