import type { PbxEvent } from '../engine/types.js';
import type { Channel } from '../engine/channel.js';
import type { AriCore } from './ari-core.js';
import { ariState, type ChannelJson } from './ari-json.js';

const field = (e: PbxEvent, name: string): string | undefined => e.fields.find(([k]) => k === name)?.[1];

/**
 * The dialled leg as the Dial event's own snapshot shows it. The engine prints DialBegin's Dest
 * block from an older snapshot than the live channel (a queue leg is announced before it takes
 * the caller as connected line and exten: ari-a-queue-answer shows exten "s", connected ""), so
 * the peer is read from the event's Dest fields, as AMI prints them, where they exist.
 */
function destSnapshot(e: PbxEvent, live: ChannelJson): ChannelJson {
  const dest = (k: string) => field(e, `Dest${k}`);
  const plain = (v: string) => (v === '<unknown>' ? '' : v);
  const state = dest('ChannelState');
  const exten = dest('Exten');
  const num = dest('ConnectedLineNum');
  const name = dest('ConnectedLineName');
  return {
    ...live,
    ...(state !== undefined ? { state: ariState(Number(state)) } : {}),
    connected: { name: name !== undefined ? plain(name) : live.connected.name, number: num !== undefined ? plain(num) : live.connected.number },
    dialplan: { ...live.dialplan, ...(exten !== undefined ? { exten } : {}) },
  };
}

/**
 * Turns the engine's events into ARI events for the apps subscribed to them. The engine reports
 * each change once, shaped like AMI; ARI sees the same changes through Stasis message types.
 */
