import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';

/** Allocates Asterisk-shaped identifiers: `<epoch>.<seq>` uniqueids and 8-hex channel suffixes. */
export class IdAllocator {
  private uniqueSeq = 0;
  private channelSeq = 0;
  private localSeq = 0;

  constructor(private readonly clock: Clock) {}

  uniqueid(): string {
    this.uniqueSeq += 1;
    return `${Math.floor(this.clock.now() / 1000)}.${this.uniqueSeq}`;
  }

  /** The `-0000001f` suffix of a PJSIP channel name: one global hex counter, as chan_pjsip uses. */
  channelSuffix(): string {
    const s = this.channelSeq.toString(16).padStart(8, '0');
    this.channelSeq += 1;
    return s;
  }

  localSuffix(): string {
    const s = this.localSeq.toString(16).padStart(8, '0');
    this.localSeq += 1;
    return s;
  }

  bridgeId(): string {
    return randomUUID();
  }
}
