import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './load-config.js';
import { DEMO_CONFIG_DIR } from '../index.js';
import { configWith } from '../engine/test-support.js';
import { ConfigError } from './conf-error.js';

function errorOf(files: Record<string, string>): ConfigError {
  try {
    loadConfig(configWith(files));
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('config unexpectedly loaded');
}

describe('the strict Asterisk config loader', () => {
  it('loads the demo folder: endpoints, queues with templates, the IVR with labels and includes', () => {
    const c = loadConfig(DEMO_CONFIG_DIR);
    expect(c.pjsip.endpoints.map((e) => e.name).sort()).toEqual(['1001', '1002', '1003', '1101', '2001']);
    const support = c.queues.find((q) => q.name === 'support')!;
    expect(support.strategy).toBe('ringall');
    expect(support.timeout).toBe(15);
    expect(support.members.map((m) => m.memberName)).toEqual(['Agent 1001', 'Agent 1002']);
    const ivr = c.dialplan.contexts.get('from-customers')!.extensions.find((e) => e.name === '5000')!;
    expect([...ivr.steps.values()].find((s) => s.label === 'support')?.priority).toBe(12);
    expect(c.pjsip.endpoints.find((e) => e.name === '1001')?.callerIdName).toBe('Agent 1001');
    expect(c.amiUsers[0]).toMatchObject({ username: 'cti', secret: 'cti-secret' });
  });

  it('reports a line without an equals sign with its file and line', () => {
    const e = errorOf({ 'queues.conf': '[general]\nautofill = yes\nthis line is wrong\n' });
    expect(e.message).toBe("queues.conf:3: no '=' (equal sign) in line: 'this line is wrong'");
    expect(e.code).toBe('CONFIG_INVALID');
  });

  it('reports inheritance from a template that does not exist', () => {
    const e = errorOf({ 'queues.conf': '[sales](no-such-template)\nstrategy = ringall\n' });
    expect(`${e.file}:${e.line}`).toBe('queues.conf:1');
    expect(e.reason).toMatch(/no-such-template/);
  });

  it("reports 'n' priorities and 'same' lines without a previous extension", () => {
    expect(errorOf({ 'extensions.conf': '[a]\nexten => 100,n,NoOp()\n' }).message).toMatch(/^extensions.conf:2: priority 'n'/);
    expect(errorOf({ 'extensions.conf': '[a]\n same => n,NoOp()\n' }).message).toMatch(/^extensions.conf:2: can't use 'same =>'/);
  });

  it('reports a priority used twice and an include of an unknown context', () => {
    expect(errorOf({ 'extensions.conf': '[a]\nexten => 1,1,NoOp()\nexten => 1,1,Hangup()\n' }).message).toMatch(/^extensions.conf:3: .*already in use/);
    expect(errorOf({ 'extensions.conf': '[a]\ninclude => nowhere\nexten => 1,1,NoOp()\n' }).message).toMatch(/^extensions.conf:1: .*unknown context 'nowhere'/);
  });

  it('follows #include relative to the including file and reports errors inside it by its own name', () => {
    const e = errorOf({ 'pjsip-agents.conf': '[1001](ep-base)\ncontext = agents\nbroken\n' });
    expect(e.message).toMatch(/^pjsip-agents.conf:3: /);
    expect(errorOf({ 'pjsip.conf': '#include missing.conf\n' }).message).toBe("pjsip.conf:1: #include file 'missing.conf' not found");
  });

  it('rejects an unknown queue strategy and a pjsip section without a type', () => {
    expect(errorOf({ 'queues.conf': '[q]\nstrategy = loudest\n' }).message).toBe("queues.conf:2: queue [q]: unknown strategy 'loudest'");
    expect(errorOf({ 'pjsip.conf': '[x]\ncontext = a\n' }).message).toBe("pjsip.conf:1: section [x] has no 'type'");
  });
});
