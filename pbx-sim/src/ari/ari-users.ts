import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { lastValue, parseConfFile } from '../config/conf-parser.js';
import { ConfigError } from '../config/conf-error.js';

/** An ari.conf user. */
export interface AriUser {
  name: string;
  password: string;
  readOnly: boolean;
}

/** The parts of ari.conf the ARI layer uses. */
export interface AriConf {
  users: AriUser[];
  /** `[general] channelvars`: variables every channel snapshot carries. */
  channelVars: string[];
  authRealm: string;
}

/** The account used when there is no ari.conf, as pbx-sim's AMI falls back to `cti` without manager.conf. */
export const DEFAULT_ARI_USER: AriUser = { name: 'cti', password: 'cti-secret', readOnly: false };

const yes = (v: string | undefined) => /^(yes|true|y|t|1|on)$/i.test((v ?? '').trim());

/** Reads ari.conf from a config folder; users are `type = user` sections with plain passwords. */
export function loadAriConf(dir: string): AriConf | undefined {
  const file = path.join(dir, 'ari.conf');
  if (!existsSync(file)) return undefined;
  const conf = parseConfFile(file, dir);
  const users: AriUser[] = [];
  let channelVars: string[] = [];
  let authRealm = 'Asterisk REST Interface';
  for (const s of conf.concrete()) {
    if (s.name === 'general') {
      channelVars = (lastValue(s, 'channelvars') ?? '').split(',').map((v) => v.trim()).filter(Boolean);
      authRealm = lastValue(s, 'auth_realm') ?? authRealm;
      continue;
    }
    if (lastValue(s, 'type') !== 'user') continue;
    const password = lastValue(s, 'password');
    if (password === undefined) throw new ConfigError(s.file, s.line, `ARI user [${s.name}] has no password`);
    if ((lastValue(s, 'password_format') ?? 'plain') !== 'plain') {
      throw new ConfigError(s.file, s.line, `ARI user [${s.name}]: only password_format = plain is supported by pbx-sim`);
    }
    users.push({ name: s.name, password, readOnly: yes(lastValue(s, 'read_only')) });
  }
  return { users, channelVars, authRealm };
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** res_ari's authenticate_user: HTTP Basic first, else `?api_key=user:password`. */
export function authenticate(users: AriUser[], req: IncomingMessage, params: URLSearchParams): AriUser | undefined {
  const header = req.headers.authorization;
  let name: string | undefined;
  let password: string | undefined;
  if (header && /^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return undefined;
    name = decoded.slice(0, i);
    password = decoded.slice(i + 1);
  } else {
    const key = [...params.entries()].find(([k]) => k.toLowerCase() === 'api_key')?.[1];
    if (key === undefined) return undefined;
    const i = key.indexOf(':');
    if (i < 0) return undefined;
    name = key.slice(0, i);
    password = key.slice(i + 1);
  }
  const user = users.find((u) => u.name === name);
  return user && same(user.password, password) ? user : undefined;
}
