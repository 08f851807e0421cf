import type { Readable } from 'node:stream';
import type { ColumnMapping, ImportRowError } from '@ringside/shared';
import { DEFAULT_CSV_LIMITS, readCsv, type CsvLimits } from './csv-reader.js';
import { validateImportRow, type ImportRow } from './row-validation.js';

/** What a pass over a file found. */
export interface ImportCheck {
  records: number;
  valid: number;
  rejected: number;
}

/** Callbacks of a pass: each valid row in file order, each problem as found. */
export interface ImportSink {
  row?(row: ImportRow): void | Promise<void>;
  error(error: ImportRowError): void | Promise<void>;
}

/**
 * Reads a whole file once under a mapping, validating every record: the dry run, and the first
 * half of the real run (which passes `row` to write). A repeated external id inside one file is
 * refused from its second appearance on, so a file never updates one customer twice.
 */
export async function checkImport(input: Readable, mapping: ColumnMapping, sink: ImportSink, limits: CsvLimits = DEFAULT_CSV_LIMITS, today = new Date()): Promise<ImportCheck> {
  const externalIds = new Set<string>();
  let records = 0;
  let valid = 0;
  let rejected = 0;
  for await (const r of readCsv(input, mapping, limits)) {
    records++;
    if ('malformed' in r) {
      rejected++;
      await sink.error({ record: r.record, column: null, code: 'CSV_MALFORMED', message: r.malformed, value: null });
      continue;
    }
    const result = validateImportRow(r.record, r.cells, mapping, today);
    if (!result.ok) {
      rejected++;
      for (const e of result.errors) await sink.error(e);
      continue;
    }
    const id = result.row.externalId;
    if (id !== null) {
      if (externalIds.has(id)) {
        rejected++;
        await sink.error({ record: r.record, column: null, code: 'DUPLICATE_EXTERNAL_ID', message: `external id ${id} appears earlier in this file`, value: id });
        continue;
      }
      externalIds.add(id);
    }
    valid++;
    await sink.row?.(result.row);
  }
  return { records, valid, rejected };
}
