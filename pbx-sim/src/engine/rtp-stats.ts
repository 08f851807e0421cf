import { randomInt } from 'node:crypto';
import type { Channel } from './channel.js';
import type { Engine } from './engine.js';

const ssrcs = new WeakMap<Channel, number>();
/** Channels whose session already ended: chan_pjsip sets the variables once per session. */
const reported = new WeakSet<Channel>();
const z = '000.000000';

/**
 * ast_rtp_instance_set_stats_vars, which chan_pjsip runs when the SIP session ends (a BYE from
 * the phone, or the channel being hung up: ARI's hangup, then the soft hang-up): the RTP
 * quality variables on the channel and, when bridged, their *BRIDGED twins on the peer. The
 * simulated media path is loss- and jitter-free; only the sent packet count grows with talk time.
 */
export function setRtpStatsVars(engine: Engine, ch: Channel): void {
  if (ch.tech !== 'PJSIP' || reported.has(ch)) return;
  reported.add(ch);
  let ssrc = ssrcs.get(ch);
  if (ssrc === undefined) {
    ssrc = randomInt(1, 2 ** 31);
    ssrcs.set(ch, ssrc);
  }
  const txcount = ch.answeredAt === undefined ? 0 : Math.floor((engine.clock.now() - ch.answeredAt) / 20);
  const values: [string, string][] = [
    ['RTPAUDIOQOS', `ssrc=${ssrc};themssrc=0;lp=0;rxjitter=0.000000;rxcount=0;txjitter=0.000000;txcount=${txcount};rlp=0;rtt=0.000000;rxmes=0.000000;txmes=0.000000`],
    ['RTPAUDIOQOSJITTER', ['minrxjitter', 'maxrxjitter', 'avgrxjitter', 'stdevrxjitter', 'mintxjitter', 'maxtxjitter', 'avgtxjitter', 'stdevtxjitter'].map((k) => `${k}=${z};`).join('')],
    ['RTPAUDIOQOSLOSS', ['minrxlost', 'maxrxlost', 'avgrxlost', 'stdevrxlost', 'mintxlost', 'maxtxlost', 'avgtxlost', 'stdevtxlost'].map((k) => `  ${k}=${z};`).join('')],
    ['RTPAUDIOQOSRTT', ['minrtt', 'maxrtt', 'avgrtt', 'stdevrtt'].map((k) => `     ${k}=${z};`).join('')],
    ['RTPAUDIOQOSMES', ['minrxmes', 'maxrxmes', 'avgrxmes', 'stdevrxmes', 'mintxmes', 'maxtxmes', 'avgtxmes', 'stdevtxmes'].map((k) => `   ${k}=${z};`).join('')],
  ];
  const peer = engine.bridges.peerOf(ch);
  for (const [name, value] of values) {
    engine.setVar(ch, name, value);
    if (peer && !peer.gone) engine.setVar(peer, `${name}BRIDGED`, value);
  }
}

/**
 * The engine's side: a PJSIP channel that had media (it was answered) reports its RTP statistics
 * when its session ends. The recordings show where: on the phone's BYE before the hang-up request,
 * with the *BRIDGED twins on the bridged peer (ari-a-queue-answer, caller 2001); on a hang-up from
 * the switch's side after the channel left its bridge, just before ChannelDestroyed (agent 1001
 * there, both legs in ari-d-click-to-dial). Legs that only rang (1002 in a) report nothing.
 */
export function rtpStatsAtSessionEnd(engine: Engine, ch: Channel): void {
  if (ch.answeredAt !== undefined) setRtpStatsVars(engine, ch);
}
