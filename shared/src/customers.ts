import { z } from 'zod';
import { getCountry, getTimezonesForCountry } from 'countries-and-timezones';
import type { FieldErrorCode } from './errors.js';
import { safeText, notesText } from './validation.js';
import { attributeKeySchema, attributeValuesSchema, type AttributeValue } from './customers-attributes.js';

export const CUSTOMER_KINDS = ['person', 'organisation'] as const;
export const LIFECYCLE_STATES = ['lead', 'prospect', 'customer', 'churned'] as const;
export const CONTACT_KINDS = ['phone', 'email', 'sms', 'address'] as const;
/** What a contact point is for. */
export const CONTACT_PURPOSES = ['home', 'work', 'billing', 'shipping'] as const;
/** Who gave Ringside a contact point. */
export const CONTACT_SOURCES = ['agent', 'import', 'api', 'web', 'sms'] as const;
/** A phone's line type, from libphonenumber's full metadata. */
export const PHONE_TYPES = ['mobile', 'landline', 'unknown'] as const;
/** Head-count bands of an organisation. */
export const ORG_SIZE_BANDS = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;

/** A refinement's options carrying a stable field error code (toFieldIssues reads it). */
function coded(code: FieldErrorCode, message: string) {
  return { message, params: { code } };
}

/** True for an ISO 3166-1 alpha-2 country code (upper case). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && getCountry(code) !== null;
}

/** True for a well-formed BCP 47 language tag. */
export function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** True for an IANA time zone name the runtime knows. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The time zone of a country when it has exactly one zone of its own (DE -> Europe/Berlin);
 * null when the country spans several (US, RU, ...): guessing one would be wrong for most callers.
 */
export function countryTimeZone(country: string | null | undefined): string | null {
  if (!country) return null;
  const own = getTimezonesForCountry(country.toUpperCase())?.filter((z) => z.countries[0] === country.toUpperCase() && !z.aliasOf) ?? [];
  return own.length === 1 ? (own[0]?.name ?? null) : null;
}

const isoDate = safeText(10).refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), coded('INVALID_DATE', 'must be a date YYYY-MM-DD'));
const birthDate = isoDate.refine((s) => s >= '1900-01-01' && s <= new Date().toISOString().slice(0, 10), coded('INVALID_DATE', 'must be a past date after 1900'));
const language = safeText(35).refine(isLanguageTag, coded('INVALID_LANGUAGE', 'must be a BCP 47 language tag (en, fr-CA, ...)')).transform((t) => Intl.getCanonicalLocales(t)[0] ?? t);
const timeZone = safeText(64).refine(isTimeZone, coded('INVALID_TIME_ZONE', 'must be an IANA time zone (Europe/Paris, ...)'));
const country = safeText(2).transform((c) => c.toUpperCase()).refine(isCountryCode, coded('INVALID_COUNTRY', 'must be an ISO 3166-1 alpha-2 country code'));

export const DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;
export const CHANNELS = ['voice', 'email', 'sms', 'chat'] as const;

/** A contact point as entered: the server normalises phones to E.164. */
export const contactPointInputSchema = z
  .object({
    kind: z.enum(CONTACT_KINDS),
    // An address needs no value: the server writes its one-line form.
    value: safeText(200).optional(),
    label: safeText(40).optional(),
    purpose: z.enum(CONTACT_PURPOSES).optional(),
    source: z.enum(CONTACT_SOURCES).optional(),
    primary: z.boolean().optional(),
    validFrom: isoDate.nullable().optional(),
    validTo: isoDate.nullable().optional(),
    verifiedAt: z.iso.datetime({ offset: true }).nullable().optional(),
    addressLines: z.array(safeText(200)).max(4).optional(),
    city: safeText(100).optional(),
    region: safeText(100).optional(),
    postalCode: safeText(20).optional(),
    country: country.optional(),
  })
  .superRefine((p, ctx) => {
    const bad = (path: string, code: FieldErrorCode, message: string) => ctx.addIssue({ code: 'custom', path: [path], message, params: { code } });
    if (p.kind === 'address') {
      if (!p.addressLines?.some(Boolean) && !p.city) bad('addressLines', 'INVALID_ADDRESS', 'an address needs a street line or a city');
      if (!p.country) bad('country', 'INVALID_COUNTRY', 'an address needs an ISO 3166-1 alpha-2 country code');
    } else if (!p.value) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'required' });
    } else if (p.kind === 'email' && !z.email().safeParse(p.value).success) {
      bad('value', 'INVALID_EMAIL', 'not an email address');
    }
    if (p.validFrom && p.validTo && p.validTo < p.validFrom) bad('validTo', 'INVALID_DATE_RANGE', 'must not be before validFrom');
  });
