import { channelFields, PRIV } from '../event-fields.js';
import { startMixMonitor, stopMixMonitor } from '../recording.js';
import type { AppFn } from './app-types.js';
import { UnsupportedUse } from './app-types.js';

export const featureApps: Record<string, AppFn> = {
  /** Hands the channel to an ARI application; without one registered Asterisk fails the app. */
  async stasis({ engine, ch, args }) {
    const [app = '', ...rest] = args;
    const handler = engine.stasisApps.get(app);
    if (!handler) {
      engine.log('warn', `${ch.name}: Stasis app '${app}' not registered`);
      engine.setVar(ch, 'STASISSTATUS', 'FAILED');
      return;
    }
    await ch.waitFor<void>((resolve) => {
      void handler(ch, rest).then(resolve, resolve);
      return () => undefined;
    });
    engine.setVar(ch, 'STASISSTATUS', 'SUCCESS');
  },
  async mixmonitor({ engine, ch, args }) {
    startMixMonitor(engine, ch, args[0] ?? '');
  },
  async stopmixmonitor({ engine, ch }) {
    stopMixMonitor(engine, ch);
  },
  /** ChanSpy(PJSIP/1001[,options]): listens to the first channel whose name starts with the prefix. */
  async chanspy({ engine, ch, args }) {
    const prefix = args[0] ?? '';
    const spyee = engine.listChannels().find((c) => c !== ch && c.name.startsWith(prefix) && c.isUp);
    if (!ch.isUp) engine.answer(ch);
    if (!spyee) {
      if ((args[1] ?? '').includes('E')) return 'hangup';
      await ch.sleep(1000);
      return;
    }
    const fields = () => [...channelFields(ch, 'Spyer'), ...channelFields(spyee, 'Spyee')];
    engine.emit('ChanSpyStart', PRIV.call, fields(), { channelId: ch.id, peerChannelId: spyee.id });
    engine.bridges.audiohookChanged(spyee);
    try {
      await Promise.race([
        spyee.ended,
        ch.waitFor<void>(() => () => undefined),
      ]);
    } finally {
      if (!ch.gone) engine.emit('ChanSpyStop', PRIV.call, fields(), { channelId: ch.id, peerChannelId: spyee.id });
    }
    // The E option hangs the spy up when the spied-on channel goes away.
    return (args[1] ?? '').includes('E') ? 'hangup' : undefined;
  },
  async agi() {
    throw new UnsupportedUse('AGI is not simulated');
  },
};
