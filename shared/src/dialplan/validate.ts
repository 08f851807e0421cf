import { RingsideError } from '../errors.js';
import { dialPlanSchema, type DialPlan } from './dial-plan.js';
import type { Destination } from './destination.js';
import { compareSpecificity, parseNumberPattern, patternsOverlap, type ParsedPattern } from './number-pattern.js';
import { isKnownSound } from './sounds.js';
import { allDestinations, allPrompts, menuDestinations, type DialPlanPath } from './walk.js';

/** Codes of dial-plan problems; stable, so the console can explain each one. */
export const DIAL_PLAN_ISSUE_CODES = [
  'INVALID_FIELD',
  'DUPLICATE_ID',
  'DUPLICATE_EXTENSION',
  'DUPLICATE_DIGIT',
  'UNKNOWN_TARGET',
  'IVR_UNREACHABLE',
  'IVR_LOOP',
  'QUEUE_NO_MEMBERS',
  'ROUTE_OVERLAP',
  'ROUTE_PRIORITY_CONFLICT',
  'HOURS_INVALID_RANGE',
  'HOURS_NEVER_OPEN',
  'UNKNOWN_SOUND',
] as const;
/** A dial-plan problem code. */
export type DialPlanIssueCode = (typeof DIAL_PLAN_ISSUE_CODES)[number];

/** One problem, pointing at the object and field it is about. */
export interface DialPlanIssue {
  code: DialPlanIssueCode;
  path: DialPlanPath;
  message: string;
}

function duplicates<T>(items: T[], key: (t: T) => string, onDup: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) onDup(i, k);
    seen.add(k);
  });
}

function describe(d: Destination): string {
  switch (d.type) {
    case 'queue':
      return `queue '${d.queue}'`;
    case 'ivr':
      return `IVR menu '${d.menu}'`;
    case 'extension':
      return `extension ${d.extension}`;
    case 'external':
      return `trunk '${d.trunk}'`;
    default:
      return d.type;
  }
}

/** Strongly connected components of a directed graph over 0..n-1 (Tarjan). */
function components(n: number, edges: number[][]): number[][] {
  const index: number[] = Array(n).fill(-1);
  const low: number[] = Array(n).fill(0);
  const onStack: boolean[] = Array(n).fill(false);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const visit = (v: number): void => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const w of edges[v]!) {
      if (index[w] === -1) {
        visit(w);
        low[v] = Math.min(low[v]!, low[w]!);
      } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
    }
    if (low[v] === index[v]) {
      const comp: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = false;
        comp.push(w);
      } while (w !== v);
      out.push(comp.sort((a, b) => a - b));
    }
  };
  for (let v = 0; v < n; v++) if (index[v] === -1) visit(v);
  return out;
}

/** Asterisk's preference between two routes: negative when it tries the first one first. */
function routeOrder(pa: ParsedPattern, ca: ParsedPattern | null, pb: ParsedPattern, cb: ParsedPattern | null): number {
  const did = compareSpecificity(pa, pb);
  if (did !== 0) return did;
  if (ca && !cb) return -1;
  if (!ca && cb) return 1;
  return ca && cb ? compareSpecificity(ca, cb) : 0;
}

function checkRoutes(plan: DialPlan, add: (i: DialPlanIssue) => void): void {
  const parsed = plan.inboundRoutes.map((r) => ({
    did: parseNumberPattern(r.did),
    caller: r.callerPattern ? parseNumberPattern(r.callerPattern) : null,
  }));
  plan.inboundRoutes.forEach((b, j) => {
    for (let i = 0; i < j; i++) {
      const a = plan.inboundRoutes[i]!;
      const pa = parsed[i]!;
      const pb = parsed[j]!;
      if (!pa.did || !pb.did) continue;
      const callersOverlap = !pa.caller || !pb.caller || patternsOverlap(pa.caller, pb.caller);
      if (!patternsOverlap(pa.did, pb.did) || !callersOverlap) continue;
      const same = a.did === b.did && (a.callerPattern ?? '') === (b.callerPattern ?? '');
      if (same || a.priority === b.priority) {
        add({
          code: 'ROUTE_OVERLAP',
          path: ['inboundRoutes', j, 'did'],
          message: same
            ? `route '${b.id}' has the same number${b.callerPattern ? ' and caller pattern' : ''} as route '${a.id}'`
            : `route '${b.id}' can match the same calls as route '${a.id}' at the same priority ${a.priority}`,
        });
        continue;
      }
      const [first, second, pf, ps] = a.priority < b.priority ? [a, b, pa, pb] : [b, a, pb, pa];
      const order = routeOrder(pf.did!, pf.caller, ps.did!, ps.caller);
      if (order >= 0) {
        add({
          code: 'ROUTE_PRIORITY_CONFLICT',
          path: ['inboundRoutes', j, 'priority'],
          message: `routes '${first.id}' (priority ${first.priority}) and '${second.id}' (priority ${second.priority}) overlap, but Asterisk tries the more specific '${second.id}' first; make '${first.id}' more specific or swap the priorities`,
        });
      }
    }
  });
}

