// CSV import of customers, pure part: streaming reader, row validation, the check pass, cell escaping.
export { readCsv, previewCsv, ImportFileError, DEFAULT_CSV_LIMITS, type CsvRecord, type CsvLimits } from './csv-reader.js';
export { validateImportRow, type ImportRow, type RowResult } from './row-validation.js';
export { checkImport, type ImportCheck, type ImportSink } from './dry-run.js';
export { escapeCsvCell, csvLine } from './csv-escape.js';
