import { currentScope, runInScope, type DbScope } from '../db/tenant-scope.js';
import type { CustomerDirectory, DirectoryLookup } from '../domain/ports/customer-directory.js';
import { MAX_POP_CANDIDATES } from '../domain/screen-pop.js';
import { errorFields, type Logger } from '../logger.js';

/** How much a pop asks of the directory: enough candidates to know "many", and the card's history. */
export const POP_LOOKUP = { limit: MAX_POP_CANDIDATES + 1, interactionLimit: 5 } as const;

/** A caller's record fetched at call start is refetched after this long, for callers who wait in a queue. */
export const CALLER_LOOKUP_MAX_AGE_MS = 30_000;

export interface CallerLookupsOptions {
  /** A lookup older than this is refreshed (a caller waiting long in a queue gets a current card). */
  maxAgeMs: number;
  /** Most calls remembered; the oldest are dropped first (calls normally remove themselves on hang-up). */
  maxEntries: number;
  now: () => number;
}

interface Entry {
  e164: string;
  at: number;
  lookup: Promise<DirectoryLookup>;
  /** The scope the lookup ran in (the call's tenant). */
  scope?: DbScope;
  /** The answer, once in: a pop can then go out in the same tick as the ring. */
  value?: DirectoryLookup;
  refreshing: boolean;
}

const tenantOfScope = (scope: DbScope | undefined) => (scope?.kind === 'tenant' ? scope.tenantId : null);

/**
 * An answer is only ever served to work of the tenant it was looked up for: the same caller is a
 * different customer (or none) in another tenant's rows, and a pop must never show another's.
 */
function sameTenant(entry: Entry): boolean {
  return tenantOfScope(entry.scope) === tenantOfScope(currentScope());
}

/**
 * One CRM lookup per call, started as soon as the switch tells the caller's number (the call
 * appears, long before an agent's phone rings: IVR, greeting, queue), and shared by every pop of
 * the call (the ringing agent, a retry on a colleague, a transfer). The pop then waits for the
 * directory only when the call reached an agent before its lookup finished. A failed lookup is
 * forgotten so the pop's retry asks again.
 */
export class CallerLookups {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly directory: CustomerDirectory,
    private readonly logger: Logger,
    private readonly options: CallerLookupsOptions,
  ) {}

  /** Starts looking the caller of `callId` up unless a current lookup of that number exists. */
  prefetch(callId: string, e164: string): void {
    const entry = this.entries.get(callId);
    if (entry && entry.e164 === e164 && sameTenant(entry)) return;
    this.start(callId, e164).catch((err: unknown) => this.logger.warn('caller lookup failed; the pop will ask again', { callId, ...errorFields(err) }));
  }

  /** The lookup of the call's caller: the one under way or done, or a new one. */
  lookup(callId: string, e164: string): Promise<DirectoryLookup> {
    const entry = this.entries.get(callId);
    if (entry && entry.e164 === e164 && sameTenant(entry) && this.options.now() - entry.at <= this.options.maxAgeMs) return entry.lookup;
    return this.start(callId, e164);
  }

  /** The answer already in for the call's caller (fresh), if any; undefined while under way or unknown. */
  settled(callId: string, e164: string): DirectoryLookup | undefined {
    const entry = this.entries.get(callId);
    return entry && entry.e164 === e164 && sameTenant(entry) && this.options.now() - entry.at <= this.options.maxAgeMs ? entry.value : undefined;
  }

  /** The call is over. */
  forget(callId: string): void {
    this.entries.delete(callId);
  }

  /**
   * Refreshes lookups that have grown old while their callers wait, one at a time per call; the
   * old answer keeps serving pops until the new one is in.
   */
  refreshStale(): void {
    const now = this.options.now();
    for (const [callId, entry] of this.entries) {
      if (entry.refreshing || now - entry.at <= this.options.maxAgeMs) continue;
      entry.refreshing = true;
      // The ticker runs outside any tenant: the refresh asks in the tenant the first lookup asked in.
      const fresh = runInScope(entry.scope, () => this.directory.findByE164(entry.e164, POP_LOOKUP));
      fresh.then(
        (value) => {
          if (this.entries.get(callId) === entry) this.entries.set(callId, { ...entry, at: this.options.now(), lookup: fresh, value, refreshing: false });
        },
        (err: unknown) => {
          entry.refreshing = false;
          this.logger.warn('caller lookup refresh failed; the previous answer stays', { callId, ...errorFields(err) });
        },
      );
    }
  }

  clear(): void {
    this.entries.clear();
  }

  /** Calls with a lookup held (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  private start(callId: string, e164: string): Promise<DirectoryLookup> {
    const lookup = this.directory.findByE164(e164, POP_LOOKUP);
    const scope = currentScope();
    const entry: Entry = { e164, at: this.options.now(), lookup, refreshing: false, ...(scope ? { scope } : {}) };
    this.entries.delete(callId);
    this.entries.set(callId, entry);
    if (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    lookup.then(
      (value) => {
        entry.value = value;
      },
      // A failure must not be served to the next pop: drop the entry so it asks again.
      () => {
        if (this.entries.get(callId) === entry) this.entries.delete(callId);
      },
    );
    return lookup;
  }
}
