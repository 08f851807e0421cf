import {
  ORG_SIZE_BANDS,
  customerInputSchema,
  customerPatchSchema,
  type AttributeDefinition,
  type AttributeValue,
  type ContactPoint,
  type Customer,
  type CustomerPatch,
  type FieldErrorCode,
  type FieldIssue,
} from '@ringside/shared';
import { t, type PlainMessageKey } from '../../i18n/t.js';

/** One contact point row being edited; `key` keeps React rows stable while rows are added and removed. */
export interface ContactDraft {
  key: string;
  kind: ContactPoint['kind'];
  value: string;
  label: string;
  /** A stored address's structured fields: the form edits addresses as one line, so they travel back unchanged. */
  address?: Pick<ContactPoint, 'addressLines' | 'city' | 'region' | 'postalCode' | 'country'>;
}

/** The form's state: text exactly as typed. */
export interface CustomerFormValues {
  kind: Customer['kind'];
  firstName: string;
  lastName: string;
  salutation: string;
  birthDate: string;
  language: string;
  timeZone: string;
  organisationName: string;
  tradingName: string;
  registrationNumber: string;
  industry: string;
  sizeBand: '' | (typeof ORG_SIZE_BANDS)[number];
  company: string;
  email: string;
  lifecycle: Customer['lifecycle'];
  valueScore: string;
  notes: string;
  contactPoints: ContactDraft[];
  /** Attribute values by key, as typed (numbers too). */
  attributes: Record<string, string>;
}

/** The person-only and organisation-only text fields, in form order. */
export const PERSON_FIELDS = ['salutation', 'firstName', 'lastName', 'birthDate', 'language', 'timeZone', 'company'] as const;
export const ORGANISATION_FIELDS = ['organisationName', 'tradingName', 'registrationNumber', 'industry'] as const;

/** A body customerInputSchema accepted, with its defaults applied and text trimmed. */
export type ValidCustomer = Extract<ReturnType<typeof customerInputSchema.safeParse>, { success: true }>['data'];

/** The structured fields of an address in the shape the input schema takes (absent rather than null). */
function addressBody(a: NonNullable<ContactDraft['address']>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null && v !== undefined));
}

/** Field errors by issue path (`email`, `contactPoints.1.value`). */
export type FieldErrors = Record<string, string>;

let draftCounter = 0;
/** A fresh, empty contact point row. */
export function newContactDraft(kind: ContactPoint['kind'] = 'phone'): ContactDraft {
  draftCounter += 1;
  return { key: `cp-${draftCounter}`, kind, value: '', label: '' };
}

/** An empty form for a new customer. */
export function emptyFormValues(): CustomerFormValues {
  return {
    kind: 'person',
    firstName: '',
    lastName: '',
    salutation: '',
    birthDate: '',
    language: '',
    timeZone: '',
    organisationName: '',
    tradingName: '',
    registrationNumber: '',
    industry: '',
    sizeBand: '',
    company: '',
    email: '',
    lifecycle: 'lead',
    valueScore: '0',
    notes: '',
    contactPoints: [],
    attributes: {},
  };
}

/** The form filled with a stored customer, for editing. */
export function formValuesFrom(c: Customer): CustomerFormValues {
  return {
    kind: c.kind,
    firstName: c.firstName ?? '',
    lastName: c.lastName ?? '',
    salutation: c.salutation ?? '',
    birthDate: c.birthDate ?? '',
    language: c.language ?? '',
    timeZone: c.timeZone ?? '',
    organisationName: c.organisationName ?? '',
    tradingName: c.tradingName ?? '',
    registrationNumber: c.registrationNumber ?? '',
    industry: c.industry ?? '',
    sizeBand: c.sizeBand ?? '',
    company: c.company ?? '',
    email: c.email ?? '',
    lifecycle: c.lifecycle,
    valueScore: String(c.valueScore),
    notes: c.notes ?? '',
    attributes: Object.fromEntries(Object.entries(c.attributes ?? {}).map(([k, v]) => [k, String(v)])),
    contactPoints: c.contactPoints.map((cp) => ({
      ...newContactDraft(cp.kind),
      value: cp.value,
      label: cp.label ?? '',
      ...(cp.kind === 'address' ? { address: { addressLines: cp.addressLines, city: cp.city, region: cp.region, postalCode: cp.postalCode, country: cp.country } } : {}),
    })),
  };
}

