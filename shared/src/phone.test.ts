import { describe, expect, it } from '@jest/globals';
import { normalisePhone, toE164 } from './phone.js';

describe('phone normalisation', () => {
  it('reads a national number in the default country and an international one in any format', () => {
    expect(toE164('030 1234567', 'DE')).toBe('+49301234567');
    expect(toE164('+49 (30) 123-4567', 'US')).toBe('+49301234567');
    expect(toE164('0049 30 1234567', 'FR')).toBe('+49301234567');
    expect(toE164('(415) 555-2671', 'US')).toBe('+14155552671');
  });

  it('refuses control characters before anything else, so CR/LF cannot ride along a number', () => {
    expect(normalisePhone('+14155552671\r\nAction: Originate', 'US')).toEqual({ ok: false, reason: 'CONTROL_CHARS' });
  });

  it('says why a number is unusable', () => {
    expect(normalisePhone('   ', 'US')).toEqual({ ok: false, reason: 'EMPTY' });
    expect(normalisePhone('hello', 'US').ok).toBe(false);
    expect(normalisePhone('12', 'US').ok).toBe(false);
  });
});
