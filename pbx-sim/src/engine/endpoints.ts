import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { EndpointConfig } from '../config/pjsip-loader.js';
import type { Engine } from './engine.js';
import { PRIV } from './event-fields.js';
import { EngineError } from './types.js';

/** A registered (or static) contact of an endpoint's AOR. */
export interface ContactInfo {
  uri: string;
  userAgent: string;
  callId: string;
  expiration: number;
  viaAddr: string;
  viaPort: number;
  hash: string;
  /** `ws` for a WebRTC phone registered over SIP on WebSocket (HTTP port), else UDP. */
  transport: 'udp' | 'ws';
}

/** How a phone reaches the switch when it registers. */
export interface RegisterOptions {
  /** `ws`: SIP over WebSocket as a browser phone does (Contact rewritten with `transport=ws`). */
  transport?: 'udp' | 'ws';
}

/** Runtime state of one PJSIP endpoint and the simulated phone behind it. */
export interface EndpointState {
  name: string;
  config: EndpointConfig;
  contact: ContactInfo | undefined;
  /** Ring time before the phone answers by itself; null waits for an answer command. */
  autoAnswerMs: number | null;
  /** The phone declines every call (486 Busy Here). */
  rejectCalls: boolean;
  /** The contact URI of the last registration: a phone registers again from the same address. */
  lastUri?: string;
  readonly reachable: boolean;
}

let callIdSeq = 11500;

/** Endpoints from pjsip.conf plus registration state and phone behaviour. */
export class EndpointRegistry {
  private readonly map = new Map<string, EndpointState>();
  private portSeq = 5071;

  constructor(private readonly engine: Engine) {}

  /** Takes endpoints from config; known endpoints keep their registration across a reload. */
  load(configs: EndpointConfig[]): void {
    const next = new Map<string, EndpointState>();
    const deskPhonesNow: string[] = [];
    for (const cfg of configs) {
      const prev = this.map.get(cfg.name);
      const state: EndpointState = prev ?? {
        name: cfg.name,
        config: cfg,
        contact: undefined,
        autoAnswerMs: this.engine.options.autoAnswerMs ?? null,
        rejectCalls: false,
        get reachable() {
          return this.contact !== undefined;
        },
      };
      // A browser endpoint turned into a desk phone (no browser registered it): the desk phone registers
      // once the map holds the new config, announced as any registration is (PeerStatus, device state).
      if (prev?.config.webrtc && !cfg.webrtc && !prev.contact && cfg.maxContacts > 0 && !cfg.staticContact) deskPhonesNow.push(cfg.name);
      state.config = cfg;
      if (!prev) {
        if (cfg.staticContact) state.contact = this.makeContact(cfg, cfg.staticContact, 'static');
        // Agent phones in the reference setup are registered when the switch boots; WebRTC needs a browser.
        else if (cfg.maxContacts > 0 && !cfg.webrtc) state.contact = this.makeContact(cfg, undefined, `sipp-agent-${cfg.name}`);
      }
      next.set(cfg.name, state);
    }
    this.map.clear();
    for (const [k, v] of next) this.map.set(k, v);
    for (const name of deskPhonesNow) this.register(name, `sipp-agent-${name}`);
  }

  private makeContact(cfg: EndpointConfig, uri: string | undefined, userAgent: string, transport: 'udp' | 'ws' = 'udp'): ContactInfo {
    if (transport === 'ws') return this.makeWsContact(cfg, userAgent);
    const port = uri ? Number(/:(\d+)/.exec(uri.replace(/^sip:/, ''))?.[1] ?? 5060) : this.portSeq++;
    const finalUri = uri ?? `sip:${cfg.name}@127.0.0.1:${port}`;
    return {
      transport,
      uri: finalUri,
      userAgent,
      callId: `1-${callIdSeq++}@127.0.0.1`,
      expiration: Math.floor(this.engine.clock.now() / 1000) + cfg.defaultExpiration,
      viaAddr: '127.0.0.1',
      viaPort: port,
      hash: createHash('md5').update(finalUri).digest('hex'),
    };
  }

