import { describe, expect, it } from '@jest/globals';
import { CORE_SOUNDS, checkDialPlan, demoDialPlan, isRingsideError, type DialPlanInput, type Destination } from '@ringside/shared';
import { demoSecrets, listSecretRefs, renderAll } from './index.js';

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random plan that is valid by construction: every text uses the edges of its charset. */
function randomPlan(seed: number): { plan: DialPlanInput; secrets: Record<string, string> } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const text = (chars: string, n: number) => Array.from({ length: 1 + Math.floor(r() * n) }, () => pick([...chars])).join('');
  const label = () => `${pick(['A', 'é', 'Ж', '7'])}${text("abcXYZ09 .'_-ßø", 12)}${pick(['z', '1', 'Ü'])}`;
  const tts = () => `${pick(['W', 'ö'])}${text("abc XYZ 09.'?!-é", 40)}${pick(['.', '?', '!'])}`;
  // Sounds are names the switch has: the core catalogue and this plan's declared uploads.
  const customSounds = Array.from({ length: Math.floor(r() * 3) }, () => `custom/${text('abz09_-', 12)}`);
  const sound = () => pick([...CORE_SOUNDS, ...customSounds]);
  const id = (prefix: string, i: number) => `${prefix}${i}_${text('ab-_9', 4)}`;
  const exts = Array.from({ length: 1 + Math.floor(r() * 4) }, (_, i) => `${3000 + i}`);
  const queues = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => ({
    name: id('q', i),
    strategy: pick(['ringall', 'rrmemory', 'leastrecent', 'fewestcalls', 'random', 'linear', 'wrandom'] as const),
    members: exts.slice(0, 1 + Math.floor(r() * exts.length)).map((extension) => ({ extension, penalty: Math.floor(r() * 5) })),
    announcePosition: r() < 0.5,
    musicOnHold: id('moh', i),
  }));
  const exit = (): Destination =>
    pick<() => Destination>([
      () => ({ type: 'queue', queue: pick(queues).name }),
      () => ({ type: 'extension', extension: pick(exts) }),
      () => ({ type: 'external', number: `+49${Math.floor(r() * 1e9)}`, trunk: 'carrier', ringSeconds: 30 }),
      () => ({ type: 'voicemail', mailbox: pick(exts), context: 'default' }),
      () => ({ type: 'hangup' }),
      () => ({ type: 'stasis', app: 'cti', args: [text('ab+.-_9', 6), text('xy9', 3)] }),
    ])();
  const prompt = () => (r() < 0.5 ? { type: 'sound' as const, files: [sound(), sound()] } : { type: 'tts' as const, text: tts() });
  const menus = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => ({
    id: id('m', i),
    name: label(),
    prompt: prompt(),
    options: ['1', '2', '*', '#'].slice(0, 1 + Math.floor(r() * 4)).map((digit) => ({ digit: digit as '1', destination: exit() })),
    invalid: { attempts: 1 + Math.floor(r() * 5), prompt: prompt(), destination: exit() },
    timeout: { attempts: 2, destination: exit() },
    allowDirectDial: r() < 0.5,
  }));
  const plan: DialPlanInput = {
    schemaVersion: 1,
    name: label(),
    inboundRoutes: menus.map((m, i) => ({
      id: id('r', i),
      name: label(),
      did: `${7000 + i}`,
      callerPattern: r() < 0.3 ? '_0X.' : undefined,
      scheduleId: r() < 0.5 ? 'hours' : undefined,
      destination: { type: 'ivr', menu: m.id },
    })),
    internalRoutes: [{ extension: '*9', name: label(), destination: exit() }],
    ivrMenus: menus,
    queues,
    schedules: [
      {
        id: 'hours',
        name: label(),
        timeZone: pick(['UTC', 'Europe/Berlin', 'America/New_York']),
        weekly: [{ days: ['sat', 'mon', 'wed', 'thu'], open: '07:30', close: '24:00' }],
        holidays: [{ date: '2027-05-01', name: label() }],
        closedPrompt: prompt(),
        closedDestination: exit(),
      },
    ],
    endpoints: exts.map((extension) => ({ extension, displayName: label(), passwordRef: `sip-${extension}`, webrtc: r() < 0.5 })),
    trunks: [{ id: 'carrier', name: label(), host: 'sip.example.net', passwordRef: 'trunk' }],
    system: {
      customSounds,
      ami: { username: 'cti', secretRef: 'ami' },
      ari: { username: 'cti', passwordRef: 'ari', app: 'cti' },
      http: { bindAddress: '::', tls: { certFile: '/k/c.pem', keyFile: '/k/k.pem' } },
      outboundTrunk: 'carrier',
    },
  };
  const secrets = Object.fromEntries([...exts.map((e) => `sip-${e}`), 'trunk', 'ami', 'ari'].map((k) => [k, `S3cr#t-${k}!`]));
  return { plan, secrets };
}

const LINE = [
  /^$/,
  /^;[^\n]*$/,
  /^\[[A-Za-z0-9_-]+\](\((![,]?)?[A-Za-z0-9_-]*\))?$/,
  /^[a-z_-]+ = [^;]+$/,
  /^include => [a-z0-9_-]+$/,
  /^member => PJSIP\/\d+,\d+,[^,;]+,PJSIP\/\d+$/,
  /^exten => [^,;]+,(hint,PJSIP\/\d+|1(\([a-z-]+\))?,[A-Za-z]+\([^;]*\))$/,
  /^ same => n(\([a-z-]+\))?,[A-Za-z]+\([^;]*\)$/,
];

