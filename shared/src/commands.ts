import { z } from 'zod';
import { QUEUE_MEMBERSHIPS } from './dialplan/queue.js';
import { notesText } from './validation.js';

// Every string here may end up in an AMI action or a dial plan variable, where CR/LF ends a
// header, `,` `|` `;` split application arguments and `${` expands variables. So each field
// is an allow-list pattern, never a deny-list; anything outside it is refused at the edge.

/** An Asterisk Uniqueid (`<epoch>.<sequence>`); a call's id is its Linkedid, which has the same form. */
export const callIdSchema = z.string().max(32).regex(/^\d+\.\d+$/, 'must be an Asterisk call id like 1795349593.1');

/** An internal extension: digits, `*` and `#`. */
export const extensionSchema = z.string().regex(/^[0-9*#]{1,20}$/, 'must be 1-20 of 0-9 * #');

/** A queue name as configured in the switch. */
export const queueNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 of A-Z a-z 0-9 _ -');

/** A phone number as typed: `+` (leading only), digits, spaces and ( ) - . ; the server normalises it to E.164. */
export const dialNumberSchema = z
  .string()
  .regex(/^\+?[0-9 ().-]{1,31}$/, 'must contain only a leading +, digits, spaces and ( ) - .')
  .refine((s) => (s.match(/\d/g) ?? []).length >= 2, { message: 'must contain at least 2 digits' });

/** DTMF digits to play into a call. */
export const dtmfDigitsSchema = z.string().regex(/^[0-9*#ABCD]{1,32}$/, 'must be 1-32 of 0-9 * # A B C D');

/** An agent's id (a UUID). */
export const agentIdSchema = z.uuid();

/** A pause reason: short single-line text; the server also checks it against the configured list. */
export const pauseReasonSchema = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _./-]{0,39}$/u, 'must be 1-40 letters, digits, spaces or _ . / -');

/** A disposition code as configured by an admin. */
export const dispositionCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 of A-Z a-z 0-9 _ -');

/** Where a transfer goes: an extension, a queue or an external number. */
export const transferTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('extension'), extension: extensionSchema }),
  z.strictObject({ kind: z.literal('queue'), queue: queueNameSchema }),
  z.strictObject({ kind: z.literal('external'), number: dialNumberSchema }),
]);
export type TransferTarget = z.infer<typeof transferTargetSchema>;

const onCall = z.strictObject({ callId: callIdSchema });
const onAgent = z.strictObject({ agentId: agentIdSchema });

