import { z } from 'zod';
import { customSoundText } from './sounds.js';
import { filePathText, idText, ipAddressText, networkText, secretRefText } from './text.js';

/** The AMI user the CTI server logs in with (manager.conf). */
export const amiSettingsSchema = z.strictObject({
  username: idText.describe('AMI login name'),
  secretRef: secretRefText.describe('name of the AMI secret in the secrets given at apply time'),
  permit: z
    .array(networkText)
    .min(1)
    .max(20)
    .default(['127.0.0.1/255.255.255.255'])
    .describe('networks the user may log in from; everything else is denied'),
});

/** The ARI user and the Stasis application of the CTI server (ari.conf). */
export const ariSettingsSchema = z.strictObject({
  username: idText.describe('ARI user name'),
  passwordRef: secretRefText.describe('name of the ARI password in the secrets given at apply time'),
  app: idText.describe('Stasis application the CTI server registers (the default for stasis destinations)'),
});

/** TLS listener of the built-in HTTP server (https:// ARI and wss:// SIP). */
export const httpTlsSchema = z.strictObject({
  bindAddress: ipAddressText.default('0.0.0.0').describe('address the TLS listener binds'),
  port: z.number().int().min(1).max(65_535).default(8089).describe('TLS port (wss://host:port/ws)'),
  certFile: filePathText.describe('PEM certificate on the switch'),
  keyFile: filePathText.describe('PEM private key on the switch'),
});

/** The built-in HTTP server that carries ARI and SIP over WebSocket (http.conf). */
export const httpSettingsSchema = z.strictObject({
  bindAddress: ipAddressText.default('127.0.0.1').describe('address the plain HTTP listener binds'),
  port: z.number().int().min(1).max(65_535).default(8088).describe('plain HTTP port (ws://host:port/ws, /ari)'),
  tls: httpTlsSchema.optional().describe('TLS listener; required for browser softphones on https pages'),
});

/** Switch-wide settings. */
export const systemSettingsSchema = z.strictObject({
  ami: amiSettingsSchema,
  ari: ariSettingsSchema,
  http: httpSettingsSchema,
  outboundTrunk: idText
    .optional()
    .describe('trunk agents dial other numbers through; without it agents reach only internal numbers'),
  customSounds: z
    .array(customSoundText)
    .max(500)
    .default([])
    .describe('sounds uploaded to the switch (custom/<name>) that prompts may play besides the core sounds'),
});
/** Switch-wide settings. */
export type SystemSettings = z.infer<typeof systemSettingsSchema>;
