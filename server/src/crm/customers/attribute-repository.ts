import { asc, eq, sql } from 'drizzle-orm';
import type { AttributeDefinition, AttributeDefinitionPatch } from '@ringside/shared';
import type { Database, Db } from '../../db/database.js';
import { dbCall } from '../../db/db-errors.js';
import { iso, rowsOf } from '../../db/rows.js';
import { attributeDefinitions } from '../../db/schema.js';

type DefinitionRow = typeof attributeDefinitions.$inferSelect;

function toDefinition(r: DefinitionRow): AttributeDefinition {
  return {
    key: r.key,
    label: r.label,
    type: r.type,
    options: r.options,
    required: r.required,
    active: r.active,
    createdAt: iso(r.createdAt) ?? '',
    updatedAt: iso(r.updatedAt) ?? '',
  };
}

/** A definition to store, as the shared input schema outputs it. */
export interface NewAttributeDefinition {
  key: string;
  label: string;
  type: AttributeDefinition['type'];
  options: string[];
  required: boolean;
}

/** Admin-defined customer attribute definitions, in the order they were created. */
export class AttributeRepository {
  private readonly db: Db;

  constructor(database: Database) {
    this.db = database.db;
  }

  list(): Promise<AttributeDefinition[]> {
    return dbCall('list customer attributes', async () => {
      const rows = await this.db.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.createdAt));
      return rows.map(toDefinition);
    });
  }

  async get(key: string): Promise<AttributeDefinition | null> {
    return dbCall('get customer attribute', async () => {
      const [row] = await this.db.select().from(attributeDefinitions).where(eq(attributeDefinitions.key, key));
      return row ? toDefinition(row) : null;
    });
  }

  /** Inserts a definition; null when the key is taken. */
  async create(input: NewAttributeDefinition): Promise<AttributeDefinition | null> {
    return dbCall('create customer attribute', async () => {
      const rows = await this.db
        .insert(attributeDefinitions)
        .values({ ...input, position: sql`(SELECT coalesce(max(position), 0) + 1 FROM attribute_definitions)` })
        .onConflictDoNothing({ target: [attributeDefinitions.tenantId, attributeDefinitions.key] })
        .returning();
      return rows[0] ? toDefinition(rows[0]) : null;
    });
  }

  async update(key: string, patch: AttributeDefinitionPatch): Promise<AttributeDefinition | null> {
    return dbCall('update customer attribute', async () => {
      const [row] = await this.db.update(attributeDefinitions).set({ ...patch, updatedAt: sql`now()` }).where(eq(attributeDefinitions.key, key)).returning();
      return row ? toDefinition(row) : null;
    });
  }

  /**
   * Deletes the definition when no customer holds a value for it, else deactivates it (values
   * kept). One statement, so a value written meanwhile cannot be orphaned by a delete.
   */
  async remove(key: string): Promise<{ outcome: 'deleted' | 'deactivated'; valuesKept: number; definition: AttributeDefinition | null } | null> {
    return dbCall('remove customer attribute', () =>
      this.db.transaction(async (tx) => {
        const [row] = await tx.select().from(attributeDefinitions).where(eq(attributeDefinitions.key, key)).for('update');
        if (!row) return null;
        const counted = await tx.execute(sql`SELECT count(*)::int AS n FROM customers WHERE jsonb_exists(attributes, ${key})`);
        const valuesKept = Number(rowsOf<{ n: number }>(counted)[0]?.n ?? 0);
        if (valuesKept === 0) {
          await tx.delete(attributeDefinitions).where(eq(attributeDefinitions.key, key));
          return { outcome: 'deleted' as const, valuesKept: 0, definition: null };
        }
        const [after] = await tx.update(attributeDefinitions).set({ active: false, updatedAt: sql`now()` }).where(eq(attributeDefinitions.key, key)).returning();
        return { outcome: 'deactivated' as const, valuesKept, definition: after ? toDefinition(after) : null };
      }),
    );
  }
}
