import type { PbxConnectionState } from '@ringside/shared';
import type { DomainEvent } from '../domain/events.js';

/** What the CTI believed before a reconnect, for the adapter to compute what changed meanwhile. */
export interface PbxBaseline {
  calls: Array<{ callId: string; legs: Array<{ uniqueid: string; state: string }> }>;
  members: Array<{ queue: string; endpoint: string; paused: boolean }>;
}

/** The switch's picture after a (re)connect; `events` turns it into the domain events that bring a state in line. */
export interface PbxResync {
  at: number;
  events(baseline: PbxBaseline): DomainEvent[];
}

/**
 * Where the CTI gets facts from the switch, whatever the adapter. Live events arrive in order;
 * a `resync` is delivered before any live event that followed it. `start`/`stop` exist when the
 * CTI owns the connection (only the node holding the switch lease runs it).
 */
export interface PbxEventSource {
  on(event: 'events', listener: (events: DomainEvent[]) => void): unknown;
  on(event: 'resync', listener: (resync: PbxResync) => void): unknown;
  off(event: 'events', listener: (events: DomainEvent[]) => void): unknown;
  off(event: 'resync', listener: (resync: PbxResync) => void): unknown;
  state(): PbxConnectionState;
  start?(): void;
  stop?(): Promise<void>;
  /** The last resync, so a state built after it (a node that just took the lease) can catch up. */
  lastResync?(): PbxResync | null;
}
