import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { columnMappingSchema, type ImportRowError } from '@ringside/shared';
import { ImportFileError, previewCsv, readCsv } from './csv-reader.js';
import { escapeCsvCell } from './csv-escape.js';
import { checkImport } from './dry-run.js';
import { validateImportRow, type ImportRow } from './row-validation.js';

const mapping = columnMappingSchema.parse({
  source: 'legacy-crm',
  columns: { ID: 'externalId', First: 'givenName', Last: 'familyName', Company: 'organisationName', Email: 'email', Phone: 'phone', Born: 'birthDate', Street: 'addressLine1', Zip: 'postalCode', Country: 'country', Lang: 'language', Notes: 'notes', Fax: 'ignore' },
  defaultCountry: 'US',
});
const HEADER = 'ID,First,Last,Company,Email,Phone,Born,Street,Zip,Country,Lang,Notes,Fax\n';
const today = new Date('2026-12-07T00:00:00Z');

/** A file as the bytes a client uploads, in chunks of `chunk` bytes so multi-byte characters straddle them. */
const file = (content: string | Buffer, chunk = 7) => {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  return Readable.from(parts);
};

async function check(content: string | Buffer, m = mapping) {
  const rows: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  const summary = await checkImport(file(content), m, { row: (r) => void rows.push(r), error: (e) => void errors.push(e) }, undefined, today);
  return { summary, rows, errors };
}

describe('reading CSV files', () => {
  it('drops a UTF-8 BOM, keeps quoted newlines and delimiters, and decodes characters split across chunks', async () => {
    const { rows, errors } = await check(`\ufeff${HEADER}1,Zoë,Müller,,zoe@example.com,+49 30 901820,1980-02-29,"Hauptstraße 1, Hinterhaus",10115,DE,de,"line one\nline two",\n`);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ externalId: '1', givenName: 'Zoë', familyName: 'Müller', phones: ['+4930901820'], notes: 'line one\nline two' });
    expect(rows[0]?.address).toMatchObject({ line1: 'Hauptstraße 1, Hinterhaus', postalCode: '10115', country: 'DE' });
  });

  it('refuses a Latin-1 file read as UTF-8 with CSV_ENCODING, and reads it when declared windows-1252', async () => {
    const latin1 = Buffer.from(`${HEADER}1,Zo\xeb,M\xfcller,,,,,,,,,,\n`, 'latin1');
    await expect(check(latin1)).rejects.toMatchObject({ code: 'CSV_ENCODING' });
    const { rows } = await check(latin1, { ...mapping, encoding: 'windows-1252' });
    expect(rows[0]).toMatchObject({ givenName: 'Zoë', familyName: 'Müller' });
  });

  it('refuses a header of 10,000 columns before reading any record', async () => {
    const wide = `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n${'x,'.repeat(9_999)}x\n`;
    const err = await check(wide).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err).toMatchObject({ code: 'CSV_TOO_MANY_COLUMNS', record: 1 });
  });

  it('reports a record with the wrong number of cells and reads on', async () => {
    const { summary, errors, rows } = await check(`${HEADER}1,Ann,Lee\n2,Bo,Kim,,,,,,,,,,\n`);
    expect(summary).toEqual({ records: 2, valid: 1, rejected: 1 });
    expect(errors[0]).toMatchObject({ record: 2, code: 'CSV_MALFORMED' });
    expect(rows.map((r) => r.externalId)).toEqual(['2']);
  });

  it('stops on broken quoting with CSV_MALFORMED naming where', async () => {
    await expect(check(`${HEADER}1,"Ann,Lee,,,,,,,,,,\n`)).rejects.toMatchObject({ code: 'CSV_MALFORMED' });
  });

  it('refuses an empty file and a header that names a column twice', async () => {
    await expect(check('')).rejects.toMatchObject({ code: 'CSV_MALFORMED' });
    await expect(check('A,A\n1,2\n')).rejects.toMatchObject({ code: 'CSV_MALFORMED', record: 1 });
  });

  it('previews the header and the first records for the mapping screen', async () => {
    const preview = await previewCsv(file(`${HEADER}1,Ann,Lee,,,,,,,,,,\n`), mapping);
    expect(preview.header).toContain('Email');
    expect(preview.sample).toHaveLength(1);
    expect((await previewCsv(file(HEADER), mapping)).header).toHaveLength(13);
  });

  it('streams: records arrive before the file has ended', async () => {
    const source = new Readable({ read() {} });
    source.push(HEADER);
    // The parser keeps the end of what it has seen until more arrives: one record of look-ahead.
    source.push('1,Ann,Lee,,,,,,,,,,\n2,Bo,Kim,,,,,,,,,,\n');
    const it = readCsv(source, mapping)[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value).toMatchObject({ record: 2 });
    source.push(null);
    await it.return?.(undefined);
  });
});

