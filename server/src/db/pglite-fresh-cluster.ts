import { randomBytes } from 'node:crypto';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Extensions, PGlite } from '@electric-sql/pglite';

/**
 * Creating a PGlite cluster runs initdb inside WebAssembly: 3-5 s on the 2-core CI machine, paid
 * by every test database and test server (most of the test suite's time). Loading an image of a
 * freshly initialised cluster takes about 1 s. The image holds no data of ours (it is taken before
 * any migration), so one copy per PGlite version serves every data folder; it lives in the
 * system's temp folder and is rebuilt whenever it is missing or does not load.
 */

const pgliteVersion = (() => {
  try {
    const require = createRequire(import.meta.url);
    let dir = path.dirname(require.resolve('@electric-sql/pglite'));
    for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
      try {
        const pkg = require(path.join(dir, 'package.json')) as { name?: string; version?: string };
        if (pkg.name === '@electric-sql/pglite') return pkg.version ?? 'unknown';
      } catch {
        // not this folder
      }
    }
  } catch {
    // fall through
  }
  return 'unknown';
})();

function imagePath(imageDir: string, extensionNames: string[]): string {
  return path.join(imageDir, `ringside-pglite-${pgliteVersion}-${extensionNames.sort().join('+') || 'plain'}.tar`);
}

async function isEmptyOrMissing(dir: string | null): Promise<boolean> {
  if (!dir) return true;
  try {
    return (await readdir(dir)).length === 0;
  } catch {
    return true;
  }
}

/**
 * Opens PGlite in `dir` (memory when null). A new cluster starts from the cached image of a fresh
 * one; an existing data folder opens as it is.
 */
export async function createPglite(Pg: typeof PGlite, dir: string | null, extensions: Extensions, imageDir = os.tmpdir()): Promise<PGlite> {
  if (!(await isEmptyOrMissing(dir))) return Pg.create(dir ?? undefined, { extensions });
  const file = imagePath(imageDir, Object.keys(extensions));
  const cached = await readFile(file).catch(() => null);
  if (cached) {
    try {
      return await Pg.create(dir ?? undefined, { extensions, loadDataDir: new Blob([cached]) });
    } catch {
      // A damaged image: drop it, and the data folder it half-wrote, and build both again.
      await rm(file, { force: true });
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }
  const fresh = await Pg.create({ extensions });
  const image = await fresh.dumpDataDir('none');
  await fresh.close();
  // Written aside and renamed, so a parallel test worker never reads half an image.
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  await writeFile(partial, Buffer.from(await image.arrayBuffer()));
  await rename(partial, file);
  return Pg.create(dir ?? undefined, { extensions, loadDataDir: image });
}