/** Hang up the agent's side of a call. */
export const hangUpSchema = onCall;
/** Answer the call ringing on the agent's own phone (phones that take a remote answer). */
export const answerSchema = onCall;
/** Put the other party on hold. */
export const holdSchema = onCall;
/** Take the other party off hold. */
export const unholdSchema = onCall;
/** Mute the agent's microphone towards the call. */
export const muteSchema = onCall;
/** Unmute the agent's microphone. */
export const unmuteSchema = onCall;
/** Play DTMF digits into the call (IVRs of third parties). */
export const sendDtmfSchema = z.strictObject({ callId: callIdSchema, digits: dtmfDigitsSchema });
/** Transfer the caller without consulting. */
export const blindTransferSchema = z.strictObject({ callId: callIdSchema, target: transferTargetSchema });
/** Start a consultation call while the caller waits on hold. */
export const attendedTransferConsultSchema = z.strictObject({ callId: callIdSchema, target: transferTargetSchema });
/** Join the caller with the consulted party and leave. */
export const attendedTransferCompleteSchema = onCall;
/** Drop the consultation and return to the caller. */
export const attendedTransferCancelSchema = onCall;
/** Call a number from the agent's phone. */
export const clickToDialSchema = z.strictObject({ number: dialNumberSchema, customerId: z.uuid().optional() });
/** Join a queue as a member. */
export const queueLoginSchema = z.strictObject({ queue: queueNameSchema });
/** Leave a queue. */
export const queueLogoutSchema = z.strictObject({ queue: queueNameSchema });
/** A queue an agent may take calls from: static (always in it, pauses only) or dynamic (logs in and out). */
export const agentQueueSchema = z.strictObject({ queue: queueNameSchema, membership: z.enum(QUEUE_MEMBERSHIPS) });
/** A queue an agent may take calls from. */
export type AgentQueue = z.infer<typeof agentQueueSchema>;
/** GET /api/agent/queues: the queues of the live dial plan that list the signed-in agent; queueLogin refuses every other. */
export const agentQueuesSchema = z.strictObject({ queues: z.array(agentQueueSchema) });
/** The answer of GET /api/agent/queues. */
export type AgentQueues = z.infer<typeof agentQueuesSchema>;
/** Stop receiving queue calls, for a reason. */
export const pauseSchema = z.strictObject({ reason: pauseReasonSchema });
/** Receive queue calls again (also ends wrap-up early). */
export const unpauseSchema = z.strictObject({});
/** Sign out of the phone system: paused in every queue until the console signs in again; refused on a call. */
export const logOutSchema = z.strictObject({});
/** Record the outcome of a call during wrap-up; notes are stored, never sent to the switch. */
export const setDispositionSchema = z.strictObject({
  callId: callIdSchema,
  code: dispositionCodeSchema,
  notes: notesText(2000)
    .refine((s) => !s.includes('${'), { message: 'must not contain ${' })
    .optional(),
});
/** Supervisor: listen to an agent's call unheard. */
export const supervisorListenSchema = onAgent;
/** Supervisor: speak to the agent only. */
export const supervisorWhisperSchema = onAgent;
/** Supervisor: join the call, heard by both parties. */
export const supervisorBargeSchema = onAgent;
/** Supervisor: pause an agent. */
export const forcePauseSchema = z.strictObject({ agentId: agentIdSchema, reason: pauseReasonSchema });
/** Supervisor: log an agent out of every queue and the console. */
export const forceLogoutSchema = onAgent;

/** Every command, by the name used as Socket.IO event and REST action. */
export const commandSchemas = {
  hangUp: hangUpSchema,
  answer: answerSchema,
  hold: holdSchema,
  unhold: unholdSchema,
  mute: muteSchema,
  unmute: unmuteSchema,
  sendDtmf: sendDtmfSchema,
  blindTransfer: blindTransferSchema,
  attendedTransferConsult: attendedTransferConsultSchema,
  attendedTransferComplete: attendedTransferCompleteSchema,
  attendedTransferCancel: attendedTransferCancelSchema,
  clickToDial: clickToDialSchema,
  queueLogin: queueLoginSchema,
  queueLogout: queueLogoutSchema,
  pause: pauseSchema,
  unpause: unpauseSchema,
  logOut: logOutSchema,
  setDisposition: setDispositionSchema,
  supervisorListen: supervisorListenSchema,
  supervisorWhisper: supervisorWhisperSchema,
  supervisorBarge: supervisorBargeSchema,
  forcePause: forcePauseSchema,
  forceLogout: forceLogoutSchema,
} as const;

/** The name of a command. */
export type CommandName = keyof typeof commandSchemas;
/** Every command name, in a stable order. */
export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[];
/** The validated payload of command K. */
export type CommandPayload<K extends CommandName> = z.output<(typeof commandSchemas)[K]>;
/** What a client sends for command K. */
export type CommandInput<K extends CommandName> = z.input<(typeof commandSchemas)[K]>;

/** Commands only a supervisor (or admin) may send. */
export const SUPERVISOR_COMMANDS = [
  'supervisorListen',
  'supervisorWhisper',
  'supervisorBarge',
  'forcePause',
  'forceLogout',
] as const satisfies readonly CommandName[];

/** True when `name` is a known command. */
export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(commandSchemas, name);
}