describe('validating rows', () => {
  const row = (cells: Record<string, string>) => validateImportRow(5, cells, mapping, today);

  it('reports every problem of a row with its code and column, not only the first', () => {
    const r = row({ First: 'Ann', Email: 'ann@', Phone: '12', Born: '2031-01-01', Country: 'XX', Lang: 'not a tag!' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.column, e.code])).toEqual([
      ['Phone', 'INVALID_PHONE'],
      ['Email', 'INVALID_EMAIL'],
      ['Born', 'INVALID_DATE'],
      ['Country', 'INVALID_COUNTRY'],
      ['Lang', 'INVALID_LANGUAGE'],
    ]);
    expect(r.errors.every((e) => e.record === 5)).toBe(true);
  });

  it('refuses impossible dates, control characters and a row without a name', () => {
    expect(row({ First: 'Ann', Born: '2023-02-29' }).ok).toBe(false);
    expect(row({ First: 'Ann\r\nAction: Originate' })).toEqual({ ok: false, errors: [expect.objectContaining({ column: 'First', code: 'CONTROL_CHARS' })] });
    expect(row({ Email: 'a@example.com' })).toMatchObject({ ok: false, errors: [{ code: 'MISSING_NAME' }] });
  });

  it('normalises: E.164 phones, lower-case email, canonical language, an organisation when only a company is named', () => {
    const r = row({ Company: 'Northwind Traders', Email: 'Info@Northwind.Example', Phone: '(415) 555-0102', Lang: 'PT-br' });
    expect(r).toMatchObject({ ok: true, row: { kind: 'organisation', organisationName: 'Northwind Traders', emails: ['info@northwind.example'], phones: ['+14155550102'], language: 'pt-BR' } });
  });

  it('refuses the same external id twice in one file', async () => {
    const { summary, errors } = await check(`${HEADER}7,Ann,Lee,,,,,,,,,,\n7,Ann,Lee,,,,,,,,,,\n`);
    expect(summary).toMatchObject({ valid: 1, rejected: 1 });
    expect(errors[0]).toMatchObject({ record: 3, code: 'DUPLICATE_EXTERNAL_ID' });
  });
});

describe('mappings', () => {
  it('refuses a mapping that maps nothing or one field twice', () => {
    expect(columnMappingSchema.safeParse({ source: 's', columns: { A: 'ignore' } }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ source: 's', columns: { A: 'email', B: 'email' } }).success).toBe(false);
  });
});

describe('exported cells', () => {
  it('neutralises formula injection and leaves phone numbers dialable', () => {
    expect(escapeCsvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(escapeCsvCell('@SUM(1+1)')).toBe("'@SUM(1+1)");
    expect(escapeCsvCell('+1+cmd|x')).toBe("'+1+cmd|x");
    expect(escapeCsvCell('-2+3+cmd|x')).toBe("'-2+3+cmd|x");
    expect(escapeCsvCell('\t=1')).toBe("'\t=1");
    expect(escapeCsvCell('+1 415 555 0100')).toBe('+1 415 555 0100');
    expect(escapeCsvCell('Alice')).toBe('Alice');
    expect(escapeCsvCell(null)).toBe('');
  });
});
