import { and, eq, sql } from 'drizzle-orm';
import { DEFAULT_MATCH_SETTINGS, RingsideError, type ColumnMapping, type ImportRowError, type MatchSettings } from '@ringside/shared';
import type { Database, Db } from '../../../db/database.js';
import { dbCall } from '../../../db/db-errors.js';
import { customerExternalIds, customerImportErrors, customerImports } from '../../../db/schema-jobs-imports.js';
import type { JobHandler } from '../../../jobs/job-queue.js';
import type { Actor } from '../change-history.js';
import { CustomerRepository, type NewCustomer } from '../customer-repository.js';
import { DuplicateChecker } from '../duplicate-check.js';
import { checkImport } from './dry-run.js';
import type { ImportFiles } from './import-files.js';
import type { ImportRepository } from './import-repository.js';
import type { ImportRow } from './row-validation.js';

/** The queue of customer imports' real runs. */
export const CUSTOMER_IMPORT_QUEUE = 'customers.import';

/** What a run job carries: the file and the mapping fixed when the run was asked for. */
export interface ImportRunData {
  importId: string;
  mapping: ColumnMapping;
  actor: Actor | null;
}

function newCustomer(row: ImportRow): NewCustomer {
  const contactPoints: NewCustomer['contactPoints'] = [
    ...row.phones.map((value) => ({ kind: 'phone' as const, value, source: 'import' as const })),
    ...row.emails.map((value) => ({ kind: 'email' as const, value, source: 'import' as const })),
    ...(row.address
      ? [{ kind: 'address' as const, source: 'import' as const, addressLines: [row.address.line1, ...(row.address.line2 ? [row.address.line2] : [])], ...(row.address.city ? { city: row.address.city } : {}), ...(row.address.region ? { region: row.address.region } : {}), ...(row.address.postalCode ? { postalCode: row.address.postalCode } : {}), country: row.address.country }]
      : []),
  ];
  return { kind: row.kind, firstName: row.givenName, lastName: row.familyName, organisationName: row.organisationName, birthDate: row.birthDate, language: row.language, notes: row.notes, lifecycle: 'lead', valueScore: 0, contactPoints };
}

/** Fields an import updates on a customer it already made: the ones the row has (contact points are left to the agents). */
function updatePatch(row: ImportRow) {
  const all = { firstName: row.givenName, lastName: row.familyName, organisationName: row.organisationName, birthDate: row.birthDate, language: row.language, notes: row.notes };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null));
}

interface Batch {
  rows: ImportRow[];
  errors: ImportRowError[];
  last: number;
}

/**
 * Writes one batch in one transaction with the checkpoint: a crash loses at most the batch, which
 * the resumed run writes again. The external id (or, without one, the file's hash and record) decides
 * create or update, so running the same file again creates nobody twice.
 */
async function commitBatch(database: Database, file: { id: string; source: string; sha256: string }, batch: Batch, data: ImportRunData, settings: () => Promise<MatchSettings>): Promise<void> {
  await dbCall('importing customers', () =>
    database.db.transaction(async (tx) => {
      const txDb = tx as unknown as Db;
      const customers = new CustomerRepository({ ...database, db: txDb }, { defaultCountry: data.mapping.defaultCountry });
      // In the batch's transaction, so a record made earlier in this batch is found too.
      const matcher = new DuplicateChecker(customers, { defaultCountry: data.mapping.defaultCountry, settings });
      let created = 0;
      let updated = 0;
      for (const row of batch.rows) {
        const externalId = row.externalId ?? `${file.sha256}#${row.record}`;
        const [link] = await tx.select().from(customerExternalIds).where(and(eq(customerExternalIds.source, file.source), eq(customerExternalIds.externalId, externalId)));
        const target = link?.customerId ?? (await sureMatch(matcher, newCustomer(row)));
        if (target && (await customers.update(target, updatePatch(row), data.actor))) {
          if (!link) await linkExternalId(txDb, file.source, externalId, target);
          updated++;
          continue;
        }
        const customer = await customers.create(newCustomer(row), data.actor);
        await linkExternalId(txDb, file.source, externalId, customer.id);
        created++;
      }
      const rejected = new Set(batch.errors.map((e) => e.record)).size;
      if (batch.errors.length) {
        await tx
          .insert(customerImportErrors)
          .values(batch.errors.map((e, position) => ({ importId: file.id, record: e.record, position, column: e.column, code: e.code, message: e.message, value: e.value })))
          .onConflictDoNothing();
      }
      await tx
        .update(customerImports)
        .set({ checkpoint: batch.last, createdCount: sql`${customerImports.createdCount} + ${created}`, updatedCount: sql`${customerImports.updatedCount} + ${updated}`, rejectedCount: sql`${customerImports.rejectedCount} + ${rejected}` })
        .where(eq(customerImports.id, file.id));
    }),
  );
}

