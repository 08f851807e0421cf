import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { isRingsideError } from '@ringside/shared';
import { renderEnvExample } from './config-example.js';
import { CONFIG_KEYS, DEFAULT_CONSOLE_DIR, loadConfig } from './config.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (isRingsideError(err) && err.code === 'CONFIG_INVALID') return err.message;
    throw err;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('configuration from the environment', () => {
  it('starts with documented defaults: port 3000, PGlite under ./data, US numbers, simulated PBX', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '0.0.0.0', databaseUrl: null, defaultCountry: 'US', pbxMode: 'simulated', seedDemo: true, sessionSecret: null });
    expect(c.pgliteDir).toBe(path.resolve('data', 'pglite'));
    expect(c.consoleDir).toBe(DEFAULT_CONSOLE_DIR);
    expect(DEFAULT_CONSOLE_DIR).toBe(path.join(repoRoot, 'agent-console', 'dist'));
  });

  it('reads values, lower-case countries and empty assignments as unset', () => {
    const c = loadConfig({ PORT: '8080', DEFAULT_COUNTRY: 'de', SEED_DEMO: 'false', DATABASE_URL: '', PBX_MODE: 'none', SESSION_TTL_HOURS: '2' });
    expect(c).toMatchObject({ port: 8080, defaultCountry: 'DE', seedDemo: false, databaseUrl: null, pbxMode: 'none', sessionTtlHours: 2 });
  });

  it('a bad PORT, DEFAULT_COUNTRY or PBX_MODE fails with a message naming the key and the problem', () => {
    expect(configError({ PORT: 'eighty' })).toMatch(/PORT must be a number \(got "eighty"\)/);
    expect(configError({ DEFAULT_COUNTRY: 'XX' })).toMatch(/DEFAULT_COUNTRY must be an ISO 3166-1 alpha-2 country code.*\(got "XX"\)/);
    expect(configError({ DEFAULT_COUNTRY: 'USA' })).toMatch(/DEFAULT_COUNTRY/);
    expect(configError({ PBX_MODE: 'freeswitch' })).toMatch(/PBX_MODE must be one of simulated, asterisk, none/);
    const all = configError({ PORT: '-1', PBX_MODE: 'x', SEED_DEMO: 'maybe' });
    for (const key of ['PORT', 'PBX_MODE', 'SEED_DEMO']) expect(all).toContain(key);
  });

  it('the session purge runs on a five-field cron schedule, hourly at :17 by default', () => {
    expect(loadConfig({}).sessionPurgeCron).toBe('17 * * * *');
    expect(loadConfig({ SESSION_PURGE_CRON: '*/5 2-4 * * 1-5' }).sessionPurgeCron).toBe('*/5 2-4 * * 1-5');
    for (const bad of ['hourly', '61 * * * *', '0 0 * * * *', '* * *']) expect(configError({ SESSION_PURGE_CRON: bad })).toMatch(/SESSION_PURGE_CRON must be a cron schedule of five fields/);
  });

  it('production needs a SESSION_SECRET of 32+ characters, and secrets are never echoed', () => {
    expect(configError({ NODE_ENV: 'production' })).toMatch(/SESSION_SECRET is required when NODE_ENV=production/);
    const short = configError({ SESSION_SECRET: 'hunter2-but-short' });
    expect(short).toMatch(/SESSION_SECRET must be at least 32 characters/);
    expect(short).not.toContain('hunter2');
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).sessionSecret).toBe('x'.repeat(32));
  });

  it('PBX_MODE=asterisk needs the AMI and ARI passwords', () => {
    const msg = configError({ PBX_MODE: 'asterisk' });
    expect(msg).toContain('AMI_SECRET is required when PBX_MODE=asterisk');
    expect(msg).toContain('ARI_PASSWORD is required when PBX_MODE=asterisk');
    expect(loadConfig({ PBX_MODE: 'asterisk', AMI_SECRET: 's', ARI_PASSWORD: 'p' }).ami).toEqual({ host: '127.0.0.1', port: 5038, username: 'cti', secret: 's' });
  });

  it('browser softphones: SIP_WS_URL turns them on, the SIP domain defaults to its host, TURN servers get the TURN login', () => {
    expect(loadConfig({}).webrtc).toBeNull();
    expect(loadConfig({ SIP_WS_URL: 'wss://pbx.example.com:8089/ws' }).webrtc).toEqual({ wsUri: 'wss://pbx.example.com:8089/ws', domain: 'pbx.example.com', iceServers: [] });
    const c = loadConfig({
      SIP_WS_URL: 'wss://pbx.example.com:8089/ws',
      SIP_DOMAIN: 'sip.example.com',
      WEBRTC_ICE_SERVERS: 'stun:stun.example.com:3478  turn:turn.example.com:3478?transport=udp',
      WEBRTC_TURN_USERNAME: 'ringside',
      WEBRTC_TURN_PASSWORD: 'turn-secret',
    });
    expect(c.webrtc).toEqual({
      wsUri: 'wss://pbx.example.com:8089/ws',
      domain: 'sip.example.com',
      iceServers: [{ urls: 'stun:stun.example.com:3478' }, { urls: 'turn:turn.example.com:3478?transport=udp', username: 'ringside', credential: 'turn-secret' }],
    });
  });

  it('a softphone setting that cannot work fails at start: not a ws URL, a bad ICE URL, TURN without its login, settings without SIP_WS_URL', () => {
    expect(configError({ SIP_WS_URL: 'https://pbx.example.com/ws' })).toMatch(/SIP_WS_URL must be a URL like wss:\/\/pbx.example.com:8089\/ws/);
    expect(configError({ SIP_WS_URL: 'wss://pbx.example.com/ws', WEBRTC_ICE_SERVERS: 'http://stun.example.com' })).toMatch(/WEBRTC_ICE_SERVERS must be space-separated stun:/);
    expect(configError({ SIP_WS_URL: 'wss://pbx.example.com/ws', WEBRTC_ICE_SERVERS: 'stun:a.example.com\r\nInjected: 1' })).toMatch(/WEBRTC_ICE_SERVERS/);
    const turn = configError({ SIP_WS_URL: 'wss://pbx.example.com/ws', WEBRTC_ICE_SERVERS: 'turns:turn.example.com:5349', WEBRTC_TURN_USERNAME: 'u' });
    expect(turn).toMatch(/WEBRTC_TURN_PASSWORD is required when WEBRTC_ICE_SERVERS lists a turn: or turns: server/);
    expect(configError({ SIP_DOMAIN: 'pbx.example.com' })).toMatch(/SIP_DOMAIN has no effect without SIP_WS_URL/);
    const both = configError({ SIP_WS_URL: 'wss://pbx.example.com/ws', WEBRTC_ICE_SERVERS: 'turn:t.example.com', WEBRTC_TURN_SECRET: 'x'.repeat(20), WEBRTC_TURN_USERNAME: 'u', WEBRTC_TURN_PASSWORD: 'p' });
    expect(both).toMatch(/WEBRTC_TURN_SECRET replaces WEBRTC_TURN_USERNAME and WEBRTC_TURN_PASSWORD/);
    expect(both).not.toContain('x'.repeat(20));
    expect(loadConfig({ SIP_WS_URL: 'wss://pbx.example.com/ws', WEBRTC_ICE_SERVERS: 'turn:t.example.com', WEBRTC_TURN_SECRET: 'x'.repeat(20) }).webrtc).toEqual({
      wsUri: 'wss://pbx.example.com/ws',
      domain: 'pbx.example.com',
      iceServers: [{ urls: 'turn:t.example.com' }],
      turnSecret: 'x'.repeat(20),
    });
    expect(configError({ SIP_WS_URL: 'wss://pbx.example.com/ws', SIP_DOMAIN: 'pbx example' })).toMatch(/SIP_DOMAIN must be a host name/);
  });

  it('the committed .env.example is exactly what the schema renders, with every key', async () => {
    const committed = await readFile(path.join(repoRoot, '.env.example'), 'utf8');
    expect(committed).toBe(renderEnvExample());
    for (const key of Object.keys(CONFIG_KEYS)) expect(committed).toMatch(new RegExp(`^# ${key}=`, 'm'));
  });

  it('the real entry point exits 1 at once and names the bad key', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'main.ts')], {
        cwd: repoRoot,
        env: { PATH: process.env['PATH'] ?? '', PBX_MODE: 'telepathy', PORT: '3999' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).toContain('PBX_MODE must be one of simulated, asterisk, none (got "telepathy")');
    expect(result.code).toBe(1);
  }, 60_000);
});
