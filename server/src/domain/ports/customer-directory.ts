import type { Customer, Interaction, OpenItem, RelatedParty } from '@ringside/shared';

/** What the directory knows about a number. Context (interactions, open items) is filled only for a single match. */
export interface DirectoryLookup {
  customers: Customer[];
  lastInteractions: Interaction[];
  openItems: OpenItem[];
  /** For a single person: the organisations they currently work for or are a contact of. */
  organisations?: RelatedParty[];
}

/** The CRM as the screen pop needs it; implemented over PostgreSQL by server/src/crm. */
export interface CustomerDirectory {
  /**
   * Customers with a contact point equal to the E.164 number, at most `limit` of them (more means
   * "many" anyway). For exactly one match, also its last `interactionLimit` interactions, newest
   * first, and its open items.
   */
  findByE164(e164: string, options?: { limit?: number; interactionLimit?: number }): Promise<DirectoryLookup>;
  /** Whether the customer exists for the running tenant (a command naming a customer checks it first); absent: not checked. */
  hasCustomer?(id: string): Promise<boolean>;
}
