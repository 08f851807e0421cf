import { and, asc, eq, gt, lte, ne } from 'drizzle-orm';
import type { Membership, SessionUser, TenantStatus } from '@ringside/shared';
import type { Database, Db } from '../db/database.js';
import { dbCall } from '../db/db-errors.js';
import { agents, sessions, users } from '../db/schema.js';
import { tenantMemberships, tenants } from '../db/schema-tenancy.js';
import { asSystem } from '../db/tenant-scope.js';

/** Login sessions, keyed by the hash of the token (the token itself is never stored). */
export class SessionRepository {
  private readonly db: Db;

  constructor(database: Database) {
    this.db = database.db;
  }

  async create(tokenHash: string, userId: string, tenantId: string, expiresAt: Date): Promise<void> {
    await asSystem(() => dbCall('create session', () => this.db.insert(sessions).values({ tokenHash, userId, tenantId, expiresAt })));
  }

  /** Moves a session to another tenant (the caller checked the membership). */
  async switchTenant(tokenHash: string, tenantId: string): Promise<void> {
    await asSystem(() => dbCall('switch tenant', () => this.db.update(sessions).set({ tenantId }).where(eq(sessions.tokenHash, tokenHash))));
  }

  /** The active tenants a user belongs to, by name: sign-in starts the session in the first. */
  async memberships(userId: string): Promise<Membership[]> {
    return asSystem(() =>
      dbCall('list memberships', () =>
        this.db
          .select({ tenantId: tenants.id, slug: tenants.slug, name: tenants.name, role: tenantMemberships.role })
          .from(tenantMemberships)
          .innerJoin(tenants, eq(tenants.id, tenantMemberships.tenantId))
          .where(and(eq(tenantMemberships.userId, userId), eq(tenants.status, 'active')))
          .orderBy(asc(tenants.name), asc(tenants.id)),
      ),
    );
  }

  /** Whether the user is a member of each tenant they belong to, with its status (sign-in tells a suspended tenant from none). */
  async membershipStatuses(userId: string): Promise<{ tenantId: string; status: TenantStatus }[]> {
    return asSystem(() =>
      dbCall('list membership statuses', () =>
        this.db
          .select({ tenantId: tenants.id, status: tenants.status })
          .from(tenantMemberships)
          .innerJoin(tenants, eq(tenants.id, tenantMemberships.tenantId))
          .where(eq(tenantMemberships.userId, userId)),
      ),
    );
  }

  /** Ends every session working in a tenant (suspended or deleted); returns their token hashes, for the sockets. */
  async deleteOfTenant(tenantId: string): Promise<string[]> {
    return asSystem(() =>
      dbCall('end tenant sessions', async () => (await this.db.delete(sessions).where(eq(sessions.tenantId, tenantId)).returning({ tokenHash: sessions.tokenHash })).map((r) => r.tokenHash)),
    );
  }

  /** The user behind a live session of an active user, or null. */
  async findUser(tokenHash: string, now: Date): Promise<SessionUser | null> {
    return (await this.find(tokenHash, now))?.user ?? null;
  }

  /** A live session of an active user: its user and when it expires. */
  /**
   * A live session of an active user in a tenant they still belong to and that is active: the
   * role and the phone are the user's in that tenant. Sessions span tenants, so this is platform work.
   */
  async find(tokenHash: string, now: Date): Promise<{ user: SessionUser; expiresAt: Date } | null> {
    return asSystem(() =>
      dbCall('resolve session', async () => {
        const [row] = await this.db
          .select({ u: users, a: agents, t: tenants, role: tenantMemberships.role, expiresAt: sessions.expiresAt })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .innerJoin(tenants, and(eq(tenants.id, sessions.tenantId), eq(tenants.status, 'active')))
          .innerJoin(tenantMemberships, and(eq(tenantMemberships.tenantId, sessions.tenantId), eq(tenantMemberships.userId, users.id)))
          .leftJoin(agents, and(eq(agents.userId, users.id), eq(agents.tenantId, sessions.tenantId)))
          .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.active, true)));
        if (!row) return null;
        const { u, a, t } = row;
        const user: SessionUser = {
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          role: row.role,
          agent: a ? { id: a.id, endpoint: a.endpoint, extension: a.extension } : null,
          tenant: { id: t.id, slug: t.slug, name: t.name },
          tenants: await this.memberships(u.id),
          platformOperator: u.platformOperator,
        };
        return { user, expiresAt: row.expiresAt };
      }),
    );
  }

  async delete(tokenHash: string): Promise<void> {
    await asSystem(() => dbCall('delete session', () => this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash))));
  }

  /** Ends every session of a user except the one given (the caller's own, when they changed their password). */
  async deleteOfUser(userId: string, exceptTokenHash?: string): Promise<void> {
    const which = exceptTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, exceptTokenHash)) : eq(sessions.userId, userId);
    await asSystem(() => dbCall('end sessions', () => this.db.delete(sessions).where(which)));
  }

  async deleteExpired(now: Date): Promise<void> {
    await asSystem(() => dbCall('purge sessions', () => this.db.delete(sessions).where(lte(sessions.expiresAt, now))));
  }
}
