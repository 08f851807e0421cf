import { createHmac } from 'node:crypto';
import type { DialPlan, IceServerConfig, PhoneConfig } from '@ringside/shared';
import { errorFields, type Logger } from '../logger.js';

/** Where agents' browsers reach the switch's SIP over WebSocket, and the ICE servers they use. */
export interface WebRtcSettings {
  /** ws:// or wss:// URL of the switch's SIP WebSocket (Asterisk: http.conf, path /ws). */
  wsUri: string;
  /** Host part of the agents' SIP URIs (sip:1101@domain). */
  domain: string;
  iceServers: IceServerConfig[];
  /** TURN REST API secret (coturn use-auth-secret): turn servers without a login get one per agent. */
  turnSecret?: string;
}

/** How long a softphone's TURN credentials are valid: longer than a session, shorter than forever. */
export const TURN_CREDENTIAL_TTL_S = 24 * 3600;

/** The live dial plan, as the phones need it: null before the first publish (the demo plan is live then). */
export type LivePlanSource = () => Promise<{ version: number | null; plan: DialPlan }>;

const SERVER_PHONE: PhoneConfig = { mode: 'server' };

/**
 * Which phone each agent endpoint is, from the dial plan the switch runs: an endpoint marked
 * WebRTC gets the browser softphone, registered with its own SIP password (from PBX_SECRETS,
 * sent only in that agent's snapshot); every other endpoint is a desk phone the server drives.
 * Without WebRTC settings (no SIP_WS_URL) every agent has a desk phone. The answer must be
 * synchronous (snapshots are built in one tick), so the live plan is cached: reloaded when a
 * version goes live on this node and, for publishes on other nodes, every `refreshMs`.
 */
export class AgentPhones {
  private byExtension = new Map<string, PhoneConfig>();
  private version: number | null | undefined = undefined;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly webrtc: WebRtcSettings | null,
    private readonly secrets: Readonly<Record<string, string>>,
    private readonly livePlan: LivePlanSource,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads the live plan, then keeps it current every `refreshMs` (0: only on use()). */
  async start(refreshMs: number): Promise<void> {
    await this.refresh();
    if (refreshMs > 0 && !this.timer) {
      this.timer = setInterval(() => void this.refresh(), refreshMs);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reloads the live plan when its version changed; a failure keeps the phones known so far. */
  async refresh(): Promise<void> {
    try {
      const live = await this.livePlan();
      if (live.version !== this.version) this.use(live.plan, live.version);
    } catch (err) {
      this.logger.warn('could not read the live dial plan for agents\' phones; keeping the previous one', errorFields(err));
    }
  }

  /** Takes `plan` as the one the switch runs (a version just went live, or was loaded). */
  use(plan: DialPlan, version: number | null): void {
    const next = new Map<string, PhoneConfig>();
    if (this.webrtc) {
      for (const e of plan.endpoints) {
        if (!e.webrtc) continue;
        const password = this.secrets[e.passwordRef];
        // The switch was given this password when the plan was applied; a node started without it
        // cannot register the softphone, so the agent keeps a desk phone and the admin is told.
        if (password === undefined) {
          this.logger.warn('WebRTC endpoint has no password in PBX_SECRETS; its agent gets a desk phone', { extension: e.extension, passwordRef: e.passwordRef });
          continue;
        }
        next.set(e.extension, {
          mode: 'webrtc',
          wsUri: this.webrtc.wsUri,
          sipUri: `sip:${e.extension}@${this.webrtc.domain}`,
          authorizationUser: e.extension,
          password,
          displayName: e.displayName,
          iceServers: this.webrtc.iceServers.map((s) => ({ ...s })),
        });
      }
    }
    this.byExtension = next;
    this.version = version;
  }

  /** The phone of an agent endpoint ("PJSIP/1101"); a desk phone when it is not a WebRTC endpoint. */
  of(endpoint: string): PhoneConfig {
    const extension = endpoint.startsWith('PJSIP/') ? endpoint.slice('PJSIP/'.length) : endpoint;
    const phone = this.byExtension.get(extension) ?? SERVER_PHONE;
    const secret = this.webrtc?.turnSecret;
    if (phone.mode !== 'webrtc' || !secret) return phone;
    // TURN REST API (draft-uberti-behave-turn-rest): user "<expiry>:<who>", password
    // base64(HMAC-SHA1(secret, user)); the TURN server checks both without knowing the agents.
    const username = `${Math.floor(this.now() / 1000) + TURN_CREDENTIAL_TTL_S}:${extension}`;
    const credential = createHmac('sha1', secret).update(username).digest('base64');
    return { ...phone, iceServers: (phone.iceServers ?? []).map((s) => (String(s.urls).startsWith('turn') && s.username === undefined ? { ...s, username, credential } : s)) };
  }
}
