import { z } from 'zod';
import { destinationSchema } from './destination.js';
import { extensionText, idText, labelText, numberPatternText } from './text.js';

/** A rule that sends calls arriving from a trunk to a destination. */
export const inboundRouteSchema = z.strictObject({
  id: idText.describe('stable id, written in the rendered NoOp'),
  name: labelText.describe('name shown to admins'),
  did: numberPatternText.describe('dialled number (DID) or Asterisk pattern (_50XX) the call arrived on'),
  callerPattern: numberPatternText
    .optional()
    .describe('only calls whose caller number matches this number or pattern (Asterisk caller ID matching)'),
  priority: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(100)
    .describe('lower first; two routes that can match the same call need different priorities'),
  scheduleId: idText.optional().describe('business hours that apply; closed calls go to the schedule closed branch'),
  destination: destinationSchema.describe('where matching calls go (while open)'),
});
/** An inbound route. */
export type InboundRoute = z.infer<typeof inboundRouteSchema>;

/** A number agents dial from their phones (feature code, queue, IVR, application). */
export const internalRouteSchema = z.strictObject({
  extension: extensionText.describe('what the agent dials (*1, 5000)'),
  name: labelText.describe('name shown to admins'),
  destination: destinationSchema.describe('where the call goes'),
});
/** An internal route. */
export type InternalRoute = z.infer<typeof internalRouteSchema>;
