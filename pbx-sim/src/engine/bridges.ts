import { randomUUID } from 'node:crypto';
import type { Channel } from './channel.js';
import type { Engine } from './engine.js';
import { bridgeFields, channelFields, PRIV } from './event-fields.js';
import { EngineError } from './types.js';

/** A bridge: `basic` for two-party calls, `stasis` for ARI-owned mixing bridges. */
export interface Bridge {
  id: string;
  type: string;
  technology: string;
  creator: string;
  name: string;
  /** Channel uniqueids in entry order. */
  channels: string[];
  /** A basic bridge dissolves when it falls to one party; ARI bridges persist until destroyed. */
  dissolveOnHangup: boolean;
}

/** Creates, joins and dissolves bridges with the events and BRIDGEPEER variables Asterisk emits. */
export class BridgeManager {
  readonly map = new Map<string, Bridge>();
  private readonly endWaiters = new Map<string, (reason: 'peer-left') => void>();

  constructor(private readonly engine: Engine) {}

  create(o: Partial<Pick<Bridge, 'type' | 'technology' | 'creator' | 'name' | 'dissolveOnHangup'>> & { id?: string } = {}): Bridge {
    const b: Bridge = {
      id: o.id ?? randomUUID(),
      type: o.type ?? 'basic',
      technology: o.technology ?? 'simple_bridge',
      creator: o.creator ?? '',
      name: o.name ?? '',
      channels: [],
      dissolveOnHangup: o.dissolveOnHangup ?? true,
    };
    this.map.set(b.id, b);
    this.engine.emit('BridgeCreate', PRIV.call, bridgeFields(b), { bridgeId: b.id });
    return b;
  }

  get(id: string): Bridge | undefined {
    return this.map.get(id);
  }

  members(b: Bridge): Channel[] {
    return b.channels.map((id) => this.engine.channels.get(id)).filter((c): c is Channel => !!c);
  }

  enter(b: Bridge, ch: Channel): void {
    if (ch.bridgeId === b.id) return;
    if (ch.bridgeId) this.leave(ch);
    b.channels.push(ch.id);
    ch.bridgeId = b.id;
    this.engine.emit('BridgeEnter', PRIV.call, [...bridgeFields(b), ...channelFields(ch)], { bridgeId: b.id, channelId: ch.id });
    // A transferred channel's marker is cleared as it joins its next bridge.
    for (const v of ['BLINDTRANSFER', 'ATTENDEDTRANSFER']) if (ch.vars.get(v)) this.engine.setVar(ch, v, '');
    if (b.type === 'basic' && b.channels.length === 2) {
      const [a, c] = this.members(b);
      if (a && c) {
        a.wasBridged = true;
        c.wasBridged = true;
        a.onBridged?.();
        c.onBridged?.();
        for (const [me, peer] of [[a, c], [c, a]] as const) {
          this.engine.setVar(me, 'BRIDGEPEER', peer.name);
          this.engine.setVar(me, 'BRIDGEPVTCALLID', peer.vars.get('__CALLID') ?? randomUUID());
        }
      }
    }
  }

  /**
   * An audiohook (MixMonitor, ChanSpy) was attached to or removed from a bridged channel: the
   * bridge re-evaluates its technology and re-announces BRIDGEPEER/BRIDGEPVTCALLID of both parties.
   */
  audiohookChanged(ch: Channel): void {
    const b = ch.bridgeId ? this.map.get(ch.bridgeId) : undefined;
    if (!b || b.type !== 'basic' || b.channels.length !== 2) return;
    // Media that passes through an audiohook cannot be exchanged natively between the phones.
    b.technology = 'simple_bridge';
    for (const m of this.members(b)) {
      this.engine.setVar(m, 'BRIDGEPEER', m.vars.get('BRIDGEPEER') ?? '');
      this.engine.setVar(m, 'BRIDGEPVTCALLID', m.vars.get('BRIDGEPVTCALLID') ?? '');
    }
  }

