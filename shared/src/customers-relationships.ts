import { z } from 'zod';
import { safeText } from './validation.js';

/**
 * Relationship types, read "from <type> to": a person is an employee or contact of an
 * organisation, a subsidiary of its parent, referred by someone; household members are peers.
 */
export const RELATIONSHIP_TYPES = ['employee_of', 'contact_of', 'household_member', 'subsidiary_of', 'referred_by'] as const;
/** A relationship type. */
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** How each type reads from either end, for lists that show relationships both ways. */
export const RELATIONSHIP_LABELS: Record<RelationshipType, { outgoing: string; incoming: string }> = {
  employee_of: { outgoing: 'employee of', incoming: 'employs' },
  contact_of: { outgoing: 'contact of', incoming: 'has contact' },
  household_member: { outgoing: 'household member with', incoming: 'household member with' },
  subsidiary_of: { outgoing: 'subsidiary of', incoming: 'parent of' },
  referred_by: { outgoing: 'referred by', incoming: 'referred' },
};

const day = z.iso.datetime({ offset: true }).or(z.iso.date());

/** Body of POST /api/customers/:id/relationships; one end must be the customer in the path. */
export const relationshipInputSchema = z
  .object({
    type: z.enum(RELATIONSHIP_TYPES),
    fromPartyId: z.string().uuid(),
    toPartyId: z.string().uuid(),
    jobTitle: safeText(120).pipe(z.string().min(1)).optional(),
    isPrimary: z.boolean().default(false),
    validFrom: day.optional(),
    validTo: day.optional(),
  })
  .strict();
/** Input of a new relationship. */
export type RelationshipInput = z.input<typeof relationshipInputSchema>;

/** Body of POST /api/customers/:id/relationships/:relationshipId/end. */
export const relationshipEndSchema = z.object({ validTo: day.optional() }).strict();

/** The party at the other end of a relationship, enough to show and link it. */
export interface RelatedParty {
  id: string;
  kind: 'person' | 'organisation';
  displayName: string;
}

/** A relationship as seen from one party: which way it points and who is at the other end. */
export interface PartyRelationship {
  id: string;
  type: RelationshipType;
  direction: 'outgoing' | 'incoming';
  label: string;
  fromPartyId: string;
  toPartyId: string;
  other: RelatedParty;
  jobTitle: string | null;
  isPrimary: boolean;
  validFrom: string;
  validTo: string | null;
  active: boolean;
}

/** Reply of GET /api/customers/:id/relationships. */
export interface PartyRelationships {
  relationships: PartyRelationship[];
}
