import { AmiRequest, type AmiField } from './ami-message.js';

/** Limits mirroring Asterisk's manager.c: lines over 1024 bytes are dropped, 128 headers at most. */
export interface ParserLimits {
  maxLineBytes: number;
  maxHeaders: number;
}

const DEFAULT_LIMITS: ParserLimits = { maxLineBytes: 1024, maxHeaders: 128 };

/**
 * Incremental parser for the client side of AMI: frames of `Key: Value` lines ending in an empty
 * line. Accepts partial chunks and several frames per chunk; never throws on hostile input.
 */
export class AmiParser {
  private buffer = '';
  private fields: AmiField[] = [];
  private discarding = false;
  private readonly limits: ParserLimits;

  constructor(limits: Partial<ParserLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Feeds raw bytes; returns the complete requests found so far. */
  push(chunk: string | Buffer): AmiRequest[] {
    this.buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const out: AmiRequest[] = [];
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl < 0) {
        // A line that never ends is dropped as Asterisk does ("Dumping long line"), keeping memory bounded.
        if (this.buffer.length > this.limits.maxLineBytes) {
          this.buffer = '';
          this.discarding = true;
        }
        break;
      }
      let line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (this.discarding) {
        this.discarding = false;
        continue;
      }
      if (line.length > this.limits.maxLineBytes) continue;
      if (line.length === 0) {
        if (this.fields.length > 0) out.push(new AmiRequest(this.fields));
        this.fields = [];
        continue;
      }
      if (this.fields.length >= this.limits.maxHeaders) continue;
      this.fields.push(splitHeader(line));
    }
    return out;
  }
}

function splitHeader(line: string): AmiField {
  const colon = line.indexOf(':');
  if (colon < 0) return [line.trim(), ''];
  const key = line.slice(0, colon).trim();
  let value = line.slice(colon + 1);
  // Asterisk skips the whitespace after the colon but keeps trailing spaces of the value.
  value = value.replace(/^[ \t]+/, '');
  return [key, value];
}
