import type { ConfFile, ConfEntry } from './conf-parser.js';
import { ConfigError } from './conf-error.js';
import type { Dialplan, DialplanContext, DialplanExtension, DialplanStep } from './dialplan-model.js';

/** Splits `App(args)` (or the legacy `App,args`) into name and data. */
export function splitApp(text: string): { app: string; appData: string } {
  const paren = text.indexOf('(');
  const comma = text.indexOf(',');
  if (paren >= 0 && (comma < 0 || paren < comma)) {
    const close = text.lastIndexOf(')');
    const data = close > paren ? text.slice(paren + 1, close) : text.slice(paren + 1);
    return { app: text.slice(0, paren).trim(), appData: data };
  }
  if (comma >= 0) return { app: text.slice(0, comma).trim(), appData: text.slice(comma + 1) };
  return { app: text.trim(), appData: '' };
}

/** Splits on commas outside parentheses, brackets and quotes. */
export function splitTopLevel(s: string, sep = ','): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
      continue;
    }
    if (c === '"') quote = !quote;
    else if (!quote && (c === '(' || c === '[' || c === '{')) depth++;
    else if (!quote && (c === ')' || c === ']' || c === '}')) depth = Math.max(0, depth - 1);
    if (c === sep && depth === 0 && !quote) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const RESERVED = new Set(['general', 'globals']);

/** Builds the dial plan from extensions.conf; rejects what Asterisk's pbx_config would refuse. */
export function loadDialplan(conf: ConfFile): Dialplan {
  const contexts = new Map<string, DialplanContext>();
  const globals = new Map<string, string>();
  for (const section of conf.sections) {
    if (section.template) continue;
    if (section.name === 'globals') {
      for (const e of section.entries) globals.set(e.key, e.value);
      continue;
    }
    if (RESERVED.has(section.name)) continue;
    let ctx = contexts.get(section.name);
    if (!ctx) {
      ctx = { name: section.name, extensions: [], includes: [], file: section.file, line: section.line };
      contexts.set(section.name, ctx);
    }
    let last: { ext: DialplanExtension; priority: number } | undefined;
    for (const e of section.entries) {
      const key = e.key.toLowerCase();
      if (key === 'include') {
        ctx.includes.push(e.value.split(',')[0]!.trim());
      } else if (key === 'exten' || key === 'same') {
        last = addLine(ctx, e, key === 'same', last);
      } else if (key === 'switch' || key === 'eswitch' || key === 'lswitch' || key === 'ignorepat') {
        throw new ConfigError(e.file, e.line, `'${e.key}' is not supported by pbx-sim`);
      } else {
        throw new ConfigError(e.file, e.line, `unknown dial-plan keyword '${e.key}' in context [${ctx.name}]`);
      }
    }
  }
  for (const ctx of contexts.values()) {
    for (const inc of ctx.includes) {
      if (!contexts.has(inc)) {
        throw new ConfigError(ctx.file, ctx.line, `context [${ctx.name}] includes unknown context '${inc}'`);
      }
    }
  }
  return { contexts, globals };
}

function addLine(
  ctx: DialplanContext,
  e: ConfEntry,
  same: boolean,
  last: { ext: DialplanExtension; priority: number } | undefined,
): { ext: DialplanExtension; priority: number } {
  const parts = splitTopLevel(e.value);
  let extName: string;
  if (same) {
    if (!last) throw new ConfigError(e.file, e.line, "can't use 'same =>' without a previous extension");
    extName = last.ext.name;
  } else {
    extName = (parts.shift() ?? '').trim();
    if (!extName) throw new ConfigError(e.file, e.line, 'extension name missing');
  }
  const prioText = (parts.shift() ?? '').trim();
  const appText = parts.join(',').trim();
  if (!prioText) throw new ConfigError(e.file, e.line, 'priority missing');
  const cidSplit = extName.split('/');
  const name = cidSplit[0]!;
  let ext = ctx.extensions.find((x) => x.name === name);
  if (!ext) {
    ext = { name, isPattern: name.startsWith('_'), steps: new Map() };
    ctx.extensions.push(ext);
  }
  if (prioText.toLowerCase() === 'hint') {
    ext.hint = appText;
    return { ext, priority: last?.ext === ext ? last.priority : 0 };
  }
  const pm = /^(n|s|\d+)(?:\(([A-Za-z0-9_-]+)\))?(?:\+(\d+))?$/.exec(prioText);
  if (!pm) throw new ConfigError(e.file, e.line, `invalid priority '${prioText}'`);
  let priority: number;
  if (pm[1] === 'n' || pm[1] === 's') {
    if (!last || last.ext !== ext || last.priority === 0) {
      throw new ConfigError(e.file, e.line, `priority '${pm[1]}' used without a previous priority for extension '${name}'`);
    }
    priority = pm[1] === 'n' ? last.priority + 1 : last.priority;
  } else priority = Number(pm[1]);
  if (pm[3]) priority += Number(pm[3]);
  if (priority < 1) throw new ConfigError(e.file, e.line, `invalid priority ${priority}`);
  if (!appText) throw new ConfigError(e.file, e.line, `no application for ${name},${priority}`);
  if (ext.steps.has(priority)) {
    throw new ConfigError(e.file, e.line, `extension '${name}' priority ${priority} in '${ctx.name}' already in use`);
  }
  const { app, appData } = splitApp(appText);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(app)) throw new ConfigError(e.file, e.line, `invalid application name '${app}'`);
  if (pm[2] && [...ext.steps.values()].some((s) => s.label === pm[2])) {
    throw new ConfigError(e.file, e.line, `duplicate label '${pm[2]}' in extension '${name}'`);
  }
  const step: DialplanStep = { priority, app, appData, file: e.file, line: e.line };
  if (pm[2]) step.label = pm[2];
  ext.steps.set(priority, step);
  return { ext, priority };
}
