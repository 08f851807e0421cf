import { z } from 'zod';
import { destinationSchema } from './destination.js';
import { endpointExtensionText, idText } from './text.js';

/** app_queue ring strategies Ringside offers. */
export const QUEUE_STRATEGIES = ['ringall', 'rrmemory', 'leastrecent', 'fewestcalls', 'random', 'linear', 'wrandom'] as const;
/** A queue ring strategy. */
export type QueueStrategy = (typeof QUEUE_STRATEGIES)[number];

/** How an agent belongs to a queue: always (static, as queues.conf writes it) or when they log in (dynamic, QueueAdd). */
export const QUEUE_MEMBERSHIPS = ['static', 'dynamic'] as const;
/** A kind of queue membership. */
export type QueueMembershipKind = (typeof QUEUE_MEMBERSHIPS)[number];

/** An agent in a queue. */
export const queueMemberSchema = z.strictObject({
  extension: endpointExtensionText.describe('extension of an endpoint in `endpoints`'),
  penalty: z.number().int().min(0).max(100).default(0).describe('higher penalties ring only when lower ones are busy'),
  membership: z
    .enum(QUEUE_MEMBERSHIPS)
    .default('static')
    .describe('static: always in the queue (written in queues.conf; pauses, never logs out); dynamic: may log in and out from the console'),
});
/** A queue member. */
export type QueueMember = z.infer<typeof queueMemberSchema>;

/** A call queue (one section of queues.conf and one entry context). */
export const queueSchema = z.strictObject({
  name: idText.describe('queue name as app_queue and AMI know it; entry context `ringside-queue-<name>`'),
  strategy: z.enum(QUEUE_STRATEGIES).default('ringall').describe('how members are rung'),
  ringTimeoutSeconds: z.number().int().min(1).max(300).default(15).describe('how long one member rings (timeout)'),
  retrySeconds: z.number().int().min(0).max(300).default(5).describe('pause before ringing members again (retry)'),
  wrapUpSeconds: z.number().int().min(0).max(3600).default(0).describe('rest after a call before a member rings again'),
  maxWaitSeconds: z
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(300)
    .describe('longest time a caller waits before leaving for `overflow`'),
  overflow: destinationSchema
    .default({ type: 'hangup' })
    .describe('where a caller goes after `maxWaitSeconds`, or when the queue is full or may not be joined'),
  maxCallers: z.number().int().min(0).max(10_000).default(0).describe('callers waiting at most (0: no limit)'),
  serviceLevelSeconds: z.number().int().min(0).max(3600).default(60).describe('answer-time target for the service level figure'),
  members: z.array(queueMemberSchema).max(500).default([]).describe('the agents of the queue: static members always, dynamic ones when logged in; nobody else may log in'),
  musicOnHold: idText.default('default').describe('musiconhold.conf class played while waiting'),
  announcePosition: z.boolean().default(false).describe('tell callers their position'),
  announceFrequencySeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(0)
    .describe('how often position announcements repeat (0: only on joining)'),
  joinEmpty: z.boolean().default(true).describe('callers may join while no member can take calls'),
  leaveWhenEmpty: z.boolean().default(false).describe('waiting callers leave (to overflow) when no member is left'),
});
/** A queue. */
export type Queue = z.infer<typeof queueSchema>;
