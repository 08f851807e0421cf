import { asc, desc, eq, sql } from 'drizzle-orm';
import { customerDisplayName, type IdentityCandidate, type MatchEvidence } from '@ringside/shared';
import type { Database, Db } from '../../db/database.js';
import { dbCall } from '../../db/db-errors.js';
import { iso } from '../../db/rows.js';
import { identityCandidates } from '../../db/schema-identity.js';
import type { Actor } from '../customers/change-history.js';
import type { PartyRow } from '../customers/party-merge.js';
import type { PartyReads, PartyWithContacts } from '../customers/party-reads.js';
import { pairKey } from './duplicate-scan.js';
import type { IdentityRecord } from './normalise.js';

/** One pair the scan found, ready to store. */
export interface FoundPair {
  a: string;
  b: string;
  clusterKey: string;
  score: number;
  decision: 'sure' | 'review';
  evidence: MatchEvidence[];
}

/** Candidates read per round while a page of the queue fills (open pairs with a merged-away side are skipped). */
const LIST_BATCH = 500;

function identityRecord({ party: c, contactPoints: points }: PartyWithContacts): IdentityRecord {
  const address = points.find((p) => p.kind === 'address' && p.isPrimary) ?? points.find((p) => p.kind === 'address');
  const emails = points.filter((p) => p.kind === 'email' && p.emailLower).map((p) => p.emailLower as string);
  if (c.email) emails.push(c.email.trim().toLowerCase());
  return {
    id: c.id,
    kind: c.kind,
    givenName: c.firstName,
    familyName: c.lastName,
    organisationName: c.organisationName,
    birthDate: c.birthDate,
    phones: [...new Set(points.filter((p) => (p.kind === 'phone' || p.kind === 'sms') && p.e164).map((p) => p.e164 as string))],
    emails: [...new Set(emails)],
    address: address ? { line1: address.addressLines?.[0] ?? null, postalCode: address.postalCode, country: address.country } : null,
  };
}

function party(c: PartyRow): IdentityCandidate['left'] {
  return { id: c.id, kind: c.kind, name: customerDisplayName(c), version: c.version };
}

function toCandidate(c: typeof identityCandidates.$inferSelect, l: PartyRow, r: PartyRow): IdentityCandidate {
  return {
    id: c.id,
    left: party(l),
    right: party(r),
    clusterKey: c.clusterKey,
    score: c.score,
    decision: c.decision as IdentityCandidate['decision'],
    evidence: c.evidence as MatchEvidence[],
    status: c.status,
    reviewedByName: c.reviewedByName,
    reviewedAt: iso(c.reviewedAt),
  };
}

/** The review queue's rows and what the duplicate scan reads and writes; the parties come from the customers context. */
export class CandidateRepository {
  private readonly db: Db;

  constructor(
    database: Database,
    private readonly parties: PartyReads,
  ) {
    this.db = database.db;
  }

  /** How many live (not merged-away) customers there are: the scan's progress total. */
  async countLive(): Promise<number> {
    return dbCall('count customers', () => this.parties.countLive());
  }

  /** The next batch of live customers after `afterId` in id order (keyset paging), as identity records. */
  async liveBatch(afterId: string | null, size: number): Promise<IdentityRecord[]> {
    return dbCall('read customers for the scan', async () => (await this.parties.liveBatch(afterId, size)).map(identityRecord));
  }

  /** Pairs reviewers marked "not a duplicate", as pairKey strings: the scan never proposes them again. */
  async distinctPairs(): Promise<Set<string>> {
    return dbCall('read distinct pairs', async () => {
      const rows = await this.db.select({ l: identityCandidates.leftId, r: identityCandidates.rightId }).from(identityCandidates).where(eq(identityCandidates.status, 'not_duplicate'));
      return new Set(rows.map((x) => pairKey(x.l, x.r)));
    });
  }

  /**
   * Stores pairs idempotently: a known pair keeps its row (and a reviewed pair its status; an open
   * one gets the new score), so a rerun adds nothing. Returns how many rows were new.
   */
  async upsert(pairs: readonly FoundPair[]): Promise<number> {
    if (pairs.length === 0) return 0;
    return dbCall('store duplicate candidates', async () => {
      let added = 0;
      for (let i = 0; i < pairs.length; i += 500) {
        const values = pairs.slice(i, i + 500).map((p) => {
          const [leftId, rightId] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
          return { leftId, rightId, clusterKey: p.clusterKey, score: p.score, decision: p.decision, evidence: p.evidence };
        });
        const result = await this.db
          .insert(identityCandidates)
          .values(values)
          .onConflictDoUpdate({
            target: [identityCandidates.leftId, identityCandidates.rightId],
            set: { score: sql`excluded.score`, decision: sql`excluded.decision`, evidence: sql`excluded.evidence`, clusterKey: sql`excluded.cluster_key`, updatedAt: sql`now()` },
            setWhere: sql`${identityCandidates.status} = 'open'`,
          })
          // xmax is 0 on a row this statement inserted, not on one it updated.
          .returning({ inserted: sql<boolean>`(xmax = 0)` });
        added += result.filter((r) => r.inserted === true || String(r.inserted) === 'true').length;
      }
      return added;
    });
  }

  /**
   * The queue in one status, best score first; open pairs are listed only while both records are
   * live. The parties are the customers context's, so the page fills in rounds: read candidates,
   * look their parties up, drop open pairs with a merged-away side, until offset + limit are in.
   */
  async list(query: { status: IdentityCandidate['status']; limit: number; offset: number }): Promise<IdentityCandidate[]> {
    return dbCall('list duplicate candidates', async () => {
      const wanted = query.offset + query.limit;
      const listed: IdentityCandidate[] = [];
      for (let from = 0; listed.length < wanted; from += LIST_BATCH) {
        const rows = await this.db
          .select()
          .from(identityCandidates)
          .where(eq(identityCandidates.status, query.status))
          .orderBy(desc(identityCandidates.score), asc(identityCandidates.id))
          .limit(LIST_BATCH)
          .offset(from);
        const parties = await this.parties.byIds(rows.flatMap((c) => [c.leftId, c.rightId]));
        for (const c of rows) {
          const l = parties.get(c.leftId);
          const r = parties.get(c.rightId);
          if (!l || !r || (query.status === 'open' && (l.mergedIntoId || r.mergedIntoId))) continue;
          listed.push(toCandidate(c, l, r));
        }
        if (rows.length < LIST_BATCH) break;
      }
      return listed.slice(query.offset, wanted);
    });
  }

  /** Records a reviewer's decision; false when there is no such candidate. */
  async review(id: string, status: 'not_duplicate' | 'skipped', actor: Actor): Promise<boolean> {
    return dbCall('review duplicate candidate', async () => {
      const rows = await this.db
        .update(identityCandidates)
        .set({ status, reviewedBy: actor.id, reviewedByName: actor.name, reviewedAt: sql`now()`, updatedAt: sql`now()` })
        .where(eq(identityCandidates.id, id))
        .returning({ id: identityCandidates.id });
      return rows.length > 0;
    });
  }
}
