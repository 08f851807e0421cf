import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cronParser from 'cron-parser';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { RingsideError, isPhoneCountry } from '@ringside/shared';
import type { WebRtcSettings } from './cti/agent-phones.js';

/** express's 'trust proxy' value: whom X-Forwarded-For/-Proto/-Host are believed from. */
export type TrustProxySetting = boolean | number | string[];

/** How one environment variable is documented in .env.example and in errors. */
export interface ConfigKeyDoc {
  description: string;
  /** The default as it would be written in .env; undefined when the key has none. */
  default?: string;
  secret: boolean;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the built agent console is looked for unless CONSOLE_DIR says otherwise. */
export const DEFAULT_CONSOLE_DIR = path.join(repoRoot, 'agent-console', 'dist');
/** The base Asterisk config shipped in this repository, unless PBX_BASE_CONFIG_DIR says otherwise. */
export const DEFAULT_PBX_BASE_CONFIG_DIR = path.join(repoRoot, 'pbx-config', 'asterisk');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0).max(65535, 'must be at most 65535');
const positiveInt = (max: number) => z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(max);
const list = (item: RegExp, hint: string) =>
  z
    .string()
    .transform((v) => v.split(',').map((x) => x.trim()).filter((x) => x !== ''))
    .refine((items) => items.length > 0 && items.every((x) => item.test(x)), { message: `must be a comma-separated list of ${hint}` });
// Origins as browsers send them: scheme://host[:port], nothing after.
// "20/2": 20 commands per 2 seconds. One user's budget, on every node and over socket and REST together.
const budget = z.string().transform((v, ctx) => {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,5})\s*$/.exec(v);
  const points = Number(m?.[1]);
  const seconds = Number(m?.[2]);
  if (!m || points < 1 || seconds < 1) {
    ctx.addIssue({ code: 'custom', message: 'must be COMMANDS/SECONDS such as 20/2' });
    return z.NEVER;
  }
  return { points, seconds };
});

const origins = z
  .string()
  .transform((v) => v.split(',').map((x) => x.trim()).filter((x) => x !== ''))
  .refine((items) => items.length > 0 && items.every((x) => URL.canParse(x) && /^https?:$/.test(new URL(x).protocol) && new URL(x).origin === x), {
    message: 'must be a comma-separated list of origins like https://crm.example.com (scheme, host and port only, no path or trailing slash)',
  });

// What express's 'trust proxy' takes: false, true, a hop count, or addresses/CIDRs/proxy-addr names.
const trustProxy = z.string().transform((v, ctx): TrustProxySetting => {
  if (/^(false|no|0)$/i.test(v)) return false;
  if (/^(true|yes)$/i.test(v)) return true;
  if (/^[0-9]+$/.test(v)) return Number(v);
  const items = v.split(',').map((x) => x.trim()).filter(Boolean);
  try {
    proxyaddr.compile(items);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be false, true, a hop count or a comma-separated list of addresses/CIDRs (10.0.0.0/8, loopback, uniquelocal)' });
    return z.NEVER;
  }
  return items;
});

/** Five cron fields (minute hour day month weekday, UTC), as the job queue's schedules take them. */
const cron = z.string().refine(
  (v) => {
    if (v.split(/\s+/).length !== 5) return false;
    try {
      cronParser.parseExpression(v, { utc: true });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a cron schedule of five fields (minute hour day month weekday), such as "17 * * * *"' },
);
const url = (protocols: RegExp, hint: string) => z.string().refine((v) => protocols.test(v) && URL.canParse(v), { message: `must be a URL like ${hint}` });

// One `ref=value` per space-separated word (another tenant's: `prefix/ref=value`); a value may hold anything but whitespace.
const pbxSecrets = z.string().transform((v, ctx) => {
  const out: Record<string, string> = {};
  for (const word of v.split(/\s+/).filter(Boolean)) {
    const m = /^((?:[a-z][a-z0-9]{1,15}\/)?[A-Za-z0-9_.-]{1,64})=(\S+)$/.exec(word);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `has an entry that is not ref=value (ref: letters, digits, _ . -): '${word.split('=')[0]}'` });
      return z.NEVER;
    }
    out[m[1]!] = m[2]!;
  }
  return out;
});

