import type { DialPlan } from '@ringside/shared';
import { header, toFile } from './conf-text.js';
import { switchPlan, tenantLabel, type RenderTenant, type SwitchPlan } from './switch-plan.js';

/** Looks up a secret value by reference; one per tenant, since each tenant names its own secrets. */
export type SecretLookup = (ref: string) => string;

function authLines(t: RenderTenant, secret: SecretLookup): string[] {
  const { plan, sw } = t;
  const entries = [
    ...[...plan.endpoints].sort((a, b) => a.extension.localeCompare(b.extension)).map((e) => ({ name: sw(e.extension), ref: e.passwordRef })),
    ...plan.trunks.flatMap((tr) => (tr.passwordRef ? [{ name: sw(tr.id), ref: tr.passwordRef }] : [])),
  ];
  return [
    ...(t.prefix === '' ? [] : ['', `; ${tenantLabel(t)}`]),
    // The SIP username is the switch name: phones of two tenants both "1001" log in as a-1001 and b-1001.
    ...entries.flatMap(({ name, ref }) => ['', `[${name}](ringside-auth)`, `username = ${name}`, `password = ${secret(ref)}`]),
  ];
}

/** ringside-pjsip-auth.conf of every tenant: `secrets[i]` resolves the references of `sp.tenants[i]`. */
export function renderTenantPjsipAuthConf(sp: SwitchPlan, secrets: readonly SecretLookup[]): string {
  return toFile([
    ...header(sp.title, 'SIP credentials (ringside-pjsip-auth.conf): SECRET, keep it out of version control'),
    ...sp.tenants.flatMap((t, i) => authLines(t, secrets[i]!)),
  ]);
}

/** ringside-pjsip-auth.conf: one auth section per endpoint and authenticating trunk (secrets). */
export function renderPjsipAuthConf(plan: DialPlan, secret: SecretLookup): string {
  return renderTenantPjsipAuthConf(switchPlan([{ prefix: '', plan }]), [secret]);
}

/** ringside-manager.conf: the AMI user of the CTI server (secret included). */
export function renderManagerConf(plan: DialPlan, secret: SecretLookup): string {
  return renderSwitchManagerConf(switchPlan([{ prefix: '', plan }]), secret);
}

/** ringside-manager.conf from the switch's system settings; `secret` resolves the first tenant's references. */
export function renderSwitchManagerConf(sp: SwitchPlan, secret: SecretLookup): string {
  const ami = sp.system.ami;
  return toFile([
    ...header(sp.title, 'AMI user (ringside-manager.conf): SECRET, keep it out of version control'),
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
export function renderAriConf(plan: DialPlan, secret: SecretLookup): string {
  return renderSwitchAriConf(switchPlan([{ prefix: '', plan }]), secret);
}

/** ringside-ari.conf from the switch's system settings; `secret` resolves the first tenant's references. */
export function renderSwitchAriConf(sp: SwitchPlan, secret: SecretLookup): string {
  const ari = sp.system.ari;
  return toFile([
    ...header(sp.title, `ARI user (ringside-ari.conf) for Stasis app '${ari.app}': SECRET, keep it out of version control`),
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
  return renderSwitchHttpConf(switchPlan([{ prefix: '', plan }]));
}

/** ringside-http.conf from the switch's system settings. */
export function renderSwitchHttpConf(sp: SwitchPlan): string {
  const http = sp.system.http;
  return toFile([
    ...header(sp.title, 'HTTP server (ringside-http.conf): ARI and ws:// on the plain port, https:// and wss:// on TLS'),
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