  /** Takes a channel out of its bridge; a basic bridge left with one party kicks that party too. */
  leave(ch: Channel, onCleared?: () => void, o: { clearPeers?: boolean; kick?: boolean } = {}): void {
    const b = ch.bridgeId ? this.map.get(ch.bridgeId) : undefined;
    if (!b) {
      ch.bridgeId = undefined;
      return;
    }
    if (b.type === 'basic' && (ch.vars.get('BRIDGEPEER') ?? '') !== '') {
      const peers = o.clearPeers === false ? [] : this.members(b).filter((x) => x !== ch && (x.vars.get('BRIDGEPEER') ?? '') !== '');
      for (const m of [ch, ...peers]) {
        this.engine.setVar(m, 'BRIDGEPEER', '');
        this.engine.setVar(m, 'BRIDGEPVTCALLID', '');
      }
    }
    onCleared?.();
    b.channels = b.channels.filter((id) => id !== ch.id);
    ch.bridgeId = undefined;
    this.engine.emit('BridgeLeave', PRIV.call, [...bridgeFields(b), ...channelFields(ch)], { bridgeId: b.id, channelId: ch.id });
    if (b.dissolveOnHangup && b.channels.length === 1 && o.kick !== false) {
      const rest = this.members(b)[0];
      if (rest) this.kick(rest);
    }
    if (b.channels.length === 0 && b.dissolveOnHangup) this.destroy(b);
  }

  /** The remaining party of a dissolved basic bridge: its app is told, or (no app) it is hung up. */
  private kick(ch: Channel): void {
    const waiter = this.endWaiters.get(ch.id);
    if (waiter) {
      this.endWaiters.delete(ch.id);
      waiter('peer-left');
      return;
    }
    if (!ch.hasRunner) {
      this.leave(ch);
      this.engine.destroyChannel(ch, 16);
    }
  }

  /** Resolves when the channel's bridge partner leaves; rejects if this channel is hung up. */
  waitForPeerLeft(ch: Channel): Promise<'peer-left'> {
    return ch.waitFor<'peer-left'>((resolve) => {
      this.endWaiters.set(ch.id, resolve);
      return () => {
        if (this.endWaiters.get(ch.id) === resolve) this.endWaiters.delete(ch.id);
      };
    });
  }

  /** A bridged channel without a runner was hung up from afar. */
  channelHungUp(ch: Channel): void {
    this.leave(ch);
    this.engine.destroyChannel(ch);
  }

  destroy(b: Bridge): void {
    if (!this.map.has(b.id)) return;
    for (const ch of this.members(b)) {
      b.channels = b.channels.filter((id) => id !== ch.id);
      ch.bridgeId = undefined;
      this.engine.emit('BridgeLeave', PRIV.call, [...bridgeFields(b), ...channelFields(ch)], { bridgeId: b.id, channelId: ch.id });
    }
    this.map.delete(b.id);
    this.engine.emit('BridgeDestroy', PRIV.call, bridgeFields(b), { bridgeId: b.id });
  }

  /** Moves every channel of `from` into `to` (attended transfer); emits BridgeMerge. */
  merge(to: Bridge, from: Bridge): void {
    if (to === from) throw new EngineError('cannot merge a bridge into itself');
    this.engine.emit('BridgeMerge', PRIV.call, [...bridgeFields(to, 'To'), ...bridgeFields(from, 'From')], { bridgeId: to.id });
    for (const ch of this.members(from)) {
      from.channels = from.channels.filter((id) => id !== ch.id);
      ch.bridgeId = undefined;
      to.channels.push(ch.id);
      ch.bridgeId = to.id;
    }
    this.map.delete(from.id);
    this.engine.emit('BridgeDestroy', PRIV.call, bridgeFields(from), { bridgeId: from.id });
  }

  /** Two live channels as a new basic bridge. */
  bridgePair(a: Channel, b: Channel): Bridge {
    const br = this.create();
    this.enter(br, a);
    this.enter(br, b);
    return br;
  }

  peerOf(ch: Channel): Channel | undefined {
    const b = ch.bridgeId ? this.map.get(ch.bridgeId) : undefined;
    return b ? this.members(b).find((c) => c !== ch) : undefined;
  }
}
