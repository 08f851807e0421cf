import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Channel } from './channel.js';
import type { Engine } from './engine.js';
import { PRIV } from './event-fields.js';
import { EngineError } from './types.js';

const SAMPLE_RATE = 8000;

/** A PCM WAV (8 kHz, 16-bit, mono) of silence lasting `ms`: what a recording of a silent call holds. */
export function silentWav(ms: number): Buffer {
  const samples = Math.max(0, Math.round((ms * SAMPLE_RATE) / 1000));
  const dataBytes = samples * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(SAMPLE_RATE, 24);
  buf.writeUInt32LE(SAMPLE_RATE * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  return buf;
}

interface ActiveRecording {
  file: string;
  startedAt: number;
}

const active = new WeakMap<Channel, ActiveRecording>();

/** Starts MixMonitor on a channel; the WAV is written when it stops or the channel hangs up. */
export function startMixMonitor(engine: Engine, ch: Channel, file: string): string {
  if (!file) throw new EngineError('No file specified');
  if (!/\.(wav|WAV|gsm|ulaw|alaw|sln)$/.test(file)) file = `${file}.wav`;
  const dir = engine.options.recordingDir ?? path.join(process.cwd(), 'recordings');
  const full = path.isAbsolute(file) ? file : path.join(dir, file);
  if (active.has(ch)) stopMixMonitor(engine, ch);
  active.set(ch, { file: full, startedAt: engine.clock.now() });
  engine.setVar(ch, 'MIXMONITOR_FILENAME', file);
  engine.emitChannel('MixMonitorStart', PRIV.call, ch);
  engine.bridges.audiohookChanged(ch);
  void ch.ended.then(() => finish(engine, ch, false));
  return full;
}

/** Stops MixMonitor; false when none was running. */
export function stopMixMonitor(engine: Engine, ch: Channel): boolean {
  if (!active.has(ch)) return false;
  finish(engine, ch, true);
  return true;
}

function finish(engine: Engine, ch: Channel, announce: boolean): void {
  const rec = active.get(ch);
  if (!rec) return;
  active.delete(ch);
  const ms = engine.clock.now() - rec.startedAt;
  try {
    mkdirSync(path.dirname(rec.file), { recursive: true });
    writeFileSync(rec.file, silentWav(ms));
  } catch (e) {
    engine.log('error', `MixMonitor could not write ${rec.file}: ${String(e)}`);
  }
  if (announce && !ch.gone) {
    engine.emitChannel('MixMonitorStop', PRIV.call, ch);
    engine.bridges.audiohookChanged(ch);
  }
}
