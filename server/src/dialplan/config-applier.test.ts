import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { demoDialPlan } from '@ringside/shared';
import { renderAll, SECRET_FILES } from '@ringside/pbx-config';
import { startPbxSim, traceInboundCall, type PbxSim } from '@ringside/pbx-sim';
import { DEFAULT_PBX_BASE_CONFIG_DIR, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { AmiClient } from '../pbx/ami/index.js';
import { createFileConfigApplier, expectedOnSwitch } from './config-applier.js';
import { dialPlanSecrets, readBaseFiles, renderForSwitch, renderPublicFiles, withoutSecrets, writeAtomic } from './config-folder.js';
import { changedLines } from './line-diff.js';

const secrets = dialPlanSecrets('test', {});

describe('rendering for the switch', () => {
  it('the diff renders exactly the secret-free files a version stores', () => {
    const all = renderAll(demoDialPlan, secrets);
    expect(renderPublicFiles(demoDialPlan)).toEqual(withoutSecrets(all));
    expect(Object.keys(withoutSecrets(all))).not.toEqual(expect.arrayContaining([...SECRET_FILES]));
  });

  it('outside production the demo secrets fill only the gaps; in production nothing is made up', () => {
    expect(dialPlanSecrets('development', { 'sip-1001': 'from-env-1' })).toMatchObject({ 'sip-1001': 'from-env-1', 'sip-1002': 'pass1002' });
    expect(dialPlanSecrets('production', { 'sip-1001': 'from-env-1' })).toEqual({ 'sip-1001': 'from-env-1' });
  });

  it("each tenant resolves its references with its own secrets: PBX_SECRETS' prefix/ref entries, development ones of its own", () => {
    const configured = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), PBX_SECRETS: 'sip-1001=default-one acme/sip-1001=acme-one' }).pbxSecrets;
    expect(dialPlanSecrets('production', configured)).toEqual({ 'sip-1001': 'default-one' });
    expect(dialPlanSecrets('production', configured, 'acme')).toEqual({ 'sip-1001': 'acme-one' });
    expect(dialPlanSecrets('production', configured, 'beta')).toEqual({});
    // Outside production a tenant's phones never share the default tenant's demo passwords.
    expect(dialPlanSecrets('development', {}, 'zeta')).toMatchObject({ 'sip-1001': 'zeta-pass1001' });
    expect(dialPlanSecrets('development', {}, 'acme')).toMatchObject({ 'sip-1001': 'acme-1001', 'sip-1002': 'acme-1002' });
    expect(() => loadConfig({ PBX_SECRETS: 'Acme/sip-1001=x' })).toThrow(/PBX_SECRETS/);
  });

  it('knows what the switch must show afterwards: the inbound numbers and the queues', () => {
    expect(expectedOnSwitch(renderAll(demoDialPlan, secrets))).toEqual({ inbound: ['5000', '5001', '5002', '6000', '5100'], queues: ['support', 'sales'] });
  });

  it('lists changed lines with their line numbers, removals and additions', () => {
    expect(changedLines('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual([
      { op: '-', line: 2, text: 'b' },
      { op: '+', line: 2, text: 'B' },
      { op: '+', line: 4, text: 'd' },
    ]);
    expect(changedLines('same\n', 'same\n')).toEqual([]);
    expect(changedLines('', 'x\n')).toEqual([{ op: '+', line: 1, text: 'x' }]);
  });
});

describe('applying to pbx-sim over the real AMI client', () => {
  let dir: string;
  let sim: PbxSim;
  let ami: AmiClient;
  const logger = createLogger('silent');
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ringside-applier-'));
    const installed = { ...(await readBaseFiles(DEFAULT_PBX_BASE_CONFIG_DIR)), ...renderForSwitch(demoDialPlan, secrets, DEFAULT_PBX_BASE_CONFIG_DIR) };
    for (const [name, text] of Object.entries(installed)) await writeAtomic(dir, name, text);
    sim = await startPbxSim({ configDir: dir, amiPort: 0, httpPort: 0, engine: { promptMs: 5, log: () => undefined } });
    ami = new AmiClient({ host: '127.0.0.1', port: sim.amiPort, username: 'cti', secret: 'cti-secret', events: 'off' });
    ami.start();
    await ami.whenReady();
  });
  afterAll(async () => {
    await ami?.stop();
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('a configuration the switch refuses on reload is a failed apply, and the switch keeps routing on the restored files', async () => {
    const applier = createFileConfigApplier({ configDir: dir, baseDir: DEFAULT_PBX_BASE_CONFIG_DIR, ami, logger });
    const before = await readFile(path.join(dir, 'ringside-extensions.conf'), 'utf8');
    const files = renderForSwitch(demoDialPlan, secrets, DEFAULT_PBX_BASE_CONFIG_DIR);
    files['ringside-extensions.conf'] = `${files['ringside-extensions.conf']}\n[broken]\n same => n,NoOp(no extension before me)\n`;
    const outcome = await applier.apply(files);
    // The AMI client keeps Asterisk's Message of a refused Command, not its Output lines.
    expect(outcome).toMatchObject({ ok: false, error: expect.stringContaining('PBX_REJECTED') });
    expect(await readFile(path.join(dir, 'ringside-extensions.conf'), 'utf8')).toBe(before);
    expect((await traceInboundCall(sim.engine, { did: '5000', presses: ['2'] })).landed).toEqual({ kind: 'queue', queue: 'sales' });
  });

  it('a switch that reloads but lacks an inbound number afterwards is a failed apply', async () => {
    // An applier whose AMI answers every command but shows an empty dial plan: a switch that silently ignored the files.
    const liar = { sendAction: async () => ({ response: { Response: 'Success', Output: ["There is no existence of 'ringside-inbound' context"] }, events: [], final: null }) };
    const applier = createFileConfigApplier({ configDir: dir, baseDir: null, ami: liar, logger });
    const outcome = await applier.apply(renderForSwitch(demoDialPlan, secrets, null));
    expect(outcome).toMatchObject({ ok: false, error: expect.stringContaining('lacks 5000, 5001, 5002, 6000, 5100') });
  });

  it('without a switch (PBX_MODE=none) nothing is written and the apply fails with the reason', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'ringside-applier-none-'));
    const outcome = await createFileConfigApplier({ configDir: other, baseDir: null, ami: null, logger }).apply({ 'ringside-extensions.conf': '' });
    expect(outcome).toMatchObject({ ok: false, error: expect.stringContaining('PBX_MODE=none') });
    expect(await readFile(path.join(other, 'ringside-extensions.conf'), 'utf8').catch(() => 'absent')).toBe('absent');
    await rm(other, { recursive: true, force: true });
  });
});
