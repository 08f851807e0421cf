import { RingsideError, parseInput, supervisorBargeSchema, supervisorListenSchema, supervisorWhisperSchema } from '@ringside/shared';
import { currentCallId } from '../../domain/agent-state.js';
import type { SpyMode } from '../../domain/ports/pbx.js';
import { requireSupervisor, targetAgent, type CommandHandler } from '../command-context.js';

const SCHEMAS = { listen: supervisorListenSchema, whisper: supervisorWhisperSchema, barge: supervisorBargeSchema } as const;

/** A supervisor joins an agent's call from their own phone: unheard, to the agent only, or to both parties. */
export function spyOnAgent(mode: SpyMode): CommandHandler {
  return async (ctx, payload) => {
    const { agentId } = parseInput(SCHEMAS[mode], payload);
    requireSupervisor(ctx);
    const own = ctx.user.agent;
    if (!own) throw new RingsideError('FORBIDDEN', 'listening in needs a phone bound to your user');
    const target = targetAgent(ctx, agentId);
    const callId = currentCallId(target.status);
    if (callId === null) throw new RingsideError('CALL_NOT_FOUND', `agent ${agentId} is not on a call`);
    await ctx.service.pbx.spy(own.endpoint, target.entry.endpoint, mode, { callId });
  };
}
