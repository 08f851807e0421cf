import { z } from 'zod';
import { endpointExtensionText, hostText, idText, labelText, secretRefText, stasisArgText } from './text.js';

/** Audio codecs Ringside offers on endpoints, in preference order as listed. */
export const CODECS = ['opus', 'g722', 'ulaw', 'alaw'] as const;
/** An audio codec. */
export type Codec = (typeof CODECS)[number];

/** An agent's phone: one PJSIP endpoint + aor + auth, named after its extension. */
export const endpointSchema = z.strictObject({
  extension: endpointExtensionText.describe('extension; also the PJSIP endpoint, aor and auth name and the SIP username'),
  displayName: labelText.describe('caller ID name and queue member name'),
  passwordRef: secretRefText.describe('name of the SIP password in the secrets given at apply time'),
  webrtc: z
    .boolean()
    .default(false)
    .describe('a browser softphone (JsSIP over WSS): DTLS-SRTP, ICE, AVPF, rtcp-mux'),
  codecs: z.array(z.enum(CODECS)).min(1).max(4).default(['ulaw', 'alaw']).describe('allowed codecs, preferred first'),
  ringSeconds: z.number().int().min(5).max(300).default(30).describe('how long a direct call to this phone rings'),
});
/** An agent endpoint. */
export type Endpoint = z.infer<typeof endpointSchema>;

/** A SIP peer that carries external calls: inbound calls from it enter `ringside-inbound`. */
export const trunkSchema = z.strictObject({
  id: idText.describe('PJSIP endpoint/aor name of the trunk'),
  name: labelText.describe('human name for comments'),
  host: hostText
    .optional()
    .describe('host or IP of the far end (static contact); without it the far end registers to us'),
  port: z.number().int().min(1).max(65_535).default(5060).describe('SIP port of the far end'),
  contactUser: stasisArgText
    .optional()
    .describe('user part of the static contact URI (sip:<user>@host:port)'),
  passwordRef: secretRefText
    .optional()
    .describe('when set, the trunk must authenticate to us with username = id and this password'),
  codecs: z.array(z.enum(CODECS)).min(1).max(4).default(['ulaw', 'alaw']).describe('allowed codecs, preferred first'),
});
/** A trunk. */
export type Trunk = z.infer<typeof trunkSchema>;
