import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  RingsideError,
  columnMappingSchema,
  importUploadQuerySchema,
  parseInput,
  type ColumnMapping,
  type CustomerImportFile,
  type CustomerImportUploadReply,
  type ImportDryRunReply,
  type ImportRowError,
} from '@ringside/shared';
import { csvLine } from './csv-escape.js';
import { ImportFileError, previewCsv } from './csv-reader.js';
import { checkImport } from './dry-run.js';
import type { ImportFiles } from './import-files.js';
import type { ImportRepository } from './import-repository.js';

const REPORTED_ERRORS = 100;

/** Columns of the downloadable problems report. */
const ERROR_HEADER = ['record', 'column', 'code', 'message', 'value'] as const;

/** A file-level problem reaches the client as INVALID_INPUT carrying its stable import code. */
function fileProblem(err: unknown): unknown {
  if (!(err instanceof ImportFileError)) return err;
  return new RingsideError('INVALID_INPUT', err.message, [{ path: 'file', message: `${err.code}: ${err.message}` }]);
}

/** Customer import, before the real run: store the upload, preview it, keep each source's mapping, dry-run. */
export class ImportService {
  constructor(
    private readonly imports: ImportRepository,
    private readonly files: ImportFiles,
  ) {}

  /** Stores the streamed file and answers its header, first records and the source's saved mapping; an unreadable file is refused and not kept. */
  async upload(body: Readable, query: unknown, userId: string | null): Promise<CustomerImportUploadReply> {
    const { source, fileName, encoding, delimiter } = parseInput(importUploadQuerySchema, query);
    const id = randomUUID();
    const { bytes, sha256 } = await this.files.save(id, body);
    let preview: { header: string[]; sample: Record<string, string>[] };
    try {
      preview = await previewCsv(this.files.open(id), { encoding, delimiter });
    } catch (err) {
      await this.files.remove(id);
      throw fileProblem(err);
    }
    const file = await this.imports.createFile({ id, source, fileName, bytes, sha256, createdBy: userId });
    return { import: file, ...preview, savedMapping: await this.imports.getMapping(source) };
  }

  /** Checks every record of the file under the mapping (saved for its source) without writing a customer. */
  async dryRun(id: string, mappingInput: unknown, userId: string | null): Promise<ImportDryRunReply> {
    const file = await this.file(id);
    const mapping = parseInput(columnMappingSchema, { ...(mappingInput as object), source: file.source });
    await this.imports.saveMapping(mapping, userId);
    const errors: ImportRowError[] = [];
    let moreErrors = false;
    const counts = await this.check(file, mapping, (e) => {
      if (errors.length < REPORTED_ERRORS) errors.push(e);
      else moreErrors = true;
    });
    return { ...counts, errors, moreErrors };
  }

  /** Writes every problem of a dry run under the source's saved mapping as CSV lines (escaped), header first. */
  async writeErrorsCsv(id: string, write: (line: string) => Promise<void>): Promise<void> {
    const file = await this.file(id);
    const mapping = await this.imports.getMapping(file.source);
    if (!mapping) throw new RingsideError('INVALID_INPUT', `no column mapping is saved for ${file.source}: run a dry run first`);
    await write(csvLine(ERROR_HEADER));
    await this.check(file, mapping, (e) => write(csvLine([e.record, e.column, e.code, e.message, e.value])));
  }

  private async file(id: string): Promise<CustomerImportFile> {
    const file = await this.imports.getFile(id);
    if (!file) throw new RingsideError('NOT_FOUND', `no import ${id}`);
    return file;
  }

  private async check(file: CustomerImportFile, mapping: ColumnMapping, error: (e: ImportRowError) => void | Promise<void>) {
    try {
      return await checkImport(this.files.open(file.id), mapping, { error });
    } catch (err) {
      throw fileProblem(err);
    }
  }
}
