import type { CHANNELS, DIRECTIONS } from '@ringside/shared';

/** One call leg as the interaction log stores it; times are epoch milliseconds. */
export interface InteractionRecord {
  /** The leg's Uniqueid (the caller's for a call no agent answered): the idempotency key. */
  legId: string;
  linkedid: string;
  agentId: string | null;
  customerId: string | null;
  queue: string | null;
  direction: (typeof DIRECTIONS)[number];
  channel: (typeof CHANNELS)[number];
  /** E.164 when the number could be read, the raw caller id otherwise. */
  callerNumber: string | null;
  offeredAt: number;
  answeredAt: number | null;
  endedAt: number;
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  abandoned: boolean;
  /** Set when the agent chose it before the leg ended; otherwise `setDisposition` follows in wrap-up. */
  disposition: string | null;
  notes: string | null;
  recording: string | null;
}

/** An answered leg still in progress: written open, so a crash before its end loses nothing. */
export type OpenInteraction = Omit<InteractionRecord, 'endedAt' | 'talkSeconds' | 'holdSeconds' | 'abandoned' | 'disposition' | 'notes' | 'recording'> & {
  answeredAt: number;
};

/** What reconciling open interactions with the switch did. */
export interface ReconcileResult {
  /** Legs still live on the switch: they go on and complete when they end. */
  continued: number;
  /** Legs the switch no longer has: closed with closed_by = recovery. */
  closed: number;
}

/** Where interactions are written; implemented over PostgreSQL by server/src/crm. */
export interface InteractionLog {
  /** Writes the completed record; once a leg is completed, writing it again changes nothing (retries are safe). */
  record(record: InteractionRecord): Promise<void>;
  /** Writes an answered leg as open; a second open of the same legId, or one after completion, changes nothing. */
  open?(record: OpenInteraction): Promise<void>;
  /**
   * After a resync, by the switch owner: open legs among `liveLegIds` are marked seen at `at`;
   * every other open leg ended while nobody watched and is closed by recovery at its last sighting.
   */
  reconcile?(liveLegIds: readonly string[], at: number): Promise<ReconcileResult>;
  /** Adds the agent's disposition and notes to a recorded leg. */
  setDisposition(legId: string, disposition: string, notes: string | null): Promise<void>;
  /** Per agent, the answered legs that ended at or after `since` (epoch ms): "handled today" after a restart. */
  handledSince?(since: number): Promise<Array<{ agentId: string; count: number }>>;
}
