import { asc, count, eq } from 'drizzle-orm';
import type { Role, UserSummary } from '@ringside/shared';
import type { Database, Db } from '../db/database.js';
import { dbCall } from '../db/db-errors.js';
import { iso } from '../db/rows.js';
import { agents, users } from '../db/schema.js';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

/** A user with what login needs to verify the password. */
export interface UserCredentials {
  id: string;
  username: string;
  active: boolean;
  passwordHash: string;
}

/** Users, by constructor-injected database; usernames are stored and matched in lower case. */
export class UserRepository {
  private readonly db: Db;

  constructor(database: Database) {
    this.db = database.db;
  }

  async create(user: NewUser): Promise<{ id: string }> {
    return dbCall('create user', async () => {
      const [row] = await this.db
        .insert(users)
        .values({ ...user, username: user.username.toLowerCase() })
        .returning({ id: users.id });
      return { id: (row as { id: string }).id };
    });
  }

  async findCredentials(username: string): Promise<UserCredentials | null> {
    return dbCall('find user', async () => {
      const [row] = await this.db
        .select({ id: users.id, username: users.username, active: users.active, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.username, username.toLowerCase()));
      return row ?? null;
    });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await dbCall('set password', () => this.db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id)));
  }

  async count(): Promise<number> {
    return dbCall('count users', async () => {
      const [row] = await this.db.select({ n: count() }).from(users);
      return Number(row?.n ?? 0);
    });
  }

  async list(): Promise<UserSummary[]> {
    return dbCall('list users', async () => {
      const rows = await this.db
        .select({ u: users, a: agents })
        .from(users)
        .leftJoin(agents, eq(agents.userId, users.id))
        .orderBy(asc(users.username));
      return rows.map(({ u, a }) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        active: u.active,
        agent: a ? { id: a.id, endpoint: a.endpoint, extension: a.extension } : null,
        createdAt: iso(u.createdAt) ?? '',
      }));
    });
  }
}
