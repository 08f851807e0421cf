import { dispositionCodeSchema, pauseReasonSchema, type AgentView, type QueuePeriodStats, type Snapshot } from '@ringside/shared';

// The shared Snapshot type does not (yet) carry the console's configuration. A gateway that adds
// these optional fields is used; without them the console falls back to its catalogue lists and
// the server-side phone. Everything is read defensively: a wrong shape counts as absent.

/** One disposition an agent may pick in wrap-up. */
export interface DispositionOption {
  code: string;
  /** Shown text; null means "use the catalogue text for the code, or the code itself". */
  label: string | null;
}

/** How the agent's audio reaches the switch. */
export type PhoneConfig =
  | { mode: 'server' }
  | {
      mode: 'webrtc';
      wsUri: string;
      sipUri: string;
      authorizationUser: string | null;
      password: string | null;
      displayName: string | null;
      iceServers: RTCIceServer[];
    };

/** Configuration that may ride along with a snapshot. */
export interface SnapshotExtras {
  pauseReasons: string[] | null;
  dispositions: DispositionOption[] | null;
  phone: PhoneConfig | null;
  /** Finished and current 15-minute intervals of today, per queue. */
  queueHistory: Record<string, QueuePeriodStats[]>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function readPauseReasons(v: unknown): string[] | null {
  if (!Array.isArray(v)) return null;
  const ok = v.filter((r): r is string => pauseReasonSchema.safeParse(r).success);
  return ok.length > 0 ? ok : null;
}

function readDispositions(v: unknown): DispositionOption[] | null {
  if (!Array.isArray(v)) return null;
  const out: DispositionOption[] = [];
  for (const d of v) {
    const code = typeof d === 'string' ? d : str((d as { code?: unknown } | null)?.code);
    if (code === null || !dispositionCodeSchema.safeParse(code).success) continue;
    out.push({ code, label: typeof d === 'object' && d !== null ? str((d as { label?: unknown }).label) : null });
  }
  return out.length > 0 ? out : null;
}

function readPhone(v: unknown): PhoneConfig | null {
  if (typeof v !== 'object' || v === null) return null;
  const p = v as Record<string, unknown>;
  if (p.mode === 'server') return { mode: 'server' };
  if (p.mode !== 'webrtc') return null;
  const wsUri = str(p.wsUri);
  const sipUri = str(p.sipUri);
  // Browsers on https pages only open wss:// sockets; plain ws:// is for a switch on this machine.
  if (!wsUri || !/^(wss:\/\/|ws:\/\/(localhost|127\.0\.0\.1)[:/])/.test(wsUri) || !sipUri || !/^sips?:/.test(sipUri)) return null;
  return {
    mode: 'webrtc',
    wsUri,
    sipUri,
    authorizationUser: str(p.authorizationUser),
    password: str(p.password),
    displayName: str(p.displayName),
    iceServers: Array.isArray(p.iceServers) ? (p.iceServers.filter((s) => typeof s === 'object' && s !== null && 'urls' in s) as RTCIceServer[]) : [],
  };
}

function readHistory(v: unknown): Record<string, QueuePeriodStats[]> {
  if (typeof v !== 'object' || v === null) return {};
  const out: Record<string, QueuePeriodStats[]> = {};
  for (const [queue, list] of Object.entries(v)) {
    if (!Array.isArray(list)) continue;
    out[queue] = list.filter(
      (s): s is QueuePeriodStats => typeof s === 'object' && s !== null && typeof s.period === 'string' && typeof s.offered === 'number',
    );
  }
  return out;
}

/** The optional configuration of a snapshot (`pauseReasons`, `dispositions`, `phone`, `queueHistory`). */
export function readExtras(snapshot: Snapshot): SnapshotExtras {
  const s = snapshot as unknown as Record<string, unknown>;
  return {
    pauseReasons: readPauseReasons(s.pauseReasons),
    dispositions: readDispositions(s.dispositions),
    phone: readPhone(s.phone),
    queueHistory: readHistory(s.queueHistory),
  };
}

/** Calls the agent handled today, when the gateway sends the optional `handledToday` on an AgentView. */
export function handledToday(agent: AgentView): number | null {
  const v = (agent as unknown as { handledToday?: unknown }).handledToday;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
