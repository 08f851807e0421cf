import type { CommandInput, CommandName } from './commands.js';
import type { Customer, Interaction } from './customers.js';
import type { RelatedParty } from './customers-relationships.js';
import type { ErrorBody } from './errors.js';
import type { SignedOut } from './auth.js';

// Times on the wire are epoch milliseconds: the console computes live durations from them and
// never has to parse dates.

/** The kinds of agent state, in the order a wallboard lists them. */
export const AGENT_STATUS_KINDS = ['logged_out', 'ready', 'paused', 'ringing', 'on_call', 'on_hold', 'wrap_up'] as const;
/** One kind of agent state. */
export type AgentStatusKind = (typeof AGENT_STATUS_KINDS)[number];

/** The state an agent can return to when a ring goes unanswered. */
export type ReturnableAgentStatus =
  | { kind: 'ready'; since: number }
  | { kind: 'paused'; since: number; reason: string }
  | { kind: 'wrap_up'; since: number; callId: string; until: number };

/** An agent's state; exactly one at a time, each with the moment it began. */
export type AgentStatus =
  | { kind: 'logged_out'; since: number }
  | ReturnableAgentStatus
  | { kind: 'ringing'; since: number; callId: string; previous: ReturnableAgentStatus }
  | { kind: 'on_call'; since: number; callId: string }
  | { kind: 'on_hold'; since: number; callId: string };

/** An agent's membership of one queue. */
export interface QueueMembershipView {
  queue: string;
  paused: boolean;
  pausedReason: string | null;
}

/**
 * The pause reason of a membership paused because its agent signed out (or was signed out). Only
 * these pauses are lifted when the agent signs in again; a break or lunch pause stays.
 */
export const LOGGED_OUT_PAUSE_REASON = 'Logged out';

/** The call an agent handled last, kept through wrap-up so the disposition can be set. */
export interface LastCallView {
  callId: string;
  legId: string;
  callerNumber: string | null;
  queue: string | null;
  disposition: string | null;
}

/** An agent as the console and the wallboard see it. */
export interface AgentView {
  agentId: string;
  /** The tenant the agent works for (their agents row's); they only ever appear to that tenant's users. */
  tenantId: string;
  name: string;
  endpoint: string;
  extension: string;
  status: AgentStatus;
  memberships: QueueMembershipView[];
  lastCall: LastCallView | null;
  /** Calls this agent answered today (server day), when the gateway counts them. */
  handledToday?: number;
}

/** One step a caller took in the IVR. */
export type IvrStep = { kind: 'menu'; menu: string; at: number } | { kind: 'digit'; digit: string; at: number };

/** Why a call ended. */
export type CallEndCause = 'answered' | 'abandoned' | 'unanswered';

/** Where a call stands. Agents are named by agent id. */
export type CallStatus =
  | { kind: 'ivr' }
  | { kind: 'queued'; queue: string; since: number }
  | { kind: 'ringing'; agents: string[] }
  | { kind: 'connected'; agent: string | null }
  | { kind: 'held'; agent: string }
  | { kind: 'transferring'; from: string | null; to: string[] }
  | { kind: 'ended'; cause: CallEndCause };

/** What a channel of a call is for. */
export type LegRole = 'caller' | 'agent' | 'transfer' | 'spy' | 'local';
/** A channel's life. */
export type LegState = 'ringing' | 'up' | 'held' | 'ended';

/** One channel of a call. */
export interface LegView {
  uniqueid: string;
  channel: string;
  endpoint: string;
  role: LegRole;
  state: LegState;
  agentId: string | null;
  answeredAt: number | null;
  endedAt: number | null;
  /** True while the switch drops the audio from this leg's phone (the agent pressed Mute); false once unmuted, transferred or ended. */
  muted: boolean;
}

/** A call, keyed by its Linkedid. */
export interface CallView {
  callId: string;
  /** The tenant the call belongs to (its queue's, else its first channel's endpoint's); only its users see it. */
  tenantId: string;
  direction: 'inbound' | 'outbound' | 'internal';
  callerNumber: string | null;
  callerE164: string | null;
  callerName: string | null;
  status: CallStatus;
  queue: string | null;
  ivrPath: IvrStep[];
  offeredAt: number;
  queuedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  holdSeconds: number;
  legs: LegView[];
}

/** Counters and figures of a queue over one period (a day or a 15-minute interval). */
export interface QueuePeriodStats {
  /** Local start of the period, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, in the configured time zone offset. */
  period: string;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinSl: number;
  abandonedAfterSl: number;
  handled: number;
  totalWaitAnsweredSeconds: number;
  totalTalkSeconds: number;
  totalHoldSeconds: number;
  totalWrapUpSeconds: number;
  longestWaitAnsweredSeconds: number;
  /** Average speed of answer; null with no answered call. */
  asaSeconds: number | null;
  /** Average handle time (talk + hold + wrap-up); null with no handled call. */
  ahtSeconds: number | null;
  /** abandoned / offered, 0..1; null with no offered call. */
  abandonRate: number | null;
  /** answered within threshold / (answered + abandoned after threshold), 0..1; null when both are 0. */
  serviceLevel: number | null;
}

/** A queue's live picture and its figures for today and the current interval. */
export interface QueueView {
  /** The queue's name in its tenant's dial plan (`support`), without the tenant's switch prefix. */
  name: string;
  /** The tenant owning the queue. */
  tenantId: string;
  serviceLevelSeconds: number;
  waiting: number;
  /** When the longest-waiting caller joined; null when nobody waits. */
  longestWaitSince: number | null;
  agents: Record<AgentStatusKind, number>;
  today: QueuePeriodStats;
  interval: QueuePeriodStats;
}

