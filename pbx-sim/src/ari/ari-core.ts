import type { Engine } from '../engine/engine.js';
import type { Channel } from '../engine/channel.js';
import type { Bridge } from '../engine/bridges.js';
import { ariTime, bridgeJson, channelJson, type BridgeExtra } from './ari-json.js';

/** One connected WebSocket as the core sees it. */
export interface AriSessionLike {
  send(text: string): void;
  /** Told that another connection took over its application (ApplicationReplaced). */
  replaced(app: string): void;
}

/** A Stasis application: who listens, and which channels/bridges/endpoints it is subscribed to. */
export class AriApp {
  session: AriSessionLike | undefined;
  subscribeAll = false;
  /** Channels the app controls (in Stasis) or asked for (originate app=, subscribe). */
  readonly stasisChannels = new Set<string>();
  readonly explicitChannels = new Set<string>();
  readonly bridgeIds = new Set<string>();
  readonly endpointIds = new Set<string>();

  constructor(readonly name: string) {}

  get active(): boolean {
    return this.session !== undefined;
  }

  hasChannel(id: string): boolean {
    return this.stasisChannels.has(id) || this.explicitChannels.has(id);
  }

  json(): Record<string, unknown> {
    return {
      name: this.name,
      channel_ids: [...new Set([...this.stasisChannels, ...this.explicitChannels])],
      bridge_ids: [...this.bridgeIds],
      endpoint_ids: [...this.endpointIds],
      device_names: [],
      events_allowed: [],
      events_disallowed: [],
    };
  }
}

/** Where continue sends a channel: undefined means the next priority. */
export interface ContinueTarget {
  context: string;
  exten: string;
  priority: number;
}

/** A channel inside Stasis: the app that owns it and how to let it go. */
export interface StasisControl {
  ch: Channel;
  app: AriApp;
  args: string[];
  /** Set by the Stasis application while it waits; resolves its wait. */
  release: ((target: ContinueTarget | undefined) => void) | undefined;
  muted: Set<'in' | 'out'>;
  /** Playbacks waiting their turn on this channel (Asterisk plays one at a time per channel). */
  playQueue: string[];
}

/** Who an ARI event concerns: the app gets it if subscribed to any of these (or to everything). */
export interface EventTargets {
  channelIds?: string[];
  bridgeIds?: string[];
  /** Only this app (StasisStart/StasisEnd). */
  onlyApp?: AriApp;
}

/** Options of the ARI layer that shape what it reports. */
export interface AriCoreOptions {
  /** Asterisk's entity id, asterisk_id in every event. */
  asteriskId: string;
  /** ari.conf `channelvars`: variables added to every channel snapshot. */
  channelVars?: string[];
}

/** State of the ARI layer on top of the engine: apps, Stasis controls, bridge facts, event fan-out. */
export class AriCore {
  readonly apps = new Map<string, AriApp>();
  readonly controls = new Map<string, StasisControl>();
  readonly bridgeExtra = new Map<string, BridgeExtra>();
  /** Bridges as last seen, so BridgeDestroyed can still print one the engine has forgotten. */
  readonly knownBridges = new Map<string, Bridge>();
  /** Bridges playing music on hold through an announcer channel, by bridge id. */
  readonly bridgeMoh = new Map<string, string>();
  private announcerSeq = 0;
  private readonly leaveHooks = new Set<(control: StasisControl) => void>();
  readonly channelVars: string[];

  constructor(
    readonly engine: Engine,
    readonly options: AriCoreOptions,
  ) {
    this.channelVars = options.channelVars ?? [];
  }

  app(name: string): AriApp {
    let app = this.apps.get(name);
    if (!app) {
      app = new AriApp(name);
      this.apps.set(name, app);
    }
    return app;
  }

  /** Apps with a connected WebSocket, as GET /applications lists them. */
  activeApps(): AriApp[] {
    return [...this.apps.values()].filter((a) => a.active);
  }

