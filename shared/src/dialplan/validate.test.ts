import { describe, expect, it } from '@jest/globals';
import { isRingsideError } from '../errors.js';
import {
  demoDialPlan,
  checkDialPlan,
  parseDialPlan,
  parseNumberPattern,
  patternsOverlap,
  validateDialPlan,
  type DialPlan,
  type IvrMenu,
} from '../index.js';

function edit(change: (p: DialPlan) => void): DialPlan {
  const plan = structuredClone(demoDialPlan);
  change(plan);
  return plan;
}

function menu(id: string, options: IvrMenu['options'], fallback: IvrMenu['invalid']['destination'] = { type: 'hangup' }): IvrMenu {
  return {
    ...structuredClone(demoDialPlan.ivrMenus[0]!),
    id,
    options,
    invalid: { attempts: 3, destination: fallback },
    timeout: { attempts: 3, destination: fallback },
  };
}

const codes = (plan: DialPlan) => validateDialPlan(plan).map((i) => ({ code: i.code, path: i.path }));

describe('dial-plan validation', () => {
  it('finds nothing wrong with the demo center', () => {
    expect(validateDialPlan(demoDialPlan)).toEqual([]);
  });

  it('points an option at a queue that does not exist to the exact field', () => {
    const plan = edit((p) => (p.ivrMenus[0]!.options[1]!.destination = { type: 'queue', queue: 'billing' }));
    expect(codes(plan)).toEqual([{ code: 'UNKNOWN_TARGET', path: ['ivrMenus', 0, 'options', 1, 'destination', 'queue'] }]);
    expect(validateDialPlan(plan)[0]!.message).toContain("queue 'billing'");
  });

  it('flags unknown IVR menus, extensions, trunks, schedules and queue members', () => {
    const plan = edit((p) => {
      p.inboundRoutes[0]!.destination = { type: 'ivr', menu: 'nope' };
      p.internalRoutes[0]!.destination = { type: 'extension', extension: '1999' };
      p.queues[0]!.overflow = { type: 'external', number: '+4930123', trunk: 'carrier', ringSeconds: 60 };
      p.inboundRoutes[4]!.scheduleId = 'weekend';
      p.queues[1]!.members.push({ extension: '1777', penalty: 0, membership: 'static' });
    });
    expect(codes(plan).filter((i) => i.code === 'UNKNOWN_TARGET').map((i) => i.path.join('.'))).toEqual([
      'inboundRoutes.0.destination.menu',
      'internalRoutes.0.destination.extension',
      'queues.0.overflow.trunk',
      'queues.1.members.3.extension',
      'inboundRoutes.4.scheduleId',
    ]);
  });

  it('reports a menu no route leads to as unreachable', () => {
    const plan = edit((p) => p.ivrMenus.push(menu('orphan', [{ digit: '1', destination: { type: 'hangup' } }])));
    expect(codes(plan)).toEqual([{ code: 'IVR_UNREACHABLE', path: ['ivrMenus', 1] }]);
  });

  it('reports two menus that only lead to each other as a loop without an exit', () => {
    const plan = edit((p) => {
      p.ivrMenus.push(menu('a', [{ digit: '1', destination: { type: 'ivr', menu: 'b' } }], { type: 'ivr', menu: 'b' }));
      p.ivrMenus.push(menu('b', [{ digit: '1', destination: { type: 'ivr', menu: 'a' } }], { type: 'ivr', menu: 'a' }));
      p.ivrMenus[0]!.options.push({ digit: '3', destination: { type: 'ivr', menu: 'a' } });
    });
    expect(codes(plan)).toEqual([{ code: 'IVR_LOOP', path: ['ivrMenus', 1, 'options', 0, 'destination'] }]);
  });

  it('accepts a cycle between menus when one option leaves it', () => {
    const plan = edit((p) => {
      p.ivrMenus.push(menu('a', [{ digit: '1', destination: { type: 'ivr', menu: 'b' } }], { type: 'ivr', menu: 'b' }));
      p.ivrMenus.push(menu('b', [{ digit: '1', destination: { type: 'ivr', menu: 'a' } }, { digit: '0', destination: { type: 'queue', queue: 'sales' } }], { type: 'ivr', menu: 'a' }));
      p.ivrMenus[0]!.options.push({ digit: '3', destination: { type: 'ivr', menu: 'a' } });
    });
    expect(codes(plan)).toEqual([]);
  });

  it('refuses a queue without members', () => {
    expect(codes(edit((p) => (p.queues[1]!.members = [])))).toEqual([{ code: 'QUEUE_NO_MEMBERS', path: ['queues', 1, 'members'] }]);
  });

  it('refuses two routes on the same number, and overlapping patterns at one priority', () => {
    const same = edit((p) => p.inboundRoutes.push({ ...p.inboundRoutes[1]!, id: 'again', priority: 50 }));
    expect(codes(same)).toEqual([{ code: 'ROUTE_OVERLAP', path: ['inboundRoutes', 5, 'did'] }]);
    const pattern = edit((p) => p.inboundRoutes.push({ ...p.inboundRoutes[1]!, id: 'range', did: '_50[0-4]X' }));
    expect(codes(pattern)).toEqual([
      { code: 'ROUTE_OVERLAP', path: ['inboundRoutes', 5, 'did'] },
      { code: 'ROUTE_OVERLAP', path: ['inboundRoutes', 5, 'did'] },
      { code: 'ROUTE_OVERLAP', path: ['inboundRoutes', 5, 'did'] },
    ]);
  });

  it('accepts a catch-all at a lower priority but not one that Asterisk would try before an exact number', () => {
    const fallback = edit((p) => p.inboundRoutes.push({ ...p.inboundRoutes[1]!, id: 'rest', did: '_X.', priority: 500 }));
    expect(codes(fallback)).toEqual([]);
    const inverted = edit((p) => p.inboundRoutes.push({ ...p.inboundRoutes[1]!, id: 'rest', did: '_X.', priority: 1 }));
    expect(codes(inverted).map((i) => i.code)).toEqual(Array(5).fill('ROUTE_PRIORITY_CONFLICT'));
  });

  it('refuses hours that never open and ranges that close before they open', () => {
    expect(codes(edit((p) => (p.schedules[0]!.weekly = [])))).toEqual([{ code: 'HOURS_NEVER_OPEN', path: ['schedules', 0, 'weekly'] }]);
    expect(codes(edit((p) => (p.schedules[0]!.weekly[0]!.close = '07:00')))).toEqual([
      { code: 'HOURS_INVALID_RANGE', path: ['schedules', 0, 'weekly', 0, 'close'] },
      { code: 'HOURS_NEVER_OPEN', path: ['schedules', 0, 'weekly'] },
    ]);
  });

  it('refuses duplicate extensions, keys and ids', () => {
    expect(codes(edit((p) => (p.endpoints[2]!.extension = '1001')))).toContainEqual({ code: 'DUPLICATE_EXTENSION', path: ['endpoints', 2, 'extension'] });
    expect(codes(edit((p) => (p.internalRoutes[1]!.extension = '1002')))).toEqual([{ code: 'DUPLICATE_EXTENSION', path: ['internalRoutes', 1, 'extension'] }]);
    expect(codes(edit((p) => (p.ivrMenus[0]!.options[1]!.digit = '1')))).toEqual([{ code: 'DUPLICATE_DIGIT', path: ['ivrMenus', 0, 'options', 1, 'digit'] }]);
    expect(codes(edit((p) => (p.queues[1]!.name = 'support')))).toContainEqual({ code: 'DUPLICATE_ID', path: ['queues', 1, 'name'] });
    expect(codes(edit((p) => (p.trunks[0]!.id = '1003')))).toContainEqual({ code: 'DUPLICATE_ID', path: ['trunks', 0, 'id'] });
  });

  it('throws INVALID_INPUT listing each problem with its field when parsing a bad plan', () => {
    const plan = edit((p) => (p.queues[1]!.members = []));
    try {
      parseDialPlan(plan);
      throw new Error('accepted');
    } catch (e) {
      expect(isRingsideError(e) && e.code).toBe('INVALID_INPUT');
      expect(isRingsideError(e) && e.issues).toEqual([{ path: 'queues.1.members', message: expect.stringContaining('[QUEUE_NO_MEMBERS]') }]);
    }
  });
});