/**
 * The customer the matching rules say this row surely is (score at or above the sure threshold),
 * so an import of people already known from calls or another source updates them instead of
 * making duplicates. A pair only in the review band is created and left to the duplicate scan.
 */
async function sureMatch(matcher: DuplicateChecker, draft: NewCustomer): Promise<string | null> {
  const candidates = await matcher.check(draft);
  return candidates.find((c) => c.decision === 'sure')?.customer.id ?? null;
}

async function linkExternalId(db: Db, source: string, externalId: string, customerId: string): Promise<void> {
  await db.insert(customerExternalIds).values({ source, externalId, customerId }).onConflictDoUpdate({ target: [customerExternalIds.tenantId, customerExternalIds.source, customerExternalIds.externalId], set: { customerId } });
}

/** The worker of CUSTOMER_IMPORT_QUEUE: streams the file from its checkpoint, writing batches of `batchSize` records. */
export function customerImportWorker(deps: { database: Database; imports: ImportRepository; files: ImportFiles; batchSize?: number; matchSettings?: () => Promise<MatchSettings> }): JobHandler<ImportRunData> {
  const batchSize = deps.batchSize ?? 200;
  const settings = deps.matchSettings ?? (async () => DEFAULT_MATCH_SETTINGS);
  return async (data, context) => {
    const file = await deps.imports.getRun(data.importId);
    if (!file) throw new RingsideError('NOT_FOUND', `no import ${data.importId}`);
    const from = file.checkpoint;
    let batch: Batch = { rows: [], errors: [], last: from };
    let pending = 0;
    const flush = async () => {
      if (batch.rows.length === 0 && batch.errors.length === 0) return;
      await commitBatch(deps.database, file, batch, data, settings);
      const run = await deps.imports.getRun(data.importId);
      await context.progress(Math.max(0, (run?.checkpoint ?? 0) - 1), null, `${run?.createdCount ?? 0} created, ${run?.updatedCount ?? 0} updated, ${run?.rejectedCount ?? 0} rejected`);
      batch = { rows: [], errors: [], last: batch.last };
      pending = 0;
      // A stop waits for this checkpoint: the rest of the file is the resumed run's.
      if (context.signal.aborted) throw new RingsideError('DB_UNAVAILABLE', 'the import stopped with the server; it resumes from its checkpoint');
    };
    // Batches end between records, so a checkpoint never splits one record's problems.
    const begin = async (n: number) => {
      if (n === batch.last) return;
      if (pending >= batchSize) await flush();
      batch.last = n;
      pending++;
    };
    await checkImport(deps.files.open(file.id), data.mapping, {
      row: async (row) => {
        if (row.record <= from) return;
        await begin(row.record);
        batch.rows.push(row);
      },
      error: async (e) => {
        if (e.record <= from) return;
        await begin(e.record);
        batch.errors.push(e);
      },
    });
    await flush();
  };
}
