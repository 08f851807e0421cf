import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse';
import type { ColumnMapping, ImportRowCode } from '@ringside/shared';

/** A file-level problem: nothing of the file is imported. */
export class ImportFileError extends Error {
  constructor(
    readonly code: ImportRowCode,
    message: string,
    /** The record (1-based, header = 1) where reading stopped, when known. */
    readonly record: number | null = null,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** One data record of the file: its number and its cells by header, or a row-level shape problem. */
export type CsvRecord = { record: number; cells: Record<string, string> } | { record: number; malformed: string };

/** Limits that keep one file from exhausting the server. */
export interface CsvLimits {
  maxColumns: number;
  maxRecordBytes: number;
}

/** Defaults: a CRM export has tens of columns, not thousands; one record is a few KB. */
export const DEFAULT_CSV_LIMITS: CsvLimits = { maxColumns: 500, maxRecordBytes: 64 * 1024 };

/**
 * Decodes bytes in the declared encoding, refusing bytes that are not valid in it (a Latin-1 file
 * declared as UTF-8), so no mangled name is ever written.
 */
class StrictDecoder extends Transform {
  private readonly decoder: TextDecoder;
  private bytes = 0;
  constructor(encoding: ColumnMapping['encoding']) {
    super({ readableObjectMode: false, decodeStrings: true });
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      this.bytes += chunk.length;
      done(null, text);
    } catch {
      done(new ImportFileError('CSV_ENCODING', `the file is not valid ${this.decoder.encoding} near byte ${this.bytes}: choose the encoding it was saved in`));
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new ImportFileError('CSV_ENCODING', `the file ends in the middle of a ${this.decoder.encoding} character`));
    }
  }
}

function translateParseError(err: unknown, record: number): ImportFileError {
  if (err instanceof ImportFileError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'CSV_MAX_RECORD_SIZE') return new ImportFileError('CSV_ROW_TOO_LARGE', `record ${record + 1} is larger than the limit`, record + 1);
  return new ImportFileError('CSV_MALFORMED', `the file is not readable as CSV after record ${record}: ${code ?? 'parse error'}`, record + 1);
}

/**
 * Streams a CSV file record by record in constant memory: the BOM is dropped, quoted fields may
 * hold newlines and delimiters, the first record is the header. A record with another number of
 * cells than the header is reported as malformed and reading goes on; wrong encoding, too many
 * columns or broken quoting stop the file with an ImportFileError.
 */
export async function* readCsv(
  input: Readable,
  mapping: Pick<ColumnMapping, 'encoding' | 'delimiter'>,
  limits: CsvLimits = DEFAULT_CSV_LIMITS,
  onHeader?: (header: string[]) => void,
): AsyncGenerator<CsvRecord> {
  const parser = parse({ bom: true, delimiter: mapping.delimiter, relax_column_count: true, skip_empty_lines: true, max_record_size: limits.maxRecordBytes });
  const decoder = new StrictDecoder(mapping.encoding);
  let failure: unknown = null;
  input.on('error', (e) => parser.destroy(e));
  decoder.on('error', (e) => {
    failure = e;
    parser.destroy(e);
  });
  input.pipe(decoder).pipe(parser);
  let header: string[] | null = null;
  let record = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      record++;
      if (header === null) {
        if (cells.length > limits.maxColumns) throw new ImportFileError('CSV_TOO_MANY_COLUMNS', `the header has ${cells.length} columns; at most ${limits.maxColumns} are read`, 1);
        header = cells.map((h) => h.trim());
        const seen = new Set<string>();
        for (const h of header) {
          if (seen.has(h)) throw new ImportFileError('CSV_MALFORMED', `the header names the column "${h}" twice`, 1);
          seen.add(h);
        }
        onHeader?.(header);
        continue;
      }
      if (cells.length !== header.length) {
        yield { record, malformed: `record ${record} has ${cells.length} cells; the header has ${header.length}` };
        continue;
      }
      const byHeader: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) byHeader[header[i] as string] = cells[i] as string;
      yield { record, cells: byHeader };
    }
  } catch (err) {
    throw translateParseError(failure ?? err, record);
  } finally {
    input.unpipe(decoder);
    decoder.destroy();
    if (!input.destroyed) input.destroy();
  }
  if (failure) throw translateParseError(failure, record);
  if (header === null) throw new ImportFileError('CSV_MALFORMED', 'the file is empty: it needs a header row', null);
}

/** Reads only the header (for the mapping screen) and up to `sampleSize` records. */
export async function previewCsv(input: Readable, mapping: Pick<ColumnMapping, 'encoding' | 'delimiter'>, sampleSize = 5): Promise<{ header: string[]; sample: Record<string, string>[] }> {
  const sample: Record<string, string>[] = [];
  let header: string[] = [];
  for await (const r of readCsv(input, mapping, DEFAULT_CSV_LIMITS, (h) => (header = h))) {
    if ('cells' in r) sample.push(r.cells);
    if (sample.length >= sampleSize) break;
  }
  return { header, sample };
}
