/* global window, document */
// Test-only page: the console's real JsSIP driver, exposed on window for the SIP test to drive.
// Plain JS so the test workspace's tsc (no DOM types, rootDir src) leaves it to Vite.
import { createJsSipDriver } from '../../../../agent-console/src/features/phone/jssip-driver.ts';

// Record every peer connection JsSIP makes, so the test can read getStats() and SDP directions
// without the driver having to expose its session.
const peerConnections = [];
const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeerConnection {
  constructor(...args) {
    super(...args);
    peerConnections.push(this);
  }
};

const EVENTS = ['registration', 'incoming', 'callState', 'quality', 'dtmfReceived'];

window.sipHarness = {
  events: [],
  driver: null,
  async start(config) {
    const audio = document.createElement('audio');
    audio.autoplay = true;
    document.body.append(audio);
    this.audio = audio;
    this.driver = createJsSipDriver(config, { audio, qualityIntervalMs: 1000 });
    for (const name of EVENTS) this.driver.on(name, (payload) => this.events.push({ event: name, payload }));
    return this.driver.register();
  },
  seen(event, predicate) {
    return this.events.some((e) => e.event === event && predicate(e.payload));
  },
  async inboundAudio() {
    const pc = peerConnections.at(-1);
    if (!pc) return null;
    const stats = await pc.getStats();
    let found = null;
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') found = { packetsReceived: s.packetsReceived ?? 0, bytesReceived: s.bytesReceived ?? 0, totalAudioEnergy: s.totalAudioEnergy ?? 0 };
    });
    return found;
  },
  directions() {
    const pc = peerConnections.at(-1);
    return pc ? pc.getTransceivers().map((t) => t.currentDirection) : [];
  },
  remoteAudioAttached() {
    const stream = this.audio?.srcObject;
    return !!stream && stream.getAudioTracks().some((t) => t.readyState === 'live');
  },
};
document.title = 'harness ready';
