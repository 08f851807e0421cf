import { eq } from 'drizzle-orm';
import { columnMappingSchema, type ColumnMapping, type CustomerImportFile } from '@ringside/shared';
import type { Db } from '../../../db/database.js';
import { dbCall } from '../../../db/db-errors.js';
import { iso } from '../../../db/rows.js';
import { customerImports, importMappings } from '../../../db/schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Uploaded import files and the column mapping saved per source. */
export class ImportRepository {
  constructor(private readonly db: Db) {}

  async createFile(file: { id: string; source: string; fileName: string; bytes: number; sha256: string; createdBy: string | null }): Promise<CustomerImportFile> {
    const [row] = await dbCall('recording the import file', () => this.db.insert(customerImports).values(file).returning());
    if (!row) throw new Error('insert returned no row');
    return { id: row.id, source: row.source, fileName: row.fileName, bytes: row.bytes, createdAt: iso(row.createdAt) ?? '' };
  }

  async getFile(id: string): Promise<CustomerImportFile | null> {
    if (!UUID.test(id)) return null;
    const [row] = await dbCall('reading the import file', () => this.db.select().from(customerImports).where(eq(customerImports.id, id)).limit(1));
    return row ? { id: row.id, source: row.source, fileName: row.fileName, bytes: row.bytes, createdAt: iso(row.createdAt) ?? '' } : null;
  }

  async saveMapping(mapping: ColumnMapping, updatedBy: string | null): Promise<void> {
    await dbCall('saving the column mapping', () =>
      this.db
        .insert(importMappings)
        .values({ source: mapping.source, mapping, updatedBy })
        .onConflictDoUpdate({ target: importMappings.source, set: { mapping, updatedBy, updatedAt: new Date() } }),
    );
  }

  /** The mapping saved for a source; one that no longer parses (the fields changed) counts as none. */
  async getMapping(source: string): Promise<ColumnMapping | null> {
    const [row] = await dbCall('reading the column mapping', () => this.db.select().from(importMappings).where(eq(importMappings.source, source)).limit(1));
    const parsed = row ? columnMappingSchema.safeParse(row.mapping) : null;
    return parsed?.success ? parsed.data : null;
  }
}
