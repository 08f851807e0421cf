import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** An `#include` or `#tryinclude` line of an Asterisk config file. */
export interface ConfInclude {
  file: string;
  line: number;
  target: string;
  optional: boolean;
}

/** Asterisk .conf files directly in `dir` (the folder Asterisk reads as astetcdir). */
export function confFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.conf'))
    .sort();
}

/** Every include directive of the .conf files in `dir`. */
export function confIncludes(dir: string): ConfInclude[] {
  const result: ConfInclude[] = [];
  for (const file of confFiles(dir)) {
    readFileSync(path.join(dir, file), 'utf8')
      .split(/\r?\n/)
      .forEach((text, index) => {
        const m = /^\s*#(try)?include\s+"?([^"\s;]+)"?/.exec(text);
        if (m?.[2]) result.push({ file, line: index + 1, target: m[2], optional: m[1] === 'try' });
      });
  }
  return result;
}

/** A `[name](templates)` section header. */
export interface ConfSection {
  file: string;
  name: string;
  isTemplate: boolean;
  inherits: string[];
}

/** Section headers of one config text; `(!)` marks a template, other names are inherited. */
export function confSections(file: string, text: string): ConfSection[] {
  const result: ConfSection[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|[^\\]);.*$/, '$1').trim();
    const m = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(line);
    if (!m?.[1]) continue;
    const options = (m[2] ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== '');
    result.push({ file, name: m[1], isTemplate: options.includes('!'), inherits: options.filter((o) => o !== '!' && o !== '+') });
  }
  return result;
}

/** Parses `key = value` / `key => value` lines of the sections named `section`. */
export function confValues(text: string, section: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  let current: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|[^\\]);.*$/, '$1').trim();
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header?.[1]) {
      current = header[1];
      continue;
    }
    const kv = /^([A-Za-z0-9_.-]+)\s*=>?\s*(.*)$/.exec(line);
    if (current === section && kv?.[1]) values.set(kv[1], [...(values.get(kv[1]) ?? []), (kv[2] ?? '').trim()]);
  }
  return values;
}

/** Result of running pbx-config/asterisk/docker/entrypoint.sh outside a container. */
export interface EntrypointRun {
  status: number;
  stderr: string;
  /** Stands for the container's `/`: generated files are under `${root}/run/ringside/asterisk`. */
  root: string;
}

/**
 * Runs the asterisk image's entrypoint with `env` and `true` as the command, every path it
 * touches moved under a fresh temp folder (RINGSIDE_ASTERISK_ROOT).
 */
export function runAsteriskEntrypoint(entrypoint: string, env: Record<string, string>): EntrypointRun {
  const root = mkdtempSync(path.join(tmpdir(), 'ringside-asterisk-'));
  const result = spawnSync('bash', [entrypoint, 'true'], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', RINGSIDE_ASTERISK_ROOT: root, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stderr: result.stderr, root };
}
