import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The recorded Asterisk 22 traces, read in place (never copied into the repo); AMI_TRACES_DIR overrides. */
export function tracesDir(): string {
  return process.env.AMI_TRACES_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/asterisk/traces');
}

/** One block of AMI event frames, replayed as many times as needed. */
export interface AmiCorpus {
  block: Buffer;
  eventsPerBlock: number;
  files: string[];
}

/**
 * Every event frame of every recorded `ami-*.txt` stream, in recorded order, joined into one
 * block of wire bytes (responses and the banner left out: a live event stream is all events).
 */
export function loadAmiCorpus(dir = tracesDir()): AmiCorpus {
  if (!existsSync(dir)) throw new Error(`AMI traces not found at ${dir} (set AMI_TRACES_DIR)`);
  const files = readdirSync(dir)
    .filter((f) => /^ami-.*\.txt$/.test(f) && !f.endsWith('.actions.txt'))
    .sort();
  const frames: string[] = [];
  for (const f of files) {
    for (const frame of readFileSync(path.join(dir, f), 'utf8').split('\r\n\r\n')) {
      if (frame.startsWith('Event: ')) frames.push(`${frame}\r\n\r\n`);
    }
  }
  if (frames.length === 0) throw new Error(`no AMI events in ${dir}`);
  return { block: Buffer.from(frames.join(''), 'utf8'), eventsPerBlock: frames.length, files };
}
