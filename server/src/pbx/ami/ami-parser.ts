import { FrameShapes } from './ami-frame-shapes.js';

/** A header value: repeated headers (`Output:`, `Variable:`, `ChanVariable:`) become arrays. */
export type AmiValue = string | string[];

/** One AMI frame (a response or an event): header names as keys, in arrival order. */
export type AmiMessage = Record<string, AmiValue>;

/** Why a frame was dropped. */
export interface AmiParseProblem {
  kind: 'malformed' | 'oversize';
  message: string;
  /** The first bytes of what was dropped, for the log (control characters escaped). */
  sample: string;
}

/** Bounds that keep a hostile or broken peer from growing memory without limit. */
export interface AmiParserLimits {
  /** One header line; a longer one drops its frame. */
  maxLineBytes: number;
  /** A whole frame; `Command` output can be long, so this is generous. */
  maxFrameBytes: number;
  maxHeaders: number;
}

/** Where the parser delivers what it found; it never throws, whatever the bytes. */
export interface AmiParserSink {
  frame(message: AmiMessage): void;
  banner?(text: string): void;
  problem?(problem: AmiParseProblem): void;
}

const DEFAULT_LIMITS: AmiParserLimits = { maxLineBytes: 64 * 1024, maxFrameBytes: 8 * 1024 * 1024, maxHeaders: 50_000 };
const LF = 10;
const CR = 13;
const SPACE = 32;
const KEY_BUCKETS_MASK = 4095;

