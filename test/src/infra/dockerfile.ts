import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One COPY/ADD instruction of a Dockerfile, with its sources as written. */
export interface CopyInstruction {
  line: string;
  fromStage: string | null;
  sources: string[];
}

/** The instructions of a Dockerfile with continuation lines joined and comments dropped. */
export function dockerfileInstructions(text: string): string[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** COPY and ADD instructions: flags separated out, JSON and shell forms both understood. */
export function copyInstructions(text: string): CopyInstruction[] {
  const result: CopyInstruction[] = [];
  for (const line of dockerfileInstructions(text)) {
    const m = /^(COPY|ADD)\s+(.*)$/i.exec(line);
    if (!m?.[2]) continue;
    let rest = m[2].trim();
    let fromStage: string | null = null;
    while (rest.startsWith('--')) {
      const flag = /^--(\S+?)(?:=(\S+))?\s+/.exec(rest);
      if (!flag) break;
      if (flag[1] === 'from') fromStage = flag[2] ?? null;
      rest = rest.slice(flag[0].length);
    }
    const args = rest.startsWith('[') ? (JSON.parse(rest) as string[]) : rest.split(/\s+/);
    result.push({ line, fromStage, sources: args.slice(0, -1) });
  }
  return result;
}

/** Patterns of a .dockerignore, without comments and blank lines. */
export function dockerignorePatterns(contextDir: string): string[] {
  const file = path.join(contextDir, '.dockerignore');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** True when a plain (glob-free) .dockerignore entry excludes `source` or a folder holding it. */
export function excludedByDockerignore(source: string, patterns: string[]): boolean {
  const normal = path.posix.normalize(source).replace(/^\.\/|\/$/g, '');
  let excluded = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const body = (negated ? pattern.slice(1) : pattern).replace(/^\/|\/$/g, '');
    if (/[*?[]/.test(body)) continue;
    if (normal === body || normal.startsWith(`${body}/`)) excluded = !negated;
  }
  return excluded;
}
