import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { confFiles, confIncludes, confSections, confValues, runAsteriskEntrypoint, type EntrypointRun } from './asterisk-conf.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const asteriskDir = path.join(repoRoot, 'pbx-config/asterisk');
const entrypoint = path.join(asteriskDir, 'docker/entrypoint.sh');
const read = (file: string) => readFileSync(path.join(asteriskDir, file), 'utf8');
const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { environment?: Record<string, string>; ports?: string[] }>;
};
const ringsideEnv = compose.services['ringside']?.environment ?? {};

const runs: EntrypointRun[] = [];
function entrypointWith(env: Record<string, string>): EntrypointRun {
  const run = runAsteriskEntrypoint(entrypoint, env);
  runs.push(run);
  return run;
}
let demo: EntrypointRun | null = null;
/** One entrypoint run with passwords for every demo device, shared by the read-only checks. */
const demoRun = () => (demo ??= entrypointWith({ AMI_SECRET: 'a', ARI_PASSWORD: 'b', SIP_PASSWORDS: demoPasswords }));
afterAll(() => runs.forEach((r) => rmSync(r.root, { recursive: true, force: true })));

/** `file` with its includes expanded in place, the way Asterisk reads it. */
function expanded(file: string, generatedRoot: string): string {
  return read(file).replace(/^\s*#(?:try)?include\s+"?([^"\s;]+)"?.*$/gm, (_line, target: string) => {
    if (!path.isAbsolute(target)) return expanded(target, generatedRoot);
    const generated = path.join(generatedRoot, target);
    return existsSync(generated) ? readFileSync(generated, 'utf8') : '';
  });
}

const pjsipText = read('ringside-pjsip.conf');
const endpointNames = [...new Set(confSections('ringside-pjsip.conf', pjsipText).map((s) => s.name))];
const authNames = [...pjsipText.matchAll(/^auth\s*=\s*(\S+)/gm)].map((m) => m[1]!);
const demoPasswords = authNames.map((name) => `${name}:pw-${name}`).join(' ');
// Files Asterisk opens itself; the ringside-*.conf slots are read through their #include.
const includedFiles = new Set(confIncludes(asteriskDir).filter((i) => !path.isAbsolute(i.target)).map((i) => i.target));
const topLevelFiles = confFiles(asteriskDir).filter((f) => !includedFiles.has(f));

describe('the base Asterisk config', () => {
  it('loads the modules Ringside cannot work without, and refuses to start without them', () => {
    const required = confValues(read('modules.conf'), 'modules').get('require') ?? [];
    for (const module of ['res_pjsip.so', 'chan_pjsip.so', 'app_queue.so', 'app_mixmonitor.so', 'app_chanspy.so', 'res_ari.so', 'res_stasis.so', 'res_http_websocket.so', 'res_pjsip_transport_websocket.so']) {
      expect(required).toContain(module);
    }
    expect(confValues(read('modules.conf'), 'modules').get('autoload')).toEqual(['yes']);
  });

  it('reads the rendered slots through includes', () => {
    expect([...includedFiles].sort()).toEqual(['ringside-extensions.conf', 'ringside-pjsip.conf', 'ringside-queues.conf']);
  });

  it.each(topLevelFiles)('%s, includes expanded, inherits only from templates defined before use', (file) => {
    const run = demoRun();
    expect(run).toMatchObject({ status: 0 });
    const defined = new Set<string>();
    const problems: string[] = [];
    for (const section of confSections(file, expanded(file, run.root))) {
      for (const parent of section.inherits) if (!defined.has(parent)) problems.push(`[${section.name}] inherits unknown or later template ${parent}`);
      if (section.isTemplate) defined.add(section.name);
    }
    expect(problems).toEqual([]);
  });

  it('commits no secret: every secret and password line comes from a generated include', () => {
    const literal = confFiles(asteriskDir).flatMap((file) =>
      read(file)
        .split(/\r?\n/)
        .filter((line) => /^\s*(secret|password)\s*=>?\s*\S/.test(line))
        .map((line) => `${file}: ${line}`),
    );
    expect(literal).toEqual([]);
  });

  it('gives the AMI and ARI user the names the ringside service logs in with', () => {
    expect(confSections('manager.conf', read('manager.conf')).map((s) => s.name)).toContain(ringsideEnv['AMI_USERNAME']);
    expect(confValues(read('ari.conf'), ringsideEnv['ARI_USERNAME'] ?? '').get('type')).toEqual(['user']);
    expect(confValues(read('extensions.conf'), 'globals').get('RINGSIDE_ARI_APP')).toEqual([ringsideEnv['ARI_APP']]);
  });

  it('serves ARI and the SIP WebSocket on the ports docker-compose.yml publishes', () => {
    const http = confValues(read('http.conf'), 'general');
    expect(http.get('bindport')).toEqual(['8088']);
    expect(http.get('tlsbindaddr')?.[0]).toMatch(/:8089$/);
    const ports = compose.services['asterisk']?.ports ?? [];
    expect(ports.some((p) => p.endsWith(':8088'))).toBe(true);
    expect(ports.some((p) => p.endsWith(':8089'))).toBe(true);
    expect(String(ringsideEnv['ARI_URL'])).toMatch(/:8088$/);
  });

  it('offers agents both a UDP phone and a WebRTC browser endpoint template', () => {
    const pjsip = read('pjsip.conf');
    expect(confValues(pjsip, 'ringside-agent-webrtc').get('webrtc')).toEqual(['yes']);
    const transports = ['transport-udp', 'transport-ws', 'transport-wss'].map((t) => confValues(pjsip, t).get('protocol')?.[0]);
    expect(transports).toEqual(['udp', 'ws', 'wss']);
  });
});

