import { eq, sql } from 'drizzle-orm';
import { DEFAULT_MATCH_SETTINGS, matchSettingsSchema, type MatchSettings } from '@ringside/shared';
import type { Database, Db } from '../../db/database.js';
import { dbCall } from '../../db/db-errors.js';
import { identityMatchSettings } from '../../db/schema-identity.js';
import type { Actor } from '../customers/change-history.js';

/** The matching rules in force: what admins saved, else the shipped defaults. */
export class MatchSettingsRepository {
  private readonly db: Db;

  constructor(database: Database) {
    this.db = database.db;
  }

  async current(): Promise<MatchSettings> {
    return dbCall('read match settings', async () => {
      const [row] = await this.db.select().from(identityMatchSettings).where(eq(identityMatchSettings.id, 1));
      // Stored settings were validated on save; a row from an older schema that no longer parses falls back to the defaults.
      const parsed = row ? matchSettingsSchema.safeParse(row.settings) : null;
      return parsed?.success ? parsed.data : DEFAULT_MATCH_SETTINGS;
    });
  }

  async save(settings: MatchSettings, actor: Actor): Promise<void> {
    await dbCall('save match settings', () =>
      this.db
        .insert(identityMatchSettings)
        .values({ id: 1, settings, updatedBy: actor.id, updatedByName: actor.name })
        .onConflictDoUpdate({ target: identityMatchSettings.tenantId, set: { settings, updatedBy: actor.id, updatedByName: actor.name, updatedAt: sql`now()` } }),
    );
  }

  /** Back to the shipped defaults. */
  async reset(): Promise<void> {
    await dbCall('reset match settings', () => this.db.delete(identityMatchSettings));
  }
}
