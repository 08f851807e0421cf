/** One line of a diff: kept, added (only in the new text) or removed (only in the old). */
export interface DiffLine {
  kind: 'same' | 'add' | 'del';
  text: string;
  /** 1-based line number in the old text (same, del). */
  oldNo: number | null;
  /** 1-based line number in the new text (same, add). */
  newNo: number | null;
}

/** A run of diff lines to show, or a run of unchanged lines folded away. */
export type DiffHunk = { type: 'lines'; lines: DiffLine[] } | { type: 'skip'; count: number };

// Above this many cells the LCS table would cost more memory than a rendered .conf deserves;
// the middle is then shown as removed-then-added, which is still a correct (if longer) diff.
const MAX_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A line diff by longest common subsequence. The common head and tail are matched first, so the
 * table only covers the changed middle.
 */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i]!, oldNo: i + 1, newNo: i + 1 });

  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  if (n * m > MAX_CELLS) {
    am.forEach((text, i) => out.push({ kind: 'del', text, oldNo: head + i + 1, newNo: null }));
    bm.forEach((text, j) => out.push({ kind: 'add', text, oldNo: null, newNo: head + j + 1 }));
  } else {
    // lcs[i * (m + 1) + j]: length of the LCS of am[i..] and bm[j..].
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] =
          am[i] === bm[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        out.push({ kind: 'same', text: am[i]!, oldNo: head + i + 1, newNo: head + j + 1 });
        i++;
        j++;
      } else if (j >= m || (i < n && lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) {
        out.push({ kind: 'del', text: am[i]!, oldNo: head + i + 1, newNo: null });
        i++;
      } else {
        out.push({ kind: 'add', text: bm[j]!, oldNo: null, newNo: head + j + 1 });
        j++;
      }
    }
  }

  for (let k = 0; k < tail; k++) {
    const ai = a.length - tail + k;
    const bi = b.length - tail + k;
    out.push({ kind: 'same', text: a[ai]!, oldNo: ai + 1, newNo: bi + 1 });
  }
  return out;
}

/** Folds unchanged runs longer than twice `context` so the changes and a few lines around them remain. */
export function toHunks(lines: DiffLine[], context = 3): DiffHunk[] {
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const hunks: DiffHunk[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    const kept = keep[i];
    while (i < lines.length && keep[i] === kept) i++;
    if (kept) hunks.push({ type: 'lines', lines: lines.slice(start, i) });
    else hunks.push({ type: 'skip', count: i - start });
  }
  return hunks;
}

/** How many lines a diff adds and removes. */
export function diffStats(lines: DiffLine[]): { added: number; removed: number } {
  return { added: lines.filter((l) => l.kind === 'add').length, removed: lines.filter((l) => l.kind === 'del').length };
}
