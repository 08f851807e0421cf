import { eq, inArray, sql } from 'drizzle-orm';
import type { MergeField } from '@ringside/shared';
import type { Db } from '../../db/database.js';
import { contactPoints, customers } from '../../db/schema.js';
import { missingMovedRows, moveAttachedRows, restoreAttachedRows, type MovedRows } from './party-merge-moves.js';

export { movedCounts, type MovedRows } from './party-merge-moves.js';

/** A party row as a merge reads it: kept whole in identity's merge snapshot so an undo can restore it. */
export type PartyRow = typeof customers.$inferSelect;
/** The party fields a merge decides, typed as the columns take them. */
export type PartyFields = Pick<PartyRow, MergeField>;
type Attributes = PartyRow['attributes'];

/** What identity decided the survivor keeps: the fields that change, and the attributes whole. */
export interface SurvivorWrite {
  survivorId: string;
  mergedId: string;
  fields: Partial<PartyFields>;
  attributes: Attributes;
}

/** What an undo writes back: the survivor's decided fields and attributes, the merged record as it was. */
export interface MergeUndo extends SurvivorWrite {
  moved: MovedRows;
  mergedFields: PartyFields;
}

async function writeSurvivor(tx: Db, w: SurvivorWrite): Promise<void> {
  await tx
    .update(customers)
    .set({ ...w.fields, attributes: w.attributes, version: sql`${customers.version} + 1`, updatedAt: sql`now()` })
    .where(eq(customers.id, w.survivorId));
}

/**
 * The customers side of identity's merge and unmerge: every read and write on this context's
 * tables (parties, contact points, relationships, interactions). Each method runs inside the
 * transaction the caller passes; the decisions (which fields survive, whether an undo is
 * allowed) are the caller's.
 */
export class PartyMerge {
  /** Locks both parties in id order (two merges of one pair in opposite directions cannot deadlock) and returns them by id. */
  async lockPair(tx: Db, a: string, b: string): Promise<Map<string, PartyRow>> {
    const rows = await tx.select().from(customers).where(inArray(customers.id, [a, b])).orderBy(customers.id).for('update');
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Where each party's contact points came from (agent, import, ...), by party id: survivorship weighs them. */
  async contactSources(tx: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await tx.select({ customerId: contactPoints.customerId, source: contactPoints.source }).from(contactPoints).where(inArray(contactPoints.customerId, [...ids]));
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const r of rows) out.get(r.customerId)?.push(r.source);
    return out;
  }

  /** Moves everything attached to the merged party to the survivor, writes the survivor's fields, points the merged party at it; returns what moved. */
  async applyMerge(tx: Db, w: SurvivorWrite): Promise<MovedRows> {
    const moved = await moveAttachedRows(tx, w.survivorId, w.mergedId);
    await writeSurvivor(tx, w);
    await tx.update(customers).set({ mergedIntoId: w.survivorId, version: sql`${customers.version} + 1`, updatedAt: sql`now()` }).where(eq(customers.id, w.mergedId));
    return moved;
  }

  /** Rows a merge moved that no longer sit on the survivor, named for the refusal: an undo cannot put them back exactly. */
  missingMoved(tx: Db, survivorId: string, moved: MovedRows): Promise<string[]> {
    return missingMovedRows(tx, survivorId, moved);
  }

  /** Puts back what applyMerge moved, writes the survivor's restored fields and makes the merged party live again as it was. */
  async undoMerge(tx: Db, u: MergeUndo): Promise<void> {
    await restoreAttachedRows(tx, u.survivorId, u.mergedId, u.moved);
    await writeSurvivor(tx, u);
    await tx
      .update(customers)
      .set({ ...u.mergedFields, mergedIntoId: null, version: sql`${customers.version} + 1`, updatedAt: sql`now()` })
      .where(eq(customers.id, u.mergedId));
  }
}
