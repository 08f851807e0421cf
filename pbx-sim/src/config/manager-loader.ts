import type { ConfFile } from './conf-parser.js';
import { lastValue } from './conf-parser.js';
import { ConfigError } from './conf-error.js';

/** An AMI account: its secret and the event classes it may read and the action classes it may write. */
export interface AmiUserConfig {
  username: string;
  secret: string;
  read: string[];
  write: string[];
  /** permit/deny networks (`addr/mask`); empty permits everything. */
  permit: string[];
  deny: string[];
}

/** The account Ringside's default configuration uses. */
export const DEFAULT_AMI_USER: AmiUserConfig = { username: 'cti', secret: 'cti-secret', read: ['all'], write: ['all'], permit: [], deny: [] };

/**
 * manager.conf `[general] channelvars`: channel variables every channel event carries as
 * `ChanVariable: NAME=value`. Asterisk also accepts dial-plan functions there; pbx-sim reads
 * variables only and refuses a function rather than leave it out silently.
 */
export function loadManagerChannelVars(conf: ConfFile | undefined): string[] {
  const general = conf?.concrete().find((s) => s.name === 'general');
  const entry = general?.entries.filter((e) => e.key.toLowerCase() === 'channelvars').at(-1);
  if (!entry) return [];
  const names = entry.value.split(',').map((v) => v.trim()).filter(Boolean);
  for (const name of names) {
    if (!/^[A-Za-z0-9_]{1,80}$/.test(name)) throw new ConfigError(entry.file, entry.line, `channelvars: '${name}' is not a channel variable name (pbx-sim does not evaluate functions here)`);
  }
  return names;
}

/** Reads the user sections of manager.conf; every section but [general] is an account. */
export function loadManagerUsers(conf: ConfFile | undefined): AmiUserConfig[] {
  if (!conf) return [DEFAULT_AMI_USER];
  const users: AmiUserConfig[] = [];
  for (const s of conf.concrete()) {
    if (s.name === 'general') continue;
    const secret = lastValue(s, 'secret');
    if (secret === undefined) throw new ConfigError(s.file, s.line, `manager user [${s.name}] has no secret`);
    const list = (v: string | undefined) => (v ?? '').split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
    const nets = (key: string) => s.entries.filter((e) => e.key.toLowerCase() === key).map((e) => e.value.trim());
    for (const net of [...nets('permit'), ...nets('deny')]) {
      if (!/^\d+\.\d+\.\d+\.\d+(\/(\d+|\d+\.\d+\.\d+\.\d+))?$/.test(net)) {
        const e = s.entries.find((x) => x.value.trim() === net)!;
        throw new ConfigError(e.file, e.line, `manager user [${s.name}]: invalid network '${net}'`);
      }
    }
    users.push({ username: s.name, secret, read: list(lastValue(s, 'read')), write: list(lastValue(s, 'write')), permit: nets('permit'), deny: nets('deny') });
  }
  return users;
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, p) => (acc << 8) + Number(p), 0) >>> 0;
}

function inNet(ip: string, net: string): boolean {
  const [addr = '0.0.0.0', mask = '32'] = net.split('/');
  const maskInt = mask.includes('.') ? ipToInt(mask) : Number(mask) === 0 ? 0 : (0xffffffff << (32 - Number(mask))) >>> 0;
  return (ipToInt(ip) & maskInt) === (ipToInt(addr) & maskInt);
}

/** Asterisk's ACL rule order: deny entries, then permit entries; the last match wins. */
export function aclAllows(user: AmiUserConfig, ip: string): boolean {
  const v4 = ip.replace(/^::ffff:/, '');
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(v4)) return user.deny.length === 0;
  let allowed = true;
  for (const d of user.deny) if (inNet(v4, d)) allowed = false;
  for (const p of user.permit) if (inNet(v4, p)) allowed = true;
  return allowed;
}
