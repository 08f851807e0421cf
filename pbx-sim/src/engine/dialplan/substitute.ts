import { evaluateExpression, ExpressionError } from './expression.js';

/** Where `${...}` looks things up: channel variables, globals and dial-plan functions. */
export interface SubstitutionScope {
  variable(name: string): string | undefined;
  func(name: string, args: string): string;
  /** Reports a problem Asterisk would log as a warning (bad expression, unknown function). */
  warn(message: string): void;
}

function matchClose(text: string, start: number, open: string, close: string): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text.startsWith('$' + open, i) || (open === '[' && text[i] === '[')) {
      depth++;
      if (text[i] === '$') i++;
      continue;
    }
    if (text[i] === close) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Applies Asterisk's `${VAR}`, `${VAR:offset:length}`, `${FUNC(args)}` and `$[expr]` substitution. */
export function substitute(text: string, scope: SubstitutionScope): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '$' && text[i + 1] === '{') {
      const end = matchClose(text, i + 2, '{', '}');
      if (end < 0) {
        scope.warn(`unterminated \${ in '${text}'`);
        out += text.slice(i);
        break;
      }
      out += resolve(substitute(text.slice(i + 2, end), scope), scope);
      i = end + 1;
      continue;
    }
    if (text[i] === '$' && text[i + 1] === '[') {
      const end = matchClose(text, i + 2, '[', ']');
      if (end < 0) {
        scope.warn(`unterminated $[ in '${text}'`);
        out += text.slice(i);
        break;
      }
      const inner = substitute(text.slice(i + 2, end), scope);
      try {
        out += evaluateExpression(inner);
      } catch (e) {
        scope.warn(`syntax error in expression '${inner}': ${e instanceof ExpressionError ? e.message : String(e)}`);
      }
      i = end + 1;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}

function resolve(expr: string, scope: SubstitutionScope): string {
  const fm = /^([A-Za-z_][A-Za-z0-9_.]*)\((.*)\)(?::(-?\d+)(?::(-?\d+))?)?$/s.exec(expr);
  if (fm) return slice(scope.func(fm[1]!.toUpperCase(), fm[2]!), fm[3], fm[4]);
  const vm = /^([^:]+)(?::(-?\d+)(?::(-?\d+))?)?$/.exec(expr);
  if (!vm) return '';
  return slice(scope.variable(vm[1]!) ?? '', vm[2], vm[3]);
}

function slice(value: string, offset: string | undefined, length: string | undefined): string {
  if (offset === undefined) return value;
  let start = Number(offset);
  if (start < 0) start = Math.max(0, value.length + start);
  let v = value.slice(start);
  if (length !== undefined) {
    const len = Number(length);
    v = len >= 0 ? v.slice(0, len) : v.slice(0, Math.max(0, v.length + len));
  }
  return v;
}
