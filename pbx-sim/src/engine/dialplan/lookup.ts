import type { Dialplan, DialplanExtension, DialplanStep } from '../../config/dialplan-model.js';
import { compareSpecificity, couldMatchMore, extensionMatches } from './pattern.js';

/** Finds extensions in a context and its includes, literal matches before patterns. */
export class DialplanLookup {
  constructor(readonly plan: Dialplan) {}

  hasContext(context: string): boolean {
    return this.plan.contexts.has(context);
  }

  /** The extension `exten` resolves to in `context`, searching includes depth-first. */
  findExtension(context: string, exten: string, seen = new Set<string>()): DialplanExtension | undefined {
    if (seen.has(context)) return undefined;
    seen.add(context);
    const ctx = this.plan.contexts.get(context);
    if (!ctx) return undefined;
    const literal = ctx.extensions.find((e) => !e.isPattern && e.name === exten && e.steps.size > 0);
    if (literal) return literal;
    const patterns = ctx.extensions
      .filter((e) => e.isPattern && e.steps.size > 0 && extensionMatches(e.name, exten))
      .sort((a, b) => compareSpecificity(a.name, b.name));
    if (patterns[0]) return patterns[0];
    for (const inc of ctx.includes) {
      const found = this.findExtension(inc, exten, seen);
      if (found) return found;
    }
    return undefined;
  }

  findStep(context: string, exten: string, priority: number): DialplanStep | undefined {
    return this.findExtension(context, exten)?.steps.get(priority);
  }

  /** Resolves a label (or a number) to a priority in the extension. */
  resolvePriority(context: string, exten: string, prio: string): number | undefined {
    if (/^\d+$/.test(prio)) return Number(prio);
    const ext = this.findExtension(context, exten);
    if (!ext) return undefined;
    for (const s of ext.steps.values()) if (s.label === prio) return s.priority;
    return undefined;
  }

  /** True if some extension could still match after more digits (IVR digit collection). */
  canMatchMore(context: string, prefix: string, seen = new Set<string>()): boolean {
    if (seen.has(context)) return false;
    seen.add(context);
    const ctx = this.plan.contexts.get(context);
    if (!ctx) return false;
    if (ctx.extensions.some((e) => couldMatchMore(e.name, prefix))) return true;
    return ctx.includes.some((inc) => this.canMatchMore(inc, prefix, seen));
  }

  /** The hints of a context (and every context), for ExtensionStatus. */
  /** The hints naming a device (`PJSIP/1001`); indexed once, since every device change asks. */
  hintsOf(device: string): { exten: string; context: string; hint: string }[] {
    if (!this.byDevice) {
      this.byDevice = new Map();
      for (const h of this.hints()) {
        for (const d of new Set(h.hint.split('&').map((x) => x.trim()))) {
          const list = this.byDevice.get(d);
          if (list) list.push(h);
          else this.byDevice.set(d, [h]);
        }
      }
    }
    return this.byDevice.get(device) ?? [];
  }

  private byDevice: Map<string, { exten: string; context: string; hint: string }[]> | null = null;

  hints(): { exten: string; context: string; hint: string }[] {
    const out: { exten: string; context: string; hint: string }[] = [];
    for (const ctx of this.plan.contexts.values()) {
      for (const e of ctx.extensions) if (e.hint) out.push({ exten: e.name, context: ctx.name, hint: e.hint });
    }
    return out;
  }
}
