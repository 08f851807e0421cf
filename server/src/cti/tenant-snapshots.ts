import { RingsideError, type SessionUser, type Snapshot, type SnapshotExtras } from '@ringside/shared';
import type { CtiState } from '../domain/cti-state.js';
import type { SwitchNaming } from '../domain/switch-naming.js';
import type { PhoneDirectory } from './cti-service.js';
import type { CtiSettings } from './cti-settings.js';
import type { HandledToday } from './handled-today.js';

/** What a snapshot is built from besides the live state. */
export interface SnapshotParts {
  settings: CtiSettings;
  naming: SwitchNaming;
  handled: HandledToday;
  phones: PhoneDirectory | null;
}

/**
 * The picture a user may see, all of it of their session's tenant: their own for an agent, the
 * tenant's agents, queues and calls for a supervisor or admin. The seqs are the domain's; held
 * rooms are settled by the caller.
 */
export function snapshotOf(cti: CtiState, user: SessionUser, parts: SnapshotParts): Snapshot {
  const tenantId = user.tenant.id;
  const { handled } = parts;
  if (user.role === 'supervisor' || user.role === 'admin') {
    const snap = cti.supervisorSnapshot(tenantId);
    return { ...snap, agents: snap.agents.map((a) => handled.withCount(a)), ...extras(cti, parts, tenantId, snap.queues.map((q) => q.name), snap.at, user.agent?.endpoint) };
  }
  if (!user.agent) throw new RingsideError('FORBIDDEN', 'this user has no agent profile');
  const snap = cti.agentSnapshot(user.agent.id);
  // An agent profile is one tenant's: a session of another tenant never gets its picture.
  if (!snap || snap.agent.tenantId !== tenantId) throw new RingsideError('AGENT_NOT_FOUND', `agent ${user.agent.id} is not known to the CTI`);
  return {
    ...snap,
    agent: handled.withCount(snap.agent),
    colleagues: cti.colleaguesOf(snap.agent.agentId),
    ...extras(cti, parts, tenantId, snap.queues.map((q) => q.name), snap.at, user.agent.endpoint),
  };
}

/** What rides along with a snapshot; `queues` are the tenant's local names; `endpoint` is the user's own phone (its SIP password goes to them only). */
function extras(cti: CtiState, parts: SnapshotParts, tenantId: string, queues: string[], at: number, endpoint: string | undefined): SnapshotExtras {
  const s = parts.settings;
  // Statistics are kept by switch name: `support` of this tenant is `acme-support` there.
  const history = (q: string) => {
    const name = parts.naming.switchName(tenantId, q);
    return name ? cti.stats.intervalsOfDay(name, at) : [];
  };
  return {
    ...(s.pauseReasons.length > 0 ? { pauseReasons: [...s.pauseReasons] } : {}),
    ...(s.dispositions.length > 0 ? { dispositions: [...s.dispositions] } : {}),
    phone: endpoint && parts.phones ? parts.phones.of(endpoint) : s.phone,
    queueHistory: Object.fromEntries(queues.map((q) => [q, history(q)])),
  };
}
