import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { rowsOf } from '../../db/rows.js';
import { contactPoints, partyRelationships } from '../../db/schema.js';

type ContactRow = typeof contactPoints.$inferSelect;
type RelationshipRow = typeof partyRelationships.$inferSelect;

/**
 * Tables whose rows belong to a customer through one column and simply move to the survivor.
 * Append-only ledgers are not here: customer_changes and consent_events refuse updates, and
 * need no move (history is read through merged_into_id, consent is keyed by the address).
 * Only this context's tables belong here: a context whose own rows point at a customer would
 * offer its own move for identity to call in the same transaction (see table-owners.ts).
 */
export const MOVED_TABLES: readonly { key: string; table: string; column: string }[] = [{ key: 'interactions', table: 'interactions', column: 'customer_id' }];

/** Everything one merge changed besides the two party rows: exactly what an undo puts back. */
export interface MovedRows {
  /** Moved to the survivor, with the position and primary flag they had. */
  contactPoints: { id: string; position: number; isPrimary: boolean }[];
  /** Deleted because the survivor has the same address; restored from these rows. */
  collapsedContactPoints: ContactRow[];
  relationshipsFrom: string[];
  relationshipsTo: string[];
  /** Deleted: a relationship between the two records, or one the survivor already has. */
  removedRelationships: RelationshipRow[];
  /** Moved relationships whose primary flag was cleared (the survivor organisation has a primary contact). */
  unprimaried: string[];
  /** MOVED_TABLES rows by key. */
  tables: Record<string, string[]>;
}

/** The identity of a contact point for collapsing: two points with one key are the same address. */
export function contactKey(p: { kind: string; value: string; e164?: string | null; emailLower?: string | null }): string {
  return `${p.kind}|${p.e164 ?? p.emailLower ?? p.value.trim().toLowerCase()}`;
}

/** JSON turned timestamps into strings; these columns need Dates again to be written back. */
function revive<T extends object>(row: T, keys: (keyof T)[]): T {
  const out = { ...row };
  for (const k of keys) {
    const v = out[k];
    if (typeof v === 'string') (out as Record<keyof T, unknown>)[k] = new Date(v);
  }
  return out;
}

async function moveContactPoints(tx: Db, survivorId: string, mergedId: string, moved: MovedRows): Promise<void> {
  const [ours, theirs] = await Promise.all([
    tx.select().from(contactPoints).where(eq(contactPoints.customerId, survivorId)),
    tx.select().from(contactPoints).where(eq(contactPoints.customerId, mergedId)).orderBy(contactPoints.position, contactPoints.id),
  ]);
  const keys = new Set(ours.map(contactKey));
  const primaryKinds = new Set(ours.filter((p) => p.isPrimary).map((p) => p.kind));
  let position = ours.reduce((m, p) => Math.max(m, p.position), -1) + 1;
  const collapsed = theirs.filter((p) => keys.has(contactKey(p)));
  if (collapsed.length) await tx.delete(contactPoints).where(inArray(contactPoints.id, collapsed.map((p) => p.id)));
  moved.collapsedContactPoints = collapsed;
  for (const p of theirs.filter((q) => !keys.has(contactKey(q)))) {
    // The survivor's primary phone stays the one agents dial; a merged primary becomes secondary.
    const isPrimary = p.isPrimary && !primaryKinds.has(p.kind);
    if (isPrimary) primaryKinds.add(p.kind);
    await tx.update(contactPoints).set({ customerId: survivorId, position: position++, isPrimary }).where(eq(contactPoints.id, p.id));
    moved.contactPoints.push({ id: p.id, position: p.position, isPrimary: p.isPrimary });
  }
}

async function moveRelationships(tx: Db, survivorId: string, mergedId: string, moved: MovedRows): Promise<void> {
  const rels = await tx
    .select()
    .from(partyRelationships)
    .where(or(eq(partyRelationships.fromPartyId, mergedId), eq(partyRelationships.toPartyId, mergedId), eq(partyRelationships.fromPartyId, survivorId), eq(partyRelationships.toPartyId, survivorId)));
  const swap = (id: string) => (id === mergedId ? survivorId : id);
  const current = (r: RelationshipRow) => r.validTo === null;
  const survivorCurrent = new Set(rels.filter((r) => current(r) && (r.fromPartyId === survivorId || r.toPartyId === survivorId)).map((r) => `${r.type}|${r.fromPartyId}|${r.toPartyId}`));
  let survivorHasPrimary = rels.some((r) => r.toPartyId === survivorId && r.isPrimary && current(r));
  for (const r of rels.filter((x) => x.fromPartyId === mergedId || x.toPartyId === mergedId)) {
    const from = swap(r.fromPartyId);
    const to = swap(r.toPartyId);
    const key = `${r.type}|${from}|${to}`;
    // Between the pair it would relate the survivor to itself; a current one the survivor has would be twice.
    if (from === to || (current(r) && survivorCurrent.has(key))) {
      moved.removedRelationships.push(r);
      continue;
    }
    const clearPrimary = r.isPrimary && current(r) && r.toPartyId === mergedId && survivorHasPrimary;
    if (r.isPrimary && current(r) && r.toPartyId === mergedId && !clearPrimary) survivorHasPrimary = true;
    if (clearPrimary) moved.unprimaried.push(r.id);
    if (current(r)) survivorCurrent.add(key);
    await tx
      .update(partyRelationships)
      .set({ fromPartyId: from, toPartyId: to, ...(clearPrimary ? { isPrimary: false } : {}) })
      .where(eq(partyRelationships.id, r.id));
    if (r.fromPartyId === mergedId) moved.relationshipsFrom.push(r.id);
    if (r.toPartyId === mergedId) moved.relationshipsTo.push(r.id);
  }
  if (moved.removedRelationships.length) await tx.delete(partyRelationships).where(inArray(partyRelationships.id, moved.removedRelationships.map((r) => r.id)));
}

