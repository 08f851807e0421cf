import { dtmfDigitsSchema } from '@ringside/shared';
import { failure, type CommandOutcome } from '../../realtime/command-outcome.js';
import type { PhoneConfig } from '../../realtime/snapshot-extras.js';
import { phoneEmitter, type CallQuality, type PhoneDriver } from './phone-driver.js';

type WebRtcConfig = Extract<PhoneConfig, { mode: 'webrtc' }>;

/** The part of a JsSIP RTCSession the driver uses. */
export interface SipSession {
  readonly direction: 'incoming' | 'outgoing';
  readonly remote_identity: { display_name?: string; uri: { user: string | null } };
  readonly connection: RTCPeerConnection | null | undefined;
  answer(options: { mediaStream: MediaStream; pcConfig: RTCConfiguration }): void;
  terminate(): void;
  hold(): boolean;
  unhold(): boolean;
  mute(options: { audio: boolean }): void;
  unmute(options: { audio: boolean }): void;
  sendDTMF(tones: string): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/** What JsSIP's UA.call takes that the driver sets. */
export interface SipCallOptions {
  mediaStream: MediaStream;
  pcConfig: RTCConfiguration;
}

/** The part of a JsSIP UA the driver uses. */
export interface SipUserAgent {
  start(): void;
  stop(): void;
  call(target: string, options: SipCallOptions): unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

export interface JsSipDriverDeps {
  createUserAgent?: (config: WebRtcConfig) => Promise<SipUserAgent>;
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  /** Where the far end's audio plays. */
  audio?: HTMLAudioElement;
  qualityIntervalMs?: number;
}

// JsSIP is loaded only when a browser softphone is configured, so other consoles never download it.
async function jssipUserAgent(config: WebRtcConfig): Promise<SipUserAgent> {
  const JsSIP = await import('jssip');
  const ua = new JsSIP.UA({
    sockets: [new JsSIP.WebSocketInterface(config.wsUri)],
    uri: config.sipUri,
    register: true,
    session_timers: false,
    ...(config.authorizationUser ? { authorization_user: config.authorizationUser } : {}),
    ...(config.password ? { password: config.password } : {}),
    ...(config.displayName ? { display_name: config.displayName } : {}),
  });
  return ua as unknown as SipUserAgent;
}

function defaultGetUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
  if (!globalThis.navigator?.mediaDevices?.getUserMedia) return Promise.reject(Object.assign(new Error('no mediaDevices'), { name: 'NotSupportedError' }));
  return navigator.mediaDevices.getUserMedia(constraints);
}

/** Turns a getUserMedia failure into the outcome the panel explains. */
export function microphoneFailure(err: unknown): CommandOutcome {
  const name = err instanceof Error || (typeof err === 'object' && err !== null && 'name' in err) ? String((err as { name: unknown }).name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return failure('MIC_DENIED', 'microphone permission denied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return failure('MIC_MISSING', 'no usable microphone');
  return failure('NOT_SUPPORTED', 'this browser cannot capture audio');
}

async function readQuality(pc: RTCPeerConnection): Promise<CallQuality> {
  const quality: CallQuality = { rttMs: null, jitterMs: null, packetLossPct: null };
  const stats = await pc.getStats();
  stats.forEach((s: Record<string, unknown>) => {
    if (s.type === 'candidate-pair' && s.state === 'succeeded' && typeof s.currentRoundTripTime === 'number') quality.rttMs = Math.round(s.currentRoundTripTime * 1000);
    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      if (typeof s.jitter === 'number') quality.jitterMs = Math.round(s.jitter * 1000);
      const lost = typeof s.packetsLost === 'number' ? s.packetsLost : 0;
      const got = typeof s.packetsReceived === 'number' ? s.packetsReceived : 0;
      if (lost + got > 0) quality.packetLossPct = Math.round((lost / (lost + got)) * 1000) / 10;
    }
  });
  return quality;
}

/** The browser softphone also dials by itself: a SIP URI or a user at the configured domain. */
export interface JsSipPhoneDriver extends PhoneDriver {
  readonly kind: 'webrtc';
  call(target: string): Promise<CommandOutcome>;
}

/** A browser softphone: registers over WSS, answers with the microphone, media controls on the SIP session. */
export function createJsSipDriver(config: WebRtcConfig, deps: JsSipDriverDeps = {}): JsSipPhoneDriver {
  const events = phoneEmitter();
  const createUserAgent = deps.createUserAgent ?? jssipUserAgent;
  const getUserMedia = deps.getUserMedia ?? defaultGetUserMedia;
  let ua: SipUserAgent | null = null;
  let session: SipSession | null = null;
  let localStream: MediaStream | null = null;
  let qualityTimer: ReturnType<typeof setInterval> | null = null;

  function stopMedia() {
    if (qualityTimer !== null) clearInterval(qualityTimer);
    qualityTimer = null;
    localStream?.getTracks().forEach((track) => track.stop());
    localStream = null;
  }

  function startQuality() {
    if (qualityTimer !== null) return;
    qualityTimer = setInterval(() => {
      const pc = session?.connection;
      if (pc) void readQuality(pc).then((q) => events.emit('quality', q), () => undefined);
    }, deps.qualityIntervalMs ?? 5000);
  }

  function playRemote(pc: RTCPeerConnection) {
    pc.addEventListener('track', (te) => {
      if (deps.audio && te.streams[0]) deps.audio.srcObject = te.streams[0];
    });
  }

  function track(s: SipSession) {
    session = s;
    // JsSIP creates the peer connection of an outgoing call before it announces the session, so
    // 'peerconnection' has already fired by now; an answered incoming call creates it later.
    if (s.connection) playRemote(s.connection);
    else s.on('peerconnection', ((e: { peerconnection: RTCPeerConnection }) => playRemote(e.peerconnection)) as (...args: never[]) => void);
    s.on('confirmed', () => {
      events.emit('callState', { state: 'active' });
      startQuality();
    });
    s.on('hold', () => events.emit('callState', { state: 'held' }));
    s.on('unhold', () => events.emit('callState', { state: 'active' }));
    s.on('newDTMF', ((e: { originator: string; dtmf: { tone: string } }) => {
      if (e.originator === 'remote') events.emit('dtmfReceived', { digit: e.dtmf.tone });
    }) as (...args: never[]) => void);
    const end = () => {
      if (session === s) session = null;
      stopMedia();
      events.emit('callState', { state: 'ended' });
      events.emit('callState', { state: 'idle' });
    };
    s.on('ended', end);
    s.on('failed', end);
  }

  const noCall = () => failure('CALL_NOT_FOUND', 'the softphone has no call');

  return {
    kind: 'webrtc',
    async register() {
      if (ua) return { ok: true };
      // Ask for the microphone while the user is clicking "connect", so the browser's prompt
      // appears in context and an incoming call is not lost to a permission dialog later.
      try {
        const probe = await getUserMedia({ audio: true, video: false });
        probe.getTracks().forEach((t) => t.stop());
      } catch (err) {
        const outcome = microphoneFailure(err);
        events.emit('registration', { state: 'failed', problem: outcome.ok ? null : outcome.error.code });
        return outcome;
      }
      events.emit('registration', { state: 'registering', problem: null });
      try {
        ua = await createUserAgent(config);
      } catch {
        events.emit('registration', { state: 'failed', problem: 'NOT_SUPPORTED' });
        return failure('NOT_SUPPORTED', 'the softphone library failed to load');
      }
      ua.on('registered', () => events.emit('registration', { state: 'registered', problem: null }));
      ua.on('unregistered', () => events.emit('registration', { state: 'unregistered', problem: null }));
      ua.on('registrationFailed', ((e: { cause?: string }) => events.emit('registration', { state: 'failed', problem: e.cause ?? 'REGISTRATION_FAILED' })) as (...args: never[]) => void);
      ua.on('disconnected', () => events.emit('registration', { state: 'failed', problem: 'NETWORK' }));
      ua.on('newRTCSession', ((e: { originator: string; session: SipSession }) => {
        if (e.originator !== 'remote') {
          track(e.session);
          return;
        }
        // One call at a time: a second offer while busy is declined by the phone, the queue tries someone else.
        if (session) {
          e.session.terminate();
          return;
        }
        track(e.session);
        const id = e.session.remote_identity;
        events.emit('incoming', { remote: id.uri.user ?? id.display_name ?? '' });
        events.emit('callState', { state: 'incoming' });
      }) as (...args: never[]) => void);
      ua.start();
      return { ok: true };
    },
    unregister() {
      session?.terminate();
      ua?.stop();
      ua = null;
      stopMedia();
      events.emit('registration', { state: 'unregistered', problem: null });
    },
    async answer() {
      const s = session;
      if (!s || s.direction !== 'incoming') return noCall();
      try {
        localStream = await getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: false });
      } catch (err) {
        return microphoneFailure(err);
      }
      s.answer({ mediaStream: localStream, pcConfig: { iceServers: config.iceServers ?? [] } });
      return { ok: true };
    },
    async call(target) {
      if (!ua) return failure('ILLEGAL_TRANSITION', 'the softphone is not connected');
      if (session) return failure('ILLEGAL_TRANSITION', 'the softphone already has a call');
      try {
        localStream = await getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: false });
      } catch (err) {
        return microphoneFailure(err);
      }
      try {
        // newRTCSession (originator local) fires inside call() and starts tracking the session.
        ua.call(target, { mediaStream: localStream, pcConfig: { iceServers: config.iceServers ?? [] } });
      } catch (err) {
        stopMedia();
        return failure('INVALID_INPUT', err instanceof Error ? err.message : 'the softphone cannot call this target');
      }
      return { ok: true };
    },
    async hangUp() {
      if (!session) return noCall();
      session.terminate();
      return { ok: true };
    },
    async hold(_callId, on) {
      if (!session) return noCall();
      const accepted = on ? session.hold() : session.unhold();
      return accepted ? { ok: true } : failure('ILLEGAL_TRANSITION', 'the call cannot change hold now');
    },
    async mute(_callId, on) {
      if (!session) return noCall();
      if (on) session.mute({ audio: true });
      else session.unmute({ audio: true });
      return { ok: true };
    },
    async dtmf(_callId, digits) {
      if (!session) return noCall();
      if (!dtmfDigitsSchema.safeParse(digits).success) return failure('INVALID_INPUT', 'DTMF digits must be 0-9 * # A-D');
      session.sendDTMF(digits);
      return { ok: true };
    },
    on: events.on,
    latest: events.latest,
    dispose() {
      session?.terminate();
      ua?.stop();
      ua = null;
      session = null;
      stopMedia();
      events.clear();
    },
  };
}
