import { parseInput, queueLoginSchema, RingsideError } from '@ringside/shared';
import { ownAgent, tenantQueue, type CommandHandler } from '../command-context.js';

/**
 * Joins a queue as a dynamic member; the membership shows once the switch reports
 * QueueMemberAdded. Only a queue the dial plan lists the agent in (QUEUE_NOT_ALLOWED otherwise);
 * a static member is in already and cannot log in or out (QUEUE_MEMBER_STATIC).
 */
export const queueLogin: CommandHandler = async (ctx, payload) => {
  const { queue } = parseInput(queueLoginSchema, payload);
  const { endpoint, extension } = ownAgent(ctx);
  const membership = ctx.service.queueMembership ? await ctx.service.queueMembership.membershipOf(extension, queue) : 'dynamic';
  if (membership === null) throw new RingsideError('QUEUE_NOT_ALLOWED', `you are not a member of queue ${queue}; an admin adds members in the dial plan`);
  if (membership === 'static') throw new RingsideError('QUEUE_MEMBER_STATIC', `you are always in queue ${queue}; pause to stop taking its calls`);
  await ctx.service.pbx.queueAdd(tenantQueue(ctx, queue), endpoint, `Agent ${extension}`);
};
