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
const COLON = 58;
const SPACE = 32;

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
  private current: AmiMessage = {};
  private headers = 0;
  private frameBytes = 0;
  private bad: AmiParseProblem | null = null;
  /** Dropping the tail of an over-long line until its LF. */
  private skippingLine = false;
  private sawBanner = false;

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
    this.rest = null;
    this.current = {};
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
      const key = text.slice(lineStart, colon);
      let valueStart = colon + 1;
      // Asterisk writes `Key: Value`; a value's own leading spaces beyond the first are kept.
      if (valueStart < lineEnd && text.charCodeAt(valueStart) === SPACE) valueStart++;
      this.add(key, text.slice(valueStart, lineEnd));
    }
  }

  private add(key: string, value: string): void {
    if (key === '__proto__') {
      this.fail('malformed', 'forbidden header name', key);
      return;
    }
    const o = this.current;
    const prev = o[key];
    this.headers++;
    if (typeof prev === 'string') o[key] = [prev, value];
    else if (Array.isArray(prev)) prev.push(value);
    else if (key === 'Output') o[key] = [value];
    else o[key] = value;
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
    this.current = {};
  }

  private endFrame(): void {
    const bad = this.bad;
    const message = this.current;
    const had = this.headers > 0;
    this.current = {};
    this.headers = 0;
    this.frameBytes = 0;
    this.bad = null;
    if (bad !== null) this.safe(() => this.sink.problem?.(bad));
    else if (had) {
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
