import path from 'node:path';
import { startPbxSim, TrafficGenerator, type PbxSim } from '@ringside/pbx-sim';
import type { Config } from './config.js';
import { DEMO_CALLERS, DEMO_TRAFFIC_TARGETS } from './db/seed.js';
import type { Logger } from './logger.js';
import type { PbxConnectionState } from '@ringside/shared';
import { AmiClient, AmiPbx } from './pbx/ami/index.js';
import { AriClient } from './pbx/ari/index.js';

/** The switch side of the composition root: the AMI connection and, in simulated mode, the embedded switch. */
export interface PbxRuntime {
  mode: Config['pbxMode'];
  /** null when PBX_MODE=none. */
  ami: AmiClient | null;
  pbx: AmiPbx | null;
  /** ARI events + REST for the Stasis app (ARI_APP); null when PBX_MODE=none. Started by main.ts with its router. */
  ari: AriClient | null;
  /** The embedded switch in simulated mode. */
  sim: PbxSim | null;
  /** Starts demo traffic once everything listening for it is up. */
  startTraffic(): void;
  stop(): Promise<void>;
}

// pbx-sim's own demo account: the simulated switch is private to this process, on loopback.
const SIM_USER = { username: 'cti', secret: 'cti-secret' };

/**
 * Builds the AMI client for the configured switch. In simulated mode it first starts pbx-sim on
 * loopback (AMI, ARI and the control API) so `npm start` needs no Asterisk.
 */
export async function startPbxRuntime(config: Config, logger: Logger): Promise<PbxRuntime> {
  if (config.pbxMode === 'none') {
    return { mode: 'none', ami: null, pbx: null, sim: null, ari: null, startTraffic: () => undefined, stop: async () => undefined };
  }
  let sim: PbxSim | null = null;
  let traffic: TrafficGenerator | null = null;
  let ami: AmiClient;
  let ari: AriClient;
  if (config.pbxMode === 'simulated') {
    sim = await startPbxSim({
      host: '127.0.0.1',
      configDir: config.pbxConfigDir,
      amiPort: config.sim.amiPort,
      httpPort: config.sim.httpPort,
      controlPort: config.sim.controlPort,
      engine: {
        autoAnswerMs: config.sim.autoAnswerMs > 0 ? config.sim.autoAnswerMs : undefined,
        recordingDir: path.join(config.dataDir, 'recordings'),
        log: (level, message) => logger[level](`pbx-sim: ${message}`),
      },
    });
    logger.info('embedded pbx-sim started', { amiPort: sim.amiPort, httpPort: sim.httpPort, controlPort: sim.controlPort });
    ami = new AmiClient({ host: '127.0.0.1', port: sim.amiPort, ...SIM_USER });
    // ARI: pbx-sim serves it on its HTTP port, like Asterisk's http.conf.
    ari = new AriClient({ url: `http://127.0.0.1:${sim.httpPort}`, username: SIM_USER.username, password: SIM_USER.secret, app: config.ari.app });
  } else {
    ami = new AmiClient({ host: config.ami.host, port: config.ami.port, username: config.ami.username, secret: config.ami.secret ?? '' });
    ari = new AriClient({ url: config.ari.url, username: config.ari.username, password: config.ari.password ?? '', app: config.ari.app });
  }
  const pbx = new AmiPbx(ami, { defaultCountry: config.defaultCountry, queueExtensions: { support: '*1' }, logger });
  const simRef = sim;
  return {
    mode: config.pbxMode,
    ami,
    pbx,
    sim,
    ari,
    startTraffic() {
      if (!simRef || config.sim.callsPerSecond <= 0 || traffic) return;
      traffic = new TrafficGenerator(simRef.engine);
      // Demo callers are the seeded known numbers plus strangers, so the demo shows every kind of pop.
      const strangers = ['+14155559001', '+14155559002', '+442079460000', '+4930901820'];
      // Each seeded tenant's main number the switch routes (acme's only once its plan is live there).
      const targets = DEMO_TRAFFIC_TARGETS.filter((t) => simRef.engine.lookup.findExtension('ringside-inbound', t.exten));
      traffic.start({ callerNumbers: [...Object.values(DEMO_CALLERS), ...strangers], callsPerSecond: config.sim.callsPerSecond, ivrMix: { '1': 0.6, '2': 0.3 }, targets, talk: { meanMs: 45_000, minMs: 10_000, maxMs: 180_000 }, patience: { meanMs: 60_000, minMs: 15_000 } });
      logger.info('demo traffic started', { callsPerSecond: config.sim.callsPerSecond });
    },
    async stop() {
      traffic?.stop();
      await ari.stop();
      await sim?.stop();
    },
  };
}

const STATE_RANK: Record<PbxConnectionState, number> = { disabled: 0, connected: 1, connecting: 2, disconnected: 3 };

/** The switch is only as ready as its worst connection (AMI and ARI); a disabled one does not count. */
export function worstPbxState(...states: (PbxConnectionState | undefined)[]): PbxConnectionState {
  return states.reduce<PbxConnectionState>((worst, s) => (s !== undefined && STATE_RANK[s] > STATE_RANK[worst] ? s : worst), 'disabled');
}
