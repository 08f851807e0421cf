import { asc, eq } from 'drizzle-orm';
import type { Database, Db } from '../db/database.js';
import { dbCall } from '../db/db-errors.js';
import { agents, users } from '../db/schema.js';

/** An agent: a user bound to a SIP endpoint (PJSIP/1001) and an extension. */
export interface AgentRecord {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  endpoint: string;
  extension: string;
}

export class AgentRepository {
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

  private async select(endpoint?: string): Promise<AgentRecord[]> {
    return dbCall('list agents', () => {
      const q = this.db
        .select({
          id: agents.id,
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