function balanced(line: string): boolean {
  let depth = 0;
  for (const c of line) {
    if (c === '(') depth++;
    if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Every Goto(context,exten,1) and Goto(s,label) must land somewhere that exists. */
function danglingGotos(conf: string): string[] {
  const contexts = new Map<string, { extens: Set<string>; labels: Set<string> }>();
  let current = '';
  for (const line of conf.split('\n')) {
    const section = /^\[([^\]]+)\]/.exec(line);
    if (section) contexts.set((current = section[1]!), { extens: new Set(), labels: new Set() });
    const exten = /^exten => ([^,]+),/.exec(line);
    if (exten) contexts.get(current)!.extens.add(exten[1]!);
    const label = /^ same => n\(([a-z-]+)\)/.exec(line) ?? /^exten => s,1\(([a-z-]+)\)/.exec(line);
    if (label) contexts.get(current)!.labels.add(label[1]!);
  }
  const missing: string[] = [];
  for (const m of conf.matchAll(/Goto\(([^,)]+),([^,)]+)(?:,1)?\)/g)) {
    const [, a, b] = m as unknown as [string, string, string];
    if (a === 's') {
      if (![...contexts.values()].some((c) => c.labels.has(b))) missing.push(m[0]);
    } else if (!contexts.get(a)?.extens.has(b)) missing.push(m[0]);
  }
  return missing;
}

describe('rendering', () => {
  it('never writes a control character, a broken line or a dangling Goto, for 150 random valid plans', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const { plan, secrets } = randomPlan(seed);
      const checked = checkDialPlan(plan);
      if (!checked.ok) throw new Error(`seed ${seed}: generator made an invalid plan: ${JSON.stringify(checked.issues)}`);
      const files = renderAll(checked.plan, secrets);
      for (const [name, text] of Object.entries(files)) {
        for (const line of text.slice(0, -1).split('\n')) {
          // eslint-disable-next-line no-control-regex
          expect({ seed, name, line, control: /[\u0000-\u001f\u007f-\u009f]/.test(line) }).toEqual({ seed, name, line, control: false });
          if (!LINE.some((re) => re.test(line)) || !balanced(line.startsWith(';') ? '' : line)) throw new Error(`seed ${seed} ${name}: bad line ${JSON.stringify(line)}`);
        }
      }
      expect(danglingGotos(files['ringside-extensions.conf']!)).toEqual([]);
    }
  });

  it('refuses to render when a secret is missing, naming every missing reference', () => {
    const partial = { ...demoSecrets } as Record<string, string>;
    delete partial['sip-1002'];
    delete partial['ari-cti'];
    try {
      renderAll(demoDialPlan, partial);
      throw new Error('rendered');
    } catch (e) {
      expect(isRingsideError(e) && e.code).toBe('CONFIG_INVALID');
      expect(isRingsideError(e) && e.issues?.map((i) => i.path)).toEqual(['endpoints.1.passwordRef', 'system.ari.passwordRef']);
      expect((e as Error).message).toContain("secret 'sip-1002' is missing");
    }
  });

  it('refuses a secret that would break its line or start a comment', () => {
    for (const value of ['pass;word1', 'line\nbreak1', 'short']) {
      expect(() => renderAll(demoDialPlan, { ...demoSecrets, 'ami-cti': value })).toThrow(/system\.ami\.secretRef: secret 'ami-cti' must be/);
    }
  });

  it('keeps secrets out of every file but the three secret files', () => {
    const files = renderAll(demoDialPlan, demoSecrets);
    const holders = Object.entries(files).filter(([, t]) => /pass1001|cti-secret/.test(t)).map(([n]) => n);
    expect(holders.sort()).toEqual(['ringside-ari.conf', 'ringside-manager.conf', 'ringside-pjsip-auth.conf']);
    expect(listSecretRefs(demoDialPlan).map((s) => s.ref)).toEqual(['sip-1001', 'sip-1002', 'sip-1003', 'sip-1101', 'sip-2001', 'ami-cti', 'ari-cti']);
  });

  it('writes static queue members into queues.conf and leaves dynamic ones to log in with QueueAdd', () => {
    const conf = renderAll(demoDialPlan, demoSecrets)['ringside-queues.conf'] ?? '';
    const section = (name: string) => conf.split(/^\[/m).find((s) => s.startsWith(`${name}]`)) ?? '';
    expect(section('support').match(/^member => PJSIP\/\d+/gm)).toEqual(['member => PJSIP/1001', 'member => PJSIP/1002']);
    expect(section('sales').match(/^member => PJSIP\/\d+/gm)).toEqual(['member => PJSIP/1003']);
  });

  it('refuses an invalid plan before rendering anything', () => {
    const plan = structuredClone(demoDialPlan);
    plan.ivrMenus[0]!.options[0]!.destination = { type: 'queue', queue: 'ghost' };
    expect(() => renderAll(plan, demoSecrets)).toThrow(/ivrMenus\.0\.options\.0\.destination\.queue.*UNKNOWN_TARGET/);
  });

  it('closes business hours at the closing minute and checks holidays first', () => {
    const conf = renderAll(demoDialPlan, demoSecrets)['ringside-extensions.conf']!;
    const route = conf.slice(conf.indexOf('exten => 5100'), conf.indexOf('[ringside-closed-office]'));
    expect(route).toContain('GotoIfTime(08:00-17:59,mon-fri,*,*,Europe/Berlin?open)');
    expect(route.indexOf('2025-12-25')).toBeLessThan(route.indexOf('GotoIfTime'));
  });
});
