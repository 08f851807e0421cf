import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { configWith, makeWorld } from './test-support.js';
import { placeInboundCall } from './calls.js';
import { runCli } from '../ami/cli-commands.js';
import { loadConfig } from '../config/load-config.js';
import { ConfigError } from '../config/conf-error.js';
import { ManualClock } from '../clock.js';

// What Ringside's rendered dial plan (pbx-config) uses beyond the demo folder.
const agentsConf = readFileSync(new URL('../../demo-config/extensions.conf', import.meta.url), 'utf8');
const withContext = (text: string) => configWith({ 'extensions.conf': `${agentsConf}\n${text}\n` });

describe("the applications and functions Ringside's rendered dial plan uses", () => {
  it('Festival speaks for a time proportional to its text, and with `any` a key stops it and picks that extension', async () => {
    const dir = withContext(['[tts]', 'exten => s,1,Festival(Twenty characters...)', ' same => n,Festival(Press one please,any)', ' same => n,WaitExten(5)', 'exten => 1,1,Hangup(16)'].join('\n'));
    const w = makeWorld(dir, { ttsCharMs: 100 });
    const caller = placeInboundCall(w.engine, { exten: 's', context: 'tts' });
    await w.clock.advance(1999);
    expect(w.named('Newexten', 'Application', 'Festival')).toHaveLength(1);
    await w.clock.advance(2);
    expect(w.named('Newexten', 'Application', 'Festival')).toHaveLength(2);
    expect(w.named('Newstate', 'ChannelStateDesc', 'Up')).toHaveLength(1);
    w.engine.receiveDtmf(caller, '1');
    await w.clock.advance(10);
    expect(w.named('Newexten', 'Application', 'WaitExten')).toHaveLength(0);
    expect(w.named('Hangup').map((e) => w.field(e, 'Cause'))).toEqual(['16']);
  });

  it('VoiceMail records silence until the caller hangs up, keeps the message in the INBOX and announces it', async () => {
    const recordingDir = mkdtempSync(path.join(tmpdir(), 'pbx-sim-vm-'));
    const dir = withContext(['[vm]', 'exten => s,1,VoiceMail(1001@default,u)', ' same => n,Hangup()'].join('\n'));
    const w = makeWorld(dir, { promptMs: 1000, recordingDir });
    const caller = placeInboundCall(w.engine, { exten: 's', context: 'vm' });
    await w.clock.advance(2000 + 3000);
    w.engine.remoteHangup(caller);
    await w.clock.advance(10);
    const inbox = path.join(recordingDir, 'voicemail/default/1001/INBOX');
    expect(readdirSync(inbox)).toEqual(['msg0000.wav']);
    // 3 s of 8 kHz 16-bit mono after the 44-byte header.
    expect(readFileSync(path.join(inbox, 'msg0000.wav')).length).toBe(44 + 3 * 8000 * 2);
    expect(w.named('MessageWaiting').map((e) => [w.field(e, 'Mailbox'), w.field(e, 'New')])).toEqual([['1001@default', '1']]);
  });

  it('VoiceMail stops on its own at the longest message', async () => {
    const recordingDir = mkdtempSync(path.join(tmpdir(), 'pbx-sim-vm-'));
    const dir = withContext(['[vm]', 'exten => s,1,VoiceMail(2001,s)', ' same => n,Hangup(16)'].join('\n'));
    const w = makeWorld(dir, { promptMs: 100, recordingDir, voicemailMaxMs: 1000 });
    placeInboundCall(w.engine, { exten: 's', context: 'vm' });
    await w.clock.advance(1200);
    expect(w.named('VarSet', 'Variable', 'VMSTATUS').map((e) => w.field(e, 'Value'))).toEqual(['SUCCESS']);
    expect(existsSync(path.join(recordingDir, 'voicemail/default/2001/INBOX/msg0000.wav'))).toBe(true);
    expect(w.named('Hangup').map((e) => w.field(e, 'Cause'))).toEqual(['16']);
  });

  it('FILTER keeps only the allowed characters, STRFTIME and GotoIfTime read the given time zone', async () => {
    const dir = withContext([
      '[fn]',
      'exten => s,1,Set(NUM=${FILTER(0-9+,+49 (30) 1234&x)})',
      ' same => n,Set(BERLIN=${STRFTIME(1767222000,Europe/Berlin,%Y-%m-%d %H:%M)})',
      ' same => n,Set(UTC=${STRFTIME(1767222000,,%Y-%m-%d %H:%M)})',
      ' same => n,GotoIfTime(00:00-00:59,thu,1,jan,Europe/Berlin?open)',
      ' same => n,Hangup(17)',
      ' same => n(open),Hangup(16)',
    ].join('\n'));
    // 1767222000 = 2025-12-31 23:00 UTC = 2026-01-01 00:00 in Berlin (a Thursday).
    const clock = new ManualClock(1767222000 * 1000 + 60_000);
    const w = makeWorld(dir, { clock });
    placeInboundCall(w.engine, { exten: 's', context: 'fn' });
    await clock.advance(10);
    const value = (v: string) => w.named('VarSet', 'Variable', v).map((e) => w.field(e, 'Value'))[0];
    expect(value('NUM')).toBe('+49301234');
    expect(value('BERLIN')).toBe('2026-01-01 00:00');
    expect(value('UTC')).toBe('2025-12-31 23:00');
    expect(w.named('Hangup').map((e) => w.field(e, 'Cause'))).toEqual(['16']);
  });

  it('`dialplan show` lists a context the way Asterisk does, and names a missing one', () => {
    const w = makeWorld();
    const shown = runCli(w.engine, 'dialplan show from-customers');
    expect(shown.ok).toBe(true);
    expect(shown.lines[0]).toBe("[ Context 'from-customers' created by 'pbx_config' ]");
    expect(shown.lines.some((l) => l.startsWith("  '5001' =>"))).toBe(true);
    expect(runCli(w.engine, 'dialplan show nowhere')).toEqual({ ok: false, lines: ["There is no existence of 'nowhere' context"] });
    expect(runCli(w.engine, 'module reload app_queue.so')).toEqual({ ok: true, lines: ["Module 'app_queue.so' reloaded successfully."] });
    expect(runCli(w.engine, 'module reload chan_sip.so').ok).toBe(false);
  });
});

