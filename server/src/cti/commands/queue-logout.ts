import { parseInput, queueLogoutSchema, RingsideError } from '@ringside/shared';
import { ownAgent, tenantQueue, type CommandHandler } from '../command-context.js';

/**
 * Leaves a queue. A static member cannot (the switch would answer "Member is not dynamic"):
 * QUEUE_MEMBER_STATIC says to pause instead. Leaving a queue one is no longer listed in is fine,
 * as long as the tenant has the queue on the switch; any other name is NOT_FOUND, never sent to the switch.
 */
export const queueLogout: CommandHandler = async (ctx, payload) => {
  const { queue } = parseInput(queueLogoutSchema, payload);
  const { endpoint, extension } = ownAgent(ctx);
  const membership = await ctx.service.queueMembership?.membershipOf(extension, queue);
  if (membership === 'static') {
    throw new RingsideError('QUEUE_MEMBER_STATIC', `you are always in queue ${queue}; pause to stop taking its calls`);
  }
  if (!membership && ctx.service.active && !ctx.service.state().tenantQueues(ctx.user.tenant.id).includes(queue)) {
    throw new RingsideError('NOT_FOUND', `no queue ${queue}`);
  }
  await ctx.service.pbx.queueRemove(tenantQueue(ctx, queue), endpoint);
};
