import type { DialPlan } from './dial-plan.js';
import type { Destination, Prompt } from './destination.js';

/** A location inside a dial plan, e.g. `['ivrMenus', 2, 'options', 0, 'destination']`. */
export type DialPlanPath = (string | number)[];

/** A destination together with where it sits in the plan. */
export interface LocatedDestination {
  destination: Destination;
  path: DialPlanPath;
}

/** Destinations owned by one IVR menu (options, then invalid, then timeout). */
export function menuDestinations(plan: DialPlan, index: number): LocatedDestination[] {
  const menu = plan.ivrMenus[index];
  if (!menu) return [];
  const base = ['ivrMenus', index];
  return [
    ...menu.options.map((o, k) => ({ destination: o.destination, path: [...base, 'options', k, 'destination'] })),
    { destination: menu.invalid.destination, path: [...base, 'invalid', 'destination'] },
    { destination: menu.timeout.destination, path: [...base, 'timeout', 'destination'] },
  ];
}

/** Every destination of the plan with its path, in document order. */
export function allDestinations(plan: DialPlan): LocatedDestination[] {
  return [
    ...plan.inboundRoutes.map((r, i) => ({ destination: r.destination, path: ['inboundRoutes', i, 'destination'] })),
    ...plan.internalRoutes.map((r, i) => ({ destination: r.destination, path: ['internalRoutes', i, 'destination'] })),
    ...plan.ivrMenus.flatMap((_, i) => menuDestinations(plan, i)),
    ...plan.queues.map((q, i) => ({ destination: q.overflow, path: ['queues', i, 'overflow'] })),
    ...plan.schedules.map((s, i) => ({ destination: s.closedDestination, path: ['schedules', i, 'closedDestination'] })),
  ];
}

/** A prompt together with where it sits in the plan. */
export interface LocatedPrompt {
  prompt: Prompt;
  path: DialPlanPath;
}

/** Every prompt of the plan with its path: menu announcements, invalid and timeout prompts, closed-hours prompts. */
export function allPrompts(plan: DialPlan): LocatedPrompt[] {
  const found: LocatedPrompt[] = [];
  plan.ivrMenus.forEach((m, i) => {
    found.push({ prompt: m.prompt, path: ['ivrMenus', i, 'prompt'] });
    if (m.invalid.prompt) found.push({ prompt: m.invalid.prompt, path: ['ivrMenus', i, 'invalid', 'prompt'] });
    if (m.timeout.prompt) found.push({ prompt: m.timeout.prompt, path: ['ivrMenus', i, 'timeout', 'prompt'] });
  });
  plan.schedules.forEach((s, i) => {
    if (s.closedPrompt) found.push({ prompt: s.closedPrompt, path: ['schedules', i, 'closedPrompt'] });
  });
  return found;
}
