import path from 'node:path';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { ChannelState } from '../types.js';
import { PRIV } from '../event-fields.js';
import { silentWav } from '../recording.js';
import type { AppFn } from './app-types.js';
import { collectExtension } from './media-apps.js';

const DIGITS = /^[0-9*#A-D]$/;

/** Where VoiceMail keeps a mailbox's messages, as Asterisk's spool does (INBOX/msg0000.wav). */
function inbox(recordingDir: string | undefined, context: string, mailbox: string): string {
  return path.join(recordingDir ?? path.join(process.cwd(), 'recordings'), 'voicemail', context, mailbox, 'INBOX');
}

export const speechApps: Record<string, AppFn> = {
  /**
   * Festival(text[,intkeys]): no speech server, only its duration, proportional to the text.
   * With intkeys (`any` or a list) a key stops it and, as in Asterisk's PBX core, starts
   * collecting an extension from that digit.
   */
  async festival(ctx) {
    const { engine, ch, data } = ctx;
    // Festival's text may hold anything but its last comma separates the interrupt keys.
    const comma = data.lastIndexOf(',');
    const keys = comma >= 0 ? data.slice(comma + 1).trim() : '';
    const text = comma >= 0 && (keys === 'any' || /^[0-9*#]+$/.test(keys)) ? data.slice(0, comma) : data;
    const intKeys = text === data ? '' : keys;
    if (ch.state !== ChannelState.Up) engine.answer(ch);
    const speakMs = Math.max(1, text.length * (engine.options.ttsCharMs ?? 60));
    if (!intKeys) {
      await ch.sleep(speakMs);
      return;
    }
    const until = engine.clock.now() + speakMs;
    for (;;) {
      const left = until - engine.clock.now();
      if (left <= 0) return;
      const d = await ch.nextDigit(left);
      if (!d) return;
      if (DIGITS.test(d) && (intKeys === 'any' || intKeys.includes(d))) return collectExtension(ctx, d, ch.context);
    }
  },
  /**
   * VoiceMail(mailbox[@context][&...],options): plays the greeting, then records silence until
   * the caller hangs up or the longest message is reached. The message is written as a WAV in
   * the mailbox's INBOX under the recording folder, and MessageWaiting announces it.
   */
  async voicemail({ engine, ch, args }) {
    const [box = '', options = ''] = args;
    const [mailbox = '', context = 'default'] = (box.split('&')[0] ?? '').split('@');
    if (!/^[0-9A-Za-z_-]+$/.test(mailbox)) {
      engine.log('warn', `${ch.name}: VoiceMail needs a mailbox, got '${box}'`);
      engine.setVar(ch, 'VMSTATUS', 'FAILED');
      return;
    }
    if (ch.state !== ChannelState.Up) engine.answer(ch);
    const dir = inbox(engine.options.recordingDir, context, mailbox);
    let saved = false;
    const save = (ms: number) => {
      if (saved) return;
      saved = true;
      try {
        mkdirSync(dir, { recursive: true });
        const n = readdirSync(dir).filter((f) => /^msg\d{4}\.wav$/.test(f)).length;
        writeFileSync(path.join(dir, `msg${String(n).padStart(4, '0')}.wav`), silentWav(ms));
        engine.emit('MessageWaiting', PRIV.call, [['Mailbox', `${mailbox}@${context}`], ['Waiting', '1'], ['New', String(n + 1)], ['Old', '0']]);
      } catch (e) {
        engine.log('error', `VoiceMail could not write to ${dir}: ${String(e)}`);
      }
    };
    // The `u`/`b` greeting and the beep; `s` skips the instructions.
    await ch.sleep((engine.options.promptMs ?? 1000) * (options.includes('s') ? 1 : 2));
    const started = engine.clock.now();
    // A caller hanging up ends the message: it is kept, as Asterisk keeps it.
    void ch.ended.then(() => save(engine.clock.now() - started));
    await ch.sleep(engine.options.voicemailMaxMs ?? 300_000);
    engine.setVar(ch, 'VMSTATUS', 'SUCCESS');
    save(engine.clock.now() - started);
  },
};
