import type { AmiField } from '../../ami/ami-message.js';
import type { QueueConfig } from '../../config/queues-loader.js';
import type { Engine } from '../engine.js';
import { PRIV } from '../event-fields.js';
import { DEVICE_STATE_NUM, EngineError, type DeviceState } from '../types.js';
import type { QueueMember, QueueState } from './queue-model.js';

const BUSY_STATES: DeviceState[] = ['INUSE', 'BUSY', 'ONHOLD', 'RINGINUSE'];

/** Queues, members and their device bookkeeping; the Queue application drives calls through it. */
export class QueueManager {
  private readonly map = new Map<string, QueueState>();
  /** Wakes callers waiting for a member to become free. */
  private readonly waiters = new Set<() => void>();

  constructor(private readonly engine: Engine) {}

  load(configs: QueueConfig[]): void {
    const bootSec = Math.floor(this.engine.startedAt / 1000);
    const next = new Map<string, QueueState>();
    for (const cfg of configs) {
      const prev = this.map.get(cfg.name);
      const members: QueueMember[] = cfg.members.map((m) => {
        const old = prev?.members.find((x) => x.interface === m.interface && x.membership === 'static');
        return old
          ? { ...old, penalty: m.penalty, memberName: m.memberName, stateInterface: m.stateInterface }
          : { ...m, membership: 'static', paused: false, pausedReason: '', lastPause: 0, loginTime: bootSec, callsTaken: 0, lastCall: 0, inCall: false, lastEndMs: 0, ringing: false };
      });
      for (const d of prev?.members.filter((x) => x.membership === 'dynamic') ?? []) members.push(d);
      next.set(cfg.name, prev ? { ...prev, config: cfg, members } : { name: cfg.name, config: cfg, members, callers: [], completed: 0, abandoned: 0, holdtime: 0, talktime: 0, rrNext: 0 });
    }
    this.map.clear();
    for (const [k, v] of next) this.map.set(k, v);
  }

  all(): QueueState[] {
    return [...this.map.values()];
  }

  get(name: string): QueueState | undefined {
    return this.map.get(name);
  }

  initialiseDevices(set: (device: string, state: DeviceState) => void): void {
    for (const q of this.map.values()) {
      for (const m of q.members) set(`Queue:${q.name}_pause_${m.interface}`, m.paused ? 'INUSE' : 'NOT_INUSE');
      set(`Queue:${q.name}_avail`, this.hasAvailable(q) ? 'NOT_INUSE' : 'INUSE');
    }
  }

  memberDevice(m: QueueMember): DeviceState {
    return this.engine.devices.get(m.stateInterface);
  }

  /** True when the member could take a call now (not paused, idle, past wrap-up, not ringing). */
  isAvailable(q: QueueState, m: QueueMember): boolean {
    if (m.paused || m.ringing) return false;
    const st = this.memberDevice(m);
    if (st === 'UNAVAILABLE' || st === 'INVALID' || st === 'RINGING') return false;
    if (!q.config.ringinuse && BUSY_STATES.includes(st)) return false;
    if (q.config.wrapuptime > 0 && m.lastEndMs > 0 && this.engine.clock.now() - m.lastEndMs < q.config.wrapuptime * 1000) return false;
    return true;
  }

  hasAvailable(q: QueueState): boolean {
    return q.members.some((m) => !m.paused && !['UNAVAILABLE', 'INVALID', 'RINGING', ...BUSY_STATES].includes(this.memberDevice(m)));
  }

  /** joinempty/leavewhenempty: true when every member is excluded by one of the listed factors. */
  isEmpty(q: QueueState, option: string, forLeave: boolean): boolean {
    const o = option.toLowerCase();
    const factors = o === 'yes' ? (forLeave ? ['penalty', 'paused', 'invalid'] : []) : o === 'no' ? (forLeave ? [] : ['penalty', 'paused', 'invalid']) : o === 'strict' ? ['penalty', 'paused', 'invalid', 'unavailable'] : o === 'loose' ? ['penalty', 'invalid'] : o.split(',').map((x) => x.trim()).filter(Boolean);
    if (factors.length === 0) return false;
    if (q.members.length === 0) return true;
    return q.members.every((m) => {
      const st = this.memberDevice(m);
      if (factors.includes('paused') && m.paused) return true;
      if (factors.includes('inuse') && BUSY_STATES.includes(st)) return true;
      if (factors.includes('ringing') && st === 'RINGING') return true;
      if (factors.includes('unavailable') && st === 'UNAVAILABLE') return true;
      if (factors.includes('invalid') && (st === 'INVALID' || st === 'UNKNOWN')) return true;
      if (factors.includes('wrapup') && q.config.wrapuptime > 0 && this.engine.clock.now() - m.lastEndMs < q.config.wrapuptime * 1000) return true;
      return false;
    });
  }

  memberFields(q: QueueState, m: QueueMember, withRinginuse = true): AmiField[] {
    const f: AmiField[] = [
      ['Queue', q.name],
      ['MemberName', m.memberName],
      ['Interface', m.interface],
      ['StateInterface', m.stateInterface],
      ['Membership', m.membership],
      ['Penalty', String(m.penalty)],
      ['CallsTaken', String(m.callsTaken)],
      ['LastCall', String(m.lastCall)],
      ['LastPause', String(m.lastPause)],
      ['LoginTime', String(m.loginTime)],
      ['InCall', m.inCall ? '1' : '0'],
      ['Status', String(DEVICE_STATE_NUM[this.memberDevice(m)])],
      ['Paused', m.paused ? '1' : '0'],
      ['PausedReason', m.pausedReason],
    ];
    if (withRinginuse) f.push(['Ringinuse', q.config.ringinuse ? '1' : '0']);
    f.push(['Wrapuptime', String(q.config.wrapuptime)]);
    return f;
  }

