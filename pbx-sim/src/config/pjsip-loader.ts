import type { ConfFile, ConfSection } from './conf-parser.js';
import { firstValue, lastValue } from './conf-parser.js';
import { ConfigError } from './conf-error.js';

/** A PJSIP endpoint with the aor/auth/transport facts AMI reports. */
export interface EndpointConfig {
  name: string;
  context: string;
  callerIdName: string;
  callerIdNum: string;
  language: string;
  transport: string;
  aors: string;
  auth: string;
  webrtc: boolean;
  dtmfMode: string;
  /** Static contact from the aor (`contact =`); such an endpoint is always reachable. */
  staticContact?: string;
  maxContacts: number;
  removeExisting: boolean;
  defaultExpiration: number;
  password: string;
}

/** A transport section. */
export interface TransportConfig {
  name: string;
  protocol: string;
  bind: string;
  localNet: string;
}

/** Everything pbx-sim takes from pjsip.conf. */
export interface PjsipConfig {
  endpoints: EndpointConfig[];
  transports: TransportConfig[];
}

const KNOWN_TYPES = new Set(['endpoint', 'aor', 'auth', 'transport', 'global', 'system', 'identify', 'registration', 'domain_alias', 'contact', 'acl', 'phoneprov', 'resource_list', 'outbound-publish', 'inbound-publication']);

/** Parses `"Name" <1001>` into its parts. */
export function parseCallerId(text: string): { name: string; num: string } {
  const m = /^\s*(?:"([^"]*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(text);
  if (m) return { name: (m[1] ?? m[2] ?? '').trim(), num: m[3]!.trim() };
  return { name: '', num: text.trim() };
}

/** Reads pjsip.conf: sections sharing a name are told apart by their `type`. */
export function loadPjsip(conf: ConfFile): PjsipConfig {
  const byType = new Map<string, ConfSection[]>();
  for (const s of conf.concrete()) {
    const type = lastValue(s, 'type');
    if (!type) throw new ConfigError(s.file, s.line, `section [${s.name}] has no 'type'`);
    if (!KNOWN_TYPES.has(type)) throw new ConfigError(s.file, s.line, `section [${s.name}]: unknown type '${type}'`);
    byType.set(type, [...(byType.get(type) ?? []), s]);
  }
  const find = (type: string, name: string) => (byType.get(type) ?? []).find((s) => s.name === name);
  const transports: TransportConfig[] = (byType.get('transport') ?? []).map((s) => ({
    name: s.name,
    protocol: lastValue(s, 'protocol') ?? 'udp',
    bind: lastValue(s, 'bind') ?? '0.0.0.0',
    localNet: lastValue(s, 'local_net') ?? '',
  }));
  const endpoints: EndpointConfig[] = (byType.get('endpoint') ?? []).map((s) => {
    const cid = parseCallerId(lastValue(s, 'callerid') ?? '');
    const aors = lastValue(s, 'aors') ?? '';
    const authName = lastValue(s, 'auth') ?? '';
    const transport = lastValue(s, 'transport') ?? '';
    if (transport && !transports.some((t) => t.name === transport)) {
      const e = s.entries.find((x) => x.key === 'transport')!;
      throw new ConfigError(e.file, e.line, `endpoint [${s.name}]: unknown transport '${transport}'`);
    }
    const aor = aors ? find('aor', aors.split(',')[0]!.trim()) : undefined;
    if (aors && !aor) throw new ConfigError(s.file, s.line, `endpoint [${s.name}]: aor '${aors}' not defined`);
    const auth = authName ? find('auth', authName) : undefined;
    if (authName && !auth) throw new ConfigError(s.file, s.line, `endpoint [${s.name}]: auth '${authName}' not defined`);
    const ep: EndpointConfig = {
      name: s.name,
      context: lastValue(s, 'context') ?? 'default',
      callerIdName: cid.name,
      callerIdNum: cid.num || s.name,
      language: lastValue(s, 'language') ?? 'en',
      transport,
      aors,
      auth: authName,
      webrtc: /^(yes|true)$/i.test(lastValue(s, 'webrtc') ?? 'no'),
      dtmfMode: lastValue(s, 'dtmf_mode') ?? 'rfc4733',
      maxContacts: Number(aor ? (lastValue(aor, 'max_contacts') ?? '0') : '0'),
      removeExisting: /^(yes|true)$/i.test(aor ? (lastValue(aor, 'remove_existing') ?? 'no') : 'no'),
      defaultExpiration: Number(aor ? (lastValue(aor, 'default_expiration') ?? '3600') : '3600'),
      password: auth ? (firstValue(auth, 'password') ?? '') : '',
    };
    const contact = aor ? lastValue(aor, 'contact') : undefined;
    if (contact) ep.staticContact = contact;
    return ep;
  });
  return { endpoints, transports };
}