// STUN/TURN URLs as RTCPeerConnection takes them, space-separated.
const iceUrls = z
  .string()
  .transform((v) => v.split(/\s+/).filter(Boolean))
  .refine((urls) => urls.length > 0 && urls.every((u) => /^(stuns?|turns?):[A-Za-z0-9.[\]:_-]+(\?transport=(udp|tcp))?$/.test(u)), {
    message: 'must be space-separated stun:, stuns:, turn: or turns: URLs (turn:host:3478?transport=udp)',
  });

/**
 * Every environment variable the server reads, with its documentation: this table is the
 * single source of the schema, of .env.example and of the messages a bad value produces.
 */
export const CONFIG_KEYS = {
  NODE_ENV: { description: 'development, test or production; production makes SESSION_SECRET mandatory', default: 'development', secret: false, schema: z.enum(['development', 'test', 'production']) },
  PORT: { description: 'HTTP port the server listens on (0 picks a free one)', default: '3000', secret: false, schema: port },
  HOST: { description: 'Interface to bind', default: '0.0.0.0', secret: false, schema: z.string().min(1) },
  DATABASE_URL: { description: 'PostgreSQL URL (postgres://user:pass@host:5432/db); unset runs the embedded PGlite under DATA_DIR/pglite', secret: true, schema: url(/^postgres(ql)?:\/\//, 'postgres://user:pass@host:5432/ringside') },
  DATA_DIR: { description: 'Folder for local state: the PGlite database and the generated session secret', default: './data', secret: false, schema: z.string().min(1) },
  REDIS_URL: { description: 'Redis URL (redis://host:6379) for the Socket.IO adapter when several nodes run; unset runs a single node', secret: true, schema: url(/^rediss?:\/\//, 'redis://127.0.0.1:6379') },
  REDIS_KEY_PREFIX: { description: 'Prefix of every Redis key and channel Ringside uses (switch lease, failed-login counts, Socket.IO); deployments sharing one Redis need different ones', default: 'ringside', secret: false, schema: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, _ . or -') },
  SESSION_SECRET: { description: 'Key that session tokens are hashed with (at least 32 characters); required in production, generated into DATA_DIR otherwise', secret: true, schema: z.string().min(32, 'must be at least 32 characters') },
  SESSION_TTL_HOURS: { description: 'How long a login session lasts, in hours', default: '12', secret: false, schema: positiveInt(24 * 365) },
  SESSION_PURGE_CRON: { description: 'When expired sessions are deleted: a cron schedule (five fields, UTC) run as a background job by one node', default: '17 * * * *', secret: false, schema: cron },
  DEFAULT_COUNTRY: { description: 'ISO 3166-1 alpha-2 country that phone numbers without a + prefix are read in', default: 'US', secret: false, schema: z.string().transform((v) => v.toUpperCase()).refine(isPhoneCountry, { message: 'must be an ISO 3166-1 alpha-2 country code such as US, GB or DE' }) },
  ALLOWED_ORIGINS: { description: 'Comma-separated origins (https://crm.example.com) besides the server\'s own whose pages may open the console socket and send state-changing API requests; unset: same origin only', secret: false, schema: origins },
  TRUST_PROXY: { description: 'Which reverse proxies are believed about the client (X-Forwarded-For/-Proto/-Host): false, true (any), a hop count, or a comma-separated list of addresses/CIDRs (loopback, 10.0.0.0/8); decides the Secure cookie, HSTS and the server\'s own origin', default: 'false', secret: false, schema: trustProxy },
  LOGIN_RATE_LIMIT: { description: 'Failed logins allowed per username and IP address in 15 minutes before 429; counted across all nodes in Redis when REDIS_URL is set', default: '10', secret: false, schema: positiveInt(10_000) },
  COMMAND_RATE_LIMIT_CALL_CONTROL: { description: 'Call-control commands (answer, transfer, hang up, queue login, ...) one user may send per window, over socket and REST together, as COMMANDS/SECONDS; counted across nodes in Redis when REDIS_URL is set', default: '20/2', secret: false, schema: budget },
  COMMAND_RATE_LIMIT_CRM_WRITE: { description: 'Customer data changes (create, edit, contact points) one user may send per window, as COMMANDS/SECONDS', default: '120/60', secret: false, schema: budget },
  COMMAND_RATE_LIMIT_ADMIN: { description: 'Admin changes (users, dial plan, and any other state-changing API) one user may send per window, as COMMANDS/SECONDS', default: '120/60', secret: false, schema: budget },
  LOGIN_RATE_LIMIT_PER_ADDRESS: { description: 'Failed logins allowed per source address (any usernames) in 15 minutes before 429, so one password sprayed over many usernames is slowed too; the address as TRUST_PROXY resolves it; counted in Redis when REDIS_URL is set', default: '100', secret: false, schema: positiveInt(1_000_000) },
  PBX_MODE: { description: 'simulated (embedded pbx-sim), asterisk (a real switch over AMI/ARI) or none', default: 'simulated', secret: false, schema: z.enum(['simulated', 'asterisk', 'none'], { message: 'must be one of simulated, asterisk, none' }) },
  AMI_HOST: { description: 'Asterisk Manager Interface host (PBX_MODE=asterisk)', default: '127.0.0.1', secret: false, schema: z.string().min(1) },
  AMI_PORT: { description: 'Asterisk Manager Interface port', default: '5038', secret: false, schema: port },
  AMI_USERNAME: { description: 'AMI user from manager.conf', default: 'cti', secret: false, schema: z.string().min(1) },
  AMI_SECRET: { description: 'AMI password from manager.conf (required when PBX_MODE=asterisk)', secret: true, schema: z.string().min(1) },
  ARI_URL: { description: 'Asterisk REST Interface base URL', default: 'http://127.0.0.1:8088', secret: false, schema: url(/^https?:\/\//, 'http://127.0.0.1:8088') },
  ARI_USERNAME: { description: 'ARI user from ari.conf', default: 'cti', secret: false, schema: z.string().min(1) },
  ARI_PASSWORD: { description: 'ARI password from ari.conf (required when PBX_MODE=asterisk)', secret: true, schema: z.string().min(1) },
  ARI_APP: { description: 'Stasis application name the dial plan hands calls to', default: 'cti', secret: false, schema: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -') },
  STASIS_DEFAULT_QUEUE: { description: 'Queue that calls routed by the Stasis app join when its arguments name none (the ringside-queue-<name> context must exist)', default: 'support', secret: false, schema: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be a queue name: letters, digits, _ or -') },
  STASIS_LOOKUP_DEADLINE_MS: { description: 'How long Stasis routing waits for the caller\'s customer record before routing with the default priority', default: '500', secret: false, schema: positiveInt(10_000) },
  PBX_CONFIG_DIR: { description: 'Folder the switch reads its configuration from; publishing a dial plan writes there (default DATA_DIR/asterisk)', secret: false, schema: z.string().min(1) },
  PBX_BASE_CONFIG_DIR: { description: 'Base Asterisk config copied into PBX_CONFIG_DIR with every publish; defaults to pbx-config/asterisk in this repository', secret: false, schema: z.string().min(1) },
  PBX_SECRETS: { description: 'Secrets the dial plan refers to, as "ref=value" pairs separated by spaces ("sip-1001=... ami-cti=..."); those of another tenant carry its switch prefix ("acme/sip-1001=..."); outside production the demo ones fill the gaps', secret: true, schema: pbxSecrets },
  SIP_WS_URL: { description: 'Where agents\' browsers reach the switch\'s SIP over WebSocket (wss://pbx.example.com:8089/ws); agents whose endpoint the dial plan marks WebRTC then get the browser softphone. Unset: every agent uses a desk phone the server drives', secret: false, schema: url(/^wss?:\/\//, 'wss://pbx.example.com:8089/ws') },
  SIP_DOMAIN: { description: 'Host part of the softphones\' SIP URIs (sip:1101@domain); defaults to the host of SIP_WS_URL', secret: false, schema: z.string().regex(/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/, 'must be a host name or IPv4 address') },
  WEBRTC_ICE_SERVERS: { description: 'STUN/TURN servers for the browser softphones, space-separated (stun:stun.example.com:3478 turn:turn.example.com:3478?transport=udp); unset: host candidates only', secret: false, schema: iceUrls },
  WEBRTC_TURN_USERNAME: { description: 'User name for the turn: and turns: servers of WEBRTC_ICE_SERVERS', secret: false, schema: z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1-128 printable characters without spaces') },
  WEBRTC_TURN_SECRET: { description: 'Shared secret of the TURN server\'s REST API (coturn use-auth-secret): each softphone gets credentials of its own, valid 24 h, instead of WEBRTC_TURN_USERNAME/PASSWORD', secret: true, schema: z.string().regex(/^[\x21-\x7e]{16,256}$/, 'must be 16-256 printable characters without spaces') },
  WEBRTC_TURN_PASSWORD: { description: 'Password for the turn: and turns: servers of WEBRTC_ICE_SERVERS', secret: true, schema: z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1-128 printable characters without spaces') },
  SIM_CALLS_PER_SECOND: { description: 'PBX_MODE=simulated: demo callers arriving per second (Poisson); 0 turns demo traffic off', default: '0.05', secret: false, schema: z.coerce.number({ message: 'must be a number' }).min(0, 'must be at least 0').max(100, 'must be at most 100') },
  SIM_AUTO_ANSWER_MS: { description: 'PBX_MODE=simulated: agents\' simulated phones pick up after ringing this long; 0 waits for the console', default: '3000', secret: false, schema: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0).max(600_000) },
  SIM_AMI_PORT: { description: 'PBX_MODE=simulated: loopback port of the embedded switch\'s AMI (0 picks a free one)', default: '0', secret: false, schema: port },
  SIM_HTTP_PORT: { description: 'PBX_MODE=simulated: loopback port of the embedded switch\'s ARI/HTTP (0 picks a free one)', default: '0', secret: false, schema: port },
  SIM_CONTROL_PORT: { description: 'PBX_MODE=simulated: loopback port of the simulator\'s control API for placing test calls (0 picks a free one; printed at start)', default: '0', secret: false, schema: port },
  POP_DEADLINE_MS: { description: 'How long a screen pop waits for the customer record before it goes out without it (the record follows)', default: '150', secret: false, schema: positiveInt(10_000) },
  QUEUE_UPDATE_INTERVAL_MS: { description: 'Queue figures reach agents\' consoles at most this often (ms), each update carrying the latest values; 0 sends every change at once. Agents\' own state and screen pops are never delayed', default: '1000', secret: false, schema: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0).max(60_000) },
  WRAP_UP_SECONDS: { description: 'Wrap-up time after each call, in seconds, for queues that do not set their own', default: '30', secret: false, schema: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0).max(3600) },
  AGENT_AWAY_LOGOUT_SECONDS: { description: 'When an agent\'s last console closes, they are signed out (paused in every queue with reason "Logged out") after this many seconds unless a console reconnects; 0 never signs them out', default: '120', secret: false, schema: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0).max(86_400) },
  SERVICE_LEVEL_SECONDS: { description: 'Service-level threshold in seconds for queues that do not set their own', default: '20', secret: false, schema: positiveInt(3600) },
  PAUSE_REASONS: { description: 'Comma-separated pause reasons agents choose from', default: 'Break,Lunch,Meeting,Training,Back office', secret: false, schema: list(/^[A-Za-z0-9 _./-]{1,40}$/, 'letters, digits, spaces and _ . / - (at most 40 each)') },
  DISPOSITIONS: { description: 'Comma-separated disposition codes offered in wrap-up', default: 'resolved,callback,sale,no-answer,escalated,information', secret: false, schema: list(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ or - (at most 40 each)') },
  SEED_DEMO: { description: 'Seed demo users and 500 customers when the database is empty', default: 'true', secret: false, schema: bool },
  CONSOLE_DIR: { description: 'Folder of the built agent console served at /; defaults to agent-console/dist in this repository', secret: false, schema: z.string().min(1) },
  LOG_LEVEL: { description: 'debug, info, warn, error or silent', default: 'info', secret: false, schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']) },
} satisfies Record<string, ConfigKeyDoc & { schema: z.ZodType }>;

export type ConfigKey = keyof typeof CONFIG_KEYS;
type Raw = { [K in ConfigKey]: z.output<(typeof CONFIG_KEYS)[K]['schema']> };

function buildEnvSchema() {
  const shape = {} as Record<ConfigKey, z.ZodType>;
  for (const [key, doc] of Object.entries(CONFIG_KEYS) as [ConfigKey, ConfigKeyDoc & { schema: z.ZodType }][]) {
    shape[key] = doc.default === undefined ? doc.schema.optional() : doc.schema.default(doc.schema.parse(doc.default) as never);
  }
  return z.object(shape).superRefine((env, ctx) => {
    const e = env as Partial<Raw>;
    if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production (at least 32 characters)' });
    }
    if (!e.SIP_WS_URL) {
      for (const key of ['SIP_DOMAIN', 'WEBRTC_ICE_SERVERS'] as const) {
        if (e[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'has no effect without SIP_WS_URL (browser softphones are off)' });
      }
    }
    const turn = (e.WEBRTC_ICE_SERVERS ?? []).some((u) => u.startsWith('turn'));
    if (e.WEBRTC_TURN_SECRET && (e.WEBRTC_TURN_USERNAME || e.WEBRTC_TURN_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: ['WEBRTC_TURN_SECRET'], message: 'replaces WEBRTC_TURN_USERNAME and WEBRTC_TURN_PASSWORD: set one or the other' });
    } else if (turn && !e.WEBRTC_TURN_SECRET && (!e.WEBRTC_TURN_USERNAME || !e.WEBRTC_TURN_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: [e.WEBRTC_TURN_USERNAME ? 'WEBRTC_TURN_PASSWORD' : 'WEBRTC_TURN_USERNAME'], message: 'is required when WEBRTC_ICE_SERVERS lists a turn: or turns: server (or set WEBRTC_TURN_SECRET)' });
    }
    if (e.PBX_MODE === 'asterisk') {
      for (const key of ['AMI_SECRET', 'ARI_PASSWORD'] as const) {
        if (!e[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when PBX_MODE=asterisk' });
      }
    }
  });
}

/** The zod schema over process.env, built from CONFIG_KEYS. */
export const envSchema = buildEnvSchema();

/** The typed configuration the composition root hands out. */
export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  pgliteDir: string;
  redisUrl: string | null;
  redisKeyPrefix: string;
  /** null: generate one and keep it in DATA_DIR (see resolveSessionSecret). */
  sessionSecret: string | null;
  sessionTtlHours: number;
  /** Cron schedule (UTC) of the session purge job. */
  sessionPurgeCron: string;
  defaultCountry: string;
  loginRateLimit: number;
  loginRateLimitPerAddress: number;
  /** Per-user budgets of state-changing commands by class (server/src/auth/command-limits.ts). */
  commandBudgets: { 'call-control': { points: number; seconds: number }; 'crm-write': { points: number; seconds: number }; admin: { points: number; seconds: number } };
  /** Origins besides the server's own allowed to send state-changing requests and open sockets. */
  allowedOrigins: string[];
  trustProxy: TrustProxySetting;
  pbxMode: 'simulated' | 'asterisk' | 'none';
  ami: { host: string; port: number; username: string; secret: string | null };
  ari: { url: string; username: string; password: string | null; app: string };
  /** Ringside-controlled routing of calls the dial plan hands to the Stasis app. */
  stasis: { defaultQueue: string; lookupDeadlineMs: number };
  /** Dial-plan publishing: where the switch's config lives, the base copied in, the secrets rendered in. */
  pbxConfigDir: string;
  pbxBaseConfigDir: string;
  pbxSecrets: Readonly<Record<string, string>>;
  sim: { callsPerSecond: number; autoAnswerMs: number; amiPort: number; httpPort: number; controlPort: number };
  /** Browser softphones for WebRTC endpoints; null: every agent has a desk phone. */
  webrtc: WebRtcSettings | null;
  cti: { popDeadlineMs: number; queueUpdateIntervalMs: number; wrapUpSeconds: number; serviceLevelSeconds: number; pauseReasons: string[]; dispositions: string[]; awayLogoutSeconds: number };
  seedDemo: boolean;
  consoleDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

/**
 * Parses the environment once. Pure apart from resolving relative folders against the
 * working directory; a bad value throws CONFIG_INVALID naming every bad key.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(CONFIG_KEYS)) {
    const value = env[key];
    // An empty assignment in a .env file (KEY=) means "not set", not "set to the empty string".
    if (value !== undefined && value.trim() !== '') input[key] = value.trim();
  }
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '(environment)');
      const doc = (CONFIG_KEYS as Record<string, ConfigKeyDoc>)[key];
      const shown = doc && !doc.secret && input[key] !== undefined ? ` (got "${input[key]}")` : '';
      return `${key} ${i.message}${shown}`;
    });
    throw new RingsideError('CONFIG_INVALID', `invalid configuration: ${problems.join('; ')}`, parsed.error.issues.map((i, n) => ({ path: String(i.path[0] ?? ''), message: problems[n] ?? i.message })));
  }
  const r = parsed.data as Raw;
  const dataDir = path.resolve(r.DATA_DIR);
  return {
    env: r.NODE_ENV,
    port: r.PORT,
    host: r.HOST,
    databaseUrl: r.DATABASE_URL ?? null,
    dataDir,
    pgliteDir: path.join(dataDir, 'pglite'),
    redisUrl: r.REDIS_URL ?? null,
    redisKeyPrefix: r.REDIS_KEY_PREFIX,
    sessionSecret: r.SESSION_SECRET ?? null,
    sessionTtlHours: r.SESSION_TTL_HOURS,
    sessionPurgeCron: r.SESSION_PURGE_CRON,
    defaultCountry: r.DEFAULT_COUNTRY,
    loginRateLimit: r.LOGIN_RATE_LIMIT,
    loginRateLimitPerAddress: r.LOGIN_RATE_LIMIT_PER_ADDRESS,
    commandBudgets: { 'call-control': r.COMMAND_RATE_LIMIT_CALL_CONTROL, 'crm-write': r.COMMAND_RATE_LIMIT_CRM_WRITE, admin: r.COMMAND_RATE_LIMIT_ADMIN },
    allowedOrigins: r.ALLOWED_ORIGINS ?? [],
    trustProxy: r.TRUST_PROXY,
    pbxMode: r.PBX_MODE,
    ami: { host: r.AMI_HOST, port: r.AMI_PORT, username: r.AMI_USERNAME, secret: r.AMI_SECRET ?? null },
    ari: { url: r.ARI_URL, username: r.ARI_USERNAME, password: r.ARI_PASSWORD ?? null, app: r.ARI_APP },
    stasis: { defaultQueue: r.STASIS_DEFAULT_QUEUE, lookupDeadlineMs: r.STASIS_LOOKUP_DEADLINE_MS },
    pbxConfigDir: path.resolve(r.PBX_CONFIG_DIR ?? path.join(dataDir, 'asterisk')),
    pbxBaseConfigDir: path.resolve(r.PBX_BASE_CONFIG_DIR ?? DEFAULT_PBX_BASE_CONFIG_DIR),
    pbxSecrets: r.PBX_SECRETS ?? {},
    sim: { callsPerSecond: r.SIM_CALLS_PER_SECOND, autoAnswerMs: r.SIM_AUTO_ANSWER_MS, amiPort: r.SIM_AMI_PORT, httpPort: r.SIM_HTTP_PORT, controlPort: r.SIM_CONTROL_PORT },
    webrtc: r.SIP_WS_URL ? webrtcSettings(r) : null,
    cti: { popDeadlineMs: r.POP_DEADLINE_MS, queueUpdateIntervalMs: r.QUEUE_UPDATE_INTERVAL_MS, wrapUpSeconds: r.WRAP_UP_SECONDS, serviceLevelSeconds: r.SERVICE_LEVEL_SECONDS, pauseReasons: r.PAUSE_REASONS, dispositions: r.DISPOSITIONS, awayLogoutSeconds: r.AGENT_AWAY_LOGOUT_SECONDS },
    seedDemo: r.SEED_DEMO,
    consoleDir: path.resolve(r.CONSOLE_DIR ?? DEFAULT_CONSOLE_DIR),
    logLevel: r.LOG_LEVEL,
  };
}

function webrtcSettings(r: Raw): WebRtcSettings {
  const wsUri = r.SIP_WS_URL as string;
  const secret = r.WEBRTC_TURN_SECRET;
  // With a TURN REST secret the credentials are made per agent when their snapshot is built.
  const credentials = secret ? {} : { username: r.WEBRTC_TURN_USERNAME ?? '', credential: r.WEBRTC_TURN_PASSWORD ?? '' };
  return {
    wsUri,
    domain: r.SIP_DOMAIN ?? new URL(wsUri).hostname,
    iceServers: (r.WEBRTC_ICE_SERVERS ?? []).map((urls) => (urls.startsWith('turn') ? { urls, ...credentials } : { urls })),
    ...(secret ? { turnSecret: secret } : {}),
  };
}
