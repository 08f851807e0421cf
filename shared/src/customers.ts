import { z } from 'zod';
import { safeText, notesText } from './validation.js';

export const CUSTOMER_KINDS = ['person', 'organisation'] as const;
export const LIFECYCLE_STATES = ['lead', 'prospect', 'customer', 'churned'] as const;
export const CONTACT_KINDS = ['phone', 'email', 'sms'] as const;
export const DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;
export const CHANNELS = ['voice', 'email', 'sms', 'chat'] as const;

/** A contact point as entered: the server normalises phones to E.164. */
export const contactPointInputSchema = z.object({
  kind: z.enum(CONTACT_KINDS),
  value: safeText(200).pipe(z.string().min(1, 'required')),
  label: safeText(40).optional(),
});
export type ContactPointInput = z.infer<typeof contactPointInputSchema>;

const customerFields = {
  kind: z.enum(CUSTOMER_KINDS),
  firstName: safeText(100).optional(),
  lastName: safeText(100).optional(),
  organisationName: safeText(200).optional(),
  company: safeText(200).optional(),
  email: safeText(254).pipe(z.string().email()).optional(),
  lifecycle: z.enum(LIFECYCLE_STATES),
  valueScore: z.number().int().min(0).max(100),
  notes: notesText(10_000).optional(),
  contactPoints: z.array(contactPointInputSchema).max(50),
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
  })
  .refine(hasRequiredName, {
    message: 'a person needs a first or last name; an organisation needs a name',
    path: ['kind'],
  });
export type CustomerInput = z.input<typeof customerInputSchema>;

/**
 * Body of PATCH /api/customers/:id: any subset of the create fields, no defaults (absent means
 * unchanged, null clears an optional text); contactPoints, when present, replaces the whole list.
 */
export const customerPatchSchema = z
  .object({
    kind: customerFields.kind,
    firstName: customerFields.firstName.nullable(),
    lastName: customerFields.lastName.nullable(),
    organisationName: customerFields.organisationName.nullable(),
    company: customerFields.company.nullable(),
    email: customerFields.email.nullable(),
    lifecycle: customerFields.lifecycle,
    valueScore: customerFields.valueScore,
    notes: customerFields.notes.nullable(),
    contactPoints: customerFields.contactPoints,
  })
  .partial()
  .strict();
export type CustomerPatch = z.infer<typeof customerPatchSchema>;

export interface ContactPoint {
  id: string;
  kind: (typeof CONTACT_KINDS)[number];
  value: string;
  e164: string | null;
  label: string | null;
}

/** A customer as returned by the API. */
export interface Customer {
  id: string;
  kind: (typeof CUSTOMER_KINDS)[number];
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  company: string | null;
  email: string | null;
  lifecycle: (typeof LIFECYCLE_STATES)[number];
  valueScore: number;
  notes: string | null;
  contactPoints: ContactPoint[];
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
});
export type CustomerSearch = z.infer<typeof customerSearchSchema>;

/** Display name of a customer, whatever its kind. */
export function customerDisplayName(c: Pick<Customer, 'kind' | 'firstName' | 'lastName' | 'organisationName'>): string {
  if (c.kind === 'organisation') return c.organisationName ?? '';
  return [c.firstName, c.lastName].filter(Boolean).join(' ');
}
