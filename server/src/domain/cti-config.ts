import { SINGLE_TENANT, type SwitchNaming } from './switch-naming.js';

/** An agent the CTI knows: who sits behind which endpoint. */
export interface AgentDirectoryEntry {
  agentId: string;
  name: string;
  /** The device as the switch names it, e.g. `PJSIP/1001`. */
  endpoint: string;
  extension: string;
  /** The tenant of the agents row; without it the endpoint's switch prefix decides. */
  tenantId?: string;
}

/** Per-queue settings that shape statistics and agent state. */
export interface QueueSettings {
  name: string;
  /** A call answered within this many seconds meets the service level. */
  serviceLevelSeconds: number;
  /** Wrap-up after a call of this queue; 0 means the agent is ready at once. */
  wrapUpSeconds: number;
}

/** Everything the in-memory CTI state needs to know up front. */
export interface CtiConfig {
  agents: AgentDirectoryEntry[];
  queues: QueueSettings[];
  /** Settings of queues seen on the wire but not configured, and of calls that came through no queue. */
  defaultServiceLevelSeconds: number;
  defaultWrapUpSeconds: number;
  /** The pause reasons agents may choose from; empty allows any reason that passes the command schema. */
  pauseReasons: string[];
  /** Country for numbers without an international prefix (ISO 3166 alpha-2). */
  defaultCountry: string;
  /** Minutes east of UTC for day and interval boundaries of the statistics. */
  utcOffsetMinutes: number;
  /** Days of statistics kept in memory. */
  retainDays: number;
  /** Which tenant owns each switch name, and its local name; one default tenant when absent. */
  naming: SwitchNaming;
}

/** A configuration with the usual defaults, overridable field by field. */
export function ctiConfig(partial: Partial<CtiConfig> = {}): CtiConfig {
  return {
    agents: [],
    queues: [],
    defaultServiceLevelSeconds: 20,
    defaultWrapUpSeconds: 0,
    pauseReasons: [],
    defaultCountry: 'US',
    utcOffsetMinutes: 0,
    retainDays: 7,
    naming: SINGLE_TENANT,
    ...partial,
  };
}
