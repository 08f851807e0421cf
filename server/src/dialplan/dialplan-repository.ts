import { and, desc, eq, max, ne, sql } from 'drizzle-orm';
import type { ApplyStatus } from '@ringside/shared';
import type { Db } from '../db/database.js';
import { dbCall } from '../db/db-errors.js';
import { dialplanDraft, dialplanVersions, users } from '../db/schema.js';
import { tenants } from '../db/schema-tenancy.js';
import { asSystem, currentTenantId } from '../db/tenant-scope.js';

/** The stored draft: the plan as last saved (schema-valid, maybe with semantic issues). */
export interface StoredDraft {
  plan: unknown;
  basedOnVersion: number | null;
  updatedAt: Date;
  updatedBy: string | null;
}

/** A stored version's history facts (no content). */
export interface StoredVersionSummary {
  number: number;
  author: string;
  comment: string;
  rollbackOf: number | null;
  createdAt: Date;
  applyStatus: ApplyStatus;
  applyError: string | null;
}

/** A stored version with its content. */
export interface StoredVersion extends StoredVersionSummary {
  plan: unknown;
  files: Record<string, string>;
}

/** A tenant as the switch renders it: its id and the prefix of its names there. */
export interface SwitchTenantRow {
  id: string;
  switchPrefix: string;
}

/** What a new version holds when it is written. */
export interface NewVersion {
  number: number;
  plan: unknown;
  files: Record<string, string>;
  authorId: string;
  authorName: string;
  comment: string;
  rollbackOf: number | null;
}

// One application-wide key: publishes and rollbacks never interleave, in any tenant, because each
// one renders every tenant's live plan into the one switch.
const PUBLISH_LOCK_KEY = 7_302_451_009;

const summaryColumns = {
  number: dialplanVersions.number,
  author: dialplanVersions.authorName,
  comment: dialplanVersions.comment,
  rollbackOf: dialplanVersions.rollbackOf,
  createdAt: dialplanVersions.createdAt,
  applyStatus: dialplanVersions.applyStatus,
  applyError: dialplanVersions.applyError,
};

/** The dial-plan tables: the single draft row and the append-only versions. */
export class DialPlanRepository {
  /** `onSwitch`: inside the publish lock, the switch's tenants as read just before it. */
  constructor(
    private readonly db: Db,
    private readonly onSwitch: SwitchTenantRow[] | null = null,
  ) {}

