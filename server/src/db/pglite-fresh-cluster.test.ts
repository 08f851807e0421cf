import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { createPglite } from './pglite-fresh-cluster.js';

jest.setTimeout(60_000);

describe('new PGlite clusters start from the image of a fresh one', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ringside-image-test-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const images = async () => (await readdir(root)).filter((f) => f.endsWith('.tar'));

  it('builds the image once, gives every new folder its own cluster from it, and opens an existing folder as it is', async () => {
    const a = path.join(root, 'a');
    const first = await createPglite(PGlite, a, {}, root);
    await first.exec('CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)');
    await first.close();
    expect(await images()).toHaveLength(1);

    const b = await createPglite(PGlite, path.join(root, 'b'), {}, root);
    // The image is of a cluster before anything was written: b does not see a's table.
    expect((await b.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'kept'")).rows).toEqual([{ n: 0 }]);
    await b.close();

    const again = await createPglite(PGlite, a, {}, root);
    expect((await again.query('SELECT v FROM kept')).rows).toEqual([{ v: 7 }]);
    await again.close();
  });

  it('rebuilds a damaged image instead of failing to start', async () => {
    const [image] = await images();
    await writeFile(path.join(root, image!), 'not a tar file');
    const db = await createPglite(PGlite, path.join(root, 'c'), {}, root);
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await db.close();
    expect((await stat(path.join(root, image!))).size).toBeGreaterThan(1_000_000);
  });
});
