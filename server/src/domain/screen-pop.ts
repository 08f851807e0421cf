import type { CustomerCandidate, IvrStep, PopTenant, ScreenPop, ScreenPopMatch } from '@ringside/shared';
import { callTenant, type Call } from './call.js';
import { SINGLE_TENANT, localQueue, type SwitchNaming } from './switch-naming.js';
import type { CustomerDirectory, DirectoryLookup } from './ports/customer-directory.js';

/** Everything a pop shows except the directory's answer; decided by the domain when the phone rings. */
export interface ScreenPopContext {
  callId: string;
  /** The call's tenant: the lookup runs in its rows, the pop shows whose caller it is. */
  tenant: PopTenant;
  agentId: string;
  callerNumber: { raw: string | null; e164: string | null };
  /** The queue's local name in the tenant's dial plan. */
  queue: string | null;
  ivrPath: IvrStep[];
  waitSeconds: number;
}

/** The most candidates a pop lists; beyond that the agent searches. */
export const MAX_POP_CANDIDATES = 20;

/** The pop context of a call ringing for an agent at `now`. */
export function screenPopContext(call: Call, agentId: string, now: number, naming: SwitchNaming = SINGLE_TENANT): ScreenPopContext {
  const since = call.visit?.joinedAt ?? call.offeredAt;
  return {
    callId: call.linkedid,
    tenant: naming.describe(callTenant(call, naming)),
    agentId,
    callerNumber: { raw: call.callerNumber, e164: call.callerE164 },
    queue: localQueue(naming, call.visit?.queue ?? call.firstQueue),
    ivrPath: [...call.ivrPath],
    waitSeconds: Math.max(0, Math.round((now - since) / 1000)),
  };
}

function candidate(c: DirectoryLookup['customers'][number]): CustomerCandidate {
  return {
    id: c.id,
    kind: c.kind,
    firstName: c.firstName,
    lastName: c.lastName,
    organisationName: c.organisationName,
    company: c.company,
    email: c.email,
    lifecycle: c.lifecycle,
  };
}

/**
 * Decides what the pop shows from the directory's answer: one customer with context, a list to
 * choose from, or a form prefilled with the number. A number that could not be read (withheld,
 * garbage) matches nobody and prefills what was received.
 */
export function matchFromLookup(callerNumber: ScreenPopContext['callerNumber'], lookup: DirectoryLookup | null): ScreenPopMatch {
  const prefill = { phone: callerNumber.e164 ?? callerNumber.raw ?? '' };
  if (!lookup || callerNumber.e164 === null) return { kind: 'none', prefill };
  const [first, second] = lookup.customers;
  if (!first) return { kind: 'none', prefill };
  if (!second) return { kind: 'single', customer: first, lastInteractions: lookup.lastInteractions, openItems: lookup.openItems, ...(lookup.organisations?.length ? { organisations: lookup.organisations } : {}) };
  return { kind: 'multiple', candidates: lookup.customers.slice(0, MAX_POP_CANDIDATES).map(candidate) };
}

/** The pop with a match. */
export function buildScreenPop(context: ScreenPopContext, match: ScreenPopMatch): ScreenPop {
  return { ...context, tenant: { ...context.tenant }, ivrPath: [...context.ivrPath], match };
}

/** The pop sent before the directory has answered; the record follows as `screenPopRecord`. */
export function pendingScreenPop(context: ScreenPopContext): ScreenPop {
  return buildScreenPop(context, { kind: 'pending' });
}

/**
 * Asks the directory and builds the final pop. A caller without a readable number is not looked
 * up at all. Directory failures propagate: the caller (the realtime layer) decides whether to
 * retry or to report an error to the agent, rather than pretending nobody matched.
 */
export async function resolveScreenPop(directory: CustomerDirectory, context: ScreenPopContext): Promise<ScreenPop> {
  return screenPopFrom(context, (e164) => directory.findByE164(e164, { limit: MAX_POP_CANDIDATES + 1, interactionLimit: 5 }));
}

/** The final pop from a lookup of the caller's number; a caller without a readable number is not looked up. */
export async function screenPopFrom(context: ScreenPopContext, lookup: (e164: string) => Promise<DirectoryLookup>): Promise<ScreenPop> {
  const e164 = context.callerNumber.e164;
  return buildScreenPop(context, matchFromLookup(context.callerNumber, e164 ? await lookup(e164) : null));
}

/** The customer a pop identifies beyond doubt, for linking the interaction. */
export function identifiedCustomerId(pop: ScreenPop): string | null {
  return pop.match.kind === 'single' ? pop.match.customer.id : null;
}
