import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  RingsideError,
  countryTimeZone,
  normalisePhone,
  phoneCountry,
  phoneLineType,
  type ContactPoint,
  type AttributeValue,
  type ContactPointInput,
  type Customer,
  type CustomerChange,
  type CustomerPatch,
} from '@ringside/shared';
import type { Database, Db } from '../../db/database.js';
import { dbCall } from '../../db/db-errors.js';
import { iso, rowsOf } from '../../db/rows.js';
import { contactValues, partyValues, pick } from './customer-change-values.js';
import { contactPoints, customers } from '../../db/schema.js';
import { SEARCH_COUNT_CAP, attributeSearchPlan, customerSearchPlan } from './customer-search.js';
import { attributeChanges, mergeAttributes } from './attribute-rules.js';
import { fieldChanges, listChanges, recordChange, type Actor, type ChangeEntry } from './change-history.js';

/** A customer to create, as the shared input schema outputs it. */
export interface NewCustomer {
  kind: Customer['kind'];
  firstName?: string | null;
  lastName?: string | null;
  salutation?: string | null;
  birthDate?: string | null;
  language?: string | null;
  timeZone?: string | null;
  organisationName?: string | null;
  tradingName?: string | null;
  registrationNumber?: string | null;
  industry?: string | null;
  sizeBand?: Customer['sizeBand'];
  company?: string | null;
  email?: string | null;
  lifecycle: Customer['lifecycle'];
  valueScore: number;
  notes?: string | null;
  contactPoints: ContactPointInput[];
  /** Already checked against the definitions (CustomerService). */
  attributes?: Record<string, AttributeValue> | undefined;
}

export interface CustomerPage {
  items: Customer[];
  /** Matches counted, at most SEARCH_COUNT_CAP. */
  total: number;
  /** False when counting stopped at the cap: there are more than `total`. */
  totalExact: boolean;
}

type CustomerRow = typeof customers.$inferSelect;
type ContactRow = typeof contactPoints.$inferSelect;
type NewContactRow = typeof contactPoints.$inferInsert;

function toContactPoint(r: ContactRow): ContactPoint {
  return {
    id: r.id,
    kind: r.kind,
    value: r.value,
    e164: r.e164,
    label: r.label,
    emailLower: r.emailLower,
    phoneType: r.phoneType,
    addressLines: r.addressLines,
    city: r.city,
    region: r.region,
    postalCode: r.postalCode,
    country: r.country,
    purpose: r.purpose,
    validFrom: r.validFrom,
    validTo: r.validTo,
    verifiedAt: iso(r.verifiedAt),
    primary: r.isPrimary,
    source: r.source,
  };
}

/** The zone of the primary address's country, else of the primary phone's country (null when the country has several). */
function derivedTimeZone(points: ContactRow[]): string | null {
  const first = (kind: ContactRow['kind']) => points.find((p) => p.kind === kind && p.isPrimary) ?? points.find((p) => p.kind === kind);
  const address = first('address');
  if (address?.country) {
    const zone = countryTimeZone(address.country);
    if (zone) return zone;
  }
  const phone = first('phone') ?? first('sms');
  return phone?.e164 ? countryTimeZone(phoneCountry(phone.e164)) : null;
}

function toCustomer(r: CustomerRow, points: ContactRow[]): Customer {
  return {
    id: r.id,
    kind: r.kind,
    firstName: r.firstName,
    lastName: r.lastName,
    salutation: r.salutation,
    birthDate: r.birthDate,
    language: r.language,
    timeZone: r.timeZone ?? derivedTimeZone(points),
    organisationName: r.organisationName,
    tradingName: r.tradingName,
    registrationNumber: r.registrationNumber,
    industry: r.industry,
    sizeBand: r.sizeBand,
    company: r.company,
    email: r.email,
    lifecycle: r.lifecycle,
    valueScore: r.valueScore,
    notes: r.notes,
    contactPoints: points.map(toContactPoint),
    attributes: r.attributes,
    version: r.version,
    mergedIntoId: r.mergedIntoId,
    createdAt: iso(r.createdAt) ?? '',
    updatedAt: iso(r.updatedAt) ?? '',
  };
}

/**
 * The screen pop's query: the number's owners joined to all their contact points, in one round
 * trip. Prepared once per repository: the pop runs it for every call, and building the query
 * each time cost the server more CPU than PostgreSQL spent answering it.
 */
