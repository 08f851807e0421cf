import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoDialPlan } from '@ringside/shared';
import { runCli } from './run-cli.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'pbx-config-'));

describe('pbx-config CLI', () => {
  it('render --out writes base files plus the rendered ringside files, secrets readable by the owner only', async () => {
    const base = tmp();
    writeFileSync(path.join(base, 'extensions.conf'), '[general]\n#include "ringside-extensions.conf"\n');
    writeFileSync(path.join(base, 'ringside-extensions.conf'), '; committed demo slot\n');
    const out = path.join(tmp(), 'conf');
    const r = await run(['render', '--out', out, '--base', base]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'extensions.conf',
      'ringside-ari.conf',
      'ringside-extensions.conf',
      'ringside-http.conf',
      'ringside-manager.conf',
      'ringside-pjsip-auth.conf',
      'ringside-pjsip.conf',
      'ringside-queues.conf',
    ]);
    expect(readFileSync(path.join(out, 'ringside-extensions.conf'), 'utf8')).toContain('[ringside-ivr-main]');
    expect(statSync(path.join(out, 'ringside-manager.conf')).mode & 0o777).toBe(0o600);
    expect(r.err).toContain('using the demo development secrets');
    expect(r.err).toContain('no base file #includes ringside-queues.conf');
    expect(r.err).not.toContain('#includes ringside-extensions.conf');
  });

  it('renders a plan file with a secrets file, and refuses one with missing secrets', async () => {
    const dir = tmp();
    const plan = path.join(dir, 'plan.json');
    writeFileSync(plan, JSON.stringify(demoDialPlan));
    writeFileSync(path.join(dir, 'secrets.json'), JSON.stringify({ 'sip-1001': 'longpass1' }));
    const r = await run(['render', '--out', path.join(dir, 'out'), '--plan', plan, '--secrets', path.join(dir, 'secrets.json'), '--base', path.join(dir, 'none')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("CONFIG_INVALID: cannot render: endpoints.1.passwordRef: secret 'sip-1002' is missing");
  });

  it('lists every problem of an invalid plan file and exits 1', async () => {
    const dir = tmp();
    const bad = structuredClone(demoDialPlan) as unknown as { queues: { members: unknown[] }[]; ivrMenus: { name: string }[] };
    bad.queues[1]!.members = [];
    bad.ivrMenus[0]!.name = 'Main\nmenu';
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(bad));
    const r = await run(['check', '--plan', path.join(dir, 'plan.json')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('ivrMenus.0.name: must not contain U+000A (line feed)');
    expect((await run(['check'])).out).toBe('dial plan "Ringside demo center" is valid');
  });

  it('points --from-db at the server CLI that owns the versions, and exits 2', async () => {
    const r = await run(['render', '--out', tmp(), '--from-db']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('npm run pbx-config:from-db -- --out DIR');
  });

  it('renders the shipped base config into a folder whose absolute includes resolve inside it', async () => {
    const out = path.join(tmp(), 'conf');
    const r = await run(['render', '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(out, 'run/ringside/asterisk/manager-cti-secret.conf'), 'utf8')).toBe('secret = cti-secret\n');
    expect(readFileSync(path.join(out, 'run/ringside/asterisk/pjsip-auth.conf'), 'utf8')).toContain('password = pass1001');
    expect(statSync(path.join(out, 'run/ringside/asterisk/pjsip-auth.conf')).mode & 0o777).toBe(0o600);
    expect(r.err).not.toContain('#includes pjsip-auth.conf');
  });

  it('exits 2 with the usage on a missing --out or an unknown command', async () => {
    expect((await run(['render'])).code).toBe(2);
    const r = await run(['deploy']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage:');
  });
});
