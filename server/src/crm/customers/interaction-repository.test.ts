import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { interactions } from '../../db/schema.js';
import { testDatabases, type TestDatabase } from '../../db/test-databases.js';
import type { OpenInteraction } from '../../domain/ports/interaction-log.js';
import { InteractionRepository, type InteractionRecord } from './interaction-repository.js';

// An answered leg is written open, completed by its end or, when the server missed the end, by
// recovery; never two rows, never an open row left behind by a reconcile.

const T0 = Date.parse('2026-03-02T10:00:00Z');

function opened(legId: string): OpenInteraction {
  return { legId, linkedid: `call-${legId}`, agentId: null, customerId: null, queue: 'support', direction: 'inbound', channel: 'voice', callerNumber: '+14155550100', offeredAt: T0, answeredAt: T0 + 5000, waitSeconds: 5 };
}

function completed(legId: string, extra: Partial<InteractionRecord> = {}): InteractionRecord {
  return { ...opened(legId), endedAt: T0 + 65_000, talkSeconds: 60, holdSeconds: 0, abandoned: false, disposition: null, notes: null, recording: null, ...extra };
}

describe.each(testDatabases())('open interactions on %s', (_name, make) => {
  let handle: TestDatabase;
  let database: Database;
  let log: InteractionRepository;
  const rows = (legId: string) => database.db.select().from(interactions).where(eq(interactions.legId, legId));

  beforeAll(async () => {
    handle = make();
    database = await handle.open();
    log = new InteractionRepository(database);
  }, 60_000);
  afterAll(async () => {
    await handle?.dispose();
  });

  it('an answered leg is open until its end completes it in place; a repeated open or completion changes nothing', async () => {
    await log.open(opened('a1'));
    await log.open(opened('a1'));
    expect((await rows('a1')).map((r) => [r.status, r.closedBy, r.endedAt])).toEqual([['open', null, null]]);
    await log.record(completed('a1', { disposition: 'resolved' }));
    await log.record(completed('a1', { talkSeconds: 999, disposition: 'sale' }));
    await log.open(opened('a1'));
    const [row] = await rows('a1');
    expect(row).toMatchObject({ status: 'completed', closedBy: 'call', talkSeconds: 60, disposition: 'resolved' });
    expect(row?.endedAt?.getTime()).toBe(T0 + 65_000);
  });

  it('reconcile keeps legs the switch still has and closes the rest by recovery at their last sighting', async () => {
    await log.open(opened('live'));
    await log.open(opened('gone'));
    const first = await log.reconcile(['live', 'unrelated'], T0 + 30_000);
    expect(first).toEqual({ continued: 1, closed: 1 });
    const [live] = await rows('live');
    expect([live?.status, live?.lastSeenAt?.getTime()]).toEqual(['open', T0 + 30_000]);
    const [gone] = await rows('gone');
    expect(gone).toMatchObject({ status: 'completed', closedBy: 'recovery', talkSeconds: 0 });
    expect(gone?.endedAt?.getTime()).toBe(T0 + 5000);
    // Later the live leg is gone too: closed at the last resync that still saw it, 25 s after the answer.
    expect(await log.reconcile([], T0 + 90_000)).toEqual({ continued: 0, closed: 1 });
    const [late] = await rows('live');
    expect(late).toMatchObject({ status: 'completed', closedBy: 'recovery', talkSeconds: 25 });
    expect(late?.endedAt?.getTime()).toBe(T0 + 30_000);
    // A completion arriving after recovery does not reopen or rewrite it, and nothing is doubled.
    await log.record(completed('live'));
    expect((await rows('live')).map((r) => r.closedBy)).toEqual(['recovery']);
    expect(await log.reconcile([], T0 + 99_000)).toEqual({ continued: 0, closed: 0 });
  });

  it('a completion from a server restarted mid-call keeps the answer the open row saw and counts talk from it', async () => {
    await log.open(opened('r1'));
    // The restarted server took the agent channel's start, 4 s of ringing before the answer, as the answer.
    await log.record(completed('r1', { offeredAt: T0 + 1000, answeredAt: T0 + 1000, waitSeconds: 0, talkSeconds: 64 }));
    const [row] = await rows('r1');
    expect(row).toMatchObject({ status: 'completed', closedBy: 'call', talkSeconds: 60, waitSeconds: 5 });
    expect([row?.offeredAt.getTime(), row?.answeredAt?.getTime(), row?.endedAt?.getTime()]).toEqual([T0, T0 + 5000, T0 + 65_000]);
  });

  it('a completed leg written without an open one (an unanswered call) is one completed row', async () => {
    await log.record(completed('u1', { answeredAt: null, talkSeconds: 0, abandoned: true }));
    expect((await rows('u1')).map((r) => [r.status, r.closedBy, r.abandoned])).toEqual([['completed', 'call', true]]);
  });
});