function preparedByE164(db: Db) {
  return db
    .select({ c: customers, p: contactPoints })
    .from(customers)
    .innerJoin(contactPoints, eq(contactPoints.customerId, customers.id))
    .where(sql`${customers.id} IN (SELECT DISTINCT customer_id FROM contact_points WHERE e164 = ${sql.placeholder('e164')} LIMIT ${sql.placeholder('limit')}) AND ${customers.mergedIntoId} IS NULL`)
    .orderBy(asc(customers.id), asc(contactPoints.position), asc(contactPoints.id))
    .prepare('customers_by_e164');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Customers and their contact points in PostgreSQL (or PGlite). Phone contact points are
 * stored raw as typed plus their E.164 form, read in the configured default country.
 */
export class CustomerRepository {
  private readonly db: Db;
  private readonly byE164: ReturnType<typeof preparedByE164>;

  constructor(
    database: Database,
    private readonly options: { defaultCountry: string },
  ) {
    this.db = database.db;
    this.byE164 = preparedByE164(this.db);
  }

  /**
   * Turns typed contact points into rows; a phone that cannot be read is INVALID_INPUT (INVALID_PHONE),
   * never stored half-right. The first point of a kind is primary unless another one is marked so.
   */
  contactRows(customerId: string, points: ContactPointInput[]): NewContactRow[] {
    const markedPrimary = new Set(points.filter((p) => p.primary).map((p) => p.kind));
    const seenKind = new Set<string>();
    return points.map((p, n) => {
      const firstOfKind = !seenKind.has(p.kind);
      seenKind.add(p.kind);
      // Absent attributes stay undefined: an insert takes the column default, an update of a kept
      // point leaves what is stored (a client that only knows kind and value loses nothing).
      const common = {
        customerId,
        kind: p.kind,
        label: p.label ?? null,
        purpose: p.purpose,
        source: p.source,
        validFrom: p.validFrom,
        validTo: p.validTo,
        verifiedAt: p.verifiedAt === undefined ? undefined : p.verifiedAt === null ? null : new Date(p.verifiedAt),
        isPrimary: markedPrimary.has(p.kind) ? p.primary === true : firstOfKind,
        position: n,
      };
      const none = { e164: null, emailLower: null, phoneType: null, addressLines: null, city: null, region: null, postalCode: null, country: null };
      if (p.kind === 'email') {
        const value = p.value ?? '';
        return { ...common, ...none, value, emailLower: value.trim().toLowerCase() };
      }
      if (p.kind === 'address') {
        const lines = (p.addressLines ?? []).filter(Boolean);
        const value = [...lines, [p.postalCode, p.city].filter(Boolean).join(' '), p.region, p.country].filter(Boolean).join(', ');
        return {
          ...common,
          ...none,
          value,
          addressLines: lines,
          city: p.city ?? null,
          region: p.region ?? null,
          postalCode: p.postalCode ?? null,
          country: p.country ?? null,
        };
      }
      const value = p.value ?? '';
      const phone = normalisePhone(value, this.options.defaultCountry);
      if (!phone.ok && p.kind === 'phone') {
        throw new RingsideError('INVALID_INPUT', `contactPoints.${n}.value "${value}" is not a phone number (${phone.reason})`, [
          { path: `contactPoints.${n}.value`, message: `not a phone number (${phone.reason})`, code: 'INVALID_PHONE' },
        ]);
      }
      const e164 = phone.ok ? phone.e164 : null;
      return { ...common, ...none, value, e164, phoneType: e164 ? phoneLineType(e164) : null };
    });
  }

  /** Creates a customer and its contact points in one transaction. */
  async create(input: NewCustomer, actor: Actor | null = null): Promise<Customer> {
    const id = crypto.randomUUID();
    const rows = this.contactRows(id, input.contactPoints);
    return dbCall('create customer', () =>
      this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(customers)
          .values({
            id,
            kind: input.kind,
            firstName: input.firstName ?? null,
            lastName: input.lastName ?? null,
            salutation: input.salutation ?? null,
            birthDate: input.birthDate ?? null,
            language: input.language ?? null,
            timeZone: input.timeZone ?? null,
            organisationName: input.organisationName ?? null,
            tradingName: input.tradingName ?? null,
            registrationNumber: input.registrationNumber ?? null,
            industry: input.industry ?? null,
            sizeBand: input.sizeBand ?? null,
            company: input.company ?? null,
            email: input.email ?? null,
            lifecycle: input.lifecycle,
            valueScore: input.valueScore,
            notes: input.notes ?? null,
            attributes: input.attributes ?? {},
          })
          .returning();
        const points = rows.length ? await tx.insert(contactPoints).values(rows).returning() : [];
        const created = row as CustomerRow;
        await recordChange(tx, actor, [
          { customerId: id, entity: 'customer', entityId: id, action: 'create', newValue: partyValues(created) },
          ...points.map((p): ChangeEntry => ({ customerId: id, entity: 'contact_point', entityId: p.id, action: 'create', newValue: contactValues(p) })),
          ...attributeChanges({ customerId: id, entity: 'customer', entityId: id }, {}, created.attributes),
        ]);
        return toCustomer(created, points);
      }),
    );
  }

  /**
   * Applies a patch; contact points, when given, replace the old list in the same transaction
   * (a point with the same kind and value keeps its id and history). Every changed field is
   * written to the change history in that transaction.
   */
  async update(id: string, patch: CustomerPatch, actor: Actor | null = null): Promise<Customer | null> {
    if (!UUID.test(id)) return null;
    const rows = patch.contactPoints ? this.contactRows(id, patch.contactPoints) : null;
    const { contactPoints: _ignored, attributes, ...fields } = patch;
    return dbCall('update customer', () =>
      this.db.transaction(async (tx) => {
        const [before] = await tx.select().from(customers).where(eq(customers.id, id)).for('update');
        if (!before) return null;
        // A merged-away record is frozen: an undo restores it exactly as it was merged.
        if (before.mergedIntoId) throw new RingsideError('MERGE_TARGET_MERGED', `customer ${id} was merged into ${before.mergedIntoId}; edit that record`);
        const [row] = await tx
          .update(customers)
          .set({ ...fields, ...(attributes ? { attributes: mergeAttributes(before.attributes, attributes) } : {}), version: sql`${customers.version} + 1`, updatedAt: sql`now()` })
          .where(eq(customers.id, id))
          .returning();
        if (!row) return null;
        const changes = fieldChanges({ customerId: id, entity: 'customer', entityId: id }, partyValues(before), pick(partyValues(row), Object.keys(fields)));
        changes.push(...attributeChanges({ customerId: id, entity: 'customer', entityId: id }, before.attributes, row.attributes));
        if (rows) changes.push(...(await this.replaceContactPoints(tx, id, rows)));
        await recordChange(tx, actor, changes);
        const points = await tx.select().from(contactPoints).where(eq(contactPoints.customerId, id)).orderBy(asc(contactPoints.position), asc(contactPoints.id));
        return toCustomer(row, points);
      }),
    );
  }

  /** Makes the customer's contact points equal to rows, keeping matched ones in place; returns what changed. */
  private async replaceContactPoints(tx: Db, customerId: string, rows: NewContactRow[]): Promise<ChangeEntry[]> {
    const old = await tx.select().from(contactPoints).where(eq(contactPoints.customerId, customerId)).orderBy(asc(contactPoints.position), asc(contactPoints.id));
    const keyOf = (p: { kind: string; value: string; e164?: string | null; emailLower?: string | null }) => `${p.kind}|${p.e164 ?? p.emailLower ?? p.value.trim().toLowerCase()}`;
    const unmatched = new Map<string, ContactRow[]>();
    for (const p of old) unmatched.set(keyOf(p), [...(unmatched.get(keyOf(p)) ?? []), p]);
    const plan = rows.map((row) => {
      const match = unmatched.get(keyOf(row))?.shift() ?? null;
      return { row, match };
    });
    const kept = new Set(plan.map((p) => p.match?.id).filter((x): x is string => Boolean(x)));
    const removed = old.filter((p) => !kept.has(p.id));
    const changes: ChangeEntry[] = removed.map((p) => ({ customerId, entity: 'contact_point', entityId: p.id, action: 'delete', oldValue: contactValues(p) }));
    if (removed.length) await tx.delete(contactPoints).where(inArray(contactPoints.id, removed.map((p) => p.id)));
    // Primary flags move between rows: clear them first so the one-primary-per-kind index never sees two.
    if (kept.size) await tx.update(contactPoints).set({ isPrimary: false }).where(inArray(contactPoints.id, [...kept]));
    for (const { row, match } of plan) {
      if (match) {
        const [after] = await tx.update(contactPoints).set(row).where(eq(contactPoints.id, match.id)).returning();
        if (after) changes.push(...fieldChanges({ customerId, entity: 'contact_point', entityId: match.id }, contactValues(match), contactValues(after)));
      } else {
        const [created] = await tx.insert(contactPoints).values(row).returning();
        if (created) changes.push({ customerId, entity: 'contact_point', entityId: created.id, action: 'create', newValue: contactValues(created) });
      }
    }
    return changes;
  }

  async get(id: string): Promise<Customer | null> {
    if (!UUID.test(id)) return null;
    const found = await this.loadMany([id]);
    return found[0] ?? null;
  }

  /** Typeahead search over names, company, email and contact values; a phone in any format matches its E.164. */
  async search(query: { q: string; limit: number; offset: number; attribute?: Record<string, AttributeValue> | undefined }): Promise<CustomerPage> {
    const plan = query.attribute
      ? attributeSearchPlan(query.q, query.attribute, query.limit, query.offset)
      : customerSearchPlan(query.q, this.options.defaultCountry, query.limit, query.offset);
    return dbCall('search customers', async () => {
      const [countResult, pageResult] = await Promise.all([this.db.execute(plan.count), this.db.execute(plan.page)]);
      const counted = Number(rowsOf<{ total: number }>(countResult)[0]?.total ?? 0);
      const ids = rowsOf<{ id: string }>(pageResult).map((r) => r.id);
      return { items: await this.loadMany(ids), total: Math.min(counted, SEARCH_COUNT_CAP), totalExact: counted <= SEARCH_COUNT_CAP };
    });
  }

  /**
   * Every customer owning the number (the screen pop); more than one means an ambiguous caller.
   * One round trip (customers joined to all their contact points): the pop waits on it.
   */
  async findByE164(e164: string, limit = 20): Promise<Customer[]> {
    return dbCall('find customer by phone', async () => {
      const rows = await this.byE164.execute({ e164, limit });
      const found = new Map<string, { row: CustomerRow; points: ContactRow[] }>();
      for (const { c, p } of rows) {
        const entry = found.get(c.id);
        if (entry) entry.points.push(p);
        else found.set(c.id, { row: c, points: [p] });
      }
      return [...found.values()].map(({ row, points }) => toCustomer(row, points));
    });
  }

  /** The customer's change history, newest first. */
  history(id: string, query: { limit: number; before?: number | undefined }): Promise<CustomerChange[]> {
    return listChanges(this.db, id, query);
  }

  /** The customers whose ids a query selects (the duplicate check's blocking), with their contact points. */
  async listByQuery(query: SQL): Promise<Customer[]> {
    return dbCall('list customers', async () => this.loadMany(rowsOf<{ id: string }>(await this.db.execute(query)).map((r) => r.id)));
  }

  async count(): Promise<number> {
    return dbCall('count customers', async () => {
      const r = await this.db.execute(sql`SELECT count(*)::int AS n FROM customers`);
      return Number(rowsOf<{ n: number }>(r)[0]?.n ?? 0);
    });
  }

  /** Loads customers with their contact points, in the order of `ids`: one round trip (the typeahead waits on it). */
  private async loadMany(ids: string[]): Promise<Customer[]> {
    if (ids.length === 0) return [];
    return dbCall('load customers', async () => {
      const rows = await this.db
        .select({ c: customers, p: contactPoints })
        .from(customers)
        .leftJoin(contactPoints, eq(contactPoints.customerId, customers.id))
        .where(inArray(customers.id, ids))
        .orderBy(asc(customers.id), asc(contactPoints.position), asc(contactPoints.id));
      const found = new Map<string, { row: CustomerRow; points: ContactRow[] }>();
      for (const { c, p } of rows) {
        const entry = found.get(c.id) ?? { row: c, points: [] };
        found.set(c.id, entry);
        if (p) entry.points.push(p);
      }
      return ids.flatMap((id) => {
        const entry = found.get(id);
        return entry ? [toCustomer(entry.row, entry.points)] : [];
      });
    });
  }
}
