import { describe, expect, it } from '@jest/globals';
import { AmiParser } from './ami-parser.js';

describe('the AMI request parser', () => {
  it('assembles a frame split across chunks, even inside CRLF', () => {
    const p = new AmiParser();
    expect(p.push('Action: Pi')).toEqual([]);
    expect(p.push('ng\r\nActionID: 7\r')).toEqual([]);
    const out = p.push('\n\r\n');
    expect(out).toHaveLength(1);
    expect(out[0]!.action).toBe('Ping');
    expect(out[0]!.actionId).toBe('7');
  });

  it('returns several frames from one chunk in order, keeping repeated headers', () => {
    const p = new AmiParser();
    const out = p.push('Action: A\r\n\r\nAction: B\r\nVariable: x=1\r\nVariable: y=2\r\n\r\nAction: C\r\n\r\n');
    expect(out.map((r) => r.action)).toEqual(['A', 'B', 'C']);
    expect(out[1]!.getAll('variable')).toEqual(['x=1', 'y=2']);
  });

  it('drops an over-long line instead of growing without bound, and recovers for the next frame', () => {
    const p = new AmiParser({ maxLineBytes: 100 });
    expect(p.push('Action: Ping\r\nJunk: ' + 'x'.repeat(5000))).toEqual([]);
    const out = p.push('yyy\r\n\r\nAction: Pong\r\n\r\n');
    expect(out.map((r) => r.action)).toEqual(['Ping', 'Pong']);
    expect(out[0]!.get('Junk')).toBeUndefined();
  });

  it('keeps lines without a colon as keys with empty values (Asterisk then reports a missing action)', () => {
    const out = new AmiParser().push('garbage line\r\n\r\n');
    expect(out[0]!.action).toBe('');
    expect(out[0]!.fields).toEqual([['garbage line', '']]);
  });

  it('caps the number of headers per frame', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `H${i}: v`).join('\r\n');
    const out = new AmiParser({ maxHeaders: 128 }).push(`Action: X\r\n${lines}\r\n\r\n`);
    expect(out[0]!.fields).toHaveLength(128);
  });
});