function sampleOf(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.slice(0, 80).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Streaming AMI parser over raw socket chunks. A frame is `Key: Value` lines ending in an empty
 * line; chunks may split it at any byte (also inside a UTF-8 sequence) or carry many frames.
 * Bytes are decoded once per chunk up to its last LF, then scanned with indexOf: no per-line
 * regexes, no string concatenation of the stream.
 */
export class AmiParser {
  private readonly limits: AmiParserLimits;
  private rest: Buffer | null = null;
  /** The frame being read: names and values so far, and a hash of its name sequence. */
  private readonly names: string[] = [];
  private readonly values: string[] = [];
  private headers = 0;
  private shapeHash = 0;
  private lastHash = 0;
  /** A header repeats (or is `Output`): the frame is built the careful way. */
  private irregular = false;
  private readonly shapes = new FrameShapes();
  private frameBytes = 0;
  private bad: AmiParseProblem | null = null;
  /** Dropping the tail of an over-long line until its LF. */
  private skippingLine = false;
  private sawBanner = false;
  /** Per cache entry: the frame that last used it (to see a name repeat within a frame), its hash. */
  private readonly stamps = new Int32Array((KEY_BUCKETS_MASK + 1) * 2);
  private readonly hashes = new Int32Array((KEY_BUCKETS_MASK + 1) * 2);
  private frameNo = 1;
  /** The next header may repeat one already stored. */
  private suspect = false;
  /** A slot was shared by two names of this frame: every store checks for repeats. */
  private collided = false;
  private readonly keys: Array<string | undefined> = new Array<string | undefined>((KEY_BUCKETS_MASK + 1) * 2).fill(undefined);

  constructor(
    private readonly sink: AmiParserSink,
    limits: Partial<AmiParserLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Feeds bytes as they came off the socket. */
  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.rest !== null) {
      buf = Buffer.concat([this.rest, chunk]);
      this.rest = null;
    }
    const lastLf = buf.lastIndexOf(LF);
    if (lastLf < 0) {
      this.keepRest(buf);
      return;
    }
    if (lastLf + 1 < buf.length) this.keepRest(buf.subarray(lastLf + 1));
    this.scan(buf.toString('utf8', 0, lastLf + 1));
  }

  /** Drops a half-received frame, e.g. when the connection is replaced. */
  reset(): void {
    this.nextFrame();
    this.rest = null;
    this.headers = 0;
    this.frameBytes = 0;
    this.bad = null;
    this.skippingLine = false;
    this.sawBanner = false;
  }

  private keepRest(bytes: Buffer): void {
    if (bytes.length > this.limits.maxLineBytes) {
      this.fail('oversize', `header line longer than ${this.limits.maxLineBytes} bytes`, bytes.toString('utf8', 0, 80));
      this.skippingLine = true;
      this.rest = null;
      return;
    }
    // A copy, so a small tail does not pin the whole socket chunk.
    this.rest = Buffer.from(bytes);
  }

  private scan(text: string): void {
    let pos = 0;
    const end = text.length;
    while (pos < end) {
      const lf = text.indexOf('\n', pos);
      // `text` always ends with LF, so lf >= pos here.
      let lineEnd = lf;
      if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
      const lineStart = pos;
      pos = lf + 1;
      if (this.skippingLine) {
        this.skippingLine = false;
        continue;
      }
      if (lineEnd === lineStart) {
        this.endFrame();
        continue;
      }
      if (this.bad !== null) continue;
      const length = lineEnd - lineStart;
      this.frameBytes += length + 2;
      if (length > this.limits.maxLineBytes || this.frameBytes > this.limits.maxFrameBytes || this.headers >= this.limits.maxHeaders) {
        this.fail('oversize', `frame over the limits (${this.limits.maxLineBytes} bytes a line, ${this.limits.maxFrameBytes} a frame, ${this.limits.maxHeaders} headers)`, text.slice(lineStart, lineStart + 80));
        continue;
      }
      const colon = text.indexOf(':', lineStart);
      if (colon < 0 || colon >= lineEnd) {
        this.noColon(text.slice(lineStart, lineEnd));
        continue;
      }
      if (colon === lineStart) {
        this.fail('malformed', 'header without a name', text.slice(lineStart, lineEnd));
        continue;
      }
      const key = this.keyAt(text, lineStart, colon);
      let valueStart = colon + 1;
      // Asterisk writes `Key: Value`; a value's own leading spaces beyond the first are kept.
      if (valueStart < lineEnd && text.charCodeAt(valueStart) === SPACE) valueStart++;
      if (key === '__proto__') {
        this.fail('malformed', 'forbidden header name', key);
        continue;
      }
      if (this.suspect || key === 'Output') {
        this.suspect = this.collided;
        this.irregular = true;
      }
      const n = this.headers++;
      this.names[n] = key;
      this.values[n] = text.slice(valueStart, lineEnd);
      this.shapeHash = (Math.imul(this.shapeHash, 31) + this.lastHash) | 0;
    }
  }

  /**
   * The header name at text[start, end), reusing a string seen before: header names repeat
   * endlessly, and a name the engine has already internalised makes the property store cheap.
   */
  private keyAt(text: string, start: number, end: number): string {
    const len = end - start;
    // Length and five letters: Asterisk's ~500 names mostly differ there, and two-way buckets
    // absorb the rest; a full hash of every letter costs more than the slice it saves.
    let h = Math.imul(len ^ 0x811c9dc5, 0x01000193);
    h = Math.imul(h ^ text.charCodeAt(start), 0x01000193);
    h = Math.imul(h ^ text.charCodeAt(start + 1), 0x01000193);
    h = Math.imul(h ^ text.charCodeAt(start + (len >> 1)), 0x01000193);
    h = Math.imul(h ^ text.charCodeAt(end - 2), 0x01000193);
    h = Math.imul(h ^ text.charCodeAt(end - 1), 0x01000193);
    h ^= h >>> 15;
    this.lastHash = h;
    const frame = this.frameNo;
    const base = (h & KEY_BUCKETS_MASK) << 1;
    for (let w = base; w < base + 2; w++) {
      const cached = this.keys[w];
      if (this.hashes[w] === h && cached !== undefined && cached.length === len && text.startsWith(cached, start)) {
        // Same name already in this frame: a repeated header, take the careful path.
        if (this.stamps[w] === frame) this.suspect = true;
        this.stamps[w] = frame;
        return cached;
      }
    }
    // Replace the way used longest ago; if both hold names of this frame, repeats of the evicted
    // one could no longer be seen, so the rest of the frame takes the careful path.
    const w = (this.stamps[base] as number) <= (this.stamps[base + 1] as number) ? base : base + 1;
    if (this.stamps[w] === frame) this.collided = this.suspect = true;
    const key = text.slice(start, end);
    // A fixed table: a flood of random names just keeps replacing entries, memory stays bounded.
    this.keys[w] = key;
    this.hashes[w] = h;
    this.stamps[w] = frame;
    return key;
  }

  /** The frame object; repeated headers (and `Output` always) become arrays. */
  private build(): AmiMessage {
    const n = this.headers;
    if (!this.irregular) return this.shapes.build(this.shapeHash ^ n, this.names, this.values, n);
    const o: AmiMessage = {};
    for (let i = 0; i < n; i++) {
      const key = this.names[i] as string;
      const value = this.values[i] as string;
      const prev = o[key];
      if (typeof prev === 'string') o[key] = [prev, value];
      else if (Array.isArray(prev)) prev.push(value);
      else if (key === 'Output') o[key] = [value];
      else o[key] = value;
    }
    return o;
  }

  private noColon(line: string): void {
    // The banner is one line with no blank line after it, before the first frame.
    if (this.headers === 0 && line.startsWith('Asterisk Call Manager/')) {
      this.sawBanner = true;
      this.safe(() => this.sink.banner?.(line));
      return;
    }
    this.fail('malformed', this.sawBanner ? 'line without a colon' : 'line without a colon before the banner', line);
  }

  private fail(kind: AmiParseProblem['kind'], message: string, sample: string): void {
    if (this.bad === null) this.bad = { kind, message, sample: sampleOf(sample) };
  }

  private nextFrame(): void {
    this.frameNo = (this.frameNo + 1) | 0;
    this.suspect = false;
    this.collided = false;
    this.irregular = false;
    this.shapeHash = 0;
  }

  private endFrame(): void {
    const bad = this.bad;
    const message = bad === null && this.headers > 0 ? this.build() : null;
    this.nextFrame();
    this.headers = 0;
    this.frameBytes = 0;
    this.bad = null;
    if (bad !== null) this.safe(() => this.sink.problem?.(bad));
    else if (message !== null) {
      try {
        this.sink.frame(message);
      } catch (error) {
        this.handlerThrew(error);
      }
    }
  }

  private safe(deliver: () => void): void {
    try {
      deliver();
    } catch (error) {
      this.handlerThrew(error);
    }
  }

  private handlerThrew(error: unknown): void {
    // A consumer's bug must not tear down the stream; report it like a bad frame.
    try {
      this.sink.problem?.({ kind: 'malformed', message: `frame handler threw: ${String(error)}`, sample: '' });
    } catch {
      /* nothing left to report to */
    }
  }
}

/** The first value of a header, or '' when absent. */
export function field(message: AmiMessage, key: string): string {
  const v = message[key];
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v[0] ?? '';
  return '';
}

/** Every value of a (possibly repeated) header. */
export function fields(message: AmiMessage, key: string): string[] {
  const v = message[key];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v;
  return [];
}
