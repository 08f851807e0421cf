import { EventEmitter } from 'node:events';
import type { PbxConnectionState } from '@ringside/shared';
import type { DomainEvent } from '../domain/events.js';
import { mapAmiEvent, resyncEvents, type AmiClient, type AmiResyncSnapshot } from '../pbx/ami/index.js';
import type { PbxEventSource, PbxResync } from './pbx-event-source.js';

interface SourceEvents {
  events: [events: DomainEvent[]];
  resync: [resync: PbxResync];
}

/**
 * The AMI client as a PbxEventSource: each AMI event mapped to domain events, each resync
 * snapshot offered as a PbxResync. The client already holds live events back until its resync
 * has been handed over, so order is kept.
 */
export class AmiEventSource extends EventEmitter<SourceEvents> implements PbxEventSource {
  private last: PbxResync | null = null;

  constructor(private readonly client: AmiClient) {
    super();
    client.on('event', (e) => {
      const events = mapAmiEvent(e, Date.now());
      if (events.length > 0) this.emit('events', events);
    });
    client.on('resynced', (snapshot: AmiResyncSnapshot) => {
      this.last = { at: snapshot.at, events: (baseline) => resyncEvents(snapshot, baseline) };
      this.emit('resync', this.last);
    });
  }

  state(): PbxConnectionState {
    return this.client.state();
  }

  start(): void {
    this.client.start();
  }

  async stop(): Promise<void> {
    this.last = null;
    await this.client.stop();
  }

  lastResync(): PbxResync | null {
    return this.last;
  }
}
