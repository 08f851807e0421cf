import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AmiField } from '../ami/ami-message.js';

/** The reference traces folder (`../shared/asterisk` from the repo root), or undefined when absent. */
export function tracesDir(): string | undefined {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const dir = path.resolve(repoRoot, '..', 'shared', 'asterisk', 'traces');
  return existsSync(dir) ? dir : undefined;
}

/** Splits raw AMI bytes (server side) into messages; the banner line is dropped. */
export function parseAmiStream(raw: string): AmiField[][] {
  const text = raw.replace(/^Asterisk Call Manager\/[^\r\n]*\r?\n/, '');
  return text
    .split(/\r?\n\r?\n/)
    .map((block) =>
      block
        .split(/\r?\n/)
        .filter((l) => l.length > 0)
        .map((l): AmiField => {
          const i = l.indexOf(': ');
          return i < 0 ? [l.replace(/:$/, ''), ''] : [l.slice(0, i), l.slice(i + 2)];
        }),
    )
    .filter((m) => m.length > 0);
}

/** The client's requests of a scenario, each as ordered fields. */
export function readActions(dir: string, scenario: string): AmiField[][] {
  return parseAmiStream(readFileSync(path.join(dir, `ami-${scenario}.actions.txt`), 'utf8'));
}

export function readTrace(dir: string, scenario: string): { banner: string; messages: AmiField[][] } {
  const raw = readFileSync(path.join(dir, `ami-${scenario}.txt`), 'utf8');
  return { banner: raw.slice(0, raw.indexOf('\n') + 1), messages: parseAmiStream(raw) };
}
