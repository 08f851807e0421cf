import { LOGGED_OUT_PAUSE_REASON, forceLogoutSchema, isRingsideError, parseInput } from '@ringside/shared';
import { requireSupervisor, targetAgent, type CommandHandler } from '../command-context.js';

/**
 * A supervisor signs an agent out of every queue and the console. Static members (queues.conf)
 * cannot be removed at the switch; those are paused instead so no call reaches the empty desk.
 */
export const forceLogout: CommandHandler = async (ctx, payload) => {
  const { agentId } = parseInput(forceLogoutSchema, payload);
  requireSupervisor(ctx);
  const rec = targetAgent(ctx, agentId);
  const pbx = ctx.service.pbx;
  const kept: string[] = [];
  for (const queue of [...rec.memberships.keys()]) {
    try {
      await pbx.queueRemove(queue, rec.entry.endpoint);
    } catch (err) {
      if (!isRingsideError(err) || err.code !== 'PBX_REJECTED') throw err;
      await pbx.queuePause(rec.entry.endpoint, true, { queue, reason: LOGGED_OUT_PAUSE_REASON });
      kept.push(queue);
    }
  }
  ctx.service.publishResult(ctx.service.state().forceLogout(agentId));
  ctx.service.emit('forcedLogout', agentId, ctx.service.tenantOfAgent(agentId));
  return { pausedIn: kept };
};
