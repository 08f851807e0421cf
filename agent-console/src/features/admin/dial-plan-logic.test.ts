import { describe, expect, it } from '@jest/globals';
import { demoDialPlanInput, type DialPlanInput } from '@ringside/shared';
import { navFor } from '../../routes.js';
import { setIn } from './dial-plan-model.js';
import { buildIvrTree } from './ivr-tree.js';
import { diffLines, toHunks } from './line-diff.js';

describe('line diff', () => {
  it('keeps common lines and marks only what was removed and added, with both line numbers', () => {
    const lines = diffLines('a\nb\nc\nd\n', 'a\nc\nx\nd\ne\n');
    expect(lines.map((l) => `${l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' '}${l.text}`)).toEqual([' a', '-b', ' c', '+x', ' d', '+e']);
    expect(lines[3]).toEqual({ kind: 'add', text: 'x', oldNo: null, newNo: 3 });
    expect(lines[4]).toEqual({ kind: 'same', text: 'd', oldNo: 4, newNo: 4 });
  });

  it('an empty live file shows every draft line as added', () => {
    expect(diffLines('', 'one\ntwo').map((l) => l.kind)).toEqual(['add', 'add']);
  });

  it('folds long unchanged stretches but keeps three lines around each change', () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const hunks = toHunks(diffLines(old, old.replace('line 10', 'line ten')));
    expect(hunks.map((h) => (h.type === 'skip' ? `skip ${h.count}` : `${h.lines.length} lines`))).toEqual(['skip 7', '8 lines', 'skip 6']);
  });
});

describe('IVR tree', () => {
  it('expands nested menus under their key and marks a way back as a loop instead of expanding it again', () => {
    let draft: DialPlanInput = JSON.parse(JSON.stringify(demoDialPlanInput)) as DialPlanInput;
    const sub = {
      id: 'billing',
      name: 'Billing',
      prompt: { type: 'sound' as const, files: ['billing'] },
      options: [{ digit: '0' as const, destination: { type: 'ivr' as const, menu: 'main' } }],
      invalid: { attempts: 2, destination: { type: 'hangup' as const } },
      timeout: { attempts: 2, destination: { type: 'ivr' as const, menu: 'billing' } },
    };
    draft = setIn(draft, ['ivrMenus', 1], sub);
    draft = setIn(draft, ['ivrMenus', 0, 'options', 2], { digit: '3', destination: { type: 'ivr', menu: 'billing' } });

    const tree = buildIvrTree(draft, 'main');
    const key3 = tree?.branches.find((b) => b.digit === '3');
    expect(key3?.child?.id).toBe('billing');
    const back = key3?.child?.branches.find((b) => b.digit === '0');
    expect(back?.loopsTo).toBe('main');
    expect(back?.child).toBeNull();
    expect(key3?.child?.branches.find((b) => b.kind === 'timeout')?.loopsTo).toBe('billing');
    expect(tree?.branches.find((b) => b.digit === '1')?.child).toBeNull();
  });
});

describe('admin navigation', () => {
  it('only admins see the dial plan and users in the nav', () => {
    expect(navFor('admin').map((r) => r.pattern)).toEqual(expect.arrayContaining(['/admin/dialplan', '/admin/users']));
    for (const role of ['agent', 'supervisor'] as const) {
      expect(navFor(role).some((r) => r.pattern.startsWith('/admin'))).toBe(false);
    }
  });
});
