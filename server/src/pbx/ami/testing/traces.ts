import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The recorded Asterisk 22 traces (read-only, outside the repo): ../shared/asterisk/traces from the repo root. */
export const TRACES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/asterisk/traces');

/** True when the traces are present on this machine. */
export function tracesPresent(): boolean {
  return existsSync(path.join(TRACES_DIR, 'ami-a-queue-answer.txt'));
}

/** Names (`a-queue-answer`, ...) of every recorded AMI byte stream. */
export function amiTraceNames(): string[] {
  return readdirSync(TRACES_DIR)
    .filter((f) => /^ami-.*\.txt$/.test(f) && !f.endsWith('.actions.txt'))
    .map((f) => f.slice(4, -4))
    .sort();
}

/** The bytes a client received in scenario `name`. */
export function amiTraceBytes(name: string): Buffer {
  return readFileSync(path.join(TRACES_DIR, `ami-${name}.txt`));
}

/** The received chunks of scenario `name` with their times (epoch ms), as the timeline recorded them. */
export function amiTimeline(name: string): Array<{ at: number; data: Buffer }> {
  const lines = readFileSync(path.join(TRACES_DIR, `ami-${name}.timeline.jsonl`), 'utf8').split('\n').filter(Boolean);
  return lines
    .map((l) => JSON.parse(l) as { t: string; dir: string; data: string })
    .filter((m) => m.dir === 'in')
    .map((m) => ({ at: Date.parse(m.t), data: Buffer.from(m.data, 'utf8') }));
}