describe('number patterns', () => {
  const p = (s: string) => parseNumberPattern(s)!;
  it('knows which patterns can match the same number', () => {
    expect(patternsOverlap(p('_50XX'), p('5001'))).toBe(true);
    expect(patternsOverlap(p('_50XX'), p('6001'))).toBe(false);
    expect(patternsOverlap(p('_5X.'), p('50'))).toBe(false);
    expect(patternsOverlap(p('_5X.'), p('501234'))).toBe(true);
    expect(patternsOverlap(p('_5X!'), p('50'))).toBe(true);
    expect(patternsOverlap(p('_[1-3]X'), p('_[4-6]X'))).toBe(false);
    expect(patternsOverlap(p('_NXX'), p('_1XX'))).toBe(false);
    expect(parseNumberPattern('_5[2-')).toBeNull();
  });
});

describe('prompt sounds', () => {
  it('refuses a path as a sound file before anything else looks at it', () => {
    for (const path of ['/etc/passwd', '../../etc/shadow', 'custom//x', 'digits/']) {
      const plan = edit((p) => (p.ivrMenus[0]!.prompt = { type: 'sound', files: [path] }));
      const checked = checkDialPlan(plan);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.issues[0]).toMatchObject({ code: 'INVALID_FIELD', path: ['ivrMenus', 0, 'prompt', 'files', 0] });
    }
  });

  it('refuses a sound the switch does not have, in every prompt of the plan, with its exact place', () => {
    const plan = edit((p) => {
      p.ivrMenus[0]!.prompt = { type: 'sound', files: ['hello', 'etc/passwd'] };
      p.ivrMenus[0]!.invalid.prompt = { type: 'sound', files: ['no-such-sound'] };
      p.schedules[0]!.closedPrompt = { type: 'sound', files: ['custom/closed'] };
    });
    expect(codes(plan).filter((i) => i.code === 'UNKNOWN_SOUND')).toEqual([
      { code: 'UNKNOWN_SOUND', path: ['ivrMenus', 0, 'prompt', 'files', 1] },
      { code: 'UNKNOWN_SOUND', path: ['ivrMenus', 0, 'invalid', 'prompt', 'files', 0] },
      { code: 'UNKNOWN_SOUND', path: ['schedules', 0, 'closedPrompt', 'files', 0] },
    ]);
  });

  it('takes core sounds and the uploads the system settings declare; text-to-speech is not a sound', () => {
    const plan = edit((p) => {
      p.system.customSounds = ['custom/closed'];
      p.ivrMenus[0]!.prompt = { type: 'sound', files: ['digits/1', 'queue-thankyou'] };
      p.schedules[0]!.closedPrompt = { type: 'sound', files: ['custom/closed'] };
      p.ivrMenus[0]!.invalid.prompt = { type: 'tts', text: 'Sorry' };
    });
    expect(codes(plan)).toEqual([]);
    expect(checkDialPlan({ ...plan, system: { ...plan.system, customSounds: ['/var/lib/x'] } }).ok).toBe(false);
  });
});
