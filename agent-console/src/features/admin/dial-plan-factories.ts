import type { DESTINATION_TYPES, DialPlanInput } from '@ringside/shared';
import { nextFreeDigit, uniqueName } from './dial-plan-model.js';

/** A destination kind. */
export type DestinationKind = (typeof DESTINATION_TYPES)[number];

type Input = DialPlanInput;
/** A destination as the draft holds it (defaults optional). */
export type DestinationInput = NonNullable<Input['inboundRoutes']>[number]['destination'];

const menus = (d: Input) => d.ivrMenus ?? [];
const queues = (d: Input) => d.queues ?? [];
const endpoints = (d: Input) => d.endpoints ?? [];

/**
 * A fresh destination of a kind, aimed at the first matching thing in the draft so that picking
 * a kind usually yields a valid destination at once.
 */
export function defaultDestination(kind: DestinationKind, draft: Input): DestinationInput {
  switch (kind) {
    case 'queue':
      return { type: 'queue', queue: queues(draft)[0]?.name ?? '' };
    case 'ivr':
      return { type: 'ivr', menu: menus(draft)[0]?.id ?? '' };
    case 'extension':
      return { type: 'extension', extension: endpoints(draft)[0]?.extension ?? '' };
    case 'external':
      return { type: 'external', number: '', trunk: draft.system?.outboundTrunk ?? draft.trunks?.[0]?.id ?? '', ringSeconds: 60 };
    case 'voicemail':
      return { type: 'voicemail', mailbox: '', context: 'default' };
    case 'stasis':
      return { type: 'stasis', app: draft.system?.ari?.app ?? 'cti', args: [] };
    case 'hangup':
      return { type: 'hangup' };
  }
}

/** A new menu option on the first free key; it hangs up until the admin picks a destination. */
export function newIvrOption(usedDigits: readonly string[]) {
  return { digit: nextFreeDigit(usedDigits), destination: { type: 'hangup' as const } };
}

/** A new menu that repeats on wrong keys and silence, then hangs up. */
export function newIvrMenu(draft: Input) {
  const id = uniqueName('menu', menus(draft).map((m) => m.id));
  return {
    id,
    name: `Menu ${id}`,
    prompt: { type: 'sound' as const, files: ['hello'] },
    options: [],
    timeoutSeconds: 5,
    invalid: { attempts: 3, destination: { type: 'hangup' as const } },
    timeout: { attempts: 3, destination: { type: 'hangup' as const } },
    allowDirectDial: false,
  };
}

/** A new queue with app_queue's usual timings and no members yet. */
export function newQueue(draft: Input) {
  return {
    name: uniqueName('queue', queues(draft).map((q) => q.name)),
    strategy: 'ringall' as const,
    ringTimeoutSeconds: 15,
    retrySeconds: 5,
    wrapUpSeconds: 0,
    maxWaitSeconds: 300,
    overflow: { type: 'hangup' as const },
    maxCallers: 0,
    serviceLevelSeconds: 60,
    members: [],
  };
}

/** A new office-hours schedule, Monday to Friday 09:00-17:00. */
export function newSchedule(draft: Input) {
  const id = uniqueName('hours', (draft.schedules ?? []).map((s) => s.id));
  return {
    id,
    name: `Hours ${id}`,
    timeZone: 'UTC',
    weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[], open: '09:00', close: '17:00' }],
    holidays: [],
    closedDestination: { type: 'hangup' as const },
  };
}

/** A new endpoint on the next free extension after the highest one. */
export function newEndpoint(draft: Input) {
  const numbers = endpoints(draft)
    .map((e) => Number(e.extension))
    .filter((n) => Number.isInteger(n));
  const extension = String(numbers.length ? Math.max(...numbers) + 1 : 1001);
  return { extension, displayName: `Agent ${extension}`, passwordRef: `sip-${extension}`, webrtc: false, codecs: ['ulaw' as const, 'alaw' as const], ringSeconds: 30 };
}

/** A new inbound route, hanging up until the admin points it somewhere. */
export function newInboundRoute(draft: Input) {
  const id = uniqueName('route', (draft.inboundRoutes ?? []).map((r) => r.id));
  return { id, name: `Route ${id}`, did: '', priority: 100, destination: { type: 'hangup' as const } };
}

/** A new internal route. */
export function newInternalRoute() {
  return { extension: '', name: 'Internal number', destination: { type: 'hangup' as const } };
}
