import { asc, eq, sql } from 'drizzle-orm';
import { columnMappingSchema, type ColumnMapping, type CustomerImportFile, type ImportRowCode, type ImportRowError } from '@ringside/shared';
import type { Db } from '../../../db/database.js';
import { dbCall } from '../../../db/db-errors.js';
import { iso } from '../../../db/rows.js';
import { customerImportErrors, customerImports, importMappings } from '../../../db/schema-jobs-imports.js';

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
        .onConflictDoUpdate({ target: [importMappings.tenantId, importMappings.source], set: { mapping, updatedBy, updatedAt: new Date() } }),
    );
  }

  /** The mapping saved for a source; one that no longer parses (the fields changed) counts as none. */
  async getMapping(source: string): Promise<ColumnMapping | null> {
    const [row] = await dbCall('reading the column mapping', () => this.db.select().from(importMappings).where(eq(importMappings.source, source)).limit(1));
    const parsed = row ? columnMappingSchema.safeParse(row.mapping) : null;
    return parsed?.success ? parsed.data : null;
  }

  /** Where the real run of an import stands. */
  async getRun(id: string): Promise<{ id: string; source: string; sha256: string; checkpoint: number; createdCount: number; updatedCount: number; rejectedCount: number } | null> {
    if (!UUID.test(id)) return null;
    const [row] = await dbCall('reading the import', () =>
      this.db
        .select({ id: customerImports.id, source: customerImports.source, sha256: customerImports.sha256, checkpoint: customerImports.checkpoint, createdCount: customerImports.createdCount, updatedCount: customerImports.updatedCount, rejectedCount: customerImports.rejectedCount })
        .from(customerImports)
        .where(eq(customerImports.id, id))
        .limit(1),
    );
    return row ?? null;
  }

  /** The run's problems in file order, a page at a time. */
  async runErrors(id: string, after: { record: number; position: number } | null, limit: number): Promise<(ImportRowError & { position: number })[]> {
    const rows = await dbCall('reading import errors', () =>
      this.db
        .select()
        .from(customerImportErrors)
        .where(after ? sql`${customerImportErrors.importId} = ${id} AND (${customerImportErrors.record}, ${customerImportErrors.position}) > (${after.record}, ${after.position})` : eq(customerImportErrors.importId, id))
        .orderBy(asc(customerImportErrors.record), asc(customerImportErrors.position))
        .limit(limit),
    );
    return rows.map((r) => ({ record: r.record, position: r.position, column: r.column, code: r.code as ImportRowCode, message: r.message, value: r.value }));
  }
}
