import { describe, expect, it } from '@jest/globals';
import { AmiParser, type AmiMessage, type AmiParseProblem, type AmiParserLimits } from './ami-parser.js';
import { amiTraceBytes, amiTraceNames, tracesPresent } from './testing/traces.js';

interface Parsed {
  frames: AmiMessage[];
  banners: string[];
  problems: AmiParseProblem[];
}

function parseChunks(chunks: Buffer[], limits: Partial<AmiParserLimits> = {}): Parsed {
  const out: Parsed = { frames: [], banners: [], problems: [] };
  const parser = new AmiParser({ frame: (m) => out.frames.push(m), banner: (b) => out.banners.push(b), problem: (p) => out.problems.push(p) }, limits);
  for (const c of chunks) parser.push(c);
  return out;
}

/** An independent, obviously-correct reading of a whole stream: split on blank lines, then on ': '. */
function referenceFrames(text: string): Array<Array<[string, string]>> {
  const body = text.startsWith('Asterisk Call Manager/') ? text.slice(text.indexOf('\r\n') + 2) : text;
  return body
    .split('\r\n\r\n')
    .filter((block) => block.length > 0)
    .map((block) =>
      block.split('\r\n').map((line) => {
        const i = line.indexOf(':');
        return [line.slice(0, i), line.slice(i + 1).replace(/^ /, '')] as [string, string];
      }),
    );
}

function flatten(frame: AmiMessage): Array<[string, string]> {
  // Repeated headers come back as arrays; the reference lists them one by one, in order.
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(frame)) for (const x of Array.isArray(v) ? v : [v]) pairs.push([k, x]);
  return pairs;
}

function sortedPairs(pairs: Array<[string, string]>): string[] {
  return pairs.map(([k, v]) => `${k}\u0000${v}`).sort();
}

const describeTraces = tracesPresent() ? describe : describe.skip;
if (!tracesPresent()) console.warn('ami-parser.test: ../shared/asterisk traces absent, trace scenarios skipped');

describeTraces('reading the recorded Asterisk 22 byte streams', () => {
  it('every recorded stream parses to the frames an independent reading finds, with the banner reported once', () => {
    for (const name of amiTraceNames()) {
      const bytes = amiTraceBytes(name);
      const parsed = parseChunks([bytes]);
      const expected = referenceFrames(bytes.toString('utf8'));
      expect({ name, problems: parsed.problems }).toEqual({ name, problems: [] });
      expect(parsed.banners).toEqual(['Asterisk Call Manager/11.0.0']);
      expect(parsed.frames.length).toBe(expected.length);
      parsed.frames.forEach((f, i) => expect(sortedPairs(flatten(f))).toEqual(sortedPairs(expected[i] ?? [])));
    }
  });

  it('feeding every stream one byte at a time (a split at every boundary) gives the same frames', () => {
    for (const name of amiTraceNames()) {
      const bytes = amiTraceBytes(name);
      const whole = parseChunks([bytes]);
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i++) chunks.push(bytes.subarray(i, i + 1));
      const byByte = parseChunks(chunks);
      expect({ name, frames: byByte.frames, banners: byByte.banners }).toEqual({ name, frames: whole.frames, banners: whole.banners });
    }
  });

  it('a stream cut in two at each possible position parses to the same frames', () => {
    for (const name of ['e-queue-pause', 'h2-auth-errors', '0-register']) {
      const bytes = amiTraceBytes(name);
      const whole = JSON.stringify(parseChunks([bytes]).frames);
      const differing: number[] = [];
      for (let cut = 1; cut < bytes.length; cut++) {
        const split = parseChunks([bytes.subarray(0, cut), bytes.subarray(cut)]);
        if (JSON.stringify(split.frames) !== whole) differing.push(cut);
      }
      expect({ name, differing }).toEqual({ name, differing: [] });
    }
  });

  it('Command output comes back as one array per reply, keeping its blank-looking lines', () => {
    const frames = parseChunks([amiTraceBytes('h-ami-basics')]).frames;
    const contacts = frames.find((f) => f.ActionID === 'h-ami-basics-6');
    expect(contacts?.Output).toHaveLength(11);
    expect((contacts?.Output as string[])[0]).toBe('');
    expect((contacts?.Output as string[])[10]).toBe('');
    expect((contacts?.Output as string[])[9]).toBe('Objects found: 4');
    const version = frames.find((f) => f.ActionID === 'h-ami-basics-5');
    expect(version?.Output).toEqual(['Asterisk 22.10.1 built by root @ vm on a x86_64 running Linux on 2026-11-22 11:53:55 UTC']);
  });

  it('header names keep their arrival order', () => {
    const hangup = parseChunks([amiTraceBytes('a-queue-answer')]).frames.find((f) => f.Event === 'Hangup');
    expect(Object.keys(hangup ?? {}).slice(0, 4)).toEqual(['Event', 'Privilege', 'Channel', 'ChannelState']);
    expect(Object.keys(hangup ?? {}).slice(-2)).toEqual(['Cause', 'Cause-txt']);
  });
});

