import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { RELATIONSHIP_LABELS, RingsideError, customerDisplayName, type PartyRelationship, type RelatedParty, type RelationshipType } from '@ringside/shared';
import type { Database, Db } from '../../db/database.js';
import { dbCall, translateDbError } from '../../db/db-errors.js';
import { iso, rowsOf } from '../../db/rows.js';
import { customers, partyRelationships } from '../../db/schema.js';

/** A relationship to insert, validated. */
export interface NewRelationship {
  type: RelationshipType;
  fromPartyId: string;
  toPartyId: string;
  jobTitle: string | null;
  isPrimary: boolean;
  validFrom: Date;
  validTo: Date | null;
  createdBy: string | null;
}

type Row = typeof partyRelationships.$inferSelect;
type PartyRow = Pick<typeof customers.$inferSelect, 'id' | 'kind' | 'firstName' | 'lastName' | 'organisationName'>;

// One lock key for the whole hierarchy: a cycle can close through any two edges, so two inserts
// anywhere in it must not check at the same time.
const HIERARCHY_LOCK = 0x52_48_49_45; // "RHIE"

/** A current subsidiary edge: no end date, or one still ahead. */
const CURRENT = sql`(valid_to IS NULL OR valid_to > now())`;

/**
 * The organisations of the owners of a number, for the screen pop. Prepared: every ringing call
 * asks it, and planning the join each time cost more than running it (4.6 ms against 0.9 ms on
 * the 1M-customer bench database).
 */
function preparedEmployersByE164(db: Db) {
  return db
    .select({ personId: partyRelationships.fromPartyId, id: customers.id, kind: customers.kind, firstName: customers.firstName, lastName: customers.lastName, organisationName: customers.organisationName })
    .from(partyRelationships)
    .innerJoin(customers, eq(customers.id, partyRelationships.toPartyId))
    .where(
      and(
        sql`${partyRelationships.fromPartyId} IN (SELECT customer_id FROM contact_points WHERE e164 = ${sql.placeholder('e164')})`,
        sql`${partyRelationships.type} IN ('employee_of', 'contact_of')`,
        sql`${partyRelationships.validFrom} <= now() AND (${partyRelationships.validTo} IS NULL OR ${partyRelationships.validTo} > now())`,
      ),
    )
    .orderBy(sql`${partyRelationships.isPrimary} DESC`, customers.organisationName)
    .prepare('employers_by_e164');
}

/** Relationships between parties on drizzle. */
export class RelationshipRepository {
  private readonly db: Db;
  private readonly employersByE164: ReturnType<typeof preparedEmployersByE164>;

  constructor(database: Database) {
    this.db = database.db;
    this.employersByE164 = preparedEmployersByE164(this.db);
  }

  /** Kinds of the live parties among ids: a merged-away record takes no new relationships (its survivor does). */
  async partyKinds(ids: string[]): Promise<Map<string, 'person' | 'organisation'>> {
    return dbCall('read parties', async () => {
      const rows = await this.db
        .select({ id: customers.id, kind: customers.kind })
        .from(customers)
        .where(and(inArray(customers.id, ids), isNull(customers.mergedIntoId)));
      return new Map(rows.map((r) => [r.id, r.kind]));
    });
  }

  /**
   * Inserts a relationship. A subsidiary edge is checked for a cycle inside the same transaction
   * under an advisory lock, so two concurrent inserts (A under B, B under A) cannot both pass.
   */
  async insert(rel: NewRelationship): Promise<string> {
    try {
      return await this.db.transaction(async (tx) => {
        if (rel.type === 'subsidiary_of') {
          await tx.execute(sql`SELECT pg_advisory_xact_lock(${HIERARCHY_LOCK})`);
          // Walk up from the new parent; reaching the new child means the edge would close a loop.
          const found = await tx.execute(sql`
            WITH RECURSIVE up(id) AS (
              SELECT ${rel.toPartyId}::uuid
              UNION
              SELECT r.to_party_id FROM party_relationships r JOIN up ON r.from_party_id = up.id
              WHERE r.type = 'subsidiary_of' AND ${CURRENT}
            )
            SELECT 1 AS hit FROM up WHERE id = ${rel.fromPartyId}::uuid LIMIT 1`);
          if (rowsOf(found).length > 0) {
            throw new RingsideError('RELATIONSHIP_CYCLE', 'this organisation is already above the new parent in the hierarchy; the link would make a cycle');
          }
        }
        const [row] = await tx.insert(partyRelationships).values(rel).returning({ id: partyRelationships.id });
        return (row as { id: string }).id;
      });
    } catch (err) {
      const e = translateDbError(err, 'add relationship');
      if (e.code === 'CONFLICT' && e.message.includes('party_relationships_one_primary')) {
        throw new RingsideError('PRIMARY_CONTACT_TAKEN', 'this organisation already has a primary contact; end or change that one first');
      }
      throw e;
    }
  }