  emitMember(event: string, q: QueueState, m: QueueMember): void {
    this.engine.emit(event, PRIV.agent, this.memberFields(q, m));
  }

  /** A member device changed: QueueMemberStatus per queue, then the queue's availability device. */
  deviceChanged(device: string): void {
    for (const q of this.map.values()) {
      const affected = q.members.filter((m) => m.stateInterface === device);
      for (const m of affected) this.emitMember('QueueMemberStatus', q, m);
      if (affected.length) this.refreshAvail(q);
    }
    this.wake();
  }

  refreshAvail(q: QueueState): void {
    this.engine.devices.set(`Queue:${q.name}_avail`, this.hasAvailable(q) ? 'NOT_INUSE' : 'INUSE');
  }

  /** Lets waiting callers re-check for a free member. */
  wake(): void {
    for (const w of [...this.waiters]) w();
  }

  onWake(fn: () => void): () => void {
    this.waiters.add(fn);
    return () => this.waiters.delete(fn);
  }

  /** QueuePause: one queue or every queue holding the interface. */
  pause(queue: string | undefined, iface: string, paused: boolean, reason: string): void {
    const targets = queue ? [this.map.get(queue)].filter((q): q is QueueState => !!q) : this.all();
    const hits = targets.flatMap((q) => q.members.filter((m) => m.interface.toLowerCase() === iface.toLowerCase()).map((m) => ({ q, m })));
    if (hits.length === 0) throw new EngineError('Interface not found');
    for (const { q, m } of hits) {
      m.paused = paused;
      m.pausedReason = paused ? reason : '';
      if (paused) m.lastPause = Math.floor(this.engine.clock.now() / 1000);
      this.engine.devices.set(`Queue:${q.name}_pause_${m.interface}`, paused ? 'INUSE' : 'NOT_INUSE');
      this.refreshAvail(q);
      this.emitMember('QueueMemberPause', q, m);
    }
    this.wake();
  }

  add(queue: string, iface: string, o: { memberName?: string; stateInterface?: string; penalty?: number; paused?: boolean; reason?: string }): void {
    const q = this.map.get(queue);
    if (!q) throw new EngineError('Unable to add interface to queue: No such queue');
    if (q.members.some((m) => m.interface.toLowerCase() === iface.toLowerCase())) throw new EngineError('Unable to add interface: Already there');
    const m: QueueMember = {
      interface: iface,
      memberName: o.memberName || iface,
      stateInterface: o.stateInterface || iface,
      penalty: o.penalty ?? 0,
      membership: 'dynamic',
      paused: o.paused ?? false,
      pausedReason: o.paused ? (o.reason ?? '') : '',
      lastPause: 0,
      loginTime: Math.floor(this.engine.clock.now() / 1000),
      callsTaken: 0,
      lastCall: 0,
      inCall: false,
      lastEndMs: 0,
      ringing: false,
    };
    q.members.push(m);
    this.engine.devices.set(`Queue:${q.name}_pause_${m.interface}`, m.paused ? 'INUSE' : 'NOT_INUSE');
    this.refreshAvail(q);
    this.emitMember('QueueMemberAdded', q, m);
    this.wake();
  }

  remove(queue: string, iface: string): void {
    const q = this.map.get(queue);
    if (!q) throw new EngineError('Unable to remove interface from queue: No such queue');
    const m = q.members.find((x) => x.interface.toLowerCase() === iface.toLowerCase());
    if (!m) throw new EngineError('Unable to remove interface: Not there');
    if (m.membership !== 'dynamic') throw new EngineError('Unable to remove interface: Member is not dynamic');
    q.members = q.members.filter((x) => x !== m);
    this.emitMember('QueueMemberRemoved', q, m);
    this.refreshAvail(q);
  }

  /** The QUEUE* variables setqueuevar publishes. */
  queueVars(q: QueueState): [string, string][] {
    return [
      ['QUEUENAME', q.name],
      ['QUEUEMAX', String(q.config.maxlen)],
      ['QUEUESTRATEGY', q.config.strategy],
      ['QUEUECALLS', String(q.callers.length)],
      ['QUEUEHOLDTIME', String(q.holdtime)],
      ['QUEUETALKTIME', String(q.talktime)],
      ['QUEUECOMPLETED', String(q.completed)],
      ['QUEUEABANDONED', String(q.abandoned)],
      ['QUEUESRVLEVEL', String(q.config.servicelevel)],
      ['QUEUESRVLEVELPERF', '0.0'],
    ];
  }

  /** app_queue's running averages: new = (3*old + sample) / 4, in whole seconds. */
  recordHold(q: QueueState, seconds: number): void {
    q.holdtime = q.completed + q.abandoned === 0 ? seconds : (3 * q.holdtime + seconds) >> 2;
  }

  recordTalk(q: QueueState, seconds: number): void {
    q.completed += 1;
    q.talktime = q.completed === 1 ? seconds : (3 * q.talktime + seconds) >> 2;
  }
}
