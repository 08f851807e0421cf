import { RingsideError, isCommandName, isRingsideError, type CommandName, type CommandResult, type SessionUser } from '@ringside/shared';
import { errorFields, type Logger } from '../logger.js';
import type { CommandHandler } from './command-context.js';
import { answerCall } from './commands/answer-call.js';
import { cancelTransfer } from './commands/cancel-transfer.js';
import { clickToDial } from './commands/click-to-dial.js';
import { completeTransfer } from './commands/complete-transfer.js';
import { consultTransfer } from './commands/consult-transfer.js';
import { forceLogout } from './commands/force-logout.js';
import { forcePause } from './commands/force-pause.js';
import { hangUp } from './commands/hang-up.js';
import { holdCall } from './commands/hold-call.js';
import { logOut } from './commands/log-out.js';
import { muteCall } from './commands/mute-call.js';
import { unmuteCall } from './commands/unmute-call.js';
import { pauseAgent } from './commands/pause-agent.js';
import { queueLogin } from './commands/queue-login.js';
import { queueLogout } from './commands/queue-logout.js';
import { sendDtmf } from './commands/send-dtmf.js';
import { setDisposition } from './commands/set-disposition.js';
import { spyOnAgent } from './commands/spy-on-agent.js';
import { transferCallBlind } from './commands/transfer-call-blind.js';
import { unholdCall } from './commands/unhold-call.js';
import { unpauseAgent } from './commands/unpause-agent.js';
import type { CtiService } from './cti-service.js';

/** Every command by the name the socket event and the REST action use. */
export const COMMAND_HANDLERS: Record<CommandName, CommandHandler> = {
  hangUp,
  answer: answerCall,
  hold: holdCall,
  unhold: unholdCall,
  mute: muteCall,
  unmute: unmuteCall,
  sendDtmf,
  blindTransfer: transferCallBlind,
  attendedTransferConsult: consultTransfer,
  attendedTransferComplete: completeTransfer,
  attendedTransferCancel: cancelTransfer,
  clickToDial,
  queueLogin,
  queueLogout,
  pause: pauseAgent,
  unpause: unpauseAgent,
  logOut,
  setDisposition,
  supervisorListen: spyOnAgent('listen'),
  supervisorWhisper: spyOnAgent('whisper'),
  supervisorBarge: spyOnAgent('barge'),
  forcePause,
  forceLogout,
};

/** Any failure as the ack's error: a RingsideError keeps its code; anything else is a logged INTERNAL. */
export function failureOf(err: unknown, logger: Logger, what: string): CommandResult {
  if (isRingsideError(err)) {
    if (err.code === 'INTERNAL') logger.error(`${what} failed`, errorFields(err));
    const message = err.code === 'INTERNAL' ? 'internal error' : err.message;
    return { ok: false, error: { code: err.code, message, ...(err.issues ? { issues: err.issues } : {}) } };
  }
  logger.error(`${what} failed`, errorFields(err));
  return { ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
}

/** Runs a command by name for a user on this node's live state; never throws. */
export async function runCommand(service: CtiService, logger: Logger, user: SessionUser, name: string, payload: unknown): Promise<CommandResult> {
  try {
    if (!isCommandName(name)) throw new RingsideError('NOT_FOUND', `no command ${name}`);
    const data = await COMMAND_HANDLERS[name]({ user, service }, payload);
    return data === undefined ? { ok: true } : { ok: true, data };
  } catch (err) {
    return failureOf(err, logger, `command ${name}`);
  }
}
