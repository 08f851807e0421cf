import { type Destination, type DialPlan, type InboundRoute } from '@ringside/shared';
import { extenLines, header, toFile } from './conf-text.js';
import { CONTEXTS, destinationSteps, playSteps, type DestinationStepOptions } from './destination-steps.js';
import { ivrContext, queueContext } from './menu-contexts.js';
import { scheduleChecks } from './schedule-steps.js';
import { switchPlan, tenantLabel, type RenderTenant, type SwitchNames, type SwitchPlan } from './switch-plan.js';

/**
 * Callers from trunks are never dropped because the CTI server's Stasis app is away: they fall
 * through to the queue a Stasis argument names, else to the plan's first queue.
 */
function callerSteps(plan: DialPlan, d: Destination, sw: SwitchNames): string[] {
  if (d.type !== 'stasis') return destinationSteps(d, sw);
  const named = plan.queues.find((q) => d.args.includes(q.name));
  const queue = named?.name ?? plan.queues[0]?.name;
  const options: DestinationStepOptions = queue ? { stasisFallthroughQueue: queue } : {};
  return destinationSteps(d, sw, options);
}

function routeLines(plan: DialPlan, r: InboundRoute, sw: SwitchNames): string[] {
  const exten = r.callerPattern ? `${r.did}/${r.callerPattern}` : r.did;
  const comment = `; ${r.name}${r.scheduleId ? ` (hours: ${r.scheduleId})` : ''}`;
  const schedule = r.scheduleId ? plan.schedules.find((s) => s.id === r.scheduleId) : undefined;
  if (!schedule) return [comment, ...extenLines(exten, [`NoOp(Ringside route ${r.id})`, ...callerSteps(plan, r.destination, sw)])];
  const checks = scheduleChecks(schedule);
  const steps = [`NoOp(Ringside route ${r.id})`, ...checks, `Goto(${sw(CONTEXTS.closed(schedule.id))},s,1)`, ...callerSteps(plan, r.destination, sw)];
  return [comment, ...extenLines(exten, steps, { [checks.length + 1]: 'closed', [checks.length + 2]: 'open' })];
}

function routesOf(plan: DialPlan, sw: SwitchNames): string[] {
  // Asterisk picks among overlapping routes by specificity; validation makes that agree with
  // the priorities, and the order here only keeps the file stable and readable.
  const routes = plan.inboundRoutes.map((r, i) => ({ r, i })).sort((a, b) => a.r.priority - b.r.priority || a.i - b.i);
  return routes.flatMap(({ r }) => routeLines(plan, r, sw));
}

/**
 * The DIDs of a prefixed tenant in the shared trunk context: each jumps with the dialled number
 * to the tenant's own inbound context, where its routes (caller patterns, hours) decide.
 */
function forwardLines(t: RenderTenant): string[] {
  // Numbers before patterns, then by text: only to keep the file stable and readable.
  const dids = [...new Set(t.plan.inboundRoutes.map((r) => r.did))].sort(
    (a, b) => Number(a.startsWith('_')) - Number(b.startsWith('_')) || a.localeCompare(b),
  );
  return [
    `; DIDs of ${tenantLabel(t)}`,
    ...dids.flatMap((did) => extenLines(did, [`NoOp(Ringside tenant ${t.prefix})`, `Goto(${t.sw(CONTEXTS.inbound)},\${EXTEN},1)`])),
  ];
}

/** `ringside-inbound`, the context of every trunk: the default tenant's routes, then every other tenant's DIDs. */
function trunkContext(sp: SwitchPlan): string[] {
  const lines = ['', `[${CONTEXTS.inbound}]`, '; calls arriving from trunks'];
  for (const t of sp.tenants) lines.push(...(t.prefix === '' ? routesOf(t.plan, t.sw) : forwardLines(t)));
  return lines;
}

