import { doubleMetaphone } from 'double-metaphone';
import { formalGivenName } from './nicknames.js';

/** What identity resolution reads of a customer: already-normalised contact points where the model has them. */
export interface IdentityRecord {
  id: string;
  kind: 'person' | 'organisation';
  givenName?: string | null;
  familyName?: string | null;
  organisationName?: string | null;
  /** ISO date (YYYY-MM-DD). */
  birthDate?: string | null;
  /** E.164 numbers. */
  phones: readonly string[];
  emails: readonly string[];
  address?: { line1?: string | null; postalCode?: string | null; country?: string | null } | null;
}

/** A record reduced to the comparable keys the rules and the blocking read. */
export interface MatchKeys {
  id: string;
  kind: 'person' | 'organisation';
  given: string;
  family: string;
  /** Double Metaphone codes (primary, alternate; deduplicated) of the given and family names. */
  givenCodes: string[];
  familyCodes: string[];
  organisation: string;
  organisationCodes: string[];
  birthDate: string;
  phones: string[];
  emails: string[];
  address: string;
}

/** Lower-case ASCII letters only: "Müller-Lüdenscheidt" → "mullerludenscheidt", "O'Brien" → "obrien". */
export function foldName(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

// Legal-form words that say nothing about which organisation it is ("Acme Inc." = "ACME").
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'lp', 'plc', 'corp', 'corporation', 'co', 'company',
  'gmbh', 'ag', 'kg', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'aps', 'pty', 'pte', 'kk', 'the', 'and',
]);

/** An organisation name without punctuation and legal suffixes, words joined by one space. */
export function normaliseOrganisation(name: string | null | undefined): string {
  if (!name) return '';
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && !LEGAL_SUFFIXES.has(w))
    .join(' ');
}

const STREET_WORDS: Record<string, string> = {
  street: 'st', str: 'st', strasse: 'st', avenue: 'ave', av: 'ave', road: 'rd', drive: 'dr', lane: 'ln', boulevard: 'blvd',
  court: 'ct', place: 'pl', square: 'sq', north: 'n', south: 's', east: 'e', west: 'w', apartment: 'apt', suite: 'ste',
};

/** Postal code + house number + street words, abbreviations unified; '' without a postal code and first line. */
export function normaliseAddress(address: IdentityRecord['address']): string {
  if (!address?.line1 || !address.postalCode) return '';
  const words = address.line1
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((w) => STREET_WORDS[w] ?? w);
  const postal = address.postalCode.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return `${(address.country ?? '').toUpperCase()}:${postal}:${words.join(' ')}`;
}

function codes(name: string): string[] {
  if (!name) return [];
  const [primary, alternate] = doubleMetaphone(name);
  return primary === alternate || !alternate ? (primary ? [primary] : []) : [primary, alternate];
}

/** The comparable keys of one record. */
export function matchKeys(r: IdentityRecord): MatchKeys {
  const given = formalGivenName(foldName(r.givenName));
  const family = foldName(r.familyName);
  const organisation = normaliseOrganisation(r.organisationName);
  return {
    id: r.id,
    kind: r.kind,
    given,
    family,
    givenCodes: codes(given),
    familyCodes: codes(family),
    organisation,
    organisationCodes: codes(organisation.replace(/ /g, '')),
    birthDate: r.birthDate ?? '',
    phones: [...new Set(r.phones)],
    emails: [...new Set(r.emails.map((e) => e.trim().toLowerCase()))],
    address: normaliseAddress(r.address),
  };
}
