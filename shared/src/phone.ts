import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { CONTROL_CHARS } from './validation.js';

/** Result of normalising a phone number typed or received in any format. */
export type NormalisedPhone =
  | { ok: true; e164: string; country: string | undefined }
  | { ok: false; reason: 'EMPTY' | 'CONTROL_CHARS' | 'UNPARSEABLE' | 'INVALID' };

/**
 * Normalises a phone number to E.164. Numbers without a country prefix are read in
 * `defaultCountry`; `00` and `+` international prefixes are understood.
 */
export function normalisePhone(raw: string, defaultCountry: string): NormalisedPhone {
  if (CONTROL_CHARS.test(raw)) return { ok: false, reason: 'CONTROL_CHARS' };
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, reason: 'EMPTY' };
  // Callers and CRMs write the international prefix as 00; libphonenumber only reads it for some countries.
  const text = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const parsed = parsePhoneNumberFromString(text, defaultCountry.toUpperCase() as CountryCode);
  if (!parsed) return { ok: false, reason: 'UNPARSEABLE' };
  if (!parsed.isPossible()) return { ok: false, reason: 'INVALID' };
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/** E.164 or null, for lookups where an unparseable number simply matches nobody. */
export function toE164(raw: string, defaultCountry: string): string | null {
  const r = normalisePhone(raw, defaultCountry);
  return r.ok ? r.e164 : null;
}

/** Formats an E.164 number for display in its international form. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}

/** True for an ISO 3166-1 alpha-2 code (upper case) that phone normalisation knows how to read. */
export function isPhoneCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

/** A number's line type from libphonenumber's full metadata; fixed-or-mobile and the rest are unknown. */
export function phoneLineType(e164: string): 'mobile' | 'landline' | 'unknown' {
  const type = parsePhoneNumberFromString(e164)?.getType();
  if (type === 'MOBILE') return 'mobile';
  if (type === 'FIXED_LINE') return 'landline';
  return 'unknown';
}

/** The ISO country a number belongs to, when libphonenumber can tell. */
export function phoneCountry(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}
