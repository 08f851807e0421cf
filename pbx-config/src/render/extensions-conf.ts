import type { Destination, DialPlan, InboundRoute } from '@ringside/shared';
import { extenLines, header, toFile } from './conf-text.js';
import { CONTEXTS, destinationSteps, playSteps, type DestinationStepOptions } from './destination-steps.js';
import { ivrContext, queueContext } from './menu-contexts.js';
import { scheduleChecks } from './schedule-steps.js';

/**
 * Callers from trunks are never dropped because the CTI server's Stasis app is away: they fall
 * through to the queue a Stasis argument names, else to the plan's first queue.
 */
function callerSteps(plan: DialPlan, d: Destination): string[] {
  if (d.type !== 'stasis') return destinationSteps(d);
  const named = plan.queues.find((q) => d.args.includes(q.name));
  const queue = named?.name ?? plan.queues[0]?.name;
  const options: DestinationStepOptions = queue ? { stasisFallthroughQueue: queue } : {};
  return destinationSteps(d, options);
}

function routeLines(plan: DialPlan, r: InboundRoute): string[] {
  const exten = r.callerPattern ? `${r.did}/${r.callerPattern}` : r.did;
  const comment = `; ${r.name}${r.scheduleId ? ` (hours: ${r.scheduleId})` : ''}`;
  const schedule = r.scheduleId ? plan.schedules.find((s) => s.id === r.scheduleId) : undefined;
  if (!schedule) return [comment, ...extenLines(exten, [`NoOp(Ringside route ${r.id})`, ...callerSteps(plan, r.destination)])];
  const checks = scheduleChecks(schedule);
  const steps = [`NoOp(Ringside route ${r.id})`, ...checks, `Goto(${CONTEXTS.closed(schedule.id)},s,1)`, ...callerSteps(plan, r.destination)];
  return [comment, ...extenLines(exten, steps, { [checks.length + 1]: 'closed', [checks.length + 2]: 'open' })];
}

function inboundContext(plan: DialPlan): string[] {
  // Asterisk picks among overlapping routes by specificity; validation makes that agree with
  // the priorities, and the order here only keeps the file stable and readable.
  const routes = plan.inboundRoutes.map((r, i) => ({ r, i })).sort((a, b) => a.r.priority - b.r.priority || a.i - b.i);
  return ['', `[${CONTEXTS.inbound}]`, '; calls arriving from trunks', ...routes.flatMap(({ r }) => routeLines(plan, r))];
}

function closedContexts(plan: DialPlan): string[] {
  const used = new Set(plan.inboundRoutes.map((r) => r.scheduleId));
  return plan.schedules
    .filter((s) => used.has(s.id))
    .flatMap((s) => [
      '',
      `[${CONTEXTS.closed(s.id)}]`,
      `; ${s.name}: outside opening hours`,
      ...extenLines('s', [
        `NoOp(Ringside closed ${s.id})`,
        ...(s.closedPrompt ? ['Answer()', ...playSteps(s.closedPrompt)] : []),
        ...callerSteps(plan, s.closedDestination),
      ]),
    ]);
}

function agentsContext(plan: DialPlan): string[] {
  const lines = ['', `[${CONTEXTS.agents}]`, '; what agent phones dial; hints feed ExtensionStatus and busy lamps'];
  const endpoints = [...plan.endpoints].sort((a, b) => a.extension.localeCompare(b.extension));
  for (const e of endpoints) {
    lines.push(
      `exten => ${e.extension},hint,PJSIP/${e.extension}`,
      ...extenLines(e.extension, [`NoOp(Ringside agent ${e.extension})`, `Dial(PJSIP/${e.extension},${e.ringSeconds},t)`, 'Hangup()']),
    );
  }
  for (const r of plan.internalRoutes) {
    lines.push(`; ${r.name}`, ...extenLines(r.extension, [`NoOp(Ringside internal ${r.extension})`, ...destinationSteps(r.destination)]));
  }
  const trunk = plan.system.outboundTrunk;
  if (trunk) {
    // FILTER keeps a dialled string from smuggling `&` (a second dial target) or options in.
    lines.push(
      `; any other number goes out through trunk ${trunk}`,
      ...extenLines('_X.', [`NoOp(Ringside outbound via ${trunk})`, `Dial(PJSIP/\${FILTER(0-9,\${EXTEN})}@${trunk},60)`, 'Hangup()']),
      ...extenLines('_+X.', [`NoOp(Ringside outbound via ${trunk})`, `Dial(PJSIP/\${FILTER(0-9+,\${EXTEN})}@${trunk},60)`, 'Hangup()']),
    );
  }
  return lines;
}

/** ringside-extensions.conf: every context of the dial plan (included by extensions.conf). */
export function renderExtensionsConf(plan: DialPlan): string {
  return toFile([
    ...header(plan.name, 'Dial plan contexts (ringside-extensions.conf, included by extensions.conf)'),
    ...inboundContext(plan),
    ...closedContexts(plan),
    ...plan.ivrMenus.flatMap((m) => ivrContext(plan, m)),
    ...plan.queues.flatMap((q) => queueContext(q)),
    ...agentsContext(plan),
    '',
    '; Names the base configuration and the CTI server use for the two entry contexts.',
    '[from-customers]',
    `include => ${CONTEXTS.inbound}`,
    '',
    '[agents]',
    `include => ${CONTEXTS.agents}`,
  ]);
}