function checkTargets(plan: DialPlan, add: (i: DialPlanIssue) => void): void {
  const queues = new Set(plan.queues.map((q) => q.name));
  const menus = new Set(plan.ivrMenus.map((m) => m.id));
  const extensions = new Set(plan.endpoints.map((e) => e.extension));
  const trunks = new Set(plan.trunks.map((t) => t.id));
  for (const { destination: d, path } of allDestinations(plan)) {
    const known =
      d.type === 'queue' ? queues.has(d.queue)
      : d.type === 'ivr' ? menus.has(d.menu)
      : d.type === 'extension' ? extensions.has(d.extension)
      : d.type === 'external' ? trunks.has(d.trunk)
      : true;
    const field = { queue: 'queue', ivr: 'menu', extension: 'extension', external: 'trunk' }[d.type as string];
    if (!known) add({ code: 'UNKNOWN_TARGET', path: [...path, field ?? 'type'], message: `points to ${describe(d)}, which does not exist` });
  }
  plan.queues.forEach((q, i) => {
    if (q.members.length === 0) add({ code: 'QUEUE_NO_MEMBERS', path: ['queues', i, 'members'], message: `queue '${q.name}' has no members: its callers would only wait` });
    q.members.forEach((m, k) => {
      if (!extensions.has(m.extension)) add({ code: 'UNKNOWN_TARGET', path: ['queues', i, 'members', k, 'extension'], message: `member ${m.extension} is not an endpoint` });
    });
    duplicates(q.members, (m) => m.extension, (k, v) => add({ code: 'DUPLICATE_EXTENSION', path: ['queues', i, 'members', k, 'extension'], message: `member ${v} is listed twice` }));
  });
  const schedules = new Set(plan.schedules.map((s) => s.id));
  plan.inboundRoutes.forEach((r, i) => {
    if (r.scheduleId && !schedules.has(r.scheduleId)) add({ code: 'UNKNOWN_TARGET', path: ['inboundRoutes', i, 'scheduleId'], message: `schedule '${r.scheduleId}' does not exist` });
  });
  const trunk = plan.system.outboundTrunk;
  if (trunk && !trunks.has(trunk)) add({ code: 'UNKNOWN_TARGET', path: ['system', 'outboundTrunk'], message: `trunk '${trunk}' does not exist` });
}

function checkMenus(plan: DialPlan, add: (i: DialPlanIssue) => void): void {
  const byId = new Map(plan.ivrMenus.map((m, i) => [m.id, i]));
  const edges = plan.ivrMenus.map((_, i) =>
    menuDestinations(plan, i).flatMap(({ destination: d }) => (d.type === 'ivr' && byId.has(d.menu) ? [byId.get(d.menu)!] : [])),
  );
  // Reachable: from every route, and from whatever those lead to (overflows, closed branches).
  const reached = new Set<number>();
  const usedSchedules = new Set(plan.inboundRoutes.map((r) => r.scheduleId).filter(Boolean));
  const roots = allDestinations(plan).filter(({ path }) => {
    if (path[0] === 'inboundRoutes' || path[0] === 'internalRoutes' || path[0] === 'queues') return true;
    return path[0] === 'schedules' && usedSchedules.has(plan.schedules[path[1] as number]!.id);
  });
  const queue = roots.flatMap(({ destination: d }) => (d.type === 'ivr' && byId.has(d.menu) ? [byId.get(d.menu)!] : []));
  while (queue.length) {
    const v = queue.pop()!;
    if (reached.has(v)) continue;
    reached.add(v);
    queue.push(...edges[v]!);
  }
  plan.ivrMenus.forEach((m, i) => {
    if (!reached.has(i)) add({ code: 'IVR_UNREACHABLE', path: ['ivrMenus', i], message: `IVR menu '${m.id}' is not reached from any route` });
    duplicates(m.options, (o) => o.digit, (k, v) => add({ code: 'DUPLICATE_DIGIT', path: ['ivrMenus', i, 'options', k, 'digit'], message: `key ${v} is used twice in menu '${m.id}'` }));
  });
  for (const comp of components(plan.ivrMenus.length, edges)) {
    const members = new Set(comp);
    const cyclic = comp.length > 1 || edges[comp[0]!]!.includes(comp[0]!);
    if (!cyclic) continue;
    const leaves = comp.some((v) =>
      menuDestinations(plan, v).some(({ destination: d }) => d.type !== 'ivr' || !members.has(byId.get(d.menu) ?? -1)),
    );
    if (leaves) continue;
    const first = comp[0]!;
    const closing = menuDestinations(plan, first).find(({ destination: d }) => d.type === 'ivr')!;
    add({
      code: 'IVR_LOOP',
      path: closing.path,
      message: `IVR menus ${comp.map((v) => `'${plan.ivrMenus[v]!.id}'`).join(', ')} only lead to each other: callers can never leave`,
    });
  }
}

