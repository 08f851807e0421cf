/** One changed line: removed from the live file or added by the draft, with its 1-based line number there. */
export interface ChangedLine {
  op: '-' | '+';
  line: number;
  text: string;
}

/**
 * The lines that differ between two texts (longest common subsequence), removals before
 * additions at each spot, as `diff` prints them. Quadratic: rendered files have hundreds of
 * lines, not hundreds of thousands.
 */
export function changedLines(before: string, after: string): ChangedLine[] {
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const b = after === '' ? [] : after.replace(/\n$/, '').split('\n');
  // Trim the common head and tail first: most edits touch a few lines of a long file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: ChangedLine[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      i++;
      j++;
    } else if (j >= y.length || (i < x.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push({ op: '-', line: head + i + 1, text: x[i]! });
      i++;
    } else {
      out.push({ op: '+', line: head + j + 1, text: y[j]! });
      j++;
    }
  }
  return out;
}