export type ContactPointInput = z.infer<typeof contactPointInputSchema>;

const customerFields = {
  kind: z.enum(CUSTOMER_KINDS),
  firstName: safeText(100).optional(),
  lastName: safeText(100).optional(),
  salutation: safeText(30).optional(),
  birthDate: birthDate.optional(),
  language: language.optional(),
  timeZone: timeZone.optional(),
  organisationName: safeText(200).optional(),
  tradingName: safeText(200).optional(),
  registrationNumber: safeText(50).optional(),
  industry: safeText(100).optional(),
  sizeBand: z.enum(ORG_SIZE_BANDS).optional(),
  company: safeText(200).optional(),
  email: safeText(254).refine((e) => z.email().safeParse(e).success, coded('INVALID_EMAIL', 'not an email address')).optional(),
  lifecycle: z.enum(LIFECYCLE_STATES),
  valueScore: z.number().int().min(0).max(100),
  notes: notesText(10_000).optional(),
  contactPoints: z.array(contactPointInputSchema).max(50),
  attributes: attributeValuesSchema,
};

/** True when a customer has the name its kind needs. */
export function hasRequiredName(c: { kind?: string; firstName?: string | null; lastName?: string | null; organisationName?: string | null }): boolean {
  return c.kind === 'organisation' ? Boolean(c.organisationName) : Boolean(c.firstName || c.lastName);
}

/** Body of customer create; update takes the same fields, all optional. */
export const customerInputSchema = z
  .object({
    ...customerFields,
    kind: customerFields.kind.default('person'),
    lifecycle: customerFields.lifecycle.default('lead'),
    valueScore: customerFields.valueScore.default(0),
    contactPoints: customerFields.contactPoints.default([]),
    attributes: customerFields.attributes.optional(),
    /** True when the caller saw the likely duplicates and saves anyway (else a likely duplicate is DUPLICATE_SUSPECTED). */
    confirmDuplicate: z.boolean().optional(),
  })
  .refine(hasRequiredName, {
    message: 'a person needs a first or last name; an organisation needs a name',
    path: ['kind'],
  })
  .superRefine((c, ctx) => primaryIssues(c.contactPoints).forEach((i) => ctx.addIssue(i)));
export type CustomerInput = z.input<typeof customerInputSchema>;

/** At most one primary contact point per kind (the database enforces it too, with a partial unique index). */
function primaryIssues(points: ContactPointInput[]) {
  const seen = new Set<string>();
  const issues: { code: 'custom'; path: (string | number)[]; message: string; params: { code: FieldErrorCode } }[] = [];
  points.forEach((p, n) => {
    if (!p.primary) return;
    if (seen.has(p.kind)) issues.push({ code: 'custom', path: ['contactPoints', n, 'primary'], message: `only one primary ${p.kind}`, params: { code: 'DUPLICATE_PRIMARY' } });
    seen.add(p.kind);
  });
  return issues;
}

/**
 * Body of PATCH /api/customers/:id: any subset of the create fields, no defaults (absent means
 * unchanged, null clears an optional text); contactPoints, when present, replaces the whole list.
 */
export const customerPatchSchema = z
  .object({
    kind: customerFields.kind,
    firstName: customerFields.firstName.nullable(),
    lastName: customerFields.lastName.nullable(),
    salutation: customerFields.salutation.nullable(),
    birthDate: customerFields.birthDate.nullable(),
    language: customerFields.language.nullable(),
    timeZone: customerFields.timeZone.nullable(),
    organisationName: customerFields.organisationName.nullable(),
    tradingName: customerFields.tradingName.nullable(),
    registrationNumber: customerFields.registrationNumber.nullable(),
    industry: customerFields.industry.nullable(),
    sizeBand: customerFields.sizeBand.nullable(),
    company: customerFields.company.nullable(),
    email: customerFields.email.nullable(),
    lifecycle: customerFields.lifecycle,
    valueScore: customerFields.valueScore,
    notes: customerFields.notes.nullable(),
    contactPoints: customerFields.contactPoints,
    attributes: customerFields.attributes,
  })
  .partial()
  .strict()
  .superRefine((c, ctx) => primaryIssues(c.contactPoints ?? []).forEach((i) => ctx.addIssue(i)));
