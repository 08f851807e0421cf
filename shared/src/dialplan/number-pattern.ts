// Asterisk extension patterns as the dial plan uses them: `5000` matches itself, `_` starts a
// pattern where X is 0-9, Z is 1-9, N is 2-9, [1-5] a range, `.` one or more further
// characters and `!` zero or more. Dashes are ignored, as Asterisk ignores them.

const ALPHABET = '0123456789+';

/** A parsed pattern: one character set per position, then an optional open tail. */
export interface ParsedPattern {
  sets: string[];
  /** `dot`: one or more characters follow; `bang`: zero or more; `none`: nothing. */
  tail: 'none' | 'dot' | 'bang';
}

function range(from: string, to: string): string {
  return ALPHABET.split('').filter((c) => c >= from && c <= to && /\d/.test(c)).join('');
}

/** Parses a number or `_pattern`; null when it is malformed (e.g. an unclosed range). */
export function parseNumberPattern(text: string): ParsedPattern | null {
  if (!text.startsWith('_')) {
    const digits = text.replace(/-/g, '');
    if (!/^\+?[0-9]+$/.test(digits)) return null;
    return { sets: digits.split(''), tail: 'none' };
  }
  const sets: string[] = [];
  let tail: ParsedPattern['tail'] = 'none';
  const body = text.slice(1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!.toUpperCase();
    if (tail !== 'none') return null;
    if (c === '-') continue;
    if (c === 'X') sets.push(range('0', '9'));
    else if (c === 'Z') sets.push(range('1', '9'));
    else if (c === 'N') sets.push(range('2', '9'));
    else if (c === '.') tail = 'dot';
    else if (c === '!') tail = 'bang';
    else if (c === '[') {
      const end = body.indexOf(']', i);
      if (end < 0) return null;
      const inner = body.slice(i + 1, end);
      let set = '';
      for (let k = 0; k < inner.length; k++) {
        if (inner[k + 1] === '-' && inner[k + 2] !== undefined) {
          set += range(inner[k]!, inner[k + 2]!);
          k += 2;
        } else if (/\d/.test(inner[k]!)) set += inner[k];
        else return null;
      }
      if (set === '') return null;
      sets.push([...new Set(set)].sort().join(''));
      i = end;
    } else if (/[0-9+]/.test(c)) sets.push(c);
    else return null;
  }
  if (tail === 'dot') {
    sets.push(ALPHABET.replace('+', ''));
    tail = 'bang';
  }
  if (sets.length === 0 && tail === 'none') return null;
  return { sets, tail };
}

/** True when the number (digits, optional +) matches the pattern. */
export function patternMatches(pattern: ParsedPattern, number: string): boolean {
  if (number.length < pattern.sets.length) return false;
  if (number.length > pattern.sets.length && pattern.tail === 'none') return false;
  return pattern.sets.every((set, i) => set.includes(number[i]!));
}

/** True when some number matches both patterns. */
export function patternsOverlap(a: ParsedPattern, b: ParsedPattern): boolean {
  const n = Math.min(a.sets.length, b.sets.length);
  for (let i = 0; i < n; i++) {
    if (![...a.sets[i]!].some((c) => b.sets[i]!.includes(c))) return false;
  }
  if (a.sets.length === b.sets.length) return true;
  // The shorter one must leave room for the longer one's remaining positions.
  return (a.sets.length < b.sets.length ? a : b).tail === 'bang';
}

/**
 * Compares how specific two patterns are, as Asterisk orders extensions: position by position
 * the smaller character set wins, and a closed pattern beats an open tail. Negative: `a` first.
 */
export function compareSpecificity(a: ParsedPattern, b: ParsedPattern): number {
  const n = Math.min(a.sets.length, b.sets.length);
  for (let i = 0; i < n; i++) {
    const d = a.sets[i]!.length - b.sets[i]!.length;
    if (d !== 0) return d;
  }
  const openA = a.tail === 'bang' ? 1 : 0;
  const openB = b.tail === 'bang' ? 1 : 0;
  if (openA !== openB) return openA - openB;
  return b.sets.length - a.sets.length;
}
