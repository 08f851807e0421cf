import type { Bridge } from '../engine/bridges.js';
import type { Channel } from '../engine/channel.js';
import type { AriCore } from './ari-core.js';
import { protocolId } from './ari-json.js';

/**
 * Joins a Stasis channel to an ARI bridge with the variables Asterisk sets: BRIDGEPEER and
 * BRIDGEPVTCALLID once two parties talk (or the announcer's name while music plays to a lone party).
 */
export function joinStasisBridge(core: AriCore, b: Bridge, ch: Channel): void {
  const engine = core.engine;
  if (ch.bridgeId && ch.bridgeId !== b.id) leaveStasisBridge(core, ch);
  engine.bridges.enter(b, ch);
  const members = engine.bridges.members(b);
  const announcer = core.bridgeMoh.get(b.id);
  if (members.length === 1 && announcer) {
    engine.setVar(ch, 'BRIDGEPEER', announcer);
    return;
  }
  if (members.length !== 2) return;
  const [first, second] = members as [Channel, Channel];
  const pair: [Channel, Channel][] = [[ch, ch === first ? second : first], [ch === first ? second : first, ch]];
  const announcePeers = () => {
    for (const [me, peer] of pair) {
      engine.setVar(me, 'BRIDGEPEER', peer.name);
      engine.setVar(me, 'BRIDGEPVTCALLID', protocolId(peer));
    }
  };
  announcePeers();
  if (first.tech === 'PJSIP' && second.tech === 'PJSIP') {
    // Two PJSIP parties make the smart bridge switch to native RTP; Asterisk re-publishes the peer
    // variables on each of the two reconfigurations that follow (seen on the wire as three rounds).
    b.technology = 'native_rtp';
    announcePeers();
    announcePeers();
  }
  for (const [me, peer] of pair) engine.setConnectedLine(me, peer.callerNum, peer.callerName);
}

/** Takes a channel out of its bridge, clearing the peer variables first as Asterisk does. */
export function leaveStasisBridge(core: AriCore, ch: Channel): void {
  const engine = core.engine;
  const b = ch.bridgeId ? engine.bridges.get(ch.bridgeId) : undefined;
  if (!b) return;
  if (b.type === 'stasis' && (ch.vars.get('BRIDGEPEER') ?? '') !== '') {
    engine.setVar(ch, 'BRIDGEPEER', '');
    engine.setVar(ch, 'BRIDGEPVTCALLID', '');
  }
  engine.bridges.leave(ch);
}

/** DELETE /bridges/{id}: every party leaves, then the bridge goes. */
export function destroyStasisBridge(core: AriCore, b: Bridge): void {
  for (const ch of core.engine.bridges.members(b)) leaveStasisBridge(core, ch);
  core.engine.bridges.destroy(b);
}

/** POST /bridges/{id}/moh: an announcer channel joins and plays music to whoever is alone in there. */
export function startBridgeMoh(core: AriCore, b: Bridge): void {
  if (core.bridgeMoh.has(b.id)) return;
  const announcer = core.nextAnnouncer();
  core.bridgeMoh.set(b.id, announcer);
  const members = core.engine.bridges.members(b);
  if (members.length === 1) core.engine.setVar(members[0]!, 'BRIDGEPEER', announcer);
}

/** DELETE /bridges/{id}/moh; false when no music was playing (409). */
export function stopBridgeMoh(core: AriCore, b: Bridge): boolean {
  return core.bridgeMoh.delete(b.id);
}
