import type { DialPlan, IvrMenu, IvrRetry, Queue } from '@ringside/shared';
import { extenLines } from './conf-text.js';
import { CONTEXTS, destinationSteps, menuPromptStep, playSteps } from './destination-steps.js';
import type { SwitchNames } from './switch-plan.js';

function retryLines(exten: 'i' | 't', counter: string, retry: IvrRetry, sw: SwitchNames): string[] {
  return extenLines(
    exten,
    [
      `Set(${counter}=$[\${${counter}} + 1])`,
      `GotoIf($[\${${counter}} >= ${retry.attempts}]?give-up)`,
      ...(retry.prompt ? playSteps(retry.prompt) : []),
      'Goto(s,menu)',
      ...destinationSteps(retry.destination, sw),
    ],
    { [retry.prompt ? 4 : 3]: 'give-up' },
  );
}

/** One context per IVR menu: `s` plays the prompt, one extension per key, `i` and `t` count retries. */
export function ivrContext(plan: DialPlan, menu: IvrMenu, sw: SwitchNames): string[] {
  const lines = [
    '',
    `[${sw(CONTEXTS.ivr(menu.id))}]`,
    `; ${menu.name}`,
    ...extenLines(
      's',
      [
        `NoOp(Ringside IVR ${menu.id})`,
        'Answer()',
        'Set(RINGSIDE_INVALID=0)',
        'Set(RINGSIDE_TIMEOUT=0)',
        menuPromptStep(menu.prompt),
        `WaitExten(${menu.timeoutSeconds})`,
      ],
      { 4: 'menu' },
    ),
  ];
  const options = [...menu.options].sort((a, b) => a.digit.localeCompare(b.digit));
  for (const o of options) lines.push(...extenLines(o.digit, destinationSteps(o.destination, sw)));
  if (menu.allowDirectDial) {
    const digits = new Set<string>(options.map((o) => o.digit));
    const extensions = plan.endpoints.map((e) => e.extension).filter((x) => !digits.has(x)).sort();
    for (const x of extensions) lines.push(...extenLines(x, destinationSteps({ type: 'extension', extension: x }, sw)));
  }
  lines.push(...retryLines('i', 'RINGSIDE_INVALID', menu.invalid, sw), ...retryLines('t', 'RINGSIDE_TIMEOUT', menu.timeout, sw));
  return lines;
}

/** One entry context per queue: Queue() with the max wait, then the overflow destination. */
export function queueContext(q: Queue, sw: SwitchNames): string[] {
  return [
    '',
    `[${sw(CONTEXTS.queue(q.name))}]`,
    ...extenLines('s', [
      `NoOp(Ringside queue ${q.name})`,
      'Answer()',
      // t: the agent may transfer the caller; the 5th argument is the longest wait.
      `Queue(${sw(q.name)},t,,,${q.maxWaitSeconds})`,
      // Queue() returns only for callers nobody answered: TIMEOUT, FULL, JOINEMPTY, LEAVEEMPTY...
      `NoOp(Ringside queue ${q.name} overflow \${QUEUESTATUS})`,
      ...destinationSteps(q.overflow, sw),
    ]),
  ];
}