/** A typed attribute value: a number attribute sends a number when the text is one (else the text, which the server refuses with its message). */
function attributeValue(def: AttributeDefinition | undefined, text: string): AttributeValue {
  const trimmed = text.trim();
  if (def?.type === 'number' && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}

/** The non-blank attribute values of the form, typed by their definitions. */
function attributeBody(v: CustomerFormValues, definitions: readonly AttributeDefinition[]): Record<string, AttributeValue> {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const out: Record<string, AttributeValue> = {};
  for (const [key, text] of Object.entries(v.attributes)) {
    const def = byKey.get(key);
    if (text.trim() !== '' && def?.active) out[key] = attributeValue(def, text);
  }
  return out;
}

/** The create body as typed, blank fields left out; customerInputSchema judges it. */
export function toCustomerInput(v: CustomerFormValues, definitions: readonly AttributeDefinition[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: v.kind, lifecycle: v.lifecycle };
  const text = (name: string, value: string) => {
    if (value.trim() !== '') body[name] = value;
  };
  for (const name of v.kind === 'person' ? PERSON_FIELDS : ORGANISATION_FIELDS) text(name, v[name]);
  if (v.kind === 'organisation' && v.sizeBand) body.sizeBand = v.sizeBand;
  const attributes = attributeBody(v, definitions);
  if (Object.keys(attributes).length) body.attributes = attributes;
  if (v.email.trim() !== '') body.email = v.email;
  if (v.valueScore.trim() !== '') body.valueScore = Number(v.valueScore.trim());
  text('notes', v.notes);
  body.contactPoints = v.contactPoints.map((cp) => ({
    kind: cp.kind,
    value: cp.value,
    ...(cp.label.trim() !== '' ? { label: cp.label } : {}),
    ...(cp.kind === 'address' && cp.address ? addressBody(cp.address) : {}),
  }));
  return body;
}

/**
 * The PATCH body for an edit: every field the form shows, with null for a cleared text (absent
 * would mean "unchanged") and the whole contact-point list, which the server replaces. The
 * attributes the form showed (`shownAttributes`) are cleared when left blank. The time zone is
 * sent only when changed: the one shown may be derived from the address, and storing it would
 * stop it following a later move.
 */
export function toCustomerPatch(input: ValidCustomer, options: { shownAttributes?: readonly string[]; shownTimeZone?: string | null } = {}): CustomerPatch {
  const shownAttributes = options.shownAttributes ?? [];
  const fields: readonly string[] = input.kind === 'person' ? PERSON_FIELDS : ORGANISATION_FIELDS;
  const named: Record<string, unknown> = Object.fromEntries(fields.map((f) => [f, (input as Record<string, unknown>)[f] || null]));
  if (input.kind === 'organisation') named['sizeBand'] = input.sizeBand ?? null;
  if ((input.timeZone ?? '') === (options.shownTimeZone ?? '')) delete named['timeZone'];
  const cleared = Object.fromEntries(shownAttributes.map((k) => [k, null]));
  return customerPatchSchema.parse({
    kind: input.kind,
    ...named,
    ...(shownAttributes.length || input.attributes ? { attributes: { ...cleared, ...input.attributes } } : {}),
    email: input.email || null,
    lifecycle: input.lifecycle,
    valueScore: input.valueScore,
    notes: input.notes || null,
    contactPoints: input.contactPoints,
  });
}

/** Where the form shows an issue: the name rule is reported on `kind` but belongs beside the name. */
export function fieldKeyFor(path: string, kind: Customer['kind']): string {
  if (path === 'kind') return kind === 'person' ? 'firstName' : 'organisationName';
  return path;
}

type LooseIssue = { code: string; path: PropertyKey[]; message: string; origin?: string; maximum?: unknown; minimum?: unknown; format?: string; params?: { code?: FieldErrorCode } };

/** Words for the shared schema's stable field codes. */
const FIELD_CODE_KEYS = {
  INVALID_PHONE: 'validation.phone',
  INVALID_EMAIL: 'validation.email',
  INVALID_COUNTRY: 'validation.country',
  INVALID_DATE: 'validation.date',
  INVALID_DATE_RANGE: 'validation.dateRange',
  INVALID_LANGUAGE: 'validation.language',
  INVALID_TIME_ZONE: 'validation.timeZone',
  INVALID_ADDRESS: 'validation.address',
  DUPLICATE_PRIMARY: 'validation.duplicatePrimary',
  ATTRIBUTE_UNKNOWN: 'validation.invalid',
  ATTRIBUTE_INVALID: 'validation.invalid',
  ATTRIBUTE_REQUIRED: 'validation.required',
} as const satisfies Record<FieldErrorCode, PlainMessageKey>;

function issueText(issue: LooseIssue, kind: Customer['kind']): string {
  const field = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'custom':
      if (issue.params?.code) return t(FIELD_CODE_KEYS[issue.params.code]);
      if (issue.message === 'required') return t('validation.required');
      if (field === 'kind') return t(kind === 'person' ? 'customer.validation.personName' : 'customer.validation.organisationName');
      return t('validation.controlChars');
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.format');
    case 'too_big':
      if (issue.origin === 'number') return t('validation.max', { max: String(issue.maximum) });
      if (issue.origin === 'array') return t('validation.tooMany', { max: String(issue.maximum) });
      return t('validation.tooLong', { max: String(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'number') return t('validation.min', { min: String(issue.minimum) });
      return t('validation.required');
    case 'invalid_type':
      return field === 'valueScore' ? t('validation.wholeNumber') : t('validation.invalid');
    default:
      return issue.message;
  }
}

/** Validates with the shared customerInputSchema: the parsed body, or the errors by field. */
export function validateCustomer(
  body: Record<string, unknown>,
  kind: Customer['kind'],
): { ok: true; input: ValidCustomer } | { ok: false; errors: FieldErrors } {
  const result = customerInputSchema.safeParse(body);
  if (result.success) return { ok: true, input: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues as unknown as LooseIssue[]) {
    const key = fieldKeyFor(issue.path.map(String).join('.'), kind);
    errors[key] ??= issueText(issue, kind);
  }
  return { ok: false, errors };
}

/** The server's INVALID_INPUT issues placed on the same fields. */
export function serverFieldErrors(issues: FieldIssue[], kind: Customer['kind']): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[fieldKeyFor(issue.path, kind)] ??= issue.message;
  return errors;
}
