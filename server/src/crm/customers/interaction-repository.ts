import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { RingsideError } from '@ringside/shared';
import type { Interaction } from '@ringside/shared';
import type { Database, Db } from '../../db/database.js';
import { dbCall } from '../../db/db-errors.js';
import { iso } from '../../db/rows.js';
import { agents, interactions, users } from '../../db/schema.js';
import type { InteractionLog, InteractionRecord, OpenInteraction, ReconcileResult } from '../../domain/ports/interaction-log.js';

export type { InteractionRecord };

const at = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const isoOf = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The leg's talk time counted from the open row's answer instead of the record's (see recordLeg). */
function talkFromOpenAnswer(rec: InteractionRecord): SQL {
  if (rec.answeredAt === null) return sql`${Math.round(rec.talkSeconds)}`;
  const answered = sql`${isoOf(rec.answeredAt)}::timestamptz`;
  return sql`greatest(0, round(${rec.talkSeconds}::float8 + extract(epoch from (${answered} - coalesce(${interactions.answeredAt}, ${answered})))))::int`;
}

/** Interactions with their agent's name, newest first. */
function timeline(db: Db, where: SQL) {
  return db
    .select({ i: interactions, agentName: users.displayName })
    .from(interactions)
    .leftJoin(agents, eq(agents.id, interactions.agentId))
    .leftJoin(users, eq(users.id, agents.userId))
    .where(where)
    .orderBy(sql`${interactions.offeredAt} DESC NULLS LAST`, desc(interactions.id));
}

/** The screen pop's timeline query, prepared once per repository (it runs for every call). */
function preparedByOwnerOf(db: Db) {
  return timeline(db, sql`${interactions.customerId} = (SELECT customer_id FROM contact_points WHERE e164 = ${sql.placeholder('e164')} LIMIT 1)`)
    .limit(sql.placeholder('limit'))
    .prepare('timeline_by_owner_of');
}

function toInteraction({ i, agentName }: { i: typeof interactions.$inferSelect; agentName: string | null }): Interaction {
  return {
    id: i.id,
    customerId: i.customerId,
    agentId: i.agentId,
    agentName: agentName ?? null,
    queue: i.queue,
    direction: i.direction,
    channel: i.channel,
    linkedid: i.linkedid,
    legId: i.legId,
    callerNumber: i.callerNumber,
    offeredAt: iso(i.offeredAt) ?? '',
    answeredAt: iso(i.answeredAt),
    endedAt: iso(i.endedAt),
    waitSeconds: i.waitSeconds,
    talkSeconds: i.talkSeconds,
    holdSeconds: i.holdSeconds,
    disposition: i.disposition,
    notes: i.notes,
    recording: i.recording,
    abandoned: i.abandoned,
    status: i.status,
    closedBy: i.closedBy,
  };
}

/** The interaction log. Writing the same leg twice (a retry, a replayed event) is a no-op. */
export class InteractionRepository implements InteractionLog {
  private readonly db: Db;
  private readonly byOwnerOf: ReturnType<typeof preparedByOwnerOf>;

  constructor(database: Database) {
    this.db = database.db;
    this.byOwnerOf = preparedByOwnerOf(this.db);
  }

  /**
   * Records a completed leg; returns false when that leg was already completed (the write was a
   * no-op). An open row of the leg (written at answer) is completed in place, by its call; its
   * offer, answer and wait stand, as the process that saw them wrote them. A server restarted
   * mid-call knows only when the agent's channel began (the switch keeps no answer time), so
   * its talk time is moved by the difference rather than counting the ringing as talk.
   */
  async recordLeg(rec: InteractionRecord): Promise<boolean> {
    const fields = {
      linkedid: rec.linkedid,
      direction: rec.direction,
      channel: rec.channel,
      customerId: rec.customerId,
      agentId: rec.agentId,
      queue: rec.queue,
      callerNumber: rec.callerNumber,
      offeredAt: new Date(rec.offeredAt),
      answeredAt: at(rec.answeredAt),
      endedAt: at(rec.endedAt),
      waitSeconds: Math.round(rec.waitSeconds),
      talkSeconds: Math.round(rec.talkSeconds),
      holdSeconds: Math.round(rec.holdSeconds),
      disposition: rec.disposition,
      notes: rec.notes,
      recording: rec.recording,
      abandoned: rec.abandoned,
      status: 'completed' as const,
      closedBy: 'call' as const,
    };
    return dbCall('record interaction', async () => {
      const written = await this.db
        .insert(interactions)
        .values({ legId: rec.legId, ...fields })
        .onConflictDoUpdate({
          target: interactions.legId,
          // The customer found while the call ran and a disposition chosen meanwhile are kept.
          set: {
            ...fields,
            offeredAt: sql`${interactions.offeredAt}`,
            answeredAt: sql`coalesce(${interactions.answeredAt}, ${isoOf(rec.answeredAt)}::timestamptz)`,
            waitSeconds: sql`${interactions.waitSeconds}`,
            talkSeconds: talkFromOpenAnswer(rec),
            customerId: sql`coalesce(${rec.customerId}::uuid, ${interactions.customerId})`,
            disposition: sql`coalesce(${rec.disposition}, ${interactions.disposition})`,
            notes: sql`coalesce(${rec.notes}, ${interactions.notes})`,
          },
          setWhere: sql`${interactions.status} = 'open'`,
        })
        .returning({ id: interactions.id });
      return written.length === 1;
    });
  }