  async get(id: string): Promise<Row | null> {
    return dbCall('read relationship', async () => (await this.db.select().from(partyRelationships).where(eq(partyRelationships.id, id)).limit(1))[0] ?? null);
  }

  /** Sets the end date; returns false when there is no such relationship. */
  async end(id: string, validTo: Date): Promise<boolean> {
    return dbCall('end relationship', async () => {
      const rows = await this.db.update(partyRelationships).set({ validTo }).where(eq(partyRelationships.id, id)).returning({ id: partyRelationships.id });
      return rows.length === 1;
    });
  }

  async delete(id: string): Promise<boolean> {
    return dbCall('delete relationship', async () => (await this.db.delete(partyRelationships).where(eq(partyRelationships.id, id)).returning({ id: partyRelationships.id })).length === 1);
  }

  /** Every relationship of a party in both directions, current ones first, with the other party. */
  async listFor(partyId: string, now: Date): Promise<PartyRelationship[]> {
    return dbCall('list relationships', async () => {
      const rows = await this.db
        .select({ r: partyRelationships, other: { id: customers.id, kind: customers.kind, firstName: customers.firstName, lastName: customers.lastName, organisationName: customers.organisationName } })
        .from(partyRelationships)
        .innerJoin(
          customers,
          sql`${customers.id} = CASE WHEN ${partyRelationships.fromPartyId} = ${partyId} THEN ${partyRelationships.toPartyId} ELSE ${partyRelationships.fromPartyId} END`,
        )
        .where(or(eq(partyRelationships.fromPartyId, partyId), eq(partyRelationships.toPartyId, partyId)))
        .orderBy(sql`${partyRelationships.validTo} IS NOT NULL`, partyRelationships.type, customers.lastName, customers.organisationName, partyRelationships.id);
      return rows.map(({ r, other }) => toRelationship(r, other, partyId, now));
    });
  }

  /**
   * The organisations the owners of a number currently work for or are contacts of, keyed by
   * owner. Asked by number, so the screen pop runs it alongside the customer lookup, not after.
   */
  async organisationsOfOwnersOf(e164: string): Promise<Map<string, RelatedParty[]>> {
    return dbCall('read organisations', async () => {
      const rows = await this.employersByE164.execute({ e164 });
      const out = new Map<string, RelatedParty[]>();
      for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), { id: r.id, kind: r.kind, displayName: customerDisplayName(r) }]);
      return out;
    });
  }
}

function toRelationship(r: Row, other: PartyRow, partyId: string, now: Date): PartyRelationship {
  const direction = r.fromPartyId === partyId ? 'outgoing' : 'incoming';
  return {
    id: r.id,
    type: r.type,
    direction,
    label: RELATIONSHIP_LABELS[r.type][direction],
    fromPartyId: r.fromPartyId,
    toPartyId: r.toPartyId,
    other: { id: other.id, kind: other.kind, displayName: customerDisplayName(other) },
    jobTitle: r.jobTitle,
    isPrimary: r.isPrimary,
    validFrom: iso(r.validFrom) ?? '',
    validTo: iso(r.validTo),
    active: r.validFrom.getTime() <= now.getTime() && (r.validTo === null || r.validTo.getTime() > now.getTime()),
  };
}
