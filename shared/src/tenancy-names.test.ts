import { describe, expect, it } from '@jest/globals';
import { isRingsideError, isSwitchPrefix, splitSwitchName, switchName, switchPrefixSchema } from './index.js';

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isRingsideError(e) ? e.code : 'not a RingsideError';
  }
  return undefined;
}

describe('switch names of tenants', () => {
  it("prefixes a tenant's local names and leaves the default tenant's bare", () => {
    expect(switchName('acme', '1001')).toBe('acme-1001');
    expect(switchName('acme', 'ringside-ivr-main')).toBe('acme-ringside-ivr-main');
    expect(switchName('', 'support')).toBe('support');
  });

  it('accepts as prefix only the empty string or a lowercase slug of 2-16 characters, not a reserved one', () => {
    for (const ok of ['', 'ab', 'acme', 'a1', 'abcdefghijklmnop']) expect(isSwitchPrefix(ok)).toBe(true);
    for (const bad of ['a', '1a', 'Acme', 'ac-me', 'ac_me', 'abcdefghijklmnopq', ' acme', 'ringside', 'from', 'dial', 'transport']) {
      expect(isSwitchPrefix(bad)).toBe(false);
    }
    expect(switchPrefixSchema.safeParse('ringside').error?.issues[0]?.message).toContain('reserved');
  });

  it('refuses injection-ish prefixes and local names: CR/LF, control characters, separators', () => {
    for (const prefix of ['acme\r\n', 'ac\nme', 'acme\u0000', 'acme\u2028', 'acme;x', 'acme,x']) expect(code(() => switchName(prefix, '1001'))).toBe('INVALID_INPUT');
    for (const local of ['', '1001\r\n[evil]', '1001\n', '10\u000701', 'a,b', 'a;b', 'a b', 'a/b', 'a&b', 'x(y)', '${EXTEN}']) {
      expect(code(() => switchName('acme', local))).toBe('INVALID_INPUT');
    }
  });

  it('splits a switch name into its tenant and local name, by the longest known prefix', () => {
    const prefixes = ['', 'ab', 'abc'];
    expect(splitSwitchName('abc-1001', prefixes)).toEqual({ prefix: 'abc', local: '1001' });
    expect(splitSwitchName('ab-support', prefixes)).toEqual({ prefix: 'ab', local: 'support' });
    expect(splitSwitchName('ab-ringside-queue-support', prefixes)).toEqual({ prefix: 'ab', local: 'ringside-queue-support' });
    // No known prefix: the default tenant's, when there is one; else nobody's.
    expect(splitSwitchName('1001', prefixes)).toEqual({ prefix: '', local: '1001' });
    expect(splitSwitchName('abcd-1001', prefixes)).toEqual({ prefix: '', local: 'abcd-1001' });
    expect(splitSwitchName('ab-', prefixes)).toEqual({ prefix: '', local: 'ab-' });
    expect(splitSwitchName('1001', ['ab', 'abc'])).toBeNull();
    expect(splitSwitchName('zz-1001', ['ab'])).toBeNull();
  });

  it('gives names carrying control characters or separators to nobody, whatever the prefixes', () => {
    for (const name of ['ab-1001\r\n', 'ab-10\u000001', 'ab-1001;x', 'ab-1001 ', '', 'ab-1001-00000001/x']) {
      expect(splitSwitchName(name, ['', 'ab'])).toBeNull();
    }
  });

  it('round-trips every name it makes', () => {
    const prefixes = ['', 'acme', 'beta'];
    for (const prefix of prefixes) {
      for (const local of ['1001', 'support', 'ringside-agents', '*1', 'beta-x']) {
        const split = splitSwitchName(switchName(prefix, local), prefixes);
        // A default-tenant name that starts with another tenant's prefix cannot round-trip:
        // validateTenantPlans refuses such names (SWITCH_NAME_AMBIGUOUS).
        if (prefix === '' && local.startsWith('beta-')) expect(split).toEqual({ prefix: 'beta', local: 'x' });
        else expect(split).toEqual({ prefix, local });
      }
    }
  });
});
