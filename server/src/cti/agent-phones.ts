import { createHmac } from 'node:crypto';
import { switchName, type DialPlan, type IceServerConfig, type PhoneConfig } from '@ringside/shared';
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

/** One tenant's plan on the switch, as the phones need it: its switch prefix ('' for the default tenant) and live version (null: the demo plan). */
export interface SwitchTenantPlan {
  prefix: string;
  version: number | null;
  plan: DialPlan;
}

/** Every tenant's live plan on the switch. */
export type SwitchPlansSource = () => Promise<SwitchTenantPlan[]>;

/** A tenant's secrets by its switch prefix. */
export type PhoneSecrets = (prefix: string) => Readonly<Record<string, string>>;

const SERVER_PHONE: PhoneConfig = { mode: 'server' };

/** What changes when any tenant publishes: the prefixes and their live versions. */
function versionsOf(plans: readonly SwitchTenantPlan[]): string {
  return plans.map((p) => `${p.prefix}:${p.version ?? 'demo'}`).join(' ');
}

/**
 * Which phone each agent endpoint is, from the dial plans the switch runs (every tenant's): an
 * endpoint marked WebRTC gets the browser softphone, registered under its switch name
 * (`acme-1101`: the tenant prefix, as pbx-config names it) with its own SIP password from its
 * tenant's secrets (sent only in that agent's snapshot); every other endpoint is a desk phone
 * the server drives.
 * Without WebRTC settings (no SIP_WS_URL) every agent has a desk phone. The answer must be
 * synchronous (snapshots are built in one tick), so the live plan is cached: reloaded when a
 * version goes live on this node and, for publishes on other nodes, every `refreshMs`.
 */
export class AgentPhones {
  private byEndpoint = new Map<string, PhoneConfig>();
  private versions: string | undefined = undefined;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly webrtc: WebRtcSettings | null,
    private readonly secretsOf: PhoneSecrets,
    private readonly livePlans: SwitchPlansSource,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads the live plans, then keeps them current every `refreshMs` (0: only on use()). */
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

  /** Reloads the live plans when a tenant's version changed; a failure keeps the phones known so far. */
  async refresh(): Promise<void> {
    try {
      const live = await this.livePlans();
      if (versionsOf(live) !== this.versions) this.use(live);
    } catch (err) {
      this.logger.warn('could not read the live dial plan for agents\' phones; keeping the previous one', errorFields(err));
    }
  }

  /** Takes `plans` as the ones the switch runs (a configuration just went live, or was loaded). */
  use(plans: readonly SwitchTenantPlan[]): void {
    const next = new Map<string, PhoneConfig>();
    const webrtc = this.webrtc;
    for (const t of plans) {
      if (!webrtc) break;
      const secrets = this.secretsOf(t.prefix);
      for (const e of t.plan.endpoints) {
        if (!e.webrtc) continue;
        const name = switchName(t.prefix, e.extension);
        const password = secrets[e.passwordRef];
        // The switch was given this password when the plan was applied; a node started without it
        // cannot register the softphone, so the agent keeps a desk phone and the admin is told.
        if (password === undefined) {
          this.logger.warn('WebRTC endpoint has no password in PBX_SECRETS; its agent gets a desk phone', { endpoint: name, passwordRef: e.passwordRef });
          continue;
        }
        next.set(name, {
          mode: 'webrtc',
          wsUri: webrtc.wsUri,
          sipUri: `sip:${name}@${webrtc.domain}`,
          authorizationUser: name,
          password,
          displayName: e.displayName,
          iceServers: webrtc.iceServers.map((s) => ({ ...s })),
        });
      }
    }
    this.byEndpoint = next;
    this.versions = versionsOf(plans);
  }

  /** The phone of an agent endpoint by its switch name ("PJSIP/acme-1101"); a desk phone when it is not a WebRTC endpoint. */
  of(endpoint: string): PhoneConfig {
    const extension = endpoint.startsWith('PJSIP/') ? endpoint.slice('PJSIP/'.length) : endpoint;
    const phone = this.byEndpoint.get(extension) ?? SERVER_PHONE;
    const secret = this.webrtc?.turnSecret;
    if (phone.mode !== 'webrtc' || !secret) return phone;
    // TURN REST API (draft-uberti-behave-turn-rest): user "<expiry>:<who>", password
    // base64(HMAC-SHA1(secret, user)); the TURN server checks both without knowing the agents.
    const username = `${Math.floor(this.now() / 1000) + TURN_CREDENTIAL_TTL_S}:${extension}`;
    const credential = createHmac('sha1', secret).update(username).digest('base64');
    return { ...phone, iceServers: (phone.iceServers ?? []).map((s) => (String(s.urls).startsWith('turn') && s.username === undefined ? { ...s, username, credential } : s)) };
  }
}
