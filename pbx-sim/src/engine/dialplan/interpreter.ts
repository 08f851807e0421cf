import { splitTopLevel } from '../../config/dialplan-loader.js';
import { ChannelInterrupt, type Channel } from '../channel.js';
import type { Engine } from '../engine.js';
import { PRIV } from '../event-fields.js';
import { channelScope } from './scope.js';
import { substitute } from './substitute.js';

/** Moves a channel to a dial-plan location, resolving labels; false when the target does not exist. */
export function setLocation(engine: Engine, ch: Channel, context: string, exten: string, priority: string | number): boolean {
  const prio = engine.lookup.resolvePriority(context, exten, String(priority));
  if (prio === undefined) return false;
  ch.context = context;
  ch.exten = exten;
  ch.priority = prio;
  return true;
}

/** Parses `[[context,]exten,]priority` relative to the channel's location. */
export function parseGotoTarget(ch: Channel, text: string): { context: string; exten: string; priority: string } {
  const parts = splitTopLevel(text).map((p) => p.trim());
  if (parts.length >= 3) return { context: parts[0]!, exten: parts[1]!, priority: parts[2]! };
  if (parts.length === 2) return { context: ch.context, exten: parts[0]!, priority: parts[1]! };
  return { context: ch.context, exten: ch.exten, priority: parts[0] ?? '1' };
}

/**
 * Runs the dial plan for a channel until it hangs up. Anything the dial plan asks for that
 * pbx-sim cannot do is a loud failure: logged, and the channel hung up with the reason.
 */
export async function runDialplan(engine: Engine, ch: Channel): Promise<void> {
  ch.hasRunner = true;
  // pbx_exec restores the channel's application after each one returns, so a channel whose
  // dial plan ends is back to what it ran before (none for an inbound call, AppDial2 for an
  // Originate leg): ARI's ChannelDestroyed shows that (ari-a-queue-answer, ari-d-click-to-dial),
  // while the variables set as it hangs up still show the last application.
  const outer = { appl: ch.appl, data: ch.data };
  let suppressNextNewexten = false;
  try {
    for (;;) {
      if (ch.softHangup || ch.gone) break;
      const step = engine.lookup.findStep(ch.context, ch.exten, ch.priority);
      if (!step) {
        const extExists = engine.lookup.findExtension(ch.context, ch.exten) !== undefined;
        if (!extExists && ch.exten !== 'i' && engine.lookup.findExtension(ch.context, 'i')) {
          engine.setVar(ch, 'INVALID_EXTEN', ch.exten);
          ch.exten = 'i';
          ch.priority = 1;
          continue;
        }
        if (!extExists) engine.log('warn', `${ch.name}: no extension '${ch.exten}' in context '${ch.context}'; hanging up`);
        break;
      }
      const scope = channelScope(engine, ch);
      const data = substitute(step.appData, scope);
      const app = engine.apps.get(step.app.toLowerCase());
      if (!suppressNextNewexten) {
        ch.appl = step.app;
        ch.data = data;
        engine.emitChannel('Newexten', PRIV.dialplan, ch, [['Extension', ch.exten], ['Application', step.app], ['AppData', data]]);
      }
      suppressNextNewexten = false;
      ch.appl = step.app;
      ch.data = data;
      if (!app) {
        const reason = `application '${step.app}' (${step.file}:${step.line}) is not supported by pbx-sim; hanging up ${ch.name}`;
        engine.log('error', reason);
        engine.setVar(ch, 'PBXSIM_UNSUPPORTED', step.app);
        ch.failure = reason;
        break;
      }
      const before = { context: ch.context, exten: ch.exten, priority: ch.priority };
      try {
        ch.runningApp = step.app;
        const result = await app({ engine, ch, data, args: splitTopLevel(data) });
        ch.runningApp = undefined;
        if (result === 'hangup') break;
        const moved = ch.context !== before.context || ch.exten !== before.exten || ch.priority !== before.priority;
        if (result !== 'jumped' && !moved) ch.priority += 1;
      } catch (e) {
        ch.runningApp = undefined;
        if (e instanceof ChannelInterrupt && e.kind === 'goto' && e.target && !ch.softHangup) {
          ch.context = e.target.context;
          ch.exten = e.target.exten;
          ch.priority = e.target.priority;
          suppressNextNewexten = ch.staleNewextenSent;
          ch.staleNewextenSent = false;
          continue;
        }
        if (e instanceof ChannelInterrupt) break;
        engine.log('error', `${ch.name}: ${step.app} failed: ${e instanceof Error ? e.message : String(e)}`);
        break;
      }
    }
  } finally {
    ch.hasRunner = false;
    finishDialplanChannel(engine, ch, outer);
  }
}

/** End of the dial plan: the far end's BYE becomes SoftHangupRequest now, then Hangup. */
function finishDialplanChannel(engine: Engine, ch: Channel, outer: { appl: string; data: string }): void {
  if (ch.gone) return;
  if (ch.pendingSoftHangupCause !== undefined) engine.emitChannel('SoftHangupRequest', PRIV.call, ch, [['Cause', String(ch.pendingSoftHangupCause)]]);
  else if (ch.remoteEnded) engine.emitChannel('SoftHangupRequest', PRIV.call, ch, [['Cause', '16']]);
  ch.applAfterDialplan = outer;
  engine.destroyChannel(ch);
}
