import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import type { ConsentChannel, ConsentEvent, ConsentEvidence, ConsentMethod, ConsentPurpose, ConsentStateValue } from '@ringside/shared';
import type { Database, Db } from '../../db/database.js';
import { dbCall } from '../../db/db-errors.js';
import { iso } from '../../db/rows.js';
import { consentEvents, contactPoints, customers } from '../../db/schema.js';

/** An event to append. */
export interface NewConsentEvent {
  addressKind: 'phone' | 'email';
  address: string;
  contactPointId: string | null;
  customerId: string | null;
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  state: ConsentStateValue;
  occurredAt: Date;
  method: ConsentMethod;
  actor: string;
  evidence: ConsentEvidence;
  sourceKey?: string;
}

/** A contact point seen as a consent address. */
export interface ConsentAddress {
  contactPointId: string;
  customerId: string;
  addressKind: 'phone' | 'email';
  /** E.164 or lower-cased email; null for a phone that could not be read (no consent can attach to it). */
  address: string | null;
}

type Row = typeof consentEvents.$inferSelect;

function toEvent(r: Row): ConsentEvent {
  return {
    id: r.id,
    address: r.address,
    addressKind: r.addressKind,
    contactPointId: r.contactPointId,
    customerId: r.customerId,
    channel: r.channel,
    purpose: r.purpose,
    state: r.state,
    occurredAt: iso(r.occurredAt) ?? '',
    recordedAt: iso(r.recordedAt) ?? '',
    method: r.method,
    actor: r.actor,
    evidence: (r.evidence ?? {}) as ConsentEvidence,
  };
}

/** The consent ledger on drizzle: appends and reads, never updates. */
export class ConsentRepository {
  private readonly db: Db;

  constructor(database: Database) {
    this.db = database.db;
  }

  async append(event: NewConsentEvent): Promise<ConsentEvent> {
    return dbCall('record consent', async () => {
      const [row] = await this.db.insert(consentEvents).values({ ...event, sourceKey: event.sourceKey ?? null }).returning();
      return toEvent(row as Row);
    });
  }

  /** Appends events whose source key is new; returns how many were new (a re-import adds none). */
  async appendOnce(events: (NewConsentEvent & { sourceKey: string })[]): Promise<number> {
    if (events.length === 0) return 0;
    return dbCall('import consent', async () => {
      const rows = await this.db.insert(consentEvents).values(events).onConflictDoNothing({ target: [consentEvents.tenantId, consentEvents.sourceKey] }).returning({ id: consentEvents.id });
      return rows.length;
    });
  }

  /**
   * The current state: the latest event per address, channel and purpose at a moment. Ties on
   * occurred_at go to the event recorded last, so a correction entered for the same instant wins.
   */
  async latest(address: string, channel: ConsentChannel, purpose: ConsentPurpose, at: Date): Promise<ConsentEvent | null> {
    return dbCall('read consent', async () => {
      const [row] = await this.db
        .select()
        .from(consentEvents)
        .where(and(eq(consentEvents.address, address), eq(consentEvents.channel, channel), eq(consentEvents.purpose, purpose), lte(consentEvents.occurredAt, at)))
        .orderBy(desc(consentEvents.occurredAt), desc(consentEvents.recordedAt), desc(consentEvents.id))
        .limit(1);
      return row ? toEvent(row) : null;
    });
  }

  /** Every event about these addresses, newest first. */
  async history(addresses: string[], limit = 500): Promise<ConsentEvent[]> {
    if (addresses.length === 0) return [];
    return dbCall('read consent history', async () => {
      const rows = await this.db
        .select()
        .from(consentEvents)
        .where(inArray(consentEvents.address, addresses))
        .orderBy(desc(consentEvents.occurredAt), desc(consentEvents.recordedAt), desc(consentEvents.id))
        .limit(limit);
      return rows.map(toEvent);
    });
  }

  /** The consent address of one contact point, or null when there is no such contact point. */
  async addressOf(contactPointId: string): Promise<ConsentAddress | null> {
    return dbCall('read contact point', async () => {
      const [row] = await this.db.select().from(contactPoints).where(eq(contactPoints.id, contactPointId)).limit(1);
      return row ? toAddress(row) : null;
    });
  }

  async customerExists(customerId: string): Promise<boolean> {
    return dbCall('read customer', async () => (await this.db.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).limit(1)).length === 1);
  }

  /** The consent addresses of a customer's contact points, in their order. */
  async addressesOfCustomer(customerId: string): Promise<ConsentAddress[]> {
    return dbCall('read contact points', async () => {
      const rows = await this.db
        .select()
        .from(contactPoints)
        .where(eq(contactPoints.customerId, customerId))
        .orderBy(contactPoints.position, contactPoints.id);
      return rows.map(toAddress);
    });
  }
}

function toAddress(row: typeof contactPoints.$inferSelect): ConsentAddress {
  // The 'sms' contact kind is a phone number that takes texts: the same address as a phone.
  if (row.kind === 'email') return { contactPointId: row.id, customerId: row.customerId, addressKind: 'email', address: row.value.trim().toLowerCase() };
  return { contactPointId: row.id, customerId: row.customerId, addressKind: 'phone', address: row.e164 };
}
