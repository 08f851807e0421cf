import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RingsideError } from '@ringside/shared';

/** Uploaded import files on disk (DATA_DIR/imports), streamed in and out so memory stays flat whatever their size. */
export class ImportFiles {
  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  /** Stores the stream as file `id`; a file over the limit is refused (PAYLOAD_TOO_LARGE) and nothing is kept. */
  async save(id: string, input: Readable): Promise<{ bytes: number; sha256: string }> {
    await mkdir(this.dir, { recursive: true });
    const partial = path.join(this.dir, `${id}.part`);
    const hash = createHash('sha256');
    let bytes = 0;
    const max = this.maxBytes;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > max) return done(new RingsideError('PAYLOAD_TOO_LARGE', `an import file may have at most ${max} bytes`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(input, counted, createWriteStream(partial));
      // Only a complete upload gets the name readers open.
      await rename(partial, this.pathOf(id));
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
    return { bytes, sha256: hash.digest('hex') };
  }

  open(id: string): Readable {
    return createReadStream(this.pathOf(id));
  }

  async remove(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }

  private pathOf(id: string): string {
    // Ids are uuids made by the server; the check keeps any other string from naming a path.
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new RingsideError('NOT_FOUND', 'no such import file');
    return path.join(this.dir, `${id}.csv`);
  }
}
