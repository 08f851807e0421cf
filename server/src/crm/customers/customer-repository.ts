import { asc, eq, inArray, sql } from 'drizzle-orm';
import {
  RingsideError,
  normalisePhone,
  type ContactPoint,
  type ContactPointInput,
  type Customer,
  type CustomerPatch,
} from '@ringside/shared';
import type { Database, Db } from '../../db/database.js';
import { dbCall } from '../../db/db-errors.js';
import { iso, rowsOf } from '../../db/rows.js';
import { contactPoints, customers } from '../../db/schema.js';
import { SEARCH_COUNT_CAP, customerSearchPlan } from './customer-search.js';

/** A customer to create, as the shared input schema outputs it. */
export interface NewCustomer {
  kind: Customer['kind'];
  firstName?: string | null;
  lastName?: string | null;
  organisationName?: string | null;
  company?: string | null;
  email?: string | null;
  lifecycle: Customer['lifecycle'];
  valueScore: number;
  notes?: string | null;
  contactPoints: ContactPointInput[];
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
  return { id: r.id, kind: r.kind, value: r.value, e164: r.e164, label: r.label };
}

function toCustomer(r: CustomerRow, points: ContactRow[]): Customer {
  return {
    id: r.id,
    kind: r.kind,
    firstName: r.firstName,
    lastName: r.lastName,
    organisationName: r.organisationName,
    company: r.company,
    email: r.email,
    lifecycle: r.lifecycle,
    valueScore: r.valueScore,
    notes: r.notes,
    contactPoints: points.map(toContactPoint),
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
    .where(sql`${customers.id} IN (SELECT DISTINCT customer_id FROM contact_points WHERE e164 = ${sql.placeholder('e164')} LIMIT ${sql.placeholder('limit')})`)
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

  /** Turns typed contact points into rows; a phone that cannot be read is INVALID_INPUT, never stored half-right. */
  contactRows(customerId: string, points: ContactPointInput[]): NewContactRow[] {
    return points.map((p, n) => {
      if (p.kind === 'email') return { customerId, kind: p.kind, value: p.value, e164: null, label: p.label ?? null, position: n };
      const phone = normalisePhone(p.value, this.options.defaultCountry);
      if (!phone.ok && p.kind === 'phone') {
        throw new RingsideError('INVALID_INPUT', `contactPoints.${n}.value "${p.value}" is not a phone number (${phone.reason})`, [
          { path: `contactPoints.${n}.value`, message: `not a phone number (${phone.reason})` },
        ]);
      }
      return { customerId, kind: p.kind, value: p.value, e164: phone.ok ? phone.e164 : null, label: p.label ?? null, position: n };
    });
  }

  /** Creates a customer and its contact points in one transaction. */
  async create(input: NewCustomer): Promise<Customer> {
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
            organisationName: input.organisationName ?? null,
            company: input.company ?? null,
            email: input.email ?? null,
            lifecycle: input.lifecycle,
            valueScore: input.valueScore,
            notes: input.notes ?? null,
          })
          .returning();
        const points = rows.length ? await tx.insert(contactPoints).values(rows).returning() : [];
        return toCustomer(row as CustomerRow, points);
      }),
    );
  }

  /** Applies a patch; contact points, when given, replace the old list in the same transaction. */
  async update(id: string, patch: CustomerPatch): Promise<Customer | null> {
    if (!UUID.test(id)) return null;
    const rows = patch.contactPoints ? this.contactRows(id, patch.contactPoints) : null;
    const { contactPoints: _ignored, ...fields } = patch;
    return dbCall('update customer', () =>
      this.db.transaction(async (tx) => {
        const [row] = await tx
          .update(customers)
          .set({ ...fields, updatedAt: sql`now()` })
          .where(eq(customers.id, id))
          .returning();
        if (!row) return null;
        if (rows) {
          await tx.delete(contactPoints).where(eq(contactPoints.customerId, id));
          if (rows.length) await tx.insert(contactPoints).values(rows);
        }
        const points = await tx.select().from(contactPoints).where(eq(contactPoints.customerId, id)).orderBy(asc(contactPoints.position), asc(contactPoints.id));
        return toCustomer(row, points);
      }),
    );
  }

  async get(id: string): Promise<Customer | null> {
    if (!UUID.test(id)) return null;
    const found = await this.loadMany([id]);
    return found[0] ?? null;
  }

  /** Typeahead search over names, company, email and contact values; a phone in any format matches its E.164. */
  async search(query: { q: string; limit: number; offset: number }): Promise<CustomerPage> {
    const plan = customerSearchPlan(query.q, this.options.defaultCountry, query.limit, query.offset);
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
