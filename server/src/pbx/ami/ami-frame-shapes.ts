import type { AmiMessage } from './ami-parser.js';

/** Builds one frame object from the values of a known, repeat-free header sequence. */
type FrameFactory = (values: readonly string[]) => AmiMessage;

interface Shape {
  keys: string[];
  seen: number;
  make: FrameFactory | null;
}

function sameKeys(a: readonly string[], b: readonly string[], n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function plain(keys: readonly string[], values: readonly string[], n: number): AmiMessage {
  const o: AmiMessage = {};
  for (let i = 0; i < n; i++) o[keys[i] as string] = values[i] as string;
  return o;
}

function compile(keys: readonly string[]): FrameFactory {
  // Header names come off the wire: JSON.stringify turns each into an inert string literal
  // (quotes, backslashes and line breaks escaped), so no name can become code. `__proto__`
  // never gets here: the parser refuses it before a shape is recorded.
  const body = `return {${keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ')}};`;
  return new Function('v', body) as FrameFactory;
}

/**
 * Frame objects for header sequences seen before, built by an object literal compiled once per
 * sequence. Asterisk sends a few hundred distinct sequences (one per event type, mostly), and a
 * literal gives every frame of a sequence one fixed hidden class, where adding properties one
 * by one walks a transition tree per header. Bounded: past `maxShapes` new sequences are built
 * the plain way.
 */
export class FrameShapes {
  private readonly shapes = new Map<number, Shape>();

  constructor(
    private readonly maxShapes = 2048,
    private readonly maxKeys = 200,
  ) {}

  /** The frame of `keys[0..n)` (all distinct) with `values[0..n)`; `hash` identifies the sequence. */
  build(hash: number, keys: readonly string[], values: readonly string[], n: number): AmiMessage {
    const shape = this.shapes.get(hash);
    if (shape !== undefined) {
      if (shape.keys.length === n && sameKeys(shape.keys, keys, n)) {
        if (shape.make !== null) return shape.make(values);
        // Compiled on the second sighting: one-off sequences never pay for compilation.
        if (++shape.seen >= 2) {
          shape.make = compile(shape.keys);
          return shape.make(values);
        }
      }
    } else if (n <= this.maxKeys && this.shapes.size < this.maxShapes) {
      this.shapes.set(hash, { keys: keys.slice(0, n), seen: 1, make: null });
    }
    return plain(keys, values, n);
  }
}