  /** InteractionLog: completes the leg; once completed, a second write changes nothing. */
  async record(rec: InteractionRecord): Promise<void> {
    await this.recordLeg(rec);
  }

  /** InteractionLog: writes an answered leg open; nothing when the leg is already written (open or completed). */
  async open(rec: OpenInteraction): Promise<void> {
    await dbCall('open interaction', () =>
      this.db
        .insert(interactions)
        .values({
          legId: rec.legId,
          linkedid: rec.linkedid,
          direction: rec.direction,
          channel: rec.channel,
          customerId: rec.customerId,
          agentId: rec.agentId,
          queue: rec.queue,
          callerNumber: rec.callerNumber,
          offeredAt: new Date(rec.offeredAt),
          answeredAt: new Date(rec.answeredAt),
          waitSeconds: Math.round(rec.waitSeconds),
          status: 'open',
          lastSeenAt: new Date(rec.answeredAt),
        })
        .onConflictDoNothing({ target: interactions.legId }),
    );
  }

  /**
   * InteractionLog: after a resync, in one transaction. Open legs the switch still has were seen
   * now; the others ended unseen and are closed at their last sighting (the lower bound of their
   * end: the answer, or the last resync that still found them), talk time counted up to it.
   */
  async reconcile(liveLegIds: readonly string[], atMs: number): Promise<ReconcileResult> {
    const live = sql`ARRAY[${sql.join(
      (liveLegIds.length ? liveLegIds : ['']).map((id) => sql`${id}`),
      sql`, `,
    )}]::text[]`;
    return dbCall('reconcile open interactions', () =>
      this.db.transaction(async (tx) => {
        const seen = await tx
          .update(interactions)
          .set({ lastSeenAt: new Date(atMs) })
          .where(sql`${interactions.status} = 'open' AND ${interactions.legId} = ANY(${live})`)
          .returning({ id: interactions.id });
        const ended = sql`coalesce(${interactions.lastSeenAt}, ${interactions.answeredAt}, ${interactions.offeredAt})`;
        const closed = await tx
          .update(interactions)
          .set({
            status: 'completed',
            closedBy: 'recovery',
            endedAt: ended,
            talkSeconds: sql`greatest(0, round(extract(epoch from (${ended} - coalesce(${interactions.answeredAt}, ${ended})))))::int`,
          })
          .where(sql`${interactions.status} = 'open' AND NOT (${interactions.legId} = ANY(${live}))`)
          .returning({ id: interactions.id });
        return { continued: seen.length, closed: closed.length };
      }),
    );
  }

  /** InteractionLog: the agent's wrap-up on a recorded leg; NOT_FOUND when no such leg was recorded. */
  async setDisposition(legId: string, disposition: string, notes: string | null): Promise<void> {
    const updated = await dbCall('set disposition', () =>
      this.db.update(interactions).set({ disposition, notes }).where(eq(interactions.legId, legId)).returning({ id: interactions.id }),
    );
    if (updated.length === 0) throw new RingsideError('NOT_FOUND', `no interaction recorded for leg ${legId}`);
  }

  async handledSince(since: number): Promise<Array<{ agentId: string; count: number }>> {
    return dbCall('count handled calls', async () => {
      const rows = await this.db
        .select({ agentId: interactions.agentId, count: sql<number>`count(*)::int` })
        .from(interactions)
        .where(sql`${interactions.agentId} IS NOT NULL AND ${interactions.answeredAt} IS NOT NULL AND ${interactions.endedAt} >= ${new Date(since)}`)
        .groupBy(interactions.agentId);
      return rows.flatMap((r) => (r.agentId ? [{ agentId: r.agentId, count: Number(r.count) }] : []));
    });
  }

  /** The current tenant's interactions offered since `since` and their talk time (billing usage); `messages`: its sms among them. */
  async totalsSince(since: Date): Promise<{ interactions: number; talkSeconds: number; messages: number }> {
    return dbCall('sum interactions', async () => {
      const [row] = await this.db
        .select({
          n: sql<number>`count(*)::int`,
          talk: sql<number>`coalesce(sum(${interactions.talkSeconds}), 0)::bigint`,
          sms: sql<number>`count(*) FILTER (WHERE ${interactions.channel} = 'sms')::int`,
        })
        .from(interactions)
        .where(sql`${interactions.offeredAt} >= ${since}`);
      return { interactions: Number(row?.n ?? 0), talkSeconds: Number(row?.talk ?? 0), messages: Number(row?.sms ?? 0) };
    });
  }

  /** A customer's timeline, newest first. */
  async listByCustomer(customerId: string, limit = 50): Promise<Interaction[]> {
    return dbCall('list interactions', async () => (await timeline(this.db, eq(interactions.customerId, customerId)).limit(limit)).map(toInteraction));
  }

  /**
   * The timeline of a customer owning the number, newest first, without first asking who that is
   * (the screen pop asks in parallel with the customer lookup, and keeps it only for a single owner).
   */
  async listByOwnerOf(e164: string, limit: number): Promise<Interaction[]> {
    return dbCall('list interactions', async () => (await this.byOwnerOf.execute({ e164, limit })).map(toInteraction));
  }
}
