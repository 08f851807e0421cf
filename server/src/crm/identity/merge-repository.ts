import { and, desc, eq, gt, ne, sql, type SQL } from 'drizzle-orm';
import { MERGE_FIELDS, RingsideError, customerDisplayName, type CustomerMergeSummary, type MergeField, type MergeOrigin, type MergeRequest } from '@ringside/shared';
import type { Database, Db } from '../../db/database.js';
import { dbCall } from '../../db/db-errors.js';
import { iso } from '../../db/rows.js';
import { customerMerges, identityCandidates } from '../../db/schema-identity.js';
import { fieldChanges, recordChange, type Actor } from '../customers/change-history.js';
import { movedCounts, type MovedRows, type PartyFields, type PartyMerge, type PartyRow } from '../customers/party-merge.js';
import { attributesAfterUndo, survivingAttributes, survivingFields } from './merge-rules.js';

type MergeRow = typeof customerMerges.$inferSelect;

/** What a merge keeps to be undone: both records as they were, and what it wrote on the survivor. */
interface MergeSnapshot {
  survivor: PartyRow;
  merged: PartyRow;
  written: Partial<PartyFields>;
  origins: Partial<Record<MergeField, MergeOrigin>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function fieldsOf(r: PartyRow): PartyFields {
  return Object.fromEntries(MERGE_FIELDS.map((f) => [f, r[f]])) as PartyFields;
}

function toSummary(r: MergeRow): CustomerMergeSummary {
  const snapshot = r.snapshot as MergeSnapshot;
  return {
    id: r.id,
    survivorId: r.survivorId,
    mergedId: r.mergedId,
    mergedName: customerDisplayName(snapshot.merged),
    status: r.status,
    moved: movedCounts(r.moved as MovedRows),
    fields: snapshot.origins,
    mergedBy: r.mergedByName,
    mergedAt: iso(r.mergedAt) ?? '',
    undoneBy: r.undoneByName,
    undoneAt: iso(r.undoneAt),
  };
}

/** The pair's review-queue rows (left_id < right_id). */
function pairCondition(a: string, b: string): SQL | undefined {
  const [left, right] = a < b ? [a, b] : [b, a];
  return and(eq(identityCandidates.leftId, left), eq(identityCandidates.rightId, right));
}

/** Fails with UNMERGE_CONFLICT naming what is in the way. */
function unmergeConflict(reason: string): RingsideError {
  return new RingsideError('UNMERGE_CONFLICT', `this merge cannot be undone: ${reason}`);
}

/**
 * Merges and unmerges in one transaction each: the customer_merges record with its snapshot, the
 * review-queue row and the change history here; the party rows and every attached row through
 * the customers context's PartyMerge. Identity opens the transaction and hands it to PartyMerge
 * rather than customers opening it and calling back: the use case and its lock order (on undo,
 * identity's merge row before the parties) are identity's, and a callback would have customers
 * open a transaction around work it knows nothing of.
 */
export class MergeRepository {
  private readonly db: Db;

  constructor(
    database: Database,
    private readonly parties: PartyMerge,
  ) {
    this.db = database.db;
  }

  async merge(req: MergeRequest, actor: Actor | null): Promise<CustomerMergeSummary> {
    if (req.survivorId === req.mergedId) throw new RingsideError('MERGE_SELF', 'a record cannot be merged into itself');
    return dbCall('merge customers', () =>
      this.db.transaction(async (tx) => {
        const rows = await this.parties.lockPair(tx, req.survivorId, req.mergedId);
        const survivor = rows.get(req.survivorId);
        const merged = rows.get(req.mergedId);
        if (!survivor || !merged) throw new RingsideError('CUSTOMER_NOT_FOUND', `no customer ${survivor ? req.mergedId : req.survivorId}`);
        for (const r of [survivor, merged]) {
          if (r.mergedIntoId) throw new RingsideError('MERGE_TARGET_MERGED', `customer ${r.id} was already merged into ${r.mergedIntoId}`);
        }
        if (survivor.version !== req.survivorVersion || merged.version !== req.mergedVersion) {
          throw new RingsideError('VERSION_CONFLICT', 'one of the records was changed since it was shown; reload both and merge again');
        }
        if (survivor.kind !== merged.kind) {
          throw new RingsideError('INVALID_INPUT', 'a person and an organisation cannot be merged', [{ path: 'mergedId', message: `a ${merged.kind} cannot merge into a ${survivor.kind}` }]);
        }
        const sources = await this.parties.contactSources(tx, [survivor.id, merged.id]);
        const sourcesOf = (id: string) => sources.get(id) ?? [];
        const decided = survivingFields(
          { values: fieldsOf(survivor), updatedAt: survivor.updatedAt, sources: sourcesOf(survivor.id) },
          { values: fieldsOf(merged), updatedAt: merged.updatedAt, sources: sourcesOf(merged.id) },
          req.rule,
          req.choices,
        );
        const written = Object.fromEntries(Object.entries(decided.values).filter(([f, v]) => !same(survivor[f as MergeField], v))) as Partial<PartyFields>;
        const moved = await this.parties.applyMerge(tx, { survivorId: survivor.id, mergedId: merged.id, fields: written, attributes: survivingAttributes(survivor.attributes, merged.attributes) });
        const snapshot: MergeSnapshot = { survivor, merged, written, origins: decided.origins };
        const [row] = await tx
          .insert(customerMerges)
          .values({ survivorId: survivor.id, mergedId: merged.id, snapshot, moved, mergedBy: actor?.id ?? null, mergedByName: actor?.name ?? null })
          .returning();
        const merge = row as MergeRow;
        await tx
          .update(identityCandidates)
          .set({ status: 'merged', reviewedBy: actor?.id ?? null, reviewedByName: actor?.name ?? null, reviewedAt: sql`now()`, updatedAt: sql`now()` })
          .where(pairCondition(survivor.id, merged.id));
        const counts = movedCounts(moved);
        await recordChange(tx, actor, [
          { customerId: survivor.id, entity: 'customer', entityId: survivor.id, action: 'merge', newValue: { mergeId: merge.id, mergedId: merged.id, moved: counts } },
          ...fieldChanges({ customerId: survivor.id, entity: 'customer', entityId: survivor.id }, fieldsOf(survivor), written),
          { customerId: merged.id, entity: 'customer', entityId: merged.id, action: 'merge', field: 'mergedIntoId', oldValue: null, newValue: { mergeId: merge.id, mergedInto: survivor.id } },
        ]);
        return toSummary(merge);
      }),
    );
  }