/**
 * A room of one tenant: an agent's own room, the tenant's supervisors, or one of its queues'
 * watchers. A socket only ever joins rooms of its session's tenant, so the name is the tenant's
 * own (the server keys the underlying Socket.IO room by tenant too).
 */
export type Room = `agent:${string}` | 'supervisors' | `queue:${string}`;

/** A disposition an agent may pick in wrap-up: a bare code (the console names it), or a code with its text. */
export type DispositionChoice = string | { code: string; label: string };

/** An ICE server for the browser softphone. */
export interface IceServerConfig {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** How the agent's audio reaches the switch: the desk phone the server drives, or a softphone in the browser. */
export type PhoneConfig =
  | { mode: 'server' }
  | {
      mode: 'webrtc';
      wsUri: string;
      sipUri: string;
      authorizationUser?: string | null;
      password?: string | null;
      displayName?: string | null;
      iceServers?: IceServerConfig[];
    };

/** Configuration and history that may ride along with a snapshot; every field is optional. */
export interface SnapshotExtras {
  /** The pause reasons agents may choose from. */
  pauseReasons?: string[];
  /** The dispositions offered in wrap-up. */
  dispositions?: DispositionChoice[];
  /** How this user's phone works. */
  phone?: PhoneConfig;
  /** Today's 15-minute intervals so far, per queue of the snapshot, oldest first. */
  queueHistory?: Record<string, QueuePeriodStats[]>;
}

/** A colleague as an agent may see them: enough to transfer a call to, nothing of their calls. */
export interface Colleague {
  agentId: string;
  name: string;
  extension: string;
  status: { kind: AgentStatus['kind']; since: number };
}

/** What an agent's console starts from. */
export interface AgentSnapshot extends SnapshotExtras {
  view: 'agent';
  at: number;
  agent: AgentView;
  /** The other agents, for the transfer directory; as of the snapshot (states are not streamed to agents). */
  colleagues?: Colleague[];
  calls: CallView[];
  queues: QueueView[];
  /** The last delta sequence number of each room the socket is in; apply only deltas after it. */
  seqs: Record<string, number>;
}

/** What a supervisor's wallboard starts from. */
export interface SupervisorSnapshot extends SnapshotExtras {
  view: 'supervisor';
  at: number;
  agents: AgentView[];
  queues: QueueView[];
  calls: CallView[];
  seqs: Record<string, number>;
}

/** A full picture for one socket. */
export type Snapshot = AgentSnapshot | SupervisorSnapshot;

/** One change inside a delta. */
export type DeltaChange =
  | { type: 'agent'; agent: AgentView }
  | { type: 'call'; call: CallView }
  | { type: 'call_removed'; callId: string }
  | { type: 'queue'; queue: QueueView };

/** Changes for one room; `seq` grows by exactly 1 per room, so a gap means "resync". */
export interface RoomDelta {
  room: Room;
  /** The tenant whose room it is: the same room name of two tenants is two rooms with their own seqs. */
  tenantId: string;
  seq: number;
  at: number;
  changes: DeltaChange[];
}

/** Something open on a customer (a ticket, a task) shown next to the pop. */
export interface OpenItem {
  id: string;
  kind: 'ticket' | 'task';
  title: string;
  status: string;
  updatedAt: string;
}

/** A customer offered as one of several matches. */
export type CustomerCandidate = Pick<
  Customer,
  'id' | 'kind' | 'firstName' | 'lastName' | 'organisationName' | 'company' | 'email' | 'lifecycle'
>;

/** What the directory found for the caller's number; organisations are those a single matched person currently works for or is a contact of. */
export type ScreenPopMatch =
  | { kind: 'single'; customer: Customer; lastInteractions: Interaction[]; openItems: OpenItem[]; organisations?: RelatedParty[] }
  | { kind: 'multiple'; candidates: CustomerCandidate[] }
  | { kind: 'none'; prefill: { phone: string } }
  | { kind: 'pending' };

/** The tenant a pop is for: an agent working for several tenants sees whose caller rings. */
export interface PopTenant {
  id: string;
  slug: string;
  name: string;
}

/** The pop shown to the ringing agent (and only to that agent). */
export interface ScreenPop {
  /** The call's Linkedid. */
  callId: string;
  /** The tenant of the call; the match was looked up in its rows only. */
  tenant: PopTenant;
  agentId: string;
  callerNumber: { raw: string | null; e164: string | null };
  match: ScreenPopMatch;
  queue: string | null;
  ivrPath: IvrStep[];
  waitSeconds: number;
}

/** The ack of every command: data on success, the stable error otherwise. */
export type CommandResult<T = unknown> = { ok: true; data?: T } | { ok: false; error: ErrorBody['error'] };

/** The acknowledgement callback of a command. */
export type CommandAck<T = unknown> = (result: CommandResult<T>) => void;

/** Events the server sends. */
export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  delta: (delta: RoomDelta) => void;
  /** Sent when an agent's phone starts ringing; match may be `pending`, then `screenPopRecord` follows. */
  screenPop: (pop: ScreenPop) => void;
  /** The resolved match of a pop that was sent as `pending`. */
  screenPopRecord: (pop: ScreenPop) => void;
  error: (error: ErrorBody['error']) => void;
  /** The session ended (logout, deactivation, password or role change, expiry): the server disconnects right after. */
  signedOut: (signedOut: SignedOut) => void;
}

/** Events the client sends: every command with its ack, and `resync` for a fresh snapshot. */
export type ClientToServerEvents = {
  [K in CommandName]: (payload: CommandInput<K>, ack: CommandAck) => void;
} & {
  resync: (payload: Record<string, never>, ack: CommandAck<Snapshot>) => void;
};
