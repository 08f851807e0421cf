/** Asterisk extension pattern matching (`_X.`, `_NXX`, `_[1-5]XX`, `!`). */

type Cls = { any: true; rest: 'one' | 'many' | 'zero' } | { set: Set<string> };

function compile(pattern: string): Cls[] {
  const p = pattern.slice(1);
  const out: Cls[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!.toUpperCase();
    if (c === 'X') out.push({ set: new Set('0123456789') });
    else if (c === 'Z') out.push({ set: new Set('123456789') });
    else if (c === 'N') out.push({ set: new Set('23456789') });
    else if (c === '.') out.push({ any: true, rest: 'many' });
    else if (c === '!') out.push({ any: true, rest: 'zero' });
    else if (c === '[') {
      const end = p.indexOf(']', i);
      const body = end < 0 ? p.slice(i + 1) : p.slice(i + 1, end);
      const set = new Set<string>();
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === '-' && j + 2 < body.length) {
          for (let k = body.charCodeAt(j); k <= body.charCodeAt(j + 2); k++) set.add(String.fromCharCode(k));
          j += 2;
        } else set.add(body[j]!);
      }
      out.push({ set });
      i = end < 0 ? p.length : end;
    } else if (c === '-' || c === ' ') continue;
    else out.push({ set: new Set([p[i]!]) });
  }
  return out;
}

/** True when `exten` matches the extension name (literal or `_pattern`). */
export function extensionMatches(name: string, exten: string): boolean {
  if (!name.startsWith('_')) return name === exten;
  const cls = compile(name);
  let i = 0;
  for (const c of cls) {
    if ('any' in c) return c.rest === 'zero' ? true : exten.length > i;
    if (i >= exten.length || !c.set.has(exten[i]!)) return false;
    i++;
  }
  return i === exten.length;
}

/** True when more digits could still complete a match (used while collecting IVR digits). */
export function couldMatchMore(name: string, prefix: string): boolean {
  if (!name.startsWith('_')) return name.length > prefix.length && name.startsWith(prefix);
  const cls = compile(name);
  let i = 0;
  for (const c of cls) {
    if ('any' in c) return true;
    if (i >= prefix.length) return true;
    if (!c.set.has(prefix[i]!)) return false;
    i++;
  }
  return false;
}

/** Orders patterns from most to least specific, as Asterisk sorts them. */
export function specificity(name: string): number[] {
  if (!name.startsWith('_')) return [0];
  return compile(name).map((c) => ('any' in c ? 1000 : c.set.size));
}

export function compareSpecificity(a: string, b: string): number {
  const sa = specificity(a);
  const sb = specificity(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const x = sa[i] ?? -1;
    const y = sb[i] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}
