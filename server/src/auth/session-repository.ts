import { and, eq, gt, lte, ne } from 'drizzle-orm';
import type { SessionUser } from '@ringside/shared';
import type { Database, Db } from '../db/database.js';
import { dbCall } from '../db/db-errors.js';
import { agents, sessions, users } from '../db/schema.js';

/** Login sessions, keyed by the hash of the token (the token itself is never stored). */
export class SessionRepository {
  private readonly db: Db;

  constructor(database: Database) {
    this.db = database.db;
  }

  async create(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await dbCall('create session', () => this.db.insert(sessions).values({ tokenHash, userId, expiresAt }));
  }

  /** The user behind a live session of an active user, or null. */
  async findUser(tokenHash: string, now: Date): Promise<SessionUser | null> {
    return (await this.find(tokenHash, now))?.user ?? null;
  }

  /** A live session of an active user: its user and when it expires. */
  async find(tokenHash: string, now: Date): Promise<{ user: SessionUser; expiresAt: Date } | null> {
    return dbCall('resolve session', async () => {
      const [row] = await this.db
        .select({ u: users, a: agents, expiresAt: sessions.expiresAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(agents, eq(agents.userId, users.id))
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.active, true)));
      if (!row) return null;
      const { u, a } = row;
      const user: SessionUser = {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        agent: a ? { id: a.id, endpoint: a.endpoint, extension: a.extension } : null,
      };
      return { user, expiresAt: row.expiresAt };
    });
  }

  async delete(tokenHash: string): Promise<void> {
    await dbCall('delete session', () => this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)));
  }

  /** Ends every session of a user except the one given (the caller's own, when they changed their password). */
  async deleteOfUser(userId: string, exceptTokenHash?: string): Promise<void> {
    const which = exceptTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, exceptTokenHash)) : eq(sessions.userId, userId);
    await dbCall('end sessions', () => this.db.delete(sessions).where(which));
  }

  async deleteExpired(now: Date): Promise<void> {
    await dbCall('purge sessions', () => this.db.delete(sessions).where(lte(sessions.expiresAt, now)));
  }
}
