import { chmod, copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SECRET_FILES } from './render/render-all.js';

/** What writeConfigFolder did. */
export interface WriteResult {
  copied: string[];
  written: string[];
  /** Rendered files that no base file `#include`s: Asterisk will not read them. */
  notIncluded: string[];
}

const INCLUDE = /^\s*#include\s+"?([^"\s]+)"?/gm;

/** Copies the base .conf files (when there are any), then writes the rendered files over them. */
export async function writeConfigFolder(outDir: string, files: Record<string, string>, baseDir?: string): Promise<WriteResult> {
  await mkdir(outDir, { recursive: true });
  const copied: string[] = [];
  const included = new Set<string>();
  if (baseDir) {
    const names = (await readdir(baseDir, { withFileTypes: true })).filter((d) => d.isFile() && d.name.endsWith('.conf')).map((d) => d.name);
    for (const name of names.sort()) {
      await copyFile(path.join(baseDir, name), path.join(outDir, name));
      copied.push(name);
      for (const m of (await readFile(path.join(baseDir, name), 'utf8')).matchAll(INCLUDE)) {
        // Absolute targets are read inside the folder by pbx-sim (see runtime-includes.ts).
        included.add(path.isAbsolute(m[1]!) ? m[1]!.replace(/^\/+/, '') : path.basename(m[1]!));
      }
    }
  }
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(outDir, name);
    // Nested names are runtime includes (run/ringside/asterisk/...): secrets or site values.
    const secret = (SECRET_FILES as readonly string[]).includes(name) || name.includes('/');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text, { mode: secret ? 0o600 : 0o644 });
    // writeFile keeps the mode of a file that already existed (e.g. a copied base file).
    if (secret) await chmod(target, 0o600);
    written.push(name);
  }
  const notIncluded = baseDir ? written.filter((n) => !included.has(n)) : [];
  return { copied, written, notIncluded };
}
