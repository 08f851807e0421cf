import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { RingsideError, isPhoneCountry } from '@ringside/shared';

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

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0).max(65535, 'must be at most 65535');
const positiveInt = (max: number) => z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(max);
const url = (protocols: RegExp, hint: string) => z.string().refine((v) => protocols.test(v) && URL.canParse(v), { message: `must be a URL like ${hint}` });

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
  SESSION_SECRET: { description: 'Key that session tokens are hashed with (at least 32 characters); required in production, generated into DATA_DIR otherwise', secret: true, schema: z.string().min(32, 'must be at least 32 characters') },
  SESSION_TTL_HOURS: { description: 'How long a login session lasts, in hours', default: '12', secret: false, schema: positiveInt(24 * 365) },
  DEFAULT_COUNTRY: { description: 'ISO 3166-1 alpha-2 country that phone numbers without a + prefix are read in', default: 'US', secret: false, schema: z.string().transform((v) => v.toUpperCase()).refine(isPhoneCountry, { message: 'must be an ISO 3166-1 alpha-2 country code such as US, GB or DE' }) },
  LOGIN_RATE_LIMIT: { description: 'Failed logins allowed per username and IP address in 15 minutes before 429', default: '10', secret: false, schema: positiveInt(10_000) },
  PBX_MODE: { description: 'simulated (embedded pbx-sim), asterisk (a real switch over AMI/ARI) or none', default: 'simulated', secret: false, schema: z.enum(['simulated', 'asterisk', 'none'], { message: 'must be one of simulated, asterisk, none' }) },
  AMI_HOST: { description: 'Asterisk Manager Interface host (PBX_MODE=asterisk)', default: '127.0.0.1', secret: false, schema: z.string().min(1) },
  AMI_PORT: { description: 'Asterisk Manager Interface port', default: '5038', secret: false, schema: port },
  AMI_USERNAME: { description: 'AMI user from manager.conf', default: 'ringside', secret: false, schema: z.string().min(1) },
  AMI_SECRET: { description: 'AMI password from manager.conf (required when PBX_MODE=asterisk)', secret: true, schema: z.string().min(1) },
  ARI_URL: { description: 'Asterisk REST Interface base URL', default: 'http://127.0.0.1:8088', secret: false, schema: url(/^https?:\/\//, 'http://127.0.0.1:8088') },
  ARI_USERNAME: { description: 'ARI user from ari.conf', default: 'ringside', secret: false, schema: z.string().min(1) },
  ARI_PASSWORD: { description: 'ARI password from ari.conf (required when PBX_MODE=asterisk)', secret: true, schema: z.string().min(1) },
  ARI_APP: { description: 'Stasis application name the dial plan hands calls to', default: 'ringside', secret: false, schema: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -') },
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
  /** null: generate one and keep it in DATA_DIR (see resolveSessionSecret). */
  sessionSecret: string | null;
  sessionTtlHours: number;
  defaultCountry: string;
  loginRateLimit: number;
  pbxMode: 'simulated' | 'asterisk' | 'none';
  ami: { host: string; port: number; username: string; secret: string | null };
  ari: { url: string; username: string; password: string | null; app: string };
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
    sessionSecret: r.SESSION_SECRET ?? null,
    sessionTtlHours: r.SESSION_TTL_HOURS,
    defaultCountry: r.DEFAULT_COUNTRY,
    loginRateLimit: r.LOGIN_RATE_LIMIT,
    pbxMode: r.PBX_MODE,
    ami: { host: r.AMI_HOST, port: r.AMI_PORT, username: r.AMI_USERNAME, secret: r.AMI_SECRET ?? null },
    ari: { url: r.ARI_URL, username: r.ARI_USERNAME, password: r.ARI_PASSWORD ?? null, app: r.ARI_APP },
    seedDemo: r.SEED_DEMO,
    consoleDir: path.resolve(r.CONSOLE_DIR ?? DEFAULT_CONSOLE_DIR),
    logLevel: r.LOG_LEVEL,
  };
}