  /**
   * Runs `work` in one transaction holding a transaction-scoped advisory lock, so a second
   * publisher waits here and then sees what the first one wrote. Works on PostgreSQL and PGlite.
   */
  async withPublishLock<T>(work: (locked: DialPlanRepository) => Promise<T>): Promise<T> {
    // Tenant work sees only its own tenants row (0013), so the switch's tenants are read as platform
    // work, before the lock's transaction (PGlite has one session). A tenant created meanwhile has
    // nothing live yet; one marked for deletion meanwhile is left out by the next publish.
    const onSwitch = await asSystem(() => this.switchTenants());
    return dbCall('lock the dial plan for publishing', () =>
      this.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${PUBLISH_LOCK_KEY})`);
        return work(new DialPlanRepository(tx as unknown as Db, onSwitch));
      }),
    );
  }

  /** The tenants whose plans the switch runs: all but those being deleted. Platform work (tenant work sees only its own row). */
  async switchTenants(): Promise<SwitchTenantRow[]> {
    if (this.onSwitch) return this.onSwitch;
    return dbCall('list the tenants on the switch', () =>
      this.db.select({ id: tenants.id, switchPrefix: tenants.switchPrefix }).from(tenants).where(ne(tenants.status, 'deleting')),
    );
  }

  /** The current tenant's switch prefix ('' for the default tenant); null when there is no such tenant. */
  async ownSwitchPrefix(): Promise<string | null> {
    const id = currentTenantId();
    return dbCall('read the switch prefix', async () => {
      const rows = await this.db.select({ p: tenants.switchPrefix }).from(tenants).where(eq(tenants.id, id));
      return rows[0]?.p ?? null;
    });
  }

  /**
   * Inside withPublishLock: the live version of another tenant. The render of a publish needs
   * every tenant's live plan, read in the same transaction that holds the lock (a second
   * connection would deadlock PGlite's single session), so the transaction's tenant setting
   * is switched for this one read and then put back; the role stays the one row security binds.
   */
  async liveVersionOf(tenantId: string): Promise<StoredVersion | null> {
    const own = currentTenantId();
    if (tenantId === own) return this.liveVersion();
    await dbCall('read another tenant\'s live dial plan', () => this.db.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`));
    try {
      return await this.liveVersion();
    } finally {
      await dbCall('return to the tenant', () => this.db.execute(sql`select set_config('app.tenant_id', ${own}, true)`));
    }
  }

  async getDraft(): Promise<StoredDraft | null> {
    return dbCall('read the dial-plan draft', async () => {
      const rows = await this.db
        .select({ plan: dialplanDraft.plan, basedOnVersion: dialplanDraft.basedOnVersion, updatedAt: dialplanDraft.updatedAt, updatedBy: users.displayName })
        .from(dialplanDraft)
        .leftJoin(users, eq(users.id, dialplanDraft.updatedBy))
        .where(eq(dialplanDraft.id, 1));
      const row = rows[0];
      return row ? { plan: row.plan, basedOnVersion: row.basedOnVersion, updatedAt: row.updatedAt, updatedBy: row.updatedBy } : null;
    });
  }

  /** Creates the draft if there is none yet (first read on an empty database); never overwrites. */
  async createDraftIfMissing(plan: unknown): Promise<void> {
    await dbCall('create the dial-plan draft', async () => {
      await this.db.insert(dialplanDraft).values({ id: 1, plan, basedOnVersion: null, updatedBy: null }).onConflictDoNothing();
    });
  }

  /** Saves the draft; `basedOnVersion` undefined keeps the one it had. */
  async saveDraft(plan: unknown, userId: string | null, basedOnVersion?: number | null): Promise<void> {
    await dbCall('save the dial-plan draft', async () => {
      const base = basedOnVersion === undefined ? {} : { basedOnVersion };
      await this.db
        .insert(dialplanDraft)
        .values({ id: 1, plan, basedOnVersion: basedOnVersion ?? null, updatedBy: userId })
        .onConflictDoUpdate({ target: dialplanDraft.tenantId, set: { plan, updatedBy: userId, updatedAt: sql`now()`, ...base } });
    });
  }

  /** Marks the draft as based on `version` without touching its content or author. */
  async rebaseDraft(version: number): Promise<void> {
    await dbCall('rebase the dial-plan draft', async () => {
      await this.db.update(dialplanDraft).set({ basedOnVersion: version }).where(eq(dialplanDraft.id, 1));
    });
  }

  async listVersions(): Promise<StoredVersionSummary[]> {
    return dbCall('list dial-plan versions', () => this.db.select(summaryColumns).from(dialplanVersions).orderBy(desc(dialplanVersions.number)));
  }

  async getVersion(number: number): Promise<StoredVersion | null> {
    return dbCall('read a dial-plan version', async () => {
      const rows = await this.db
        .select({ ...summaryColumns, plan: dialplanVersions.plan, files: dialplanVersions.files })
        .from(dialplanVersions)
        .where(eq(dialplanVersions.number, number));
      const row = rows[0];
      return row ? { ...row, files: row.files as Record<string, string> } : null;
    });
  }

  /** The version the switch runs: the newest one whose apply succeeded. */
  async liveVersion(): Promise<StoredVersion | null> {
    const number = await dbCall('find the live dial-plan version', async () => {
      const rows = await this.db.select({ n: max(dialplanVersions.number) }).from(dialplanVersions).where(eq(dialplanVersions.applyStatus, 'applied'));
      return rows[0]?.n ?? null;
    });
    return number === null ? null : this.getVersion(number);
  }

  async lastVersionNumber(): Promise<number> {
    return dbCall('number the next dial-plan version', async () => {
      const rows = await this.db.select({ n: max(dialplanVersions.number) }).from(dialplanVersions);
      return rows[0]?.n ?? 0;
    });
  }

  /** Writes a new version as pending; a number already taken is a CONFLICT. */
  async insertVersion(v: NewVersion): Promise<StoredVersionSummary> {
    return dbCall('publish a dial-plan version', async () => {
      const rows = await this.db
        .insert(dialplanVersions)
        .values({ number: v.number, plan: v.plan, files: v.files, authorId: v.authorId, authorName: v.authorName, comment: v.comment, rollbackOf: v.rollbackOf })
        .returning(summaryColumns);
      return rows[0]!;
    });
  }

  /** Records the apply outcome of a pending version (once: the table refuses a second outcome). */
  async recordOutcome(number: number, outcome: { ok: true } | { ok: false; error: string }): Promise<StoredVersionSummary> {
    return dbCall('record the apply outcome', async () => {
      const set = outcome.ok ? { applyStatus: 'applied' as const, applyError: null, appliedAt: sql`now()` } : { applyStatus: 'failed' as const, applyError: outcome.error.slice(0, 2000) };
      const rows = await this.db
        .update(dialplanVersions)
        .set(set)
        .where(and(eq(dialplanVersions.number, number), eq(dialplanVersions.applyStatus, 'pending')))
        .returning(summaryColumns);
      return rows[0]!;
    });
  }
}
