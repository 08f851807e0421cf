import { describe, expect, it } from '@jest/globals';
import { checkDialPlan, demoDialPlan, demoDialPlanInput, dialPlanSchema, type DialPlan, type DialPlanPath } from '../index.js';

/** The demo plus every optional text field the demo leaves out, so injection covers them too. */
function fullPlan(): DialPlan {
  const plan = structuredClone(demoDialPlan);
  plan.inboundRoutes.push({
    id: 'vip',
    name: 'VIP callers',
    did: '5000',
    callerPattern: '_0049X.',
    priority: 1,
    destination: { type: 'voicemail', mailbox: '1001', context: 'default' },
  });
  plan.ivrMenus[0]!.options.push({ digit: '9', destination: { type: 'external', number: '+4930123456', trunk: '2001', ringSeconds: 60 } });
  plan.ivrMenus[0]!.timeout.prompt = { type: 'tts', text: 'Are you still there?' };
  return plan;
}

function stringLeaves(value: unknown, path: DialPlanPath = []): DialPlanPath[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function setAt(root: unknown, path: DialPlanPath, value: string): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

function getAt(root: unknown, path: DialPlanPath): string {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root) as string;
}

const PAYLOADS = ['\n', '\r', ',', ')', '${', ';', '|', '\nexten => 9,1,System(rm -rf /)'];

describe('dial-plan model', () => {
  it('accepts the demo center and fills in the documented defaults', () => {
    expect(checkDialPlan(demoDialPlanInput)).toEqual({ ok: true, plan: demoDialPlan });
    expect(demoDialPlan.queues.map((q) => [q.name, q.strategy, q.members.map((m) => `${m.extension} ${m.membership}`)])).toEqual([
      ['support', 'ringall', ['1001 static', '1002 static', '1003 dynamic']],
      ['sales', 'rrmemory', ['1003 static', '1001 dynamic', '1002 dynamic']],
    ]);
    expect(demoDialPlan.queues[0]!.joinEmpty).toBe(true);
    expect(demoDialPlan.endpoints.find((e) => e.extension === '1101')).toMatchObject({ webrtc: true, codecs: ['opus', 'ulaw'] });
  });

  it('the fuller test plan is itself valid, so every refusal below is the injected text', () => {
    expect(checkDialPlan(fullPlan())).toMatchObject({ ok: true });
  });

  it('refuses newline, CR, comma, ), ${, ; and | in every text field, naming that field', () => {
    const plan = fullPlan();
    const leaves = stringLeaves(plan);
    expect(leaves.length).toBeGreaterThan(60);
    const missed: string[] = [];
    for (const path of leaves) {
      for (const payload of PAYLOADS) {
        const bad = structuredClone(plan);
        setAt(bad, path, `${getAt(plan, path)}${payload}`);
        const result = checkDialPlan(bad);
        const named = !result.ok && result.issues.some((i) => i.code === 'INVALID_FIELD' && i.path.join('.') === path.join('.'));
        if (!named) missed.push(`${path.join('.')} + ${JSON.stringify(payload)}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('explains which character is wrong and why', () => {
    const bad = structuredClone(demoDialPlan);
    bad.schedules[0]!.closedPrompt = { type: 'tts', text: 'Closed, sorry' };
    const result = checkDialPlan(bad);
    expect(result).toMatchObject({ ok: false, issues: [{ path: ['schedules', 0, 'closedPrompt', 'text'] }] });
    expect(!result.ok && result.issues[0]!.message).toMatch(/','.*separates application arguments/);
    const nl = structuredClone(demoDialPlan);
    nl.endpoints[0]!.displayName = 'Agent\r\n1001';
    expect(checkDialPlan(nl)).toMatchObject({ ok: false, issues: [{ path: ['endpoints', 0, 'displayName'], message: expect.stringContaining('carriage return') }] });
  });

  it('refuses unknown fields instead of silently dropping them', () => {
    const result = dialPlanSchema.safeParse({ ...demoDialPlanInput, extra: 'x' });
    expect(result.success).toBe(false);
  });

  it('refuses impossible dates, unknown time zones and malformed patterns', () => {
    const bad = structuredClone(demoDialPlan);
    bad.schedules[0]!.holidays[0]!.date = '2025-02-30';
    bad.schedules[0]!.timeZone = 'Mars/Olympus';
    bad.inboundRoutes[0]!.did = '_50[1-';
    const result = checkDialPlan(bad);
    expect(!result.ok && result.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'inboundRoutes.0.did',
      'schedules.0.holidays.0.date',
      'schedules.0.timeZone',
    ]);
  });
});