  /**
   * Undoes a merge. Refused (UNMERGE_CONFLICT) when it is already undone, when the survivor has
   * since been merged into another record, when a later merge into the survivor is still in
   * effect (undo that one first), or when a moved row has since been deleted from the survivor.
   * Survivor fields edited after the merge keep the edit; the others return to what they were.
   */
  async unmerge(mergeId: string, actor: Actor | null): Promise<CustomerMergeSummary> {
    if (!UUID.test(mergeId)) throw new RingsideError('MERGE_NOT_FOUND', `no merge ${mergeId}`);
    return dbCall('undo merge', () =>
      this.db.transaction(async (tx) => {
        const [merge] = await tx.select().from(customerMerges).where(eq(customerMerges.id, mergeId)).for('update');
        if (!merge) throw new RingsideError('MERGE_NOT_FOUND', `no merge ${mergeId}`);
        if (merge.status === 'undone') throw unmergeConflict('it was already undone');
        const rows = await this.parties.lockPair(tx, merge.survivorId, merge.mergedId);
        const survivor = rows.get(merge.survivorId);
        const merged = rows.get(merge.mergedId);
        if (!survivor || !merged) throw unmergeConflict('one of the records was deleted');
        if (survivor.mergedIntoId) throw unmergeConflict(`the survivor was since merged into ${survivor.mergedIntoId}; undo that merge first`);
        if (merged.mergedIntoId !== survivor.id) throw unmergeConflict('the merged record no longer points at the survivor');
        const later = await tx
          .select({ id: customerMerges.id })
          .from(customerMerges)
          .where(and(eq(customerMerges.survivorId, survivor.id), eq(customerMerges.status, 'merged'), ne(customerMerges.id, merge.id), gt(customerMerges.mergedAt, merge.mergedAt)))
          .limit(1);
        if (later[0]) throw unmergeConflict(`a later merge (${later[0].id}) into the survivor is still in effect; undo it first`);
        const moved = merge.moved as MovedRows;
        const missing = await this.parties.missingMoved(tx, survivor.id, moved);
        if (missing.length) throw unmergeConflict(`moved rows were since removed from the survivor (${missing.slice(0, 5).join(', ')})`);
        const snapshot = merge.snapshot as MergeSnapshot;
        const restore = Object.fromEntries(
          Object.entries(snapshot.written)
            .filter(([f, v]) => same(survivor[f as MergeField], v))
            .map(([f]) => [f, snapshot.survivor[f as MergeField] ?? null]),
        ) as Partial<PartyFields>;
        await this.parties.undoMerge(tx, {
          survivorId: survivor.id,
          mergedId: merged.id,
          moved,
          fields: restore,
          attributes: attributesAfterUndo(survivor.attributes, snapshot.survivor.attributes, snapshot.merged.attributes),
          mergedFields: fieldsOf(snapshot.merged),
        });
        const [row] = await tx
          .update(customerMerges)
          .set({ status: 'undone', undoneBy: actor?.id ?? null, undoneByName: actor?.name ?? null, undoneAt: sql`now()` })
          .where(eq(customerMerges.id, merge.id))
          .returning();
        // The pair is a candidate again: the reviewer decides anew (or marks it not a duplicate).
        await tx.update(identityCandidates).set({ status: 'open', updatedAt: sql`now()` }).where(and(pairCondition(survivor.id, merged.id), eq(identityCandidates.status, 'merged')));
        await recordChange(tx, actor, [
          { customerId: survivor.id, entity: 'customer', entityId: survivor.id, action: 'unmerge', newValue: { mergeId: merge.id, mergedId: merged.id } },
          ...fieldChanges({ customerId: survivor.id, entity: 'customer', entityId: survivor.id }, fieldsOf(survivor), restore),
          { customerId: merged.id, entity: 'customer', entityId: merged.id, action: 'unmerge', field: 'mergedIntoId', oldValue: survivor.id, newValue: null },
        ]);
        return toSummary(row as MergeRow);
      }),
    );
  }

  /** Merges newest first, optionally of one survivor or in one status. */
  async list(query: { survivorId?: string | undefined; status?: 'merged' | 'undone' | undefined; limit: number }): Promise<CustomerMergeSummary[]> {
    return dbCall('list merges', async () => {
      const where = and(query.survivorId ? eq(customerMerges.survivorId, query.survivorId) : undefined, query.status ? eq(customerMerges.status, query.status) : undefined);
      const rows = await this.db.select().from(customerMerges).where(where).orderBy(desc(customerMerges.mergedAt), desc(customerMerges.id)).limit(query.limit);
      return rows.map(toSummary);
    });
  }
}
