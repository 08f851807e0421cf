import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { RingsideError, type ManagedUser, type UserCreateRequest, type UserPatchRequest } from '@ringside/shared';
import type { Database } from '../db/database.js';
import { dbCall } from '../db/db-errors.js';
import { agents, sessions, users } from '../db/schema.js';
import { tenantMemberships } from '../db/schema-tenancy.js';
import { asSystem, currentTenantId } from '../db/tenant-scope.js';
import { hashPassword } from './password.js';
import type { SessionEndings } from './session-endings.js';

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

/** The tenant's agents limit (server/src/tenancy/tenant-limits.ts): read before, applied inside the change's transaction. */
export interface AgentLimit {
  agentCheck(tenantId: string): Promise<(agentsNow: number) => void>;
}

/**
 * Admin management of users and their phones. Each change is one transaction, so a refused
 * phone assignment never leaves a half-created user; deactivating a user or changing their
 * password or role ends their sessions at once, sockets included (a socket must not keep an old role).
 */
export class UserAdminService {
  constructor(
    private readonly database: Database,
    private readonly endings?: SessionEndings,
    private readonly agentLimit?: AgentLimit,
  ) {}

  /** The agents rule, read before the transaction opens; null when the change adds no agent or there is no limit. */
  private async agentRule(addsAgent: boolean): Promise<((agentsNow: number) => void) | null> {
    return addsAgent && this.agentLimit ? this.agentLimit.agentCheck(currentTenantId()) : null;
  }

  /** Counted inside the change's transaction, so a refused change writes nothing. */
  private async checkAgentLimit(tx: Tx, rule: ((agentsNow: number) => void) | null): Promise<void> {
    if (!rule) return;
    const [row] = await tx.select({ n: count() }).from(tenantMemberships).where(eq(tenantMemberships.role, 'agent'));
    rule(Number(row?.n ?? 0));
  }

  async create(input: UserCreateRequest): Promise<ManagedUser> {
    // Hash outside the transaction: scrypt takes tens of milliseconds and holds no lock.
    const passwordHash = await hashPassword(input.password);
    const rule = await this.agentRule(input.role === 'agent');
    // The id is chosen here, not RETURNING'd: until the membership below exists the new user is not this
    // tenant's to read (users' policy, 0013), and RETURNING would have to read it.
    const userId = randomUUID();
    const id = await dbCall('create user', () =>
      this.database.db.transaction(async (tx) => {
        await this.checkAgentLimit(tx, rule);
        await tx.insert(users).values({ id: userId, username: input.username.toLowerCase(), displayName: input.displayName, passwordHash });
        // The membership's tenant is the transaction's (the column default): the admin's own.
        await tx.insert(tenantMemberships).values({ userId, role: input.role });
        if (input.agent) await tx.insert(agents).values({ userId, endpoint: input.agent.endpoint, extension: input.agent.extension });
        return userId;
      }),
    );
    return this.get(id);
  }

  /** Applies a partial change; an admin may not demote or deactivate themselves (they would lock the center out). */
  async update(id: string, patch: UserPatchRequest, actorId: string): Promise<ManagedUser> {
    const current = await this.get(id);
    if (id === actorId && ((patch.role !== undefined && patch.role !== current.role) || patch.active === false)) {
      throw new RingsideError('FORBIDDEN', 'you cannot change your own role or deactivate yourself; ask another admin');
    }
    // A user is one identity across tenants: their name, password and active flag are theirs everywhere, so
    // one tenant's admin may change them only for a user of that tenant alone (else the platform operator does).
    if ((patch.displayName !== undefined || patch.active !== undefined || patch.password !== undefined) && (await this.tenantCount(id)) > 1) {
      throw new RingsideError('FORBIDDEN', 'this user also works for another organisation on this platform: only the platform operator changes their name, password or active state; you can change their role and phone here');
    }
    const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
    const rule = await this.agentRule(patch.role === 'agent' && current.role !== 'agent');
    const reason = patch.active === false && current.active ? 'deactivated' : passwordHash !== undefined ? 'password_changed' : patch.role !== undefined && patch.role !== current.role ? 'role_changed' : null;
    await dbCall('update user', () =>
      this.database.db.transaction(async (tx) => {
        await this.checkAgentLimit(tx, rule);
        if (patch.role !== undefined) await tx.update(tenantMemberships).set({ role: patch.role }).where(eq(tenantMemberships.userId, id));
        const set = {
          ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
          ...(passwordHash !== undefined ? { passwordHash } : {}),
        };
        if (Object.keys(set).length > 0) await tx.update(users).set({ ...set, updatedAt: new Date() }).where(eq(users.id, id));
        if (patch.agent !== undefined) await this.assignPhone(tx, id, patch.agent);
      }),
    );
    // Sessions are platform rows (the app role has no access, 0013); a user is one identity, so all of theirs end.
    if (reason || patch.active === false) await asSystem(() => dbCall('end sessions', () => this.database.db.delete(sessions).where(eq(sessions.userId, id))));
    if (reason) this.endings?.ended({ userId: id, reason });
    return this.get(id);
  }

  /** An admin ends every session of a user (a lost laptop, a shared screen); the user signs in again. */
  async endSessions(id: string): Promise<void> {
    await this.get(id);
    // Sessions are platform rows; get() above proved the user is a member of this admin's tenant.
    await asSystem(() => dbCall('end sessions', () => this.database.db.delete(sessions).where(eq(sessions.userId, id))));
    this.endings?.ended({ userId: id, reason: 'sessions_ended' });
  }

  /** How many tenants the user belongs to (as system: the other tenants' memberships are not this tenant's to read). */
  private async tenantCount(id: string): Promise<number> {
    const [row] = await asSystem(() => dbCall('count memberships', () => this.database.db.select({ n: count() }).from(tenantMemberships).where(eq(tenantMemberships.userId, id))));
    return Number(row?.n ?? 0);
  }

  async get(id: string): Promise<ManagedUser> {
    const rows = await dbCall('get user', () =>
      // Through the membership: a user of another tenant is "no such user" here, like one that does not exist.
      this.database.db
        .select({ u: users, a: agents, role: tenantMemberships.role })
        .from(tenantMemberships)
        .innerJoin(users, eq(users.id, tenantMemberships.userId))
        .leftJoin(agents, eq(agents.userId, users.id))
        .where(eq(tenantMemberships.userId, id)),
    );
    const row = rows[0];
    if (!row) throw new RingsideError('NOT_FOUND', 'no such user');
    const { u, a, role } = row;
    return { id: u.id, username: u.username, displayName: u.displayName, role, active: u.active, agent: a ? { endpoint: a.endpoint, extension: a.extension } : null };
  }

  private async assignPhone(tx: Tx, userId: string, agent: { endpoint: string; extension: string } | null): Promise<void> {
    if (agent === null) {
      await tx.delete(agents).where(eq(agents.userId, userId));
      return;
    }
    const updated = await tx.update(agents).set({ ...agent, updatedAt: new Date() }).where(eq(agents.userId, userId)).returning({ id: agents.id });
    if (updated.length === 0) await tx.insert(agents).values({ userId, ...agent });
  }
}
