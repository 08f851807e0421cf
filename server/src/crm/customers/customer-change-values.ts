import { iso } from '../../db/rows.js';
import type { contactPoints, customers } from '../../db/schema.js';

type CustomerRow = typeof customers.$inferSelect;
type ContactRow = typeof contactPoints.$inferSelect;

/** The party fields the change history tracks (merges record their own entries). */
export function partyValues(r: CustomerRow): Record<string, unknown> {
  // Attributes are recorded one key at a time (attributeChanges), as `attributes.<key>`.
  const { id: _id, createdAt: _c, updatedAt: _u, attributes: _a, version: _v, mergedIntoId: _m, ...rest } = r;
  return rest;
}

/** The contact point fields the change history tracks (position is ordering, not data). */
export function contactValues(r: ContactRow): Record<string, unknown> {
  const { id: _id, customerId: _c, createdAt: _t, position: _p, ...rest } = r;
  return { ...rest, verifiedAt: iso(rest.verifiedAt) };
}

/** The entries of `values` under `keys` (the fields a write touched). */
export function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in values).map((k) => [k, values[k]]));
}
