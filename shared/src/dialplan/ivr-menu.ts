import { z } from 'zod';
import { destinationSchema, promptSchema } from './destination.js';
import { idText, labelText } from './text.js';

/** The keys a caller can press for a menu option. */
export const IVR_DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;

/** What happens when the caller presses a wrong key, or nothing, too often. */
export const ivrRetrySchema = z.strictObject({
  attempts: z
    .number()
    .int()
    .min(1)
    .max(10)
    .default(3)
    .describe('how many times in a row this may happen; the last one sends the caller to `destination`'),
  prompt: promptSchema.optional().describe('played before the menu is repeated (e.g. "invalid option")'),
  destination: destinationSchema.describe('where the caller goes after the last attempt'),
});
/** Retry policy for invalid input or silence. */
export type IvrRetry = z.infer<typeof ivrRetrySchema>;

/** One key of a menu. */
export const ivrOptionSchema = z.strictObject({
  digit: z.enum(IVR_DIGITS).describe('key the caller presses'),
  destination: destinationSchema.describe('where that key sends the caller'),
});
/** A menu option. */
export type IvrOption = z.infer<typeof ivrOptionSchema>;

/** A voice menu: play a prompt, wait for a key, route by the key. */
export const ivrMenuSchema = z.strictObject({
  id: idText.describe('stable id; the menu renders as context `ringside-ivr-<id>`'),
  name: labelText.describe('name shown to admins and written in comments'),
  prompt: promptSchema.describe('the menu announcement'),
  options: z.array(ivrOptionSchema).max(12).describe('keys and where they lead'),
  timeoutSeconds: z.number().int().min(1).max(60).default(5).describe('how long to wait for a key after the prompt'),
  invalid: ivrRetrySchema.describe('a key that is no option (and no extension when direct dial is on)'),
  timeout: ivrRetrySchema.describe('no key pressed within `timeoutSeconds`'),
  allowDirectDial: z
    .boolean()
    .default(false)
    .describe('let callers dial an agent extension directly from this menu'),
});
/** An IVR menu. */
export type IvrMenu = z.infer<typeof ivrMenuSchema>;