describe('bad input on the wire', () => {
  const good = (n: number) => `Event: Ping${n}\r\nUniqueid: 1.${n}\r\n\r\n`;

  it('a garbage frame is reported and dropped, and the frames around it still arrive', () => {
    const stream = Buffer.from(`${good(1)}\u0000\u0001garbage without colon\r\nKey: value\r\n\r\n${good(2)}: no name\r\n\r\n${good(3)}`, 'utf8');
    for (const chunks of [[stream], [...stream].map((b) => Buffer.from([b]))]) {
      const parsed = parseChunks(chunks);
      expect(parsed.frames.map((f) => f.Event)).toEqual(['Ping1', 'Ping2', 'Ping3']);
      expect(parsed.problems.map((p) => p.kind)).toEqual(['malformed', 'malformed']);
      expect(parsed.problems[0]?.sample).toContain('\\x00\\x01garbage');
    }
  });

  it('an oversize line or frame is dropped and reported without buffering it all, and parsing resumes', () => {
    const huge = 'x'.repeat(10_000);
    const stream = Buffer.from(`${good(1)}Event: Big\r\nData: ${huge}\r\nMore: y\r\n\r\n${good(2)}Event: Long\r\n${'A: b\r\n'.repeat(500)}\r\n${good(3)}`);
    const limits = { maxLineBytes: 1024, maxFrameBytes: 2048 };
    for (const size of [stream.length, 7, 1]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.subarray(i, i + size));
      const parsed = parseChunks(chunks, limits);
      expect(parsed.frames.map((f) => f.Event)).toEqual(['Ping1', 'Ping2', 'Ping3']);
      expect(parsed.problems.map((p) => p.kind)).toEqual(['oversize', 'oversize']);
    }
  });

  it('a header that would reach the object prototype is refused', () => {
    const parsed = parseChunks([Buffer.from(`Event: X\r\n__proto__: a\r\n__proto__: b\r\n\r\nEvent: Y\r\nconstructor: c\r\n\r\n`)]);
    expect(parsed.problems.map((p) => p.kind)).toEqual(['malformed']);
    expect(parsed.frames).toEqual([{ Event: 'Y', constructor: 'c' }]);
    expect(Object.getPrototypeOf(parsed.frames[0])).toBe(Object.prototype);
  });

  it('a UTF-8 caller name split inside a character is decoded intact', () => {
    const bytes = Buffer.from('Event: Newchannel\r\nCallerIDName: Zoë Müller 李\r\n\r\n', 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i++) chunks.push(bytes.subarray(i, i + 1));
    expect(parseChunks(chunks).frames).toEqual([{ Event: 'Newchannel', CallerIDName: 'Zoë Müller 李' }]);
  });

  it('a frame handler that throws is reported and the stream goes on', () => {
    const seen: string[] = [];
    const problems: string[] = [];
    const parser = new AmiParser({
      frame: (m) => {
        if (m.Event === 'Ping2') throw new Error('consumer bug');
        seen.push(m.Event as string);
      },
      problem: (p) => problems.push(p.message),
    });
    expect(() => parser.push(Buffer.from(good(1) + good(2) + good(3)))).not.toThrow();
    expect(seen).toEqual(['Ping1', 'Ping3']);
    expect(problems[0]).toContain('consumer bug');
  });

  it('any repeated header becomes an array in arrival order, frame after frame', () => {
    const frame = 'Event: VarSet\r\nChanVariable: a=1\r\nUniqueid: 1.1\r\nChanVariable: b=2\r\nChanVariable: c=3\r\n\r\n';
    const parsed = parseChunks([Buffer.from(frame.repeat(3))]);
    expect(parsed.frames).toHaveLength(3);
    for (const f of parsed.frames) expect(f).toEqual({ Event: 'VarSet', ChanVariable: ['a=1', 'b=2', 'c=3'], Uniqueid: '1.1' });
  });

  it('bare LF line ends (a sloppy peer) still frame correctly', () => {
    expect(parseChunks([Buffer.from('Event: A\nX: 1\n\nEvent: B\n\n')]).frames).toEqual([{ Event: 'A', X: '1' }, { Event: 'B' }]);
  });
});
