import type { DialPlan } from '@ringside/shared';
import { header, toFile } from './conf-text.js';

/** ringside-pjsip-auth.conf: one auth section per endpoint and authenticating trunk (secrets). */
export function renderPjsipAuthConf(plan: DialPlan, secret: (ref: string) => string): string {
  const entries = [
    ...[...plan.endpoints].sort((a, b) => a.extension.localeCompare(b.extension)).map((e) => ({ name: e.extension, ref: e.passwordRef })),
    ...plan.trunks.flatMap((t) => (t.passwordRef ? [{ name: t.id, ref: t.passwordRef }] : [])),
  ];
  return toFile([
    ...header(plan.name, 'SIP credentials (ringside-pjsip-auth.conf): SECRET, keep it out of version control'),
    ...entries.flatMap(({ name, ref }) => ['', `[${name}](ringside-auth)`, `username = ${name}`, `password = ${secret(ref)}`]),
  ]);
}

/** ringside-manager.conf: the AMI user of the CTI server (secret included). */
export function renderManagerConf(plan: DialPlan, secret: (ref: string) => string): string {
  const ami = plan.system.ami;
  return toFile([
    ...header(plan.name, 'AMI user (ringside-manager.conf): SECRET, keep it out of version control'),
    '',
    `[${ami.username}]`,
    `secret = ${secret(ami.secretRef)}`,
    'deny = 0.0.0.0/0.0.0.0',
    ...ami.permit.map((p) => `permit = ${p}`),
    'read = all',
    // What the CTI server sends: Originate, Redirect, transfers, Hangup, queue actions, MixMonitor, Command.
    'write = system,call,agent,user,config,command,reporting,originate',
    'writetimeout = 5000',
  ]);
}

/** ringside-ari.conf: the ARI user of the CTI server (password included). */
export function renderAriConf(plan: DialPlan, secret: (ref: string) => string): string {
  const ari = plan.system.ari;
  return toFile([
    ...header(plan.name, `ARI user (ringside-ari.conf) for Stasis app '${ari.app}': SECRET, keep it out of version control`),
    '',
    `[${ari.username}]`,
    'type = user',
    'read_only = no',
    `password = ${secret(ari.passwordRef)}`,
    'password_format = plain',
  ]);
}

/** ringside-http.conf: the [general] section of http.conf (ARI at /ari, SIP over WebSocket at /ws). */
export function renderHttpConf(plan: DialPlan): string {
  const http = plan.system.http;
  return toFile([
    ...header(plan.name, 'HTTP server (ringside-http.conf): ARI and ws:// on the plain port, https:// and wss:// on TLS'),
    '',
    '[general]',
    'enabled = yes',
    `bindaddr = ${http.bindAddress}`,
    `bindport = ${http.port}`,
    'enablestatic = no',
    ...(http.tls
      ? [
          'tlsenable = yes',
          `tlsbindaddr = ${http.tls.bindAddress.includes(':') ? `[${http.tls.bindAddress}]` : http.tls.bindAddress}:${http.tls.port}`,
          `tlscertfile = ${http.tls.certFile}`,
          `tlsprivatekey = ${http.tls.keyFile}`,
        ]
      : ['tlsenable = no']),
  ]);
}
