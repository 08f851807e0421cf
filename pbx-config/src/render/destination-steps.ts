import type { Destination, Prompt } from '@ringside/shared';
import type { SwitchNames } from './switch-plan.js';

/**
 * Context names the renderer gives to model objects, as local names: a tenant's contexts are
 * these with its switch prefix (`a-ringside-ivr-main`); pbx-sim and the server rely on them.
 */
export const CONTEXTS = {
  inbound: 'ringside-inbound',
  agents: 'ringside-agents',
  ivr: (id: string) => `ringside-ivr-${id}`,
  queue: (name: string) => `ringside-queue-${name}`,
  closed: (scheduleId: string) => `ringside-closed-${scheduleId}`,
} as const;

/** Rendering choices that depend on where a destination is used. */
export interface DestinationStepOptions {
  /**
   * A caller's call that comes back from Stasis() (the application is not connected, so Stasis
   * fails, or it let the call go without a target) waits in this queue instead of being hung up.
   */
  stasisFallthroughQueue?: string;
}

/**
 * Dial-plan applications that send the call to a destination of the tenant whose names `sw`
 * makes (its contexts, trunks, voicemail contexts); the last one never falls through.
 */
export function destinationSteps(d: Destination, sw: SwitchNames, options: DestinationStepOptions = {}): string[] {
  switch (d.type) {
    case 'queue':
      return [`Goto(${sw(CONTEXTS.queue(d.queue))},s,1)`];
    case 'ivr':
      return [`Goto(${sw(CONTEXTS.ivr(d.menu))},s,1)`];
    case 'extension':
      return [`Goto(${sw(CONTEXTS.agents)},${d.extension},1)`];
    case 'external':
      return [`Dial(PJSIP/${d.number}@${sw(d.trunk)},${d.ringSeconds})`, 'Hangup()'];
    case 'voicemail':
      return [`VoiceMail(${d.mailbox}@${sw(d.context)},u)`, 'Hangup()'];
    case 'hangup':
      return ['Hangup()'];
    case 'stasis':
      return [
        `Stasis(${[d.app, ...d.args].join(',')})`,
        options.stasisFallthroughQueue ? `Goto(${sw(CONTEXTS.queue(options.stasisFallthroughQueue))},s,1)` : 'Hangup()',
      ];
  }
}

/** Plays a prompt to the end (no key interrupts it). */
export function playSteps(p: Prompt): string[] {
  return p.type === 'sound' ? [`Playback(${p.files.join('&')})`] : [`Festival(${p.text})`];
}

/** Plays a menu prompt that any key interrupts, jumping to that key's extension. */
export function menuPromptStep(p: Prompt): string {
  return p.type === 'sound' ? `Background(${p.files.join('&')})` : `Festival(${p.text},any)`;
}
