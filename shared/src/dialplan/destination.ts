import { z } from 'zod';
import {
  endpointExtensionText,
  idText,
  mailboxText,
  phoneNumberText,
  soundFileText,
  stasisArgText,
  ttsText,
} from './text.js';

/** What a caller hears: recorded sound files (played in order) or text read by text-to-speech. */
export const promptSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('sound'),
    files: z
      .array(soundFileText)
      .min(1)
      .max(10)
      .describe('sound file names without extension, relative to the sounds folder (hello, custom/welcome), played in order'),
  }),
  z.strictObject({
    type: z.literal('tts'),
    text: ttsText.describe('text read by the Festival text-to-speech server; no commas'),
  }),
]);
/** A prompt (sound files or TTS text). */
export type Prompt = z.infer<typeof promptSchema>;

/** The kinds of place a call can be sent to. */
export const DESTINATION_TYPES = ['queue', 'ivr', 'extension', 'external', 'voicemail', 'hangup', 'stasis'] as const;

/** Where a call goes next: every route, menu option, overflow and closed branch ends in one of these. */
export const destinationSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('queue'),
    queue: idText.describe('name of a queue in `queues`'),
  }),
  z.strictObject({
    type: z.literal('ivr'),
    menu: idText.describe('id of a menu in `ivrMenus`'),
  }),
  z.strictObject({
    type: z.literal('extension'),
    extension: endpointExtensionText.describe('extension of an endpoint in `endpoints` (rings that phone)'),
  }),
  z.strictObject({
    type: z.literal('external'),
    number: phoneNumberText.describe('number dialled out through the trunk'),
    trunk: idText.describe('id of a trunk in `trunks`'),
    ringSeconds: z.number().int().min(5).max(600).default(60).describe('how long the far end may ring'),
  }),
  z.strictObject({
    type: z.literal('voicemail'),
    mailbox: mailboxText.describe('mailbox number as configured in voicemail.conf'),
    context: idText.default('default').describe('voicemail.conf context of the mailbox'),
  }),
  z.strictObject({ type: z.literal('hangup') }),
  z.strictObject({
    type: z.literal('stasis'),
    app: idText.describe('ARI application that takes the call (the CTI server registers `cti`)'),
    args: z.array(stasisArgText).max(8).default([]).describe('arguments the application receives in StasisStart'),
  }),
]);
/** A typed destination. */
export type Destination = z.infer<typeof destinationSchema>;
