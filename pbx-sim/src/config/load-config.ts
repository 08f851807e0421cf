import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseConfFile, type ConfFile } from './conf-parser.js';
import { ConfigError } from './conf-error.js';
import { loadDialplan } from './dialplan-loader.js';
import type { Dialplan } from './dialplan-model.js';
import { loadQueues, type QueueConfig } from './queues-loader.js';
import { loadPjsip, type PjsipConfig } from './pjsip-loader.js';
import { loadManagerChannelVars, loadManagerUsers, type AmiUserConfig } from './manager-loader.js';

/** The configuration pbx-sim runs from, read from an Asterisk config folder. */
export interface PbxConfig {
  dir: string;
  dialplan: Dialplan;
  queues: QueueConfig[];
  pjsip: PjsipConfig;
  /** Raw parsed files by name, for ListCategories / GetConfig. */
  files: Map<string, ConfFile>;
  /** AMI users from manager.conf, or the default `cti` user when the file is absent. */
  amiUsers: AmiUserConfig[];
  /** manager.conf `channelvars`: variables every channel event carries as ChanVariable. */
  managerChannelVars: string[];
}

const REQUIRED = ['extensions.conf', 'queues.conf', 'pjsip.conf'];
const OPTIONAL = ['manager.conf', 'musiconhold.conf', 'features.conf'];

/** Loads extensions.conf, queues.conf and pjsip.conf from a folder; throws ConfigError (file:line) on anything invalid. */
export function loadConfig(dir: string): PbxConfig {
  for (const f of REQUIRED) {
    if (!existsSync(path.join(dir, f))) throw new ConfigError(f, 0, `required file missing in ${dir}`);
  }
  const files = new Map<string, ConfFile>();
  for (const f of [...REQUIRED, ...OPTIONAL]) {
    if (existsSync(path.join(dir, f))) files.set(f, parseConfFile(path.join(dir, f), dir));
  }
  return {
    dir,
    dialplan: loadDialplan(files.get('extensions.conf')!),
    queues: loadQueues(files.get('queues.conf')!),
    pjsip: loadPjsip(files.get('pjsip.conf')!),
    files,
    amiUsers: loadManagerUsers(files.get('manager.conf')),
    managerChannelVars: loadManagerChannelVars(files.get('manager.conf')),
  };
}