function checkHours(plan: DialPlan, add: (i: DialPlanIssue) => void): void {
  plan.schedules.forEach((s, i) => {
    let open = 0;
    s.weekly.forEach((r, k) => {
      if (r.close <= r.open) add({ code: 'HOURS_INVALID_RANGE', path: ['schedules', i, 'weekly', k, 'close'], message: `closes at ${r.close}, not after it opens at ${r.open}` });
      else open++;
      duplicates(r.days, (d) => d, (n, d) => add({ code: 'HOURS_INVALID_RANGE', path: ['schedules', i, 'weekly', k, 'days', n], message: `day ${d} is listed twice` }));
    });
    if (open === 0) add({ code: 'HOURS_NEVER_OPEN', path: ['schedules', i, 'weekly'], message: `schedule '${s.id}' is never open: every call would be closed` });
  });
}

function checkUnique(plan: DialPlan, add: (i: DialPlanIssue) => void): void {
  const dupId = (list: string, what: string, field: string) => (i: number, v: string) =>
    add({ code: 'DUPLICATE_ID', path: [list, i, field], message: `${what} '${v}' is defined twice` });
  duplicates(plan.queues, (q) => q.name, dupId('queues', 'queue', 'name'));
  duplicates(plan.ivrMenus, (m) => m.id, dupId('ivrMenus', 'IVR menu', 'id'));
  duplicates(plan.inboundRoutes, (r) => r.id, dupId('inboundRoutes', 'route', 'id'));
  duplicates(plan.schedules, (s) => s.id, dupId('schedules', 'schedule', 'id'));
  duplicates(plan.trunks, (t) => t.id, dupId('trunks', 'trunk', 'id'));
  const dupExt = (list: string) => (i: number, v: string) =>
    add({ code: 'DUPLICATE_EXTENSION', path: [list, i, 'extension'], message: `extension ${v} is already used` });
  duplicates(plan.endpoints, (e) => e.extension, dupExt('endpoints'));
  const taken = new Set(plan.endpoints.map((e) => e.extension));
  plan.internalRoutes.forEach((r, i) => {
    if (taken.has(r.extension)) dupExt('internalRoutes')(i, r.extension);
    taken.add(r.extension);
  });
  // Trunks and endpoints share the PJSIP object namespace.
  const sipNames = new Set(plan.endpoints.map((e) => e.extension));
  plan.trunks.forEach((t, i) => {
    if (sipNames.has(t.id)) add({ code: 'DUPLICATE_ID', path: ['trunks', i, 'id'], message: `trunk '${t.id}' has the name of an endpoint` });
  });
}

/** Every sound a prompt plays must be one the switch has: the core sounds or a declared upload. */
function checkSounds(plan: DialPlan, add: (i: DialPlanIssue) => void): void {
  const custom = plan.system.customSounds;
  for (const { prompt, path } of allPrompts(plan)) {
    if (prompt.type !== 'sound') continue;
    prompt.files.forEach((file, k) => {
      if (!isKnownSound(file, custom)) {
        add({ code: 'UNKNOWN_SOUND', path: [...path, 'files', k], message: `the switch has no sound '${file}': pick one of its sounds, or declare an uploaded custom/ sound in the system settings` });
      }
    });
  }
}

/** Semantic checks of a schema-valid dial plan; empty when the plan can be applied. */
export function validateDialPlan(plan: DialPlan): DialPlanIssue[] {
  const issues: DialPlanIssue[] = [];
  const add = (i: DialPlanIssue): void => void issues.push(i);
  checkUnique(plan, add);
  checkTargets(plan, add);
  checkMenus(plan, add);
  checkRoutes(plan, add);
  checkHours(plan, add);
  checkSounds(plan, add);
  return issues;
}

/** Schema and semantic checks in one list, for showing every problem at once. */
export function checkDialPlan(input: unknown): { ok: true; plan: DialPlan } | { ok: false; issues: DialPlanIssue[] } {
  const parsed = dialPlanSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        code: 'INVALID_FIELD' as const,
        path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
        message: i.message,
      })),
    };
  }
  const issues = validateDialPlan(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, plan: parsed.data };
}

/** Parses and validates a dial plan or throws INVALID_INPUT listing every problem. */
export function parseDialPlan(input: unknown): DialPlan {
  const result = checkDialPlan(input);
  if (result.ok) return result.plan;
  const issues = result.issues.map((i) => ({ path: i.path.join('.'), message: `${i.message} [${i.code}]` }));
  throw new RingsideError('INVALID_INPUT', `invalid dial plan: ${issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}`, issues);
}