  /** A WebSocket registers an app; an earlier connection for the same app is told it was replaced. */
  attach(name: string, session: AriSessionLike, subscribeAll: boolean): AriApp {
    const app = this.app(name);
    const previous = app.session;
    app.session = session;
    app.subscribeAll = subscribeAll;
    if (previous && previous !== session) previous.replaced(name);
    return app;
  }

  detach(name: string, session: AriSessionLike): void {
    const app = this.apps.get(name);
    if (app?.session === session) {
      app.session = undefined;
      app.subscribeAll = false;
    }
  }

  channelJson(ch: Channel): ReturnType<typeof channelJson> {
    return channelJson(ch, this.channelVars);
  }

  extraFor(b: Bridge): BridgeExtra {
    let extra = this.bridgeExtra.get(b.id);
    if (!extra) {
      extra = { createdAt: this.engine.clock.now(), bridgeType: 'mixing' };
      this.bridgeExtra.set(b.id, extra);
    }
    this.knownBridges.set(b.id, b);
    return extra;
  }

  bridgeJson(b: Bridge): Record<string, unknown> {
    return bridgeJson(b, this.extraFor(b));
  }

  /** The name of the Announcer channel a bridge's music on hold plays from. */
  nextAnnouncer(): string {
    this.announcerSeq += 1;
    return `Announcer/ARI_MOH-${this.announcerSeq.toString(16).padStart(8, '0')};2`;
  }

  /**
   * Sends one event to every app it concerns. `lead` fields come before `type` (Asterisk prints
   * ChannelVarset's variable/value and ChannelHangupRequest's cause first); `body` follows timestamp.
   */
  publish(type: string, body: Record<string, unknown>, targets: EventTargets, lead: Record<string, unknown> = {}): void {
    const timestamp = ariTime(this.engine.clock.now());
    const apps = targets.onlyApp ? [targets.onlyApp] : [...this.apps.values()];
    for (const app of apps) {
      if (!app.session) continue;
      if (!targets.onlyApp && !this.concerns(app, targets)) continue;
      const msg = { ...lead, type, timestamp, ...body, asterisk_id: this.options.asteriskId, application: app.name };
      app.session.send(JSON.stringify(msg));
    }
  }

  /**
   * DeviceStateChanged reaches only apps subscribed to everything (pbx-sim has no deviceState:
   * subscriptions). res_stasis_device_state prints `application` right after `type`
   * (ari-a-queue-answer.jsonl), unlike the channel events.
   */
  publishDeviceState(name: string, state: string): void {
    const timestamp = ariTime(this.engine.clock.now());
    for (const app of this.apps.values()) {
      if (!app.session || !app.subscribeAll) continue;
      const msg = { type: 'DeviceStateChanged', application: app.name, timestamp, device_state: { name, state }, asterisk_id: this.options.asteriskId };
      app.session.send(JSON.stringify(msg));
    }
  }

  private concerns(app: AriApp, t: EventTargets): boolean {
    if (app.subscribeAll) return true;
    if (t.channelIds?.some((id) => app.hasChannel(id))) return true;
    return t.bridgeIds?.some((id) => app.bridgeIds.has(id)) ?? false;
  }

  /** Registers work to do when a channel leaves Stasis, before StasisEnd goes out. */
  onStasisLeave(hook: (control: StasisControl) => void): () => void {
    this.leaveHooks.add(hook);
    return () => this.leaveHooks.delete(hook);
  }

  stasisLeaving(control: StasisControl): void {
    for (const h of [...this.leaveHooks]) h(control);
  }

  /** Forgets a destroyed channel in every app (after its ChannelDestroyed went out). */
  forgetChannel(id: string): void {
    for (const app of this.apps.values()) {
      app.stasisChannels.delete(id);
      app.explicitChannels.delete(id);
    }
    this.controls.delete(id);
  }

  forgetBridge(id: string): void {
    for (const app of this.apps.values()) app.bridgeIds.delete(id);
    this.bridgeExtra.delete(id);
    this.knownBridges.delete(id);
    this.bridgeMoh.delete(id);
  }
}