describe('includes by absolute path, as the base config reads its secrets from /run', () => {
  const manager = (include: string) => `[general]\nenabled = yes\n\n[cti]\n#include "${include}"\nread = all\nwrite = all\n`;

  it('are read inside the config folder, never from this machine', () => {
    const dir = configWith({ 'manager.conf': manager('/run/ringside/asterisk/manager-cti-secret.conf'), 'run/ringside/asterisk/manager-cti-secret.conf': 'secret = from-the-folder\n' });
    expect(loadConfig(dir).amiUsers[0]).toMatchObject({ username: 'cti', secret: 'from-the-folder' });
  });

  it('a missing one is a loud config error that says where it was looked for', () => {
    const dir = configWith({ 'manager.conf': manager('/run/ringside/asterisk/manager-cti-secret.conf') });
    expect(() => loadConfig(dir)).toThrow(ConfigError);
    expect(() => loadConfig(dir)).toThrow("manager.conf:5: #include file '/run/ringside/asterisk/manager-cti-secret.conf' not found (pbx-sim reads absolute includes inside the config folder, at run/ringside/asterisk/manager-cti-secret.conf)");
  });

  it('a relative one may not climb out of the folder', () => {
    const dir = configWith({ 'manager.conf': manager('../../etc/passwd') });
    expect(() => loadConfig(dir)).toThrow("manager.conf:5: #include file '../../etc/passwd' is outside the config folder");
  });
});
