import path from 'node:path';
import { startPbxSim, TrafficGenerator, type PbxSim } from '@ringside/pbx-sim';
import type { Config } from './config.js';
import { DEMO_CALLERS } from './db/seed.js';
import type { Logger } from './logger.js';
import { AmiClient, AmiPbx } from './pbx/ami/index.js';

/** The switch side of the composition root: the AMI connection and, in simulated mode, the embedded switch. */
export interface PbxRuntime {
  mode: Config['pbxMode'];
  /** null when PBX_MODE=none. */
  ami: AmiClient | null;
  pbx: AmiPbx | null;
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
    return { mode: 'none', ami: null, pbx: null, sim: null, startTraffic: () => undefined, stop: async () => undefined };
  }
  let sim: PbxSim | null = null;
  let traffic: TrafficGenerator | null = null;
  let ami: AmiClient;
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
  } else {
    ami = new AmiClient({ host: config.ami.host, port: config.ami.port, username: config.ami.username, secret: config.ami.secret ?? '' });
  }
  const pbx = new AmiPbx(ami, { defaultCountry: config.defaultCountry, queueExtensions: { support: '*1' } });
  const simRef = sim;
  return {
    mode: config.pbxMode,
    ami,
    pbx,
    sim,
    startTraffic() {
      if (!simRef || config.sim.callsPerSecond <= 0 || traffic) return;
      traffic = new TrafficGenerator(simRef.engine);
      // Demo callers are the seeded known numbers plus strangers, so the demo shows every kind of pop.
      const strangers = ['+14155559001', '+14155559002', '+442079460000', '+4930901820'];
      traffic.start({ callerNumbers: [...Object.values(DEMO_CALLERS), ...strangers], callsPerSecond: config.sim.callsPerSecond, ivrMix: { '1': 0.6, '2': 0.3 }, talk: { meanMs: 45_000, minMs: 10_000, maxMs: 180_000 }, patience: { meanMs: 60_000, minMs: 15_000 } });
      logger.info('demo traffic started', { callsPerSecond: config.sim.callsPerSecond });
    },
    async stop() {
      traffic?.stop();
      await sim?.stop();
    },
  };
}
