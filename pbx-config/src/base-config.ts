import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The base config folder shipped with the package (pbx-config/asterisk). */
export const BASE_CONFIG_DIR = fileURLToPath(new URL('../asterisk/', import.meta.url));

const INCLUDE = /^\s*#(?:try)?include\s+"?([^"\s]+)"?/gm;

/** The .conf files of a base folder, sorted; none when the folder does not exist. */
export function baseConfFiles(baseDir: string): string[] {
  if (!existsSync(baseDir)) return [];
  return readdirSync(baseDir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.conf'))
    .map((d) => d.name)
    .sort();
}

/** Every `#include` / `#tryinclude` target of the base folder's files, as written. */
export function baseIncludes(baseDir: string): string[] {
  const targets = new Set<string>();
  for (const name of baseConfFiles(baseDir)) {
    for (const m of readFileSync(path.join(baseDir, name), 'utf8').matchAll(INCLUDE)) targets.add(m[1]!);
  }
  return [...targets].sort();
}

/** The absolute include targets of the base folder (what the container writes under /run). */
export function absoluteBaseIncludes(baseDir: string): string[] {
  return baseIncludes(baseDir).filter((t) => path.isAbsolute(t));
}
