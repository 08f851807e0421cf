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
import type { JobQueue } from '../../../jobs/job-queue.js';
import type { Actor } from '../change-history.js';
import { CUSTOMER_IMPORT_QUEUE, type ImportRunData } from './import-run.js';

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
    private readonly jobs: Pick<JobQueue, 'send'>,
  ) {}

  /** Starts (or, when one is unfinished, returns) the real run of the file under its source's saved mapping, as a job. */
  async run(id: string, actor: Actor): Promise<{ jobId: string }> {
    const file = await this.file(id);
    const mapping = await this.imports.getMapping(file.source);
    if (!mapping) throw new RingsideError('INVALID_INPUT', `no column mapping is saved for ${file.source}: run a dry run first`);
    const data: ImportRunData = { importId: id, mapping, actor };
    return { jobId: await this.jobs.send(CUSTOMER_IMPORT_QUEUE, data, { singletonKey: id, label: `Import of ${file.fileName}`, createdBy: actor.id }) };
  }

  /** Writes the real run's problems so far as CSV lines (escaped), header first, read a page at a time. */
  async writeRunErrorsCsv(id: string, write: (line: string) => Promise<void>): Promise<void> {
    await this.file(id);
    await write(csvLine(ERROR_HEADER));
    let after: { record: number; position: number } | null = null;
    for (;;) {
      const page = await this.imports.runErrors(id, after, 500);
      for (const e of page) await write(csvLine([e.record, e.column, e.code, e.message, e.value]));
      const last = page.at(-1);
      if (!last || page.length < 500) return;
      after = { record: last.record, position: last.position };
    }
  }

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