describe('the demo site in the rendered slots', () => {
  it('has every endpoint of the demo pointing at an AOR section that exists', () => {
    const aors = [...pjsipText.matchAll(/^aors\s*=\s*(\S+)/gm)].map((m) => m[1]!);
    expect(aors.length).toBeGreaterThan(0);
    for (const aor of aors) expect(endpointNames).toContain(aor);
  });

  it('has every queue member be a demo endpoint', () => {
    const members = [...read('ringside-queues.conf').matchAll(/^member\s*=>\s*PJSIP\/([^,\s]+)/gm)].map((m) => m[1]!);
    expect(members.length).toBeGreaterThan(0);
    for (const member of members) expect(endpointNames).toContain(member);
  });

  it('sends calls only to contexts the dial plan defines', () => {
    const dialplan = expanded('extensions.conf', demoRun().root);
    const contexts = new Set(confSections('extensions.conf', dialplan).map((s) => s.name));
    const targets = [...dialplan.matchAll(/Goto\(([A-Za-z][\w-]*),[^,)]+,[^)]+\)/g)].map((m) => m[1]!);
    const endpointContexts = [...read('pjsip.conf').matchAll(/^context\s*=\s*(\S+)/gm)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(0);
    for (const context of [...targets, ...endpointContexts, 'agents', 'from-customers']) expect(contexts).toContain(context);
  });
});

describe('the asterisk entrypoint', () => {
  it('writes an auth section for every endpoint listed in SIP_PASSWORDS, so the demo phones can register', () => {
    const run = entrypointWith({ AMI_SECRET: 'a', ARI_PASSWORD: 'b', SIP_PASSWORDS: demoPasswords });
    expect(run).toMatchObject({ status: 0 });
    const auth = readFileSync(path.join(run.root, 'run/ringside/asterisk/pjsip-auth.conf'), 'utf8');
    for (const name of authNames) {
      expect(confValues(auth, name).get('password')).toEqual([`pw-${name}`]);
      expect(auth).toContain(`[${name}](ringside-auth)`);
    }
  });

  it('writes the AMI secret and ARI password where manager.conf and ari.conf include them, escaping ;', () => {
    const run = entrypointWith({ AMI_SECRET: 'semi;colon', ARI_PASSWORD: 'ari pass' });
    expect(run).toMatchObject({ status: 0 });
    const manager = expanded('manager.conf', run.root);
    expect(confValues(manager, ringsideEnv['AMI_USERNAME'] ?? 'cti').get('secret')).toEqual(['semi\\;colon']);
    expect(confValues(expanded('ari.conf', run.root), 'cti').get('password')).toEqual(['ari pass']);
  });

  it('refuses to start Asterisk without AMI_SECRET, naming the variable', () => {
    const run = entrypointWith({ ARI_PASSWORD: 'b' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('AMI_SECRET is not set');
    expect(existsSync(path.join(run.root, 'run/ringside/asterisk/manager-cti-secret.conf'))).toBe(false);
  });

  it('rejects a SIP_PASSWORDS entry without a password and writes nothing', () => {
    const run = entrypointWith({ AMI_SECRET: 'a', ARI_PASSWORD: 'b', SIP_PASSWORDS: '1001:ok 1002' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("SIP_PASSWORDS entry '1002'");
    expect(existsSync(path.join(run.root, 'run/ringside/asterisk/pjsip-auth.conf'))).toBe(false);
  });

  it('sets the NAT addresses of the UDP transport only when ASTERISK_EXTERNAL_ADDRESS is given', () => {
    const without = entrypointWith({ AMI_SECRET: 'a', ARI_PASSWORD: 'b' });
    const withAddress = entrypointWith({ AMI_SECRET: 'a', ARI_PASSWORD: 'b', ASTERISK_EXTERNAL_ADDRESS: '203.0.113.7' });
    const udp = (run: EntrypointRun) => confValues(expanded('pjsip.conf', run.root), 'transport-udp');
    expect(udp(without).get('external_media_address')).toBeUndefined();
    expect(udp(withAddress).get('external_media_address')).toEqual(['203.0.113.7']);
    expect(udp(withAddress).get('external_signaling_address')).toEqual(['203.0.113.7']);
  });
});
