import { ChannelInterrupt, type Channel } from '../engine/channel.js';
import type { AppContext, AppFn, AppResult } from '../engine/apps/app-types.js';
import { PRIV } from '../engine/event-fields.js';
import type { AriCore, ContinueTarget, StasisControl } from './ari-core.js';
import { leaveStasisBridge } from './stasis-bridges.js';

/**
 * app_stasis: STASISSTATUS is cleared, the channel joins the app (StasisStart) and waits there
 * until the app continues it, moves it elsewhere (AMI Redirect) or it hangs up. An app without a
 * connected WebSocket fails the application (STASISSTATUS=FAILED) and the dial plan goes on.
 */
export function createStasisApp(core: AriCore): AppFn {
  return async (ctx: AppContext): Promise<AppResult> => {
    const { engine, ch, args } = ctx;
    engine.setVar(ch, 'STASISSTATUS', '');
    const [name = '', ...rest] = args;
    const app = name ? core.apps.get(name) : undefined;
    if (!app?.active) {
      engine.log('warn', `${ch.name}: Stasis app '${name}' doesn't exist`);
      engine.setVar(ch, 'STASISSTATUS', 'FAILED');
      return;
    }
    return runInStasis(core, ch, name, rest, ch.hasRunner);
  };
}

/**
 * Keeps a channel in the app until released. `fromDialplan` channels end like a PBX thread: after
 * an ARI hang-up the PBX requests the hang-up once more with the hang-up cause (Cause 16 on AMI).
 */
export async function runInStasis(core: AriCore, ch: Channel, appName: string, args: string[], fromDialplan: boolean): Promise<AppResult> {
  const engine = core.engine;
  const app = core.app(appName);
  const control: StasisControl = { ch, app, args, release: undefined, muted: new Set(), playQueue: [] };
  core.controls.set(ch.id, control);
  app.stasisChannels.add(ch.id);
  core.publish('StasisStart', { args, channel: core.channelJson(ch) }, { onlyApp: app });
  let target: ContinueTarget | undefined;
  try {
    target = await ch.waitFor<ContinueTarget | undefined>((resolve) => {
      control.release = resolve;
      return () => {
        control.release = undefined;
      };
    });
  } catch (e) {
    if (!(e instanceof ChannelInterrupt)) throw e;
    leaveStasis(core, control);
    engine.setVar(ch, 'STASISSTATUS', 'SUCCESS');
    if (e.kind === 'goto') throw e;
    if (fromDialplan && !ch.remoteEnded && !ch.gone) engine.emitChannel('SoftHangupRequest', PRIV.call, ch, [['Cause', String(ch.hangupCause || 16)]]);
    return 'hangup';
  }
  leaveStasis(core, control);
  engine.setVar(ch, 'STASISSTATUS', 'SUCCESS');
  if (!target) return;
  ch.context = target.context;
  ch.exten = target.exten;
  ch.priority = target.priority;
  return 'jumped';
}

function leaveStasis(core: AriCore, control: StasisControl): void {
  const { ch, app } = control;
  core.stasisLeaving(control);
  if (ch.bridgeId) leaveStasisBridge(core, ch);
  core.publish('StasisEnd', { channel: core.channelJson(ch) }, { onlyApp: app });
  app.stasisChannels.delete(ch.id);
  core.controls.delete(ch.id);
}

/** Installs the ARI-backed Stasis application; returns the function that puts the previous one back. */
export function installStasisApp(core: AriCore): () => void {
  const apps = core.engine.apps;
  const previous = apps.get('stasis');
  apps.set('stasis', createStasisApp(core));
  return () => {
    if (previous) apps.set('stasis', previous);
    else apps.delete('stasis');
  };
}
