import type { Channel } from './channel.js';
import type { Engine } from './engine.js';
import { bridgeFields, channelFields, PRIV } from './event-fields.js';
import { EngineError } from './types.js';

/** Sends a channel elsewhere in the dial plan: its running app is interrupted, or a runner starts. */
export function asyncGoto(engine: Engine, ch: Channel, context: string, exten: string, priority: number): void {
  if (ch.hasRunner) {
    ch.interrupt('goto', { context, exten, priority });
    return;
  }
  if (ch.bridgeId) engine.bridges.leave(ch, undefined, { kick: false });
  ch.context = context;
  ch.exten = exten;
  ch.priority = priority;
  void engine.startDialplan(ch);
}

function resolveTarget(engine: Engine, context: string, exten: string, priority: string): number {
  if (!engine.lookup.findExtension(context, exten)) throw new EngineError('Extension does not exist.');
  const prio = engine.lookup.resolvePriority(context, exten, priority || '1');
  if (prio === undefined) throw new EngineError('Invalid priority');
  return prio;
}

/** AMI Redirect: no transfer event; a queue caller's AgentComplete comes only when it hangs up. */
export function redirect(engine: Engine, ch: Channel, context: string, exten: string, priority: string, extra?: Channel): void {
  const prio = resolveTarget(engine, context, exten, priority);
  const targets = extra ? [ch, extra] : [ch];
  for (const c of targets) asyncGoto(engine, c, context, exten, prio);
}

/** AMI BlindTransfer of the transferer's bridge peer to exten@context (IsExternal: Yes). */
export function blindTransfer(engine: Engine, transferer: Channel, exten: string, context?: string): void {
  const ctx = context || transferer.context;
  const bridge = transferer.bridgeId ? engine.bridges.get(transferer.bridgeId) : undefined;
  const transferee = engine.bridges.peerOf(transferer);
  if (!bridge || !transferee) throw new EngineError('Transfer invalid');
  const prio = resolveTarget(engine, ctx, exten, '1');
  engine.emitChannel('Unhold', PRIV.call, transferer);
  engine.setVar(transferee, 'BLINDTRANSFER', transferer.name);
  engine.setVar(transferer, 'BLINDTRANSFER', transferee.name);
  transferee.transferPending = 'blind';
  engine.bridges.leave(
    transferer,
    () =>
      engine.emit(
        'BlindTransfer',
        PRIV.call,
        [['Result', 'Success'], ...channelFields(transferer, 'Transferer'), ...channelFields(transferee, 'Transferee'), ...bridgeFields(bridge), ['IsExternal', 'Yes'], ['Context', ctx], ['Extension', exten]],
        { channelId: transferer.id, peerChannelId: transferee.id, bridgeId: bridge.id },
      ),
    { clearPeers: false, kick: false },
  );
  asyncGoto(engine, transferee, ctx, exten, prio);
  // The transferer's BYE is processed after the transferee's app has reported the transfer.
  engine.clock.setTimeout(() => engine.destroyChannel(transferer, 16), 0);
}
