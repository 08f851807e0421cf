import { startPbxSim, type PbxSim } from '@ringside/pbx-sim';
import type { AmiConnectionOptions } from '../ami-connection.js';

/** Starts pbx-sim in-process with its demo configuration, AMI on `amiPort` (0: any free port). */
export function startSim(amiPort = 0): Promise<PbxSim> {
  return startPbxSim({ amiPort, httpPort: 0 });
}

/** Login options for the demo configuration's AMI user. */
export function simLogin(port: number, overrides: Partial<AmiConnectionOptions> = {}): AmiConnectionOptions {
  return { host: '127.0.0.1', port, username: 'cti', secret: 'cti-secret', ...overrides };
}
