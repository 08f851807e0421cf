import { parseInput, RingsideError, rollbackRequestSchema, type DialPlanVersion } from '@ringside/shared';
import type { Actor, DialPlanDeps } from './dialplan-deps.js';
import { writeAndApplyVersion } from './write-version.js';

/** Parses the `:number` of a version route. */
export function versionNumber(param: unknown): number {
  const text = String(param ?? '');
  if (!/^[1-9]\d{0,8}$/.test(text)) throw new RingsideError('INVALID_INPUT', `invalid version number '${text.slice(0, 20)}'`, [{ path: 'number', message: 'must be a version number (1, 2, ...)' }]);
  return Number(text);
}

/**
 * Rolls back in one step: the content of version `number` becomes a NEW version, applied like
 * a publish (history is never rewritten). Once the switch took it, the draft is reset to it, so
 * the next edit starts from what runs.
 */
export async function rollbackDialPlan(deps: DialPlanDeps, actor: Actor, numberParam: unknown, body: unknown): Promise<DialPlanVersion> {
  const number = versionNumber(numberParam);
  const { comment } = parseInput(rollbackRequestSchema, body);
  return deps.repo.withPublishLock(async (locked) => {
    const target = await locked.getVersion(number);
    if (!target) throw new RingsideError('NOT_FOUND', `no dial-plan version ${number}`);
    const { version, applied } = await writeAndApplyVersion(locked, deps, { plan: target.plan, comment, actor, rollbackOf: number });
    if (applied) await locked.saveDraft(target.plan, actor.id, version.number);
    return version;
  });
}
