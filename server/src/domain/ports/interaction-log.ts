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

/** Where interactions are written; implemented over PostgreSQL by server/src/crm. */
export interface InteractionLog {
  /** Writes the record; writing the same legId again changes nothing (retries are safe). */
  record(record: InteractionRecord): Promise<void>;
  /** Adds the agent's disposition and notes to a recorded leg. */
  setDisposition(legId: string, disposition: string, notes: string | null): Promise<void>;
  /** Per agent, the answered legs that ended at or after `since` (epoch ms): "handled today" after a restart. */
  handledSince?(since: number): Promise<Array<{ agentId: string; count: number }>>;
}
