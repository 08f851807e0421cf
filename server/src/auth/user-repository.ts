import { asc, count, eq } from 'drizzle-orm';
import type { Role, UserSummary } from '@ringside/shared';
import type { Database, Db } from '../db/database.js';
import { dbCall } from '../db/db-errors.js';
import { iso } from '../db/rows.js';
import { agents, users } from '../db/schema.js';
import { tenantMemberships } from '../db/schema-tenancy.js';
import { asSystem } from '../db/tenant-scope.js';

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  platformOperator?: boolean;
}

/** A user with what login needs to verify the password. */
export interface UserCredentials {
  id: string;
  username: string;
  active: boolean;
  passwordHash: string;
}

/**
 * Users, by constructor-injected database; usernames are stored and matched in lower case. A user
 * is platform-wide (one login for every tenant they belong to); memberships give the role per tenant.
 */
export class UserRepository {
  private readonly db: Db;

  constructor(database: Database) {
    this.db = database.db;
  }

  async create(user: NewUser): Promise<{ id: string }> {
    return asSystem(() => this.insert(user));
  }

  /** Makes a user a member of the current tenant with a role (or changes the role). */
  async addMembership(userId: string, role: Role): Promise<void> {
    await dbCall('add membership', () =>
      this.db.insert(tenantMemberships).values({ userId, role }).onConflictDoUpdate({ target: [tenantMemberships.tenantId, tenantMemberships.userId], set: { role } }),
    );
  }

  private async insert(user: NewUser): Promise<{ id: string }> {
    return dbCall('create user', async () => {
      const [row] = await this.db
        .insert(users)
        .values({ ...user, username: user.username.toLowerCase() })
        .returning({ id: users.id });
      return { id: (row as { id: string }).id };
    });
  }

  async findCredentials(username: string): Promise<UserCredentials | null> {
    return asSystem(() => this.credentials(username));
  }

  private credentials(username: string): Promise<UserCredentials | null> {
    return dbCall('find user', async () => {
      const [row] = await this.db
        .select({ id: users.id, username: users.username, active: users.active, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.username, username.toLowerCase()));
      return row ?? null;
    });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await asSystem(() => dbCall('set password', () => this.db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id))));
  }

  /** Users on the whole platform (the demo seed runs only on an empty one). */
  async count(): Promise<number> {
    return asSystem(() =>
      dbCall('count users', async () => {
        const [row] = await this.db.select({ n: count() }).from(users);
        return Number(row?.n ?? 0);
      }),
    );
  }

  /** Members of the current tenant with the agent role (the agents limit and usage count them). */
  async countAgents(): Promise<number> {
    return dbCall('count agents', async () => {
      const [row] = await this.db.select({ n: count() }).from(tenantMemberships).where(eq(tenantMemberships.role, 'agent'));
      return Number(row?.n ?? 0);
    });
  }

  /** The members of the current tenant, with their role and phone there. */
  async list(): Promise<UserSummary[]> {
    return dbCall('list users', async () => {
      const rows = await this.db
        .select({ u: users, a: agents, role: tenantMemberships.role })
        .from(tenantMemberships)
        .innerJoin(users, eq(users.id, tenantMemberships.userId))
        .leftJoin(agents, eq(agents.userId, users.id))
        .orderBy(asc(users.username));
      return rows.map(({ u, a, role }) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role,
        active: u.active,
        agent: a ? { id: a.id, endpoint: a.endpoint, extension: a.extension } : null,
        createdAt: iso(u.createdAt) ?? '',
      }));
    });
  }
}