export class AriEventBridge {
  /** Channels as last seen: Hangup is announced while the engine is forgetting the channel. */
  private readonly seen = new Map<string, Channel>();
  /** DialBegin's dial string, which DialState/DialEnd no longer carry. */
  private readonly dialStrings = new Map<string, string>();
  /** Queue legs whose first DialEnd CANCEL went out (the second one carries the dial string). */
  private readonly queueCancels = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly core: AriCore) {
    this.unsubscribe = core.engine.on((e) => this.handle(e));
  }

  stop(): void {
    this.unsubscribe();
  }

  private channel(id: string | undefined): Channel | undefined {
    if (!id) return undefined;
    const ch = this.core.engine.channels.get(id) ?? this.seen.get(id);
    if (ch) this.seen.set(id, ch);
    return ch;
  }

  private handle(e: PbxEvent): void {
    const core = this.core;
    const ch = this.channel(e.channelId);
    const chanBody = () => ({ channel: core.channelJson(ch!) });
    const targets = { channelIds: ch ? [ch.id] : [] };
    switch (e.name) {
      case 'Newchannel':
        // chan_pjsip publishes the new channel before it attaches the SIP session, so the first
        // snapshot has no Call-ID yet: every ChannelCreated in the recordings has protocol_id "".
        if (ch) core.publish('ChannelCreated', { channel: { ...core.channelJson(ch), protocol_id: '' } }, targets);
        return;
      case 'DeviceStateChange':
        core.publishDeviceState(field(e, 'Device') ?? '', field(e, 'State') ?? '');
        return;
      case 'Newstate':
        if (ch) core.publish('ChannelStateChange', chanBody(), targets);
        return;
      case 'VarSet': {
        const lead = { variable: field(e, 'Variable') ?? '', value: field(e, 'Value') ?? '' };
        // A global variable has no channel; only apps subscribed to everything hear of it.
        if (ch) core.publish('ChannelVarset', chanBody(), targets, lead);
        else core.publish('ChannelVarset', {}, { channelIds: [] }, lead);
        return;
      }
      case 'Newexten':
        if (ch) core.publish('ChannelDialplan', { dialplan_app: field(e, 'Application') ?? '', dialplan_app_data: field(e, 'AppData') ?? '', ...chanBody() }, targets);
        return;
      case 'NewCallerid': {
        if (!ch) return;
        const pres = /^(\d+)\s*\((.*)\)$/.exec(field(e, 'CID-CallingPres') ?? '0 (Presentation Allowed, Not Screened)');
        core.publish('ChannelCallerId', { caller_presentation: Number(pres?.[1] ?? 0), caller_presentation_txt: pres?.[2] ?? 'Presentation Allowed, Not Screened', ...chanBody() }, targets);
        return;
      }
      case 'NewConnectedLine':
        if (ch) core.publish('ChannelConnectedLine', chanBody(), targets);
        return;
      case 'HangupRequest':
      case 'SoftHangupRequest': {
        if (!ch) return;
        const cause = field(e, 'Cause');
        const lead: Record<string, unknown> = cause !== undefined ? { cause: Number(cause) } : {};
        if (e.name === 'SoftHangupRequest') lead.soft = true;
        core.publish('ChannelHangupRequest', chanBody(), targets, lead);
        return;
      }
      case 'Hangup': {
        if (!ch) return;
        // The final snapshot is fresh: it shows the application pbx_exec restored, if any.
        const json = core.channelJson(ch);
        const after = ch.applAfterDialplan;
        if (after) json.dialplan = { ...json.dialplan, app_name: after.appl, app_data: after.data };
        core.publish('ChannelDestroyed', { cause: Number(field(e, 'Cause') ?? 0), cause_txt: field(e, 'Cause-txt') ?? 'Unknown', channel: json }, targets);
        core.forgetChannel(ch.id);
        this.seen.delete(ch.id);
        this.dialStrings.delete(ch.id);
        this.queueCancels.delete(ch.id);
        return;
      }
      case 'DTMFEnd':
        if (ch && field(e, 'Direction') === 'Received') {
          core.publish('ChannelDtmfReceived', { digit: field(e, 'Digit') ?? '', duration_ms: Number(field(e, 'DurationMs') ?? 0), ...chanBody() }, targets);
        }
        return;
      case 'Hold':
        if (ch) core.publish('ChannelHold', { musicclass: 'N/A', ...chanBody() }, targets);
        return;
      case 'Unhold':
        if (ch) core.publish('ChannelUnhold', chanBody(), targets);
        return;
      case 'DialBegin':
      case 'DialState':
      case 'DialEnd':
        this.dial(e);
        return;
      case 'BlindTransfer':
        this.blindTransfer(e, ch);
        return;
      default:
        this.bridgeEvent(e, ch);
    }
  }

  private dial(e: PbxEvent): void {
    const peer = this.channel(e.peerChannelId);
    if (!peer) return;
    const caller = this.channel(e.channelId);
    if (e.name === 'DialBegin') this.dialStrings.set(peer.id, field(e, 'DialString') ?? '');
    const dialstatus = e.name === 'DialBegin' ? '' : (field(e, 'DialStatus') ?? '');
    const body: Record<string, unknown> = { dialstatus, forward: '', dialstring: this.dialString(e, peer, dialstatus) };
    if (caller) body.caller = this.core.channelJson(caller);
    body.peer = destSnapshot(e, this.core.channelJson(peer));
    this.core.publish('Dial', body, { channelIds: [peer.id, ...(caller ? [caller.id] : [])] });
  }

  /**
   * The dial string each dialer passes to ast_channel_publish_dial: the Dial API (AppDial2) always
   * repeats it; app_dial only on the first (ari-d-click-to-dial: RINGING and ANSWER carry "");
   * app_queue on everything except the CANCEL its ring loop publishes before hangupcalls()
   * publishes a second one with the member's interface (ari-c-queue-abandon, ari-a-queue-answer).
   */
  private dialString(e: PbxEvent, peer: Channel, dialstatus: string): string {
    const s = this.dialStrings.get(peer.id) ?? '';
    if (e.name === 'DialBegin') return s;
    if (peer.appl === 'AppDial') return '';
    if (peer.appl === 'AppQueue' && dialstatus === 'CANCEL' && !this.queueCancels.has(peer.id)) {
      this.queueCancels.add(peer.id);
      return '';
    }
    return s;
  }

  /** stasis_bridges' BridgeBlindTransfer, keys in Asterisk's order (ari-b-blind-transfer.jsonl). */
  private blindTransfer(e: PbxEvent, ch: Channel | undefined): void {
    const core = this.core;
    const transferee = this.channel(e.peerChannelId);
    const bridge = e.bridgeId ? (core.engine.bridges.get(e.bridgeId) ?? core.knownBridges.get(e.bridgeId)) : undefined;
    if (!ch) return;
    const body: Record<string, unknown> = {
      channel: core.channelJson(ch),
      exten: field(e, 'Extension') ?? '',
      context: field(e, 'Context') ?? '',
      result: field(e, 'Result') ?? '',
      is_external: field(e, 'IsExternal') === 'Yes',
    };
    if (transferee) body.transferee = core.channelJson(transferee);
    if (bridge) body.bridge = core.bridgeJson(bridge);
    core.publish('BridgeBlindTransfer', body, { channelIds: [ch.id, ...(transferee ? [transferee.id] : [])], bridgeIds: bridge ? [bridge.id] : [] });
  }

  private bridgeEvent(e: PbxEvent, ch: Channel | undefined): void {
    const core = this.core;
    const id = e.bridgeId;
    if (!id) return;
    const bridge = core.engine.bridges.get(id) ?? core.knownBridges.get(id);
    if (!bridge) return;
    core.extraFor(bridge);
    switch (e.name) {
      case 'BridgeCreate':
        core.publish('BridgeCreated', { bridge: core.bridgeJson(bridge) }, { bridgeIds: [id] });
        return;
      case 'BridgeDestroy':
        core.publish('BridgeDestroyed', { bridge: core.bridgeJson(bridge) }, { bridgeIds: [id] });
        core.forgetBridge(id);
        return;
      case 'BridgeEnter': {
        if (!ch) return;
        // A channel in Stasis subscribes its app to the bridge it joins (so BridgeDestroyed reaches it).
        const control = core.controls.get(ch.id);
        if (control) control.app.bridgeIds.add(id);
        core.publish('ChannelEnteredBridge', { bridge: core.bridgeJson(bridge), channel: core.channelJson(ch) }, { channelIds: [ch.id], bridgeIds: [id] });
        return;
      }
      case 'BridgeLeave':
        if (!ch) return;
        core.publish('ChannelLeftBridge', { bridge: core.bridgeJson(bridge), channel: core.channelJson(ch) }, { channelIds: [ch.id], bridgeIds: [id] });
        // Smart bridging drops native RTP once fewer than two parties remain.
        if (bridge.type === 'stasis' && bridge.channels.length < 2) bridge.technology = 'simple_bridge';
        return;
      case 'BridgeMerge':
        return;
    }
  }
}