function closedContexts(plan: DialPlan, sw: SwitchNames): string[] {
  const used = new Set(plan.inboundRoutes.map((r) => r.scheduleId));
  return plan.schedules
    .filter((s) => used.has(s.id))
    .flatMap((s) => [
      '',
      `[${sw(CONTEXTS.closed(s.id))}]`,
      `; ${s.name}: outside opening hours`,
      ...extenLines('s', [
        `NoOp(Ringside closed ${s.id})`,
        ...(s.closedPrompt ? ['Answer()', ...playSteps(s.closedPrompt)] : []),
        ...callerSteps(plan, s.closedDestination, sw),
      ]),
    ]);
}

/** What a tenant's phones dial: only its own extensions and routes, so 1001 is always its own 1001. */
function agentsContext(plan: DialPlan, sw: SwitchNames): string[] {
  const lines = ['', `[${sw(CONTEXTS.agents)}]`, '; what agent phones dial; hints feed ExtensionStatus and busy lamps'];
  const endpoints = [...plan.endpoints].sort((a, b) => a.extension.localeCompare(b.extension));
  for (const e of endpoints) {
    const device = `PJSIP/${sw(e.extension)}`;
    lines.push(
      `exten => ${e.extension},hint,${device}`,
      ...extenLines(e.extension, [`NoOp(Ringside agent ${e.extension})`, `Dial(${device},${e.ringSeconds},t)`, 'Hangup()']),
    );
  }
  for (const r of plan.internalRoutes) {
    lines.push(`; ${r.name}`, ...extenLines(r.extension, [`NoOp(Ringside internal ${r.extension})`, ...destinationSteps(r.destination, sw)]));
  }
  const trunk = plan.system.outboundTrunk;
  if (trunk) {
    // FILTER keeps a dialled string from smuggling `&` (a second dial target) or options in.
    const peer = sw(trunk);
    lines.push(
      `; any other number goes out through trunk ${trunk}`,
      ...extenLines('_X.', [`NoOp(Ringside outbound via ${trunk})`, `Dial(PJSIP/\${FILTER(0-9,\${EXTEN})}@${peer},60)`, 'Hangup()']),
      ...extenLines('_+X.', [`NoOp(Ringside outbound via ${trunk})`, `Dial(PJSIP/\${FILTER(0-9+,\${EXTEN})}@${peer},60)`, 'Hangup()']),
    );
  }
  return lines;
}

/** Every context one tenant owns besides the trunk context; a prefixed tenant also gets its own inbound context. */
function tenantContexts(t: RenderTenant): string[] {
  const { plan, sw } = t;
  const own = t.prefix === '' ? [] : ['', `; ${tenantLabel(t)}`, `[${sw(CONTEXTS.inbound)}]`, `; calls to the DIDs of ${t.prefix}, from ${CONTEXTS.inbound}`, ...routesOf(plan, sw)];
  return [
    ...own,
    ...closedContexts(plan, sw),
    ...plan.ivrMenus.flatMap((m) => ivrContext(plan, m, sw)),
    ...plan.queues.flatMap((q) => queueContext(q, sw)),
    ...agentsContext(plan, sw),
  ];
}

/** ringside-extensions.conf of every tenant on the switch (included by extensions.conf). */
export function renderTenantExtensionsConf(sp: SwitchPlan): string {
  return toFile([
    ...header(sp.title, 'Dial plan contexts (ringside-extensions.conf, included by extensions.conf)'),
    ...trunkContext(sp),
    ...sp.tenants.flatMap(tenantContexts),
    '',
    // `agents` is where the CTI server originates and transfers; each tenant has its own.
    '; Names the base configuration and the CTI server use for the two entry contexts.',
    '[from-customers]',
    `include => ${CONTEXTS.inbound}`,
    ...sp.tenants.flatMap((t) => ['', `[${t.sw('agents')}]`, `include => ${t.sw(CONTEXTS.agents)}`]),
  ]);
}

/** ringside-extensions.conf: every context of the dial plan (included by extensions.conf). */
export function renderExtensionsConf(plan: DialPlan): string {
  return renderTenantExtensionsConf(switchPlan([{ prefix: '', plan }]));
}
