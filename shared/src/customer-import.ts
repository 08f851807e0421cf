import { z } from 'zod';
import { safeText } from './validation.js';

/** The customer fields a CSV column can be mapped to; `ignore` drops the column. */
export const IMPORT_FIELDS = [
  'externalId',
  'kind',
  'givenName',
  'familyName',
  'organisationName',
  'email',
  'phone',
  'mobile',
  'birthDate',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postalCode',
  'country',
  'language',
  'notes',
  'ignore',
] as const;
/** One field a column maps to. */
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Text encodings an import file may be declared in; anything else is refused rather than guessed. */
export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1'] as const;

/** How one source's files are read: column → field, the encoding, the country local numbers are in. Saved per source. */
export const columnMappingSchema = z
  .object({
    source: safeText(80).pipe(z.string().min(1, 'required')),
    columns: z.record(safeText(200), z.enum(IMPORT_FIELDS)),
    encoding: z.enum(IMPORT_ENCODINGS).default('utf-8'),
    delimiter: z.enum([',', ';', '\t', '|']).default(','),
    defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US').default('US'),
  })
  .refine((m) => Object.values(m.columns).some((f) => f !== 'ignore'), { message: 'map at least one column', path: ['columns'] })
  .refine(
    (m) => {
      const used = Object.values(m.columns).filter((f) => f !== 'ignore');
      return new Set(used).size === used.length;
    },
    { message: 'each field can take one column only', path: ['columns'] },
  );
/** A saved column mapping. */
export type ColumnMapping = z.output<typeof columnMappingSchema>;

/**
 * Why a row is refused. File-level problems (encoding, too many columns, an unreadable
 * structure) stop the whole import before anything is written and carry the same codes.
 */
export const IMPORT_ROW_CODES = [
  'INVALID_PHONE',
  'INVALID_EMAIL',
  'INVALID_COUNTRY',
  'INVALID_DATE',
  'INVALID_KIND',
  'INVALID_LANGUAGE',
  'MISSING_NAME',
  'TOO_LONG',
  'CONTROL_CHARS',
  'DUPLICATE_EXTERNAL_ID',
  'CSV_ENCODING',
  'CSV_TOO_MANY_COLUMNS',
  'CSV_MALFORMED',
  'CSV_ROW_TOO_LARGE',
] as const;
/** One stable code for a refused row or file. */
export type ImportRowCode = (typeof IMPORT_ROW_CODES)[number];

/** One problem with one row: downloadable as CSV from a dry run or a finished import. */
export interface ImportRowError {
  /** 1-based record number in the file, the header being record 1. */
  record: number;
  column: string | null;
  code: ImportRowCode;
  message: string;
  /** The offending value as read (escaped again on export). */
  value: string | null;
}

/** Query of POST /api/customer-imports (the text/csv body is the file): whose file it is and its name. */
export const importUploadQuerySchema = z
  .object({
    source: safeText(80).pipe(z.string().min(1, 'required')),
    fileName: safeText(200).pipe(z.string().min(1, 'required')).default('import.csv'),
    encoding: z.enum(IMPORT_ENCODINGS).default('utf-8'),
    delimiter: z.enum([',', ';', '\t', '|']).default(','),
  })
  .strict();

/** One stored import file. */
export interface CustomerImportFile {
  id: string;
  source: string;
  fileName: string;
  bytes: number;
  createdAt: string;
}

/** Reply of the upload: the file, its header and first records, and the mapping its source used last (null the first time). */
export interface CustomerImportUploadReply {
  import: CustomerImportFile;
  header: string[];
  sample: Record<string, string>[];
  savedMapping: ColumnMapping | null;
}

/** Reply of a dry run: the counts and the first problems (all of them in the errors CSV). */
export interface ImportDryRunReply {
  records: number;
  valid: number;
  rejected: number;
  errors: ImportRowError[];
  /** True when more problems exist than `errors` lists. */
  moreErrors: boolean;
}
