import type { DialPlan, Queue } from '@ringside/shared';
import { header, toFile } from './conf-text.js';
import { switchPlan, tenantLabel, type RenderTenant, type SwitchPlan } from './switch-plan.js';

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

function queueSection({ plan, sw }: RenderTenant, q: Queue): string[] {
  const names = new Map(plan.endpoints.map((e) => [e.extension, e.displayName]));
  return [
    '',
    // The template (queues.conf) holds what every queue shares: ringinuse, the variables the
    // CTI server reads. `strategy` comes first: app_queue reads the first strategy line only.
    `[${sw(q.name)}](ringside-queue)`,
    `strategy = ${q.strategy}`,
    `timeout = ${q.ringTimeoutSeconds}`,
    `retry = ${q.retrySeconds}`,
    `wrapuptime = ${q.wrapUpSeconds}`,
    `maxlen = ${q.maxCallers}`,
    `servicelevel = ${q.serviceLevelSeconds}`,
    `musicclass = ${q.musicOnHold}`,
    `announce-position = ${yesNo(q.announcePosition)}`,
    `announce-frequency = ${q.announceFrequencySeconds}`,
    `joinempty = ${yesNo(q.joinEmpty)}`,
    `leavewhenempty = ${yesNo(q.leaveWhenEmpty)}`,
    // Dynamic members are not written: they join with QueueAdd when they log in, so they can log out again.
    ...q.members.filter((m) => m.membership === 'static').map((m) => {
      const iface = `PJSIP/${sw(m.extension)}`;
      return `member => ${iface},${m.penalty},${names.get(m.extension) ?? m.extension},${iface}`;
    }),
  ];
}

/** ringside-queues.conf: one section per queue (included by queues.conf, uses its template). */
export function renderQueuesConf(plan: DialPlan): string {
  return renderTenantQueuesConf(switchPlan([{ prefix: '', plan }]));
}

/** ringside-queues.conf of every tenant on the switch: queue and member names carry the tenant's prefix. */
export function renderTenantQueuesConf(sp: SwitchPlan): string {
  return toFile([
    ...header(sp.title, 'Queues (ringside-queues.conf, included by queues.conf); members: interface,penalty,name,state interface'),
    ...sp.tenants.flatMap((t) => [...(t.prefix === '' ? [] : ['', `; ${tenantLabel(t)}`]), ...t.plan.queues.flatMap((q) => queueSection(t, q))]),
  ]);
}
