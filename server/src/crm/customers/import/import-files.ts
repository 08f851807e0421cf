import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_TENANT_ID, RingsideError } from '@ringside/shared';
import { currentScope } from '../../../db/tenant-scope.js';

/** How much a tenant may still store (its storage limit), and the error when an upload passes it. */
export interface StorageQuota {
  /** Bytes the tenant may still store; null when unlimited. */
  remainingBytes(tenantId: string): Promise<number | null>;
  exceeded(tenantId: string): Promise<Error>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Uploaded import files on disk, one folder per tenant (DATA_DIR/imports/<tenantId>/), streamed in
 * and out so memory stays flat whatever their size. Per tenant, so a tenant's storage is one folder
 * to measure and deleting the tenant is one folder to remove.
 */
export class ImportFiles {
  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
    private readonly quota?: StorageQuota,
  ) {}

  /**
   * Stores the stream as file `id` of the current tenant; a file over the size limit is refused
   * (PAYLOAD_TOO_LARGE), one over the tenant's storage left (TENANT_LIMIT_EXCEEDED), and nothing is kept.
   */
  async save(id: string, input: Readable): Promise<{ bytes: number; sha256: string }> {
    const tenantId = fileTenant();
    const folder = this.tenantDir(tenantId);
    await mkdir(folder, { recursive: true });
    const partial = path.join(folder, `${id}.part`);
    const hash = createHash('sha256');
    let bytes = 0;
    const max = this.maxBytes;
    const left = (await this.quota?.remainingBytes(tenantId)) ?? null;
    let overQuota = false;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > max) return done(new RingsideError('PAYLOAD_TOO_LARGE', `an import file may have at most ${max} bytes`));
        if (left !== null && bytes > left) {
          overQuota = true;
          return done(new RingsideError('TENANT_LIMIT_EXCEEDED', 'storage limit reached'));
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(input, counted, createWriteStream(partial));
      // Only a complete upload gets the name readers open.
      await rename(partial, this.pathOf(id, tenantId));
    } catch (err) {
      await rm(partial, { force: true });
      if (overQuota && this.quota) throw await this.quota.exceeded(tenantId);
      throw err;
    }
    return { bytes, sha256: hash.digest('hex') };
  }

  open(id: string): Readable {
    return createReadStream(this.pathOf(id, fileTenant()));
  }

  async remove(id: string): Promise<void> {
    await rm(this.pathOf(id, fileTenant()), { force: true });
  }

  /** Bytes a tenant's import files take on disk (its storage usage). */
  async bytesUsed(tenantId: string): Promise<number> {
    let entries: string[];
    try {
      entries = await readdir(this.tenantDir(tenantId));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    let total = 0;
    for (const name of entries) total += (await stat(path.join(this.tenantDir(tenantId), name)).catch(() => ({ size: 0 }))).size;
    return total;
  }

  /** Removes every import file of a tenant (the tenant's deletion). */
  async removeTenant(tenantId: string): Promise<void> {
    await rm(this.tenantDir(tenantId), { recursive: true, force: true });
  }

  /** Files stored before imports were kept per tenant are the default tenant's (as all data before tenancy): moved into its folder once. */
  async adoptUnscopedFiles(): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const legacy = entries.filter((n) => n.endsWith('.csv'));
    if (legacy.length === 0) return;
    await mkdir(this.tenantDir(DEFAULT_TENANT_ID), { recursive: true });
    for (const name of legacy) await rename(path.join(this.dir, name), path.join(this.tenantDir(DEFAULT_TENANT_ID), name));
  }

  private tenantDir(tenantId: string): string {
    // Tenant ids are uuids; the check keeps any other string from naming a path.
    if (!UUID.test(tenantId)) throw new RingsideError('INVALID_INPUT', 'a tenant id is a UUID');
    return path.join(this.dir, tenantId);
  }

  private pathOf(id: string, tenantId: string): string {
    // Ids are uuids made by the server; the check keeps any other string from naming a path.
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new RingsideError('NOT_FOUND', 'no such import file');
    return path.join(this.tenantDir(tenantId), `${id}.csv`);
  }
}

/**
 * The tenant whose folder a file operation uses: the running work's (a request, or the import job,
 * which runs in the tenant that queued it). Outside any scope only tests of one repository run,
 * on a database whose statements fall back to the default tenant; the folder falls back with them.
 */
function fileTenant(): string {
  const scope = currentScope();
  if (!scope) return DEFAULT_TENANT_ID;
  if (scope.kind !== 'tenant') throw new RingsideError('TENANT_SCOPE_MISSING', 'import files belong to a tenant');
  return scope.tenantId;
}