/** Moves everything attached to `mergedId` to `survivorId` inside the merge's transaction; returns what it did. */
export async function moveAttachedRows(tx: Db, survivorId: string, mergedId: string): Promise<MovedRows> {
  const moved: MovedRows = { contactPoints: [], collapsedContactPoints: [], relationshipsFrom: [], relationshipsTo: [], removedRelationships: [], unprimaried: [], tables: {} };
  await moveContactPoints(tx, survivorId, mergedId, moved);
  await moveRelationships(tx, survivorId, mergedId, moved);
  for (const t of MOVED_TABLES) {
    const result = await tx.execute(sql`UPDATE ${sql.identifier(t.table)} SET ${sql.identifier(t.column)} = ${survivorId} WHERE ${sql.identifier(t.column)} = ${mergedId} RETURNING id`);
    moved.tables[t.key] = rowsOf<{ id: string }>(result).map((r) => r.id);
  }
  return moved;
}

/** Row counts of a merge by kind, for listings and the audit entry. */
export function movedCounts(m: MovedRows): Record<string, number> {
  const counts: Record<string, number> = {
    contactPoints: m.contactPoints.length,
    collapsedContactPoints: m.collapsedContactPoints.length,
    relationships: new Set([...m.relationshipsFrom, ...m.relationshipsTo]).size,
    removedRelationships: m.removedRelationships.length,
  };
  for (const [k, ids] of Object.entries(m.tables)) counts[k] = ids.length;
  return counts;
}

/**
 * Rows the merge moved that no longer sit on the survivor (deleted or edited away since): an
 * undo cannot put them back exactly, so it is refused (UNMERGE_CONFLICT) naming them.
 */
export async function missingMovedRows(tx: Db, survivorId: string, m: MovedRows): Promise<string[]> {
  const missing: string[] = [];
  const ids = m.contactPoints.map((p) => p.id);
  if (ids.length) {
    const found = await tx.select({ id: contactPoints.id }).from(contactPoints).where(and(inArray(contactPoints.id, ids), eq(contactPoints.customerId, survivorId)));
    const have = new Set(found.map((r) => r.id));
    missing.push(...ids.filter((id) => !have.has(id)).map((id) => `contact point ${id}`));
  }
  const relIds = [...new Set([...m.relationshipsFrom, ...m.relationshipsTo])];
  if (relIds.length) {
    const found = await tx.select({ id: partyRelationships.id }).from(partyRelationships).where(inArray(partyRelationships.id, relIds));
    const have = new Set(found.map((r) => r.id));
    missing.push(...relIds.filter((id) => !have.has(id)).map((id) => `relationship ${id}`));
  }
  return missing;
}

/** Puts back exactly what moveAttachedRows moved, collapsed and removed. */
export async function restoreAttachedRows(tx: Db, survivorId: string, mergedId: string, m: MovedRows): Promise<void> {
  for (const p of m.contactPoints) {
    await tx.update(contactPoints).set({ customerId: mergedId, position: p.position, isPrimary: p.isPrimary }).where(and(eq(contactPoints.id, p.id), eq(contactPoints.customerId, survivorId)));
  }
  if (m.collapsedContactPoints.length) await tx.insert(contactPoints).values(m.collapsedContactPoints.map((p) => revive(p, ['verifiedAt', 'createdAt'])));
  for (const id of m.relationshipsFrom) await tx.update(partyRelationships).set({ fromPartyId: mergedId }).where(eq(partyRelationships.id, id));
  for (const id of m.relationshipsTo) await tx.update(partyRelationships).set({ toPartyId: mergedId }).where(eq(partyRelationships.id, id));
  if (m.unprimaried.length) await tx.update(partyRelationships).set({ isPrimary: true }).where(inArray(partyRelationships.id, m.unprimaried));
  if (m.removedRelationships.length) await tx.insert(partyRelationships).values(m.removedRelationships.map((r) => revive(r, ['validFrom', 'validTo', 'createdAt'])));
  for (const t of MOVED_TABLES) {
    const ids = m.tables[t.key] ?? [];
    if (ids.length) await tx.execute(sql`UPDATE ${sql.identifier(t.table)} SET ${sql.identifier(t.column)} = ${mergedId} WHERE id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) AND ${sql.identifier(t.column)} = ${survivorId}`);
  }
}
