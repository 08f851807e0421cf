import { CONTROL_CHARS, isPhoneCountry, normalisePhone, type ColumnMapping, type ImportField, type ImportRowCode, type ImportRowError } from '@ringside/shared';

/** A valid import row, normalised: what the import writes (create or update). */
export interface ImportRow {
  record: number;
  externalId: string | null;
  kind: 'person' | 'organisation';
  givenName: string | null;
  familyName: string | null;
  organisationName: string | null;
  emails: string[];
  /** E.164; `mobile` first when both columns are mapped. */
  phones: string[];
  birthDate: string | null;
  address: { line1: string; line2: string | null; city: string | null; region: string | null; postalCode: string | null; country: string } | null;
  language: string | null;
  notes: string | null;
}

/** The row, or every problem it has (all of them, so one dry run reports everything). */
export type RowResult = { ok: true; row: ImportRow } | { ok: false; errors: ImportRowError[] };

const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  externalId: 100,
  givenName: 100,
  familyName: 100,
  organisationName: 200,
  email: 254,
  phone: 40,
  mobile: 40,
  addressLine1: 200,
  addressLine2: 200,
  city: 100,
  region: 100,
  postalCode: 20,
  country: 2,
  language: 35,
  notes: 10_000,
};

// Pragmatic address check (the HTML living standard's): one @, a dotted domain, no spaces.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Notes keep their line breaks and tabs; every other control character is refused.
// eslint-disable-next-line no-control-regex
const NOTES_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function validBirthDate(text: string, today: Date): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900 && date.getTime() <= today.getTime();
}

function canonicalLanguage(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Validates and normalises one record under a mapping. Blank cells are absent values; every cell
 * is trimmed. Pure: the same record always gives the same result.
 */
export function validateImportRow(record: number, cells: Record<string, string>, mapping: ColumnMapping, today = new Date()): RowResult {
  const errors: ImportRowError[] = [];
  const values: Partial<Record<ImportField, { column: string; value: string }>> = {};
  // Fields present but refused: a name refused for its characters is not also "missing".
  const refused = new Set<ImportField>();
  const fail = (column: string | null, code: ImportRowCode, message: string, value: string | null) => errors.push({ record, column, code, message, value });
  for (const [column, field] of Object.entries(mapping.columns)) {
    if (field === 'ignore') continue;
    const raw = cells[column];
    if (raw === undefined) continue;
    const value = raw.trim();
    if (value === '') continue;
    if ((field === 'notes' ? NOTES_CONTROL : CONTROL_CHARS).test(value)) {
      refused.add(field);
      fail(column, 'CONTROL_CHARS', `${column} contains control characters`, value);
      continue;
    }
    const max = MAX_LENGTH[field];
    if (max !== undefined && value.length > max) {
      refused.add(field);
      fail(column, 'TOO_LONG', `${column} is longer than ${max} characters`, value.slice(0, 80));
      continue;
    }
    values[field] = { column, value };
  }
  const text = (f: ImportField) => values[f]?.value ?? null;

  const phones: string[] = [];
  for (const f of ['mobile', 'phone'] as const) {
    const v = values[f];
    if (!v) continue;
    const n = normalisePhone(v.value, mapping.defaultCountry);
    if (n.ok) {
      if (!phones.includes(n.e164)) phones.push(n.e164);
    } else fail(v.column, 'INVALID_PHONE', `${v.column} is not a phone number (${n.reason.toLowerCase()})`, v.value);
  }
  const emails: string[] = [];
  const email = values.email;
  if (email) {
    if (EMAIL.test(email.value)) emails.push(email.value.toLowerCase());
    else fail(email.column, 'INVALID_EMAIL', `${email.column} is not an email address`, email.value);
  }
  const birth = values.birthDate;
  if (birth && !validBirthDate(birth.value, today)) fail(birth.column, 'INVALID_DATE', `${birth.column} must be a past date as YYYY-MM-DD`, birth.value);
  const country = values.country ? values.country.value.toUpperCase() : null;
  if (values.country && !isPhoneCountry(country ?? '')) fail(values.country.column, 'INVALID_COUNTRY', `${values.country.column} must be an ISO 3166-1 alpha-2 code such as US or DE`, values.country.value);
  let language: string | null = null;
  if (values.language) {
    language = canonicalLanguage(values.language.value);
    if (!language) fail(values.language.column, 'INVALID_LANGUAGE', `${values.language.column} must be a language tag such as en or pt-BR`, values.language.value);
  }
  let kind: ImportRow['kind'] = values.organisationName && !values.givenName && !values.familyName ? 'organisation' : 'person';
  if (values.kind) {
    const k = values.kind.value.toLowerCase();
    if (k === 'person' || k === 'organisation' || k === 'organization') kind = k === 'person' ? 'person' : 'organisation';
    else fail(values.kind.column, 'INVALID_KIND', `${values.kind.column} must be person or organisation`, values.kind.value);
  }
  const named = kind === 'organisation' ? Boolean(values.organisationName) : Boolean(values.givenName || values.familyName);
  const nameRefused = refused.has('givenName') || refused.has('familyName') || refused.has('organisationName');
  if (!named && !nameRefused) fail(null, 'MISSING_NAME', kind === 'organisation' ? 'an organisation needs a name' : 'a person needs a given or family name', null);

  if (errors.length > 0) return { ok: false, errors };
  const line1 = text('addressLine1');
  return {
    ok: true,
    row: {
      record,
      externalId: text('externalId'),
      kind,
      givenName: kind === 'person' ? text('givenName') : null,
      familyName: kind === 'person' ? text('familyName') : null,
      organisationName: text('organisationName'),
      emails,
      phones,
      birthDate: kind === 'person' ? text('birthDate') : null,
      address: line1 ? { line1, line2: text('addressLine2'), city: text('city'), region: text('region'), postalCode: text('postalCode'), country: country ?? mapping.defaultCountry } : null,
      language,
      notes: text('notes'),
    },
  };
}