  /**
   * A browser's contact: res_pjsip keeps the WebSocket's source address and port, and the
   * `.invalid` host the browser invented moves into `x-ast-orig-host`.
   */
  private makeWsContact(cfg: EndpointConfig, userAgent: string): ContactInfo {
    const port = 40000 + randomInt(20000);
    const host = randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12);
    const uri = `sip:${cfg.name}@127.0.0.1:${port};transport=ws;x-ast-orig-host=${host}.invalid:0`;
    return {
      transport: 'ws',
      uri,
      userAgent,
      callId: randomBytes(8).toString('hex'),
      expiration: Math.floor(this.engine.clock.now() / 1000) + cfg.defaultExpiration,
      viaAddr: '127.0.0.1',
      viaPort: port,
      hash: createHash('md5').update(uri).digest('hex'),
    };
  }

  all(): EndpointState[] {
    return [...this.map.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): EndpointState | undefined {
    return this.map.get(name);
  }

  require(name: string): EndpointState {
    const ep = this.map.get(name);
    if (!ep) throw new EngineError(`Unknown endpoint '${name}'`);
    return ep;
  }

  /** The phone registers: PeerStatus Reachable, device state, ContactStatus NonQualified. */
  register(name: string, userAgent = `sim-phone-${name}`, opts: RegisterOptions = {}): void {
    const ep = this.require(name);
    if (ep.config.staticContact) throw new EngineError(`Endpoint '${name}' has a static contact and does not register`);
    const wasReachable = ep.reachable;
    ep.contact = this.makeContact(ep.config, ep.contact?.uri ?? ep.lastUri, userAgent, opts.transport);
    ep.lastUri = ep.contact.transport === 'udp' ? ep.contact.uri : undefined;
    this.pjsipAuth(name, ep.contact.viaPort, ep.contact.callId, ep.contact.transport);
    if (!wasReachable) this.engine.emit('PeerStatus', PRIV.system, [['ChannelType', 'PJSIP'], ['Peer', `PJSIP/${name}`], ['PeerStatus', 'Reachable']]);
    this.engine.devices.refreshEndpoint(name);
    this.contactStatus(name, ep.contact.uri, 'NonQualified');
  }

  /** The phone unregisters (or its registration expires). */
  unregister(name: string): void {
    const ep = this.require(name);
    if (ep.config.staticContact) throw new EngineError(`Endpoint '${name}' has a static contact and does not register`);
    const contact = ep.contact;
    if (!contact) return;
    // The un-REGISTER (Expires: 0) is authenticated like any other request.
    this.pjsipAuth(name, contact.viaPort, contact.callId, contact.transport);
    ep.contact = undefined;
    if (contact.transport === 'udp') ep.lastUri = contact.uri;
    this.engine.emit('PeerStatus', PRIV.system, [['ChannelType', 'PJSIP'], ['Peer', `PJSIP/${name}`], ['PeerStatus', 'Unreachable']]);
    this.engine.devices.refreshEndpoint(name);
    this.contactStatus(name, contact.uri, 'Removed');
  }

  private contactStatus(name: string, uri: string, status: string): void {
    this.engine.emit('ContactStatus', PRIV.system, [
      ['URI', uri],
      ['ContactStatus', status],
      ['AOR', name],
      ['EndpointName', name],
      ['RoundtripUsec', '0'],
    ]);
  }

  /** The digest challenge and success res_pjsip reports for every authenticated request. */
  pjsipAuth(name: string, remotePort: number, callId: string, transport: 'udp' | 'ws' = 'udp'): void {
    const local = transport === 'ws' ? 'IPV4/WS/127.0.0.1/8088' : 'IPV4/UDP/127.0.0.1/5060';
    const remote = `IPV4/${transport.toUpperCase()}/127.0.0.1/${remotePort}`;
    const tv = this.engine.clock.now();
    const base = (): [string, string][] => [
      ['EventTV', formatEventTv(tv)],
      ['Severity', 'Informational'],
      ['Service', 'PJSIP'],
      ['EventVersion', '1'],
      ['AccountID', name],
      ['SessionID', callId],
      ['LocalAddress', local],
      ['RemoteAddress', remote],
    ];
    this.engine.emit('ChallengeSent', PRIV.security, [...base(), ['Challenge', '']]);
    this.engine.emit('SuccessfulAuth', PRIV.security, [...base(), ['UsingPassword', '1']]);
  }
}

/** `2026-11-22T12:13:09.147+0000`, the format of security events' EventTV. */
export function formatEventTv(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
