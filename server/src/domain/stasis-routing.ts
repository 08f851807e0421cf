import type { Customer } from '@ringside/shared';

/** How Ringside-controlled routing ranks callers; the defaults are the shipped policy. */
export interface StasisRoutingPolicy {
  /** The queue when the Stasis arguments name none. */
  defaultQueue: string;
  /** QUEUE_PRIO for everyone not ranked higher (app_queue's own default is 0). */
  defaultPriority: number;
  /** Customers scoring at least this much jump ahead with `highValuePriority`. */
  highValueScore: number;
  highValuePriority: number;
}

/** The shipped policy: customers with a value score of 80 or more wait at priority 10. */
export const DEFAULT_STASIS_POLICY: StasisRoutingPolicy = { defaultQueue: 'support', defaultPriority: 0, highValueScore: 80, highValuePriority: 10 };

/** What the Stasis arguments ask for: `inbound,<dialled>[,<queue>]` as the dial plan passes them. */
export type StasisRequest = { kind: 'inbound'; dialled: string | null; queue: string | null } | { kind: 'other'; args: string[] };

/** What the CRM lookup produced, including that it did not answer in time or failed. */
export type CallerLookup = { status: 'found'; customers: Customer[] } | { status: 'unknown-number' } | { status: 'failed'; reason: 'timeout' | 'error' };

/** Where a call goes and what the switch should know about it. */
export interface StasisRoute {
  queue: string;
  priority: number;
  /** Set only for exactly one matching customer: the screen pop can show it at once. */
  customerId: string | null;
  reason: 'high-value' | 'known' | 'ambiguous' | 'unknown' | 'lookup-failed';
}

const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Reads the Stasis arguments; an argument that is not a plain queue name is ignored, not trusted. */
export function parseStasisArgs(args: readonly string[]): StasisRequest {
  if (args[0] !== 'inbound') return { kind: 'other', args: [...args] };
  const dialled = args[1] && /^[0-9A-Za-z*#+]{1,40}$/.test(args[1]) ? args[1] : null;
  const queue = args[2] && QUEUE_NAME.test(args[2]) ? args[2] : null;
  return { kind: 'inbound', dialled, queue };
}

/**
 * Decides queue and priority for an inbound call in Stasis. Several customers sharing a number
 * (a switchboard) rank by the best of them, but none is named: the pop shows the choice.
 * Unknown callers, and callers the CRM could not answer for in time, wait with the default.
 */
export function decideStasisRoute(request: { queue: string | null }, lookup: CallerLookup, policy: StasisRoutingPolicy = DEFAULT_STASIS_POLICY): StasisRoute {
  const queue = request.queue ?? policy.defaultQueue;
  if (lookup.status === 'failed') return { queue, priority: policy.defaultPriority, customerId: null, reason: 'lookup-failed' };
  if (lookup.status === 'unknown-number' || lookup.customers.length === 0) return { queue, priority: policy.defaultPriority, customerId: null, reason: 'unknown' };
  const best = Math.max(...lookup.customers.map((c) => c.valueScore));
  const high = best >= policy.highValueScore;
  const priority = high ? policy.highValuePriority : policy.defaultPriority;
  const only = lookup.customers.length === 1 ? lookup.customers[0]! : null;
  return { queue, priority, customerId: only?.id ?? null, reason: high ? 'high-value' : only ? 'known' : 'ambiguous' };
}
