import { and, asc, eq, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { ConsoleLog, ConsoleUse } from '../domain/ports/console-log.js';
import type { Database, Db } from '../db/database.js';
import { dbCall } from '../db/db-errors.js';
import { agents, users } from '../db/schema.js';
import { asSystem } from '../db/tenant-scope.js';

/**
 * An agent: a user bound to a SIP endpoint (PJSIP/1001) and an extension, in one tenant. The CTI
 * core watches the whole switch, so its reads and console-log writes are platform work (system
 * scope); creating an agent belongs to the tenant the caller runs in.
 */
export interface AgentRecord {
  id: string;
  tenantId: string;
  userId: string;
  username: string;
  displayName: string;
  endpoint: string;
  extension: string;
}

export class AgentRepository implements ConsoleLog {
  private readonly db: Db;

  constructor(database: Database) {
    this.db = database.db;
  }

  async create(agent: { userId: string; endpoint: string; extension: string }): Promise<{ id: string }> {
    return dbCall('create agent', async () => {
      const [row] = await this.db.insert(agents).values(agent).returning({ id: agents.id });
      return { id: (row as { id: string }).id };
    });
  }

  async list(): Promise<AgentRecord[]> {
    return this.select();
  }

  async findByEndpoint(endpoint: string): Promise<AgentRecord | null> {
    return (await this.select(endpoint))[0] ?? null;
  }

  /** A console connected: the agent is at a desk again, whatever closed before. */
  async opened(agentId: string, at: number): Promise<void> {
    await asSystem(() => dbCall('record a console opening', () => this.db.update(agents).set({ consoleOpenedAt: new Date(at), consoleClosedAt: null }).where(eq(agents.id, agentId))));
  }

  /** A console closed; a close older than the last opening (two nodes, reordered writes) changes nothing. */
  async closed(agentId: string, at: number): Promise<void> {
    const when = new Date(at);
    await asSystem(() =>
      dbCall('record a console closing', () =>
        this.db
          .update(agents)
          .set({ consoleClosedAt: when })
          .where(and(eq(agents.id, agentId), or(isNull(agents.consoleOpenedAt), lte(agents.consoleOpenedAt, when)))),
      ),
    );
  }

  async consoleUsers(): Promise<ConsoleUse[]> {
    return asSystem(() => this.consoleUsersAll());
  }

  private consoleUsersAll(): Promise<ConsoleUse[]> {
    return dbCall('list console users', async () => {
      const rows = await this.db.select({ agentId: agents.id, closedAt: agents.consoleClosedAt }).from(agents).where(isNotNull(agents.consoleOpenedAt));
      return rows.map((r) => ({ agentId: r.agentId, closedAt: r.closedAt ? r.closedAt.getTime() : null }));
    });
  }

  private async select(endpoint?: string): Promise<AgentRecord[]> {
    return asSystem(() => this.selectAll(endpoint));
  }

  private selectAll(endpoint?: string): Promise<AgentRecord[]> {
    return dbCall('list agents', () => {
      const q = this.db
        .select({
          id: agents.id,
          tenantId: agents.tenantId,
          userId: agents.userId,
          username: users.username,
          displayName: users.displayName,
          endpoint: agents.endpoint,
          extension: agents.extension,
        })
        .from(agents)
        .innerJoin(users, eq(users.id, agents.userId));
      return (endpoint ? q.where(eq(agents.endpoint, endpoint)) : q).orderBy(asc(agents.extension));
    });
  }
}
