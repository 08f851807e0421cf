import { and, asc, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/database.js';
import { rowsOf } from '../../db/rows.js';
import { contactPoints, customers } from '../../db/schema.js';
import type { PartyRow } from './party-merge.js';

type ContactRow = typeof contactPoints.$inferSelect;

/** A party with all its contact points, as the duplicate scan compares them. */
export interface PartyWithContacts {
  party: PartyRow;
  contactPoints: ContactRow[];
}

/**
 * Reads of whole parties for other contexts that work over many of them (identity's duplicate
 * scan and review queue): live parties in id order with their contact points, and parties by id.
 */
export class PartyReads {
  private readonly db: Db;

  constructor(database: Database) {
    this.db = database.db;
  }

  /** How many live (not merged-away) parties there are. */
  async countLive(): Promise<number> {
    const r = await this.db.execute(sql`SELECT count(*)::int AS n FROM customers WHERE merged_into_id IS NULL`);
    return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
  }

  /** The next `size` live parties after `afterId` in id order (keyset paging), each with its contact points. */
  async liveBatch(afterId: string | null, size: number): Promise<PartyWithContacts[]> {
    const rows = await this.db
      .select()
      .from(customers)
      .where(and(isNull(customers.mergedIntoId), afterId ? gt(customers.id, afterId) : undefined))
      .orderBy(asc(customers.id))
      .limit(size);
    if (rows.length === 0) return [];
    const points = await this.db.select().from(contactPoints).where(inArray(contactPoints.customerId, rows.map((r) => r.id)));
    const byParty = new Map<string, ContactRow[]>();
    for (const p of points) byParty.set(p.customerId, [...(byParty.get(p.customerId) ?? []), p]);
    return rows.map((party) => ({ party, contactPoints: byParty.get(party.id) ?? [] }));
  }

  /** The parties with these ids, merged-away ones included, by id; an unknown id is absent. */
  async byIds(ids: readonly string[]): Promise<Map<string, PartyRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.select().from(customers).where(inArray(customers.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r]));
  }
}
