import { RingsideError, channelsFor, type ConsentChannel, type ConsentDecision, type ConsentEvent, type ConsentPurpose } from '@ringside/shared';

/**
 * The defaults when the ledger holds nothing for an address, channel and purpose: service
 * contact (about something the customer already has with us) is allowed until withdrawn;
 * marketing needs an explicit grant. A do-not-call entry is a withdrawal like any other.
 */
export function defaultAllowed(purpose: ConsentPurpose): boolean {
  return purpose === 'service';
}

/** The decision from the latest event (or none) for one address, channel and purpose. */
export function decide(purpose: ConsentPurpose, latest: ConsentEvent | null): ConsentDecision {
  if (!latest) return { state: 'unknown', since: null, event: null, allowed: defaultAllowed(purpose) };
  return { state: latest.state, since: latest.occurredAt, event: latest, allowed: latest.state === 'granted' };
}

/** Refuses a channel that the address cannot carry (an email address takes no calls). */
export function assertChannelFits(addressKind: 'phone' | 'email', channel: ConsentChannel): void {
  if (!channelsFor(addressKind).includes(channel)) {
    throw new RingsideError('INVALID_INPUT', `a ${addressKind} address has no ${channel} channel`, [
      { path: 'channel', message: `not a channel of a ${addressKind} address (use ${channelsFor(addressKind).join(' or ')})` },
    ]);
  }
}

// Clocks of browsers and imports drift; a few minutes ahead is still "now", a day ahead is an error.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** When an event happened: given, or now; never in the future. */
export function occurredAt(given: string | undefined, now: number): Date {
  if (given === undefined) return new Date(now);
  const at = Date.parse(given);
  if (at > now + FUTURE_TOLERANCE_MS) {
    throw new RingsideError('INVALID_INPUT', 'consent cannot be recorded for a time in the future', [{ path: 'occurredAt', message: 'in the future' }]);
  }
  return new Date(at);
}
