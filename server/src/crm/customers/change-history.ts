import { and, desc, lt, sql } from 'drizzle-orm';
import type { CustomerChange } from '@ringside/shared';
import type { Db } from '../../db/database.js';
import { dbCall } from '../../db/db-errors.js';
import { iso } from '../../db/rows.js';
import { customerChanges } from '../../db/schema.js';

/** Who made a change: the signed-in user, or null for the system (seed, migrations, jobs). */
export interface Actor {
  id: string;
  name: string;
}

/** One change to record; entity is 'customer', 'contact_point', or what another context records (e.g. 'consent'). */
export interface ChangeEntry {
  customerId: string;
  entity: string;
  entityId?: string | null;
  action: CustomerChange['action'];
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
}

/** A transaction or the database: the history must be written by whoever writes the change. */
type Tx = Pick<Db, 'insert'>;

/**
 * Appends entries to the change history. Call it with the transaction that makes the change, so
 * that a change is never saved without its history nor the history without the change.
 */
export async function recordChange(tx: Tx, actor: Actor | null, entries: ChangeEntry | ChangeEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.insert(customerChanges).values(
    list.map((e) => ({
      customerId: e.customerId,
      entity: e.entity,
      entityId: e.entityId ?? null,
      action: e.action,
      field: e.field ?? null,
      // jsonb null and SQL NULL differ; absent values are SQL NULL so "no value" reads the same everywhere.
      oldValue: e.oldValue === undefined || e.oldValue === null ? null : e.oldValue,
      newValue: e.newValue === undefined || e.newValue === null ? null : e.newValue,
      changedBy: actor?.id ?? null,
      changedByName: actor?.name ?? null,
    })),
  );
}

/** One entry per field whose value differs between before and after (fields absent from after are unchanged). */
export function fieldChanges(
  base: Omit<ChangeEntry, 'field' | 'oldValue' | 'newValue' | 'action'>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): ChangeEntry[] {
  const out: ChangeEntry[] = [];
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = before[field] ?? null;
    if (JSON.stringify(old) === JSON.stringify(value ?? null)) continue;
    out.push({ ...base, action: 'update', field, oldValue: old, newValue: value ?? null });
  }
  return out;
}

/**
 * A customer's change history, newest first; `before` pages on by id. The history is append-only,
 * so a merge cannot move it: the survivor's history also reads that of every record merged into it.
 */
export async function listChanges(db: Db, customerId: string, query: { limit: number; before?: number | undefined }): Promise<CustomerChange[]> {
  return dbCall('list customer changes', async () => {
    const ofParty = sql`${customerChanges.customerId} IN (WITH RECURSIVE m(id) AS (SELECT ${customerId}::uuid UNION SELECT c.id FROM customers c JOIN m ON c.merged_into_id = m.id) SELECT id FROM m)`;
    const where = query.before ? and(ofParty, lt(customerChanges.id, query.before)) : ofParty;
    const rows = await db.select().from(customerChanges).where(where).orderBy(desc(customerChanges.changedAt), desc(customerChanges.id)).limit(query.limit);
    return rows.map((r) => ({
      id: r.id,
      customerId: r.customerId,
      entity: r.entity,
      entityId: r.entityId,
      action: r.action as CustomerChange['action'],
      field: r.field,
      oldValue: r.oldValue,
      newValue: r.newValue,
      changedBy: r.changedBy,
      changedByName: r.changedByName,
      changedAt: iso(r.changedAt) ?? '',
    }));
  });
}
