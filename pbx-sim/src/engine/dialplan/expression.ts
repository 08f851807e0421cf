/**
 * Evaluates the inside of `$[...]` the way ast_expr2 does: operands are strings, compared and
 * combined numerically when both look like numbers; quotes delimit strings and are dropped.
 */
export class ExpressionError extends Error {}

type Tok = { t: 'v'; v: string } | { t: 'op'; v: string };

const OPS = ['=~', '!=', '<=', '>=', '||', '&&', '|', '&', '=', '<', '>', '+', '-', '*', '/', '%', '!', ':', '?', '(', ')', '::'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new ExpressionError('unterminated string');
      out.push({ t: 'v', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const op = ['::', '=~', '!=', '<=', '>=', '||', '&&'].find((o) => src.startsWith(o, i)) ?? (OPS.includes(c) ? c : undefined);
    if (op) {
      // A leading '-' glued to a number is a sign, as in "-1".
      if (op === '-' && /\d/.test(src[i + 1] ?? '') && (out.length === 0 || out[out.length - 1]!.t === 'op' && out[out.length - 1]!.v !== ')')) {
        let j = i + 1;
        while (j < src.length && /[\d.]/.test(src[j]!)) j++;
        out.push({ t: 'v', v: src.slice(i, j) });
        i = j;
        continue;
      }
      out.push({ t: 'op', v: op === '&&' ? '&' : op === '||' ? '|' : op });
      i += op.length;
      continue;
    }
    let j = i;
    while (j < src.length && !/\s/.test(src[j]!) && src[j] !== '"' && !OPS.includes(src[j]!) && !src.startsWith('!=', j)) j++;
    if (j === i) j = i + 1;
    out.push({ t: 'v', v: src.slice(i, j) });
    i = j;
  }
  return out;
}

const isNum = (s: string) => /^-?\d+(\.\d+)?$/.test(s.trim());
const truthy = (s: string) => !(s === '' || (isNum(s) && Number(s) === 0));
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6))));

class Parser {
  private pos = 0;
  constructor(private readonly toks: Tok[]) {}

  parse(): string {
    if (this.toks.length === 0) return '';
    const v = this.ternary();
    if (this.pos < this.toks.length) throw new ExpressionError(`unexpected '${this.toks[this.pos]!.v}'`);
    return v;
  }

  private peekOp(...ops: string[]): string | undefined {
    const t = this.toks[this.pos];
    return t && t.t === 'op' && ops.includes(t.v) ? t.v : undefined;
  }

  private ternary(): string {
    const cond = this.or();
    if (this.peekOp('?')) {
      this.pos++;
      const a = this.ternary();
      if (!this.peekOp('::')) throw new ExpressionError("expected '::' in conditional");
      this.pos++;
      const b = this.ternary();
      return truthy(cond) ? a : b;
    }
    return cond;
  }

  private or(): string {
    let l = this.and();
    while (this.peekOp('|')) {
      this.pos++;
      const r = this.and();
      l = truthy(l) ? l : truthy(r) ? r : '0';
    }
    return l;
  }

  private and(): string {
    let l = this.cmp();
    while (this.peekOp('&')) {
      this.pos++;
      const r = this.cmp();
      l = truthy(l) && truthy(r) ? l : '0';
    }
    return l;
  }

  private cmp(): string {
    let l = this.add();
    for (;;) {
      const op = this.peekOp('=', '!=', '<', '>', '<=', '>=', '=~', ':');
      if (!op) return l;
      this.pos++;
      const r = this.add();
      if (op === '=~' || op === ':') {
        const m = new RegExp(op === ':' ? `^(?:${r})` : r).exec(l);
        l = m ? (m[1] ?? String(m[0].length)) : op === ':' ? '0' : '0';
        continue;
      }
      const numeric = isNum(l) && isNum(r);
      const a: number | string = numeric ? Number(l) : l;
      const b: number | string = numeric ? Number(r) : r;
      const res = op === '=' ? a === b : op === '!=' ? a !== b : op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
      l = res ? '1' : '0';
    }
  }

  private add(): string {
    let l = this.mul();
    for (;;) {
      const op = this.peekOp('+', '-');
      if (!op) return l;
      this.pos++;
      const r = this.mul();
      if (!isNum(l) || !isNum(r)) throw new ExpressionError(`non-numeric argument to '${op}'`);
      l = fmt(op === '+' ? Number(l) + Number(r) : Number(l) - Number(r));
    }
  }

  private mul(): string {
    let l = this.unary();
    for (;;) {
      const op = this.peekOp('*', '/', '%');
      if (!op) return l;
      this.pos++;
      const r = this.unary();
      if (!isNum(l) || !isNum(r)) throw new ExpressionError(`non-numeric argument to '${op}'`);
      const a = Number(l);
      const b = Number(r);
      if ((op === '/' || op === '%') && b === 0) throw new ExpressionError('division by zero');
      l = fmt(op === '*' ? a * b : op === '/' ? Math.trunc(a / b) : a % b);
    }
  }

  private unary(): string {
    if (this.peekOp('!')) {
      this.pos++;
      return truthy(this.unary()) ? '0' : '1';
    }
    if (this.peekOp('-')) {
      this.pos++;
      const v = this.unary();
      if (!isNum(v)) throw new ExpressionError("non-numeric argument to unary '-'");
      return fmt(-Number(v));
    }
    return this.primary();
  }

  private primary(): string {
    const t = this.toks[this.pos];
    if (!t) throw new ExpressionError('unexpected end of expression');
    if (t.t === 'op' && t.v === '(') {
      this.pos++;
      const v = this.ternary();
      if (!this.peekOp(')')) throw new ExpressionError("missing ')'");
      this.pos++;
      return v;
    }
    if (t.t === 'op') throw new ExpressionError(`unexpected '${t.v}'`);
    this.pos++;
    // Adjacent bare words concatenate with a space, as ast_expr2 joins them.
    let v = t.v;
    while (this.toks[this.pos]?.t === 'v') v += ' ' + this.toks[this.pos++]!.v;
    return v;
  }
}

/** Evaluates an expression body; throws ExpressionError on syntax errors. */
export function evaluateExpression(src: string): string {
  return new Parser(tokenize(src)).parse();
}

/** Asterisk's truthiness for GotoIf and friends. */
export function isTrue(value: string): boolean {
  return truthy(value.trim());
}
