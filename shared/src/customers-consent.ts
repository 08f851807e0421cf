import { z } from 'zod';
import { notesText, safeText } from './validation.js';

/** Channels a consent event is about. */
export const CONSENT_CHANNELS = ['voice', 'sms', 'email'] as const;
/** What the contact is for: service (about an existing relationship) or marketing. */
export const CONSENT_PURPOSES = ['service', 'marketing'] as const;
/** The two facts a ledger event can record. */
export const CONSENT_STATES = ['granted', 'withdrawn'] as const;
/** How a consent event reached the ledger. */
export const CONSENT_METHODS = ['agent', 'inbound_sms_keyword', 'import', 'web_form', 'api', 'dnc_list'] as const;

/** A consent channel. */
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
/** A consent purpose. */
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/** A recorded consent fact. */
export type ConsentStateValue = (typeof CONSENT_STATES)[number];
/** How a consent event was captured. */
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** What backs a consent event: the call or message it was given in, the imported file row, or a note. */
export const consentEvidenceSchema = z
  .object({
    interactionId: z.string().uuid().optional(),
    messageId: safeText(200).optional(),
    file: safeText(200).optional(),
    row: z.number().int().min(1).optional(),
    note: notesText(2000).optional(),
  })
  .strict();
/** Evidence of a consent event. */
export type ConsentEvidence = z.infer<typeof consentEvidenceSchema>;

/** One append-only ledger event, as the API returns it. */
export interface ConsentEvent {
  id: string;
  /** The address the event is about: an E.164 number or a lower-cased email. */
  address: string;
  addressKind: 'phone' | 'email';
  contactPointId: string | null;
  customerId: string | null;
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  state: ConsentStateValue;
  occurredAt: string;
  recordedAt: string;
  method: ConsentMethod;
  /** A user id, or the name of the source (a DNC list, an import file). */
  actor: string;
  evidence: ConsentEvidence;
}

/** The answer of consentFor: the ledger's latest fact (or unknown), and whether contact is allowed by it or by the default. */
export interface ConsentDecision {
  state: ConsentStateValue | 'unknown';
  since: string | null;
  event: ConsentEvent | null;
  /** True when contact on this channel for this purpose is allowed: the ledger's state, else the default (service yes, marketing no). */
  allowed: boolean;
}

/** Body of POST /api/customers/:id/consent: one grant or withdrawal on one of the customer's contact points. */
export const consentRecordSchema = z
  .object({
    contactPointId: z.string().uuid(),
    channel: z.enum(CONSENT_CHANNELS),
    purpose: z.enum(CONSENT_PURPOSES),
    state: z.enum(CONSENT_STATES),
    method: z.enum(['agent', 'inbound_sms_keyword', 'web_form', 'api'] as const).default('agent'),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    evidence: consentEvidenceSchema.default({}),
  })
  .strict();
/** Input of a consent record. */
export type ConsentRecordInput = z.input<typeof consentRecordSchema>;

/** Query of POST /api/consent/dnc-import (the body is the CSV itself). */
export const dncImportQuerySchema = z
  .object({
    list: safeText(60).pipe(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, dash or underscore')).default('national'),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country')
      .optional(),
  })
  .strict();

/** Result of a do-not-call import: counts and the rows that were refused. */
export interface DncImportResult {
  list: string;
  rows: number;
  numbers: number;
  added: number;
  alreadyListed: number;
  invalid: number;
  errors: { row: number; value: string; reason: string }[];
}

/** Current consent per channel and purpose on one contact point of a customer. */
export interface ContactPointConsent {
  contactPointId: string;
  address: string | null;
  current: ({ channel: ConsentChannel; purpose: ConsentPurpose } & ConsentDecision)[];
}

/** Reply of GET /api/customers/:id/consent. */
export interface CustomerConsent {
  contactPoints: ContactPointConsent[];
  /** Every ledger event about the customer's addresses (theirs or not, e.g. a DNC entry), newest first. */
  history: ConsentEvent[];
}

/** The channels that make sense for an address kind: a phone takes calls and texts, an email takes email. */
export function channelsFor(addressKind: 'phone' | 'email'): ConsentChannel[] {
  return addressKind === 'phone' ? ['voice', 'sms'] : ['email'];
}