export type CustomerPatch = z.infer<typeof customerPatchSchema>;

/** A stored contact point as the API returns it. */
export interface ContactPoint {
  id: string;
  kind: (typeof CONTACT_KINDS)[number];
  value: string;
  e164: string | null;
  label: string | null;
  emailLower: string | null;
  phoneType: (typeof PHONE_TYPES)[number] | null;
  addressLines: string[] | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  purpose: (typeof CONTACT_PURPOSES)[number];
  validFrom: string | null;
  validTo: string | null;
  verifiedAt: string | null;
  primary: boolean;
  source: (typeof CONTACT_SOURCES)[number];
}

/** A customer as returned by the API. */
export interface Customer {
  id: string;
  kind: (typeof CUSTOMER_KINDS)[number];
  firstName: string | null;
  lastName: string | null;
  salutation: string | null;
  birthDate: string | null;
  language: string | null;
  /** As given, else derived from the primary address's or phone's country (null when ambiguous). */
  timeZone: string | null;
  /** The organisation's legal name. */
  organisationName: string | null;
  tradingName: string | null;
  registrationNumber: string | null;
  industry: string | null;
  sizeBand: (typeof ORG_SIZE_BANDS)[number] | null;
  company: string | null;
  email: string | null;
  lifecycle: (typeof LIFECYCLE_STATES)[number];
  valueScore: number;
  notes: string | null;
  contactPoints: ContactPoint[];
  /** Values of admin-defined attributes by key (also of definitions since deactivated). */
  attributes: Record<string, AttributeValue>;
  /** Raised by every write; a merge sends the versions it was shown (optimistic check). */
  version: number;
  /** The record this one was merged into (reads of a merged-away id resolve to the survivor). */
  mergedIntoId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One interaction on a customer's timeline. */
export interface Interaction {
  id: string;
  customerId: string | null;
  agentId: string | null;
  agentName: string | null;
  queue: string | null;
  direction: (typeof DIRECTIONS)[number];
  channel: (typeof CHANNELS)[number];
  linkedid: string | null;
  legId: string;
  callerNumber: string | null;
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  disposition: string | null;
  notes: string | null;
  recording: string | null;
  abandoned: boolean;
  /** open while the call runs (written at answer); completed when it ends. */
  status: 'open' | 'completed';
  /** Who completed it: the call's own end, or recovery after the server missed that end. */
  closedBy: 'call' | 'recovery' | null;
}

/** Query of GET /api/customers: free text that matches names, email or a phone number in any format. */
export const customerSearchSchema = z.object({
  q: safeText(200).default(''),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  /** With `value`: only customers whose attribute `attribute` has exactly that value. */
  attribute: attributeKeySchema.optional(),
  value: safeText(1000).optional(),
}).refine((s) => (s.attribute === undefined) === (s.value === undefined), { message: 'attribute and value go together', path: ['value'] });
export type CustomerSearch = z.infer<typeof customerSearchSchema>;

/**
 * Body of POST /api/customers/duplicate-check: the form's draft (nothing required yet) and, when
 * editing, the customer's own id, which is never its own duplicate.
 */
export const duplicateCheckSchema = z.object({
  kind: customerFields.kind.default('person'),
  firstName: customerFields.firstName,
  lastName: customerFields.lastName,
  birthDate: customerFields.birthDate,
  organisationName: customerFields.organisationName,
  tradingName: customerFields.tradingName,
  email: customerFields.email,
  contactPoints: customerFields.contactPoints.default([]),
  customerId: z.uuid().optional(),
});
/** A duplicate-check body. */
export type DuplicateCheckInput = z.input<typeof duplicateCheckSchema>;
/** Query of GET /api/customers/export.csv: the search whose every match is exported. */
export const customerExportQuerySchema = z.object({ q: safeText(200).default('') }).strict();

/** Display name of a customer, whatever its kind. */
export function customerDisplayName(c: Pick<Customer, 'kind' | 'firstName' | 'lastName' | 'organisationName'>): string {
  if (c.kind === 'organisation') return c.organisationName ?? '';
  return [c.firstName, c.lastName].filter(Boolean).join(' ');
}

/** One entry of a customer's change history: one field of a party, contact point or consent record. */
export interface CustomerChange {
  id: number;
  customerId: string;
  entity: string;
  entityId: string | null;
  action: 'create' | 'update' | 'delete' | 'merge' | 'unmerge';
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: string;
}

/** Query of GET /api/customers/:id/history. */
export const customerHistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});
