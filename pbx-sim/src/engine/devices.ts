import type { Channel } from './channel.js';
import type { Engine } from './engine.js';
import { PRIV } from './event-fields.js';
import type { DeviceState } from './types.js';

/** ExtensionStatus Status/StatusText for a device state. */
export function extensionStatus(state: DeviceState): { status: number; text: string } {
  switch (state) {
    case 'NOT_INUSE':
      return { status: 0, text: 'Idle' };
    case 'INUSE':
      return { status: 1, text: 'InUse' };
    case 'BUSY':
      return { status: 2, text: 'Busy' };
    case 'RINGING':
      return { status: 8, text: 'Ringing' };
    case 'RINGINUSE':
      return { status: 9, text: 'InUse&Ringing' };
    case 'ONHOLD':
      return { status: 16, text: 'Hold' };
    case 'UNAVAILABLE':
    case 'INVALID':
      return { status: 4, text: 'Unavailable' };
    default:
      return { status: -1, text: 'Unknown' };
  }
}

/** Tracks device states (PJSIP/<ep>, Queue:<q>...) and announces changes like Asterisk's devicestate core. */
export class DeviceTracker {
  private readonly states = new Map<string, DeviceState>();

  constructor(private readonly engine: Engine) {}

  /** Computes the boot-time states without announcing them. */
  initialise(): void {
    for (const ep of this.engine.endpoints.all()) this.states.set(`PJSIP/${ep.name}`, this.endpointState(ep.name));
    this.engine.queues.initialiseDevices((device, state) => this.states.set(device, state));
  }

  get(device: string): DeviceState {
    return this.states.get(device) ?? (device.startsWith('PJSIP/') ? this.endpointState(device.slice(6)) : 'UNKNOWN');
  }

  list(): { device: string; state: DeviceState }[] {
    return [...this.states.entries()].map(([device, state]) => ({ device, state }));
  }

  /** Aggregates the endpoint's live channels into one device state. */
  endpointState(endpoint: string): DeviceState {
    const ep = this.engine.endpoints.get(endpoint);
    if (!ep) return 'INVALID';
    let inUse = false;
    let ringing = false;
    let held = false;
    for (const ch of this.engine.channels.values()) {
      if (ch.gone || ch.endpoint !== endpoint || ch.tech !== 'PJSIP') continue;
      if (ch.state === 5) ringing = true;
      else if (ch.state === 6 || ch.state === 4) {
        if (ch.held) held = true;
        else inUse = true;
      }
    }
    if (ringing) return inUse || held ? 'RINGINUSE' : 'RINGING';
    if (inUse) return 'INUSE';
    if (held) return 'ONHOLD';
    return ep.reachable ? 'NOT_INUSE' : 'UNAVAILABLE';
  }

  channelChanged(ch: Channel): void {
    if (ch.tech === 'PJSIP' && ch.endpoint) this.refreshEndpoint(ch.endpoint);
  }

  /** Recomputes an endpoint's device; on change emits ExtensionStatus, DeviceStateChange, then queue member updates. */
  refreshEndpoint(endpoint: string): void {
    const device = `PJSIP/${endpoint}`;
    const next = this.endpointState(endpoint);
    if (this.states.get(device) === next) return;
    this.states.set(device, next);
    const ext = extensionStatus(next);
    for (const h of this.engine.lookup.hintsOf(device)) {
      this.engine.emit('ExtensionStatus', PRIV.call, [
        ['Exten', h.exten],
        ['Context', h.context],
        ['Hint', h.hint],
        ['Status', String(ext.status)],
        ['StatusText', ext.text],
      ]);
    }
    this.engine.emit('DeviceStateChange', PRIV.call, [['Device', device], ['State', next]]);
    this.engine.queues.deviceChanged(device);
  }

  /** Sets a derived device (queue, pause, avail) and announces a change. */
  set(device: string, state: DeviceState): void {
    if (this.states.get(device) === state) return;
    this.states.set(device, state);
    this.engine.emit('DeviceStateChange', PRIV.call, [['Device', device], ['State', state]]);
  }
}
