import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './conf-error.js';

/** One `key = value` or `key => value` line of a section. */
export interface ConfEntry {
  key: string;
  value: string;
  /** True for `=>` (an object line, e.g. exten, member). */
  object: boolean;
  file: string;
  line: number;
  /** True when copied in from a template. */
  inherited: boolean;
}

/** One `[name]` block. The same name may appear several times (pjsip.conf does that). */
export interface ConfSection {
  name: string;
  template: boolean;
  templates: string[];
  entries: ConfEntry[];
  file: string;
  line: number;
}

/** A parsed .conf file (includes resolved), sections in file order. */
export class ConfFile {
  constructor(
    readonly file: string,
    readonly sections: ConfSection[],
  ) {}

  /** Non-template sections with this name. */
  named(name: string): ConfSection[] {
    return this.sections.filter((s) => s.name === name && !s.template);
  }

  /** Non-template sections in order. */
  concrete(): ConfSection[] {
    return this.sections.filter((s) => !s.template);
  }
}

/** The first value of a key in a section (Asterisk's ast_variable_retrieve). */
export function firstValue(section: ConfSection, key: string): string | undefined {
  return section.entries.find((e) => e.key.toLowerCase() === key.toLowerCase())?.value;
}

/** The last value of a key, i.e. what a loop over all variables ends with. */
export function lastValue(section: ConfSection, key: string): string | undefined {
  const all = section.entries.filter((e) => e.key.toLowerCase() === key.toLowerCase());
  return all[all.length - 1]?.value;
}

const SECTION_RE = /^\[([^\]]*)\](?:\((.*)\))?\s*$/;

/** Removes `;` comments (honouring `\;`) and block comments `;-- --;` tracked across lines. */
function stripComment(raw: string, state: { inBlock: boolean }): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    if (state.inBlock) {
      const end = raw.indexOf('--;', i);
      if (end < 0) return out;
      state.inBlock = false;
      i = end + 3;
      continue;
    }
    const ch = raw[i];
    if (ch === '\\' && raw[i + 1] === ';') {
      out += ';';
      i += 2;
      continue;
    }
    if (ch === ';') {
      if (raw.startsWith(';--', i)) {
        state.inBlock = true;
        i += 3;
        continue;
      }
      return out;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Parses an Asterisk .conf file strictly: anything Asterisk would reject throws ConfigError with file:line. */
export function parseConfFile(filePath: string, displayRoot = path.dirname(filePath)): ConfFile {
  const sections: ConfSection[] = [];
  const state = { current: undefined as ConfSection | undefined };
  parseInto(filePath, displayRoot, sections, state, new Set());
  applyTemplates(sections);
  return new ConfFile(path.relative(displayRoot, filePath) || path.basename(filePath), sections);
}

function parseInto(
  filePath: string,
  root: string,
  sections: ConfSection[],
  state: { current: ConfSection | undefined },
  seen: Set<string>,
): void {
  const display = path.relative(root, filePath) || path.basename(filePath);
  if (seen.has(filePath)) throw new ConfigError(display, 1, 'recursive #include');
  seen.add(filePath);
  const text = readFileSync(filePath, 'utf8');
  const comment = { inBlock: false };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    const line = stripComment(raw, comment).trim();
    if (!line) return;
    if (line.startsWith('#')) {
      const m = /^#(include|tryinclude)\s+"?([^"]+?)"?\s*$/.exec(line);
      if (!m) throw new ConfigError(display, lineNo, `unsupported directive '${line.split(/\s/)[0]}'`);
      const target = includeTarget(root, filePath, m[2]!, display, lineNo);
      if (!existsSync(target)) {
        if (m[1] === 'tryinclude') return;
        const where = path.isAbsolute(m[2]!) ? ` (pbx-sim reads absolute includes inside the config folder, at ${path.relative(root, target)})` : '';
        throw new ConfigError(display, lineNo, `#include file '${m[2]}' not found${where}`);
      }
      parseInto(target, root, sections, state, seen);
      return;
    }
    if (line.startsWith('[')) {
      const m = SECTION_RE.exec(line);
      if (!m) throw new ConfigError(display, lineNo, `malformed section header '${line}'`);
      const name = m[1]!.trim();
      if (!name) throw new ConfigError(display, lineNo, 'empty section name');
      const opts = (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (opts.includes('+')) {
        const existing = [...sections].reverse().find((s) => s.name === name);
        if (!existing) throw new ConfigError(display, lineNo, `cannot append to undefined section '${name}'`);
        state.current = existing;
        return;
      }
      const section: ConfSection = {
        name,
        template: opts.includes('!'),
        templates: opts.filter((o) => o !== '!'),
        entries: [],
        file: display,
        line: lineNo,
      };
      for (const t of section.templates) {
        if (!sections.some((s) => s.name === t)) {
          throw new ConfigError(display, lineNo, `inheritance requested, but section '${t}' does not exist`);
        }
      }
      sections.push(section);
      state.current = section;
      return;
    }
    const m = /^([^=]+?)\s*(=>|=)\s*(.*)$/.exec(line);
    if (!m) throw new ConfigError(display, lineNo, `no '=' (equal sign) in line: '${line}'`);
    if (!state.current) throw new ConfigError(display, lineNo, `'${m[1]}' appears before any [section]`);
    state.current.entries.push({
      key: m[1]!.trim(),
      value: m[3]!.trim(),
      object: m[2] === '=>',
      file: display,
      line: lineNo,
      inherited: false,
    });
  });
  if (comment.inBlock) throw new ConfigError(display, lines.length, 'unterminated block comment ;--');
  seen.delete(filePath);
}

/**
 * Where an `#include` points. The config folder stands for the switch's `/`-rooted view: an
 * absolute path (`/run/ringside/asterisk/x.conf`, written by the container entrypoint) is read
 * at `<folder>/run/ringside/asterisk/x.conf`, never from this machine's own `/run`, and a
 * relative path may not climb out of the folder: a simulator that silently read host files
 * would pass tests the real switch fails.
 */
function includeTarget(root: string, filePath: string, target: string, display: string, lineNo: number): string {
  const resolved = path.isAbsolute(target) ? path.join(root, target) : path.resolve(path.dirname(filePath), target);
  const rel = path.relative(root, resolved);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new ConfigError(display, lineNo, `#include file '${target}' is outside the config folder`);
  return resolved;
}

/** Templates contribute their entries first, as Asterisk copies them in before the section's own lines. */
function applyTemplates(sections: ConfSection[]): void {
  sections.forEach((section, index) => {
    if (section.templates.length === 0) return;
    const inherited: ConfEntry[] = [];
    for (const t of section.templates) {
      const tpl = [...sections.slice(0, index)].reverse().find((s) => s.name === t);
      if (tpl) inherited.push(...tpl.entries.map((e) => ({ ...e, inherited: true })));
    }
    section.entries = [...inherited, ...section.entries];
  });
}
